"""300 listeners × 30 answers at once on the embedded SQLite database (see exam_burst)."""

from bench.exam_burst import run


def main() -> None:
    run("exam_burst_sqlite", None)
