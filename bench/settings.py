"""Settings for benchmarks: the project's settings plus a minimal view to compare against."""

from eacademy.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
