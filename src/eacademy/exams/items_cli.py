"""`eacademy items analyze RESPONSES.csv --json`: item analysis of legacy results (one row per
attempt, one column per question, scores in [0, 1], blank = unanswered). It needs no database,
so `eacademy` runs it without starting Django: the whole command stays under a second of CPU
on 10,000 × 100."""

import argparse
import dataclasses
import json
import os
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="eacademy items", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    analyze = sub.add_parser("analyze", help="print the per-test and per-question figures")
    analyze.add_argument("responses")
    analyze.add_argument("--json", action="store_true", help="one JSON document (the only output form)")
    options = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no BLAS-heavy work: idle BLAS threads only burn CPU
    from eacademy.exams import analysis

    try:
        with open(options.responses, encoding="utf-8-sig") as file:
            header, scores = analysis.read_csv(file.read())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"eacademy items: {options.responses}: {exc}", file=sys.stderr)
        return 2
    result = analysis.analyse(scores)
    items = [{"column": name, **dataclasses.asdict(figures)} for name, figures in zip(header, result["items"], strict=True)]
    json.dump({"test": result["test"], "items": items, "rasch_method": result["rasch_method"]}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
