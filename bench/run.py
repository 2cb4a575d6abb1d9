"""`make bench` runs every benchmark here; `make bench BENCH=name` runs one. Each runs in a
Python process of its own (some set Django up in process, on a database of their own)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ["home_page", "demo_load", "nominations_import", "exam_burst_sqlite", "exam_burst_postgres", "items_analyze", "certificates_batch", "dashboard_large", "ctt",
              "academy_term", "assessment_assignment", "campus_allocation", "event_badges", "statement_import", "assignment_burst", "similarity", "library_search"]


def main(names: list[str]) -> None:
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        raise SystemExit(f"unknown benchmark: {', '.join(sorted(unknown))}; choose from {', '.join(BENCHMARKS)}")
    failed = [name for name in names or BENCHMARKS
              if subprocess.run([sys.executable, "-c", f"import bench.{name} as b; b.main()"], cwd=ROOT, check=False).returncode != 0]
    if failed:
        raise SystemExit(f"benchmarks that did not finish: {', '.join(failed)}")


if __name__ == "__main__":
    main(sys.argv[1:])
