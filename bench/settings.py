"""Settings for benchmarks: the project's settings plus a minimal view to compare against."""

from eacademy.settings import *

ROOT_URLCONF = "bench.urls"
