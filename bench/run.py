"""`make bench` runs every benchmark here; `make bench BENCH=name` runs one."""

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
BENCHMARKS = ["home_page", "demo_load", "nominations_import", "exam_burst_sqlite", "exam_burst_postgres", "items_analyze", "certificates_batch", "dashboard_large", "ctt", "academy_term", "assessment_assignment", "campus_allocation"]


def main(names: list[str]) -> None:
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        raise SystemExit(f"unknown benchmark: {', '.join(sorted(unknown))}; choose from {', '.join(BENCHMARKS)}")
    for name in names or BENCHMARKS:
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
