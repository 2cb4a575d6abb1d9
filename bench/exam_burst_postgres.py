"""300 listeners × 30 answers at once on PostgreSQL 15 (see exam_burst)."""

from bench.exam_burst import postgres, run


def main() -> None:
    with postgres() as url:
        run("exam_burst_postgres", url)
