"""Settings for benchmarks: the project's settings plus a minimal view to compare against."""

from pathlib import Path

from eacademy.settings import *

ROOT_URLCONF = "bench.urls"

TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
