"""The timetable solver on the ITC-2007 curriculum-based instances (`../shared/data/ctt/`): each
instance for a fixed time (CTT_SECONDS, default 300) on 2 workers, validated by our validator;
per instance feasibility, penalty, best-known penalty and their ratio; the mean ratio on
comp01–comp07 (target ≤ 1.5)."""

import os

from bench.common import ROOT, report
from eacademy.timetable import ctt
from eacademy.timetable.ctt_cli import assignments_of, problem_of
from eacademy.timetable.solver import solve

BENCH = "ctt"
DATA = ROOT.parent / "shared" / "data" / "ctt"


def main() -> None:
    seconds = float(os.environ.get("CTT_SECONDS", "300"))
    best = {name: int(value) for name, value in (line.split() for line in (DATA / "best-known.txt").read_text().splitlines() if line.strip())}
    ratios = []
    for path in sorted(DATA.glob("*.ctt")):
        instance = ctt.load(path)
        result = solve(problem_of(instance), seconds=seconds, workers=2)
        verdict = ctt.validate(instance, assignments_of(instance, result.placements))
        feasible = bool(result.placements) and verdict.feasible
        name = path.stem
        report(BENCH, f"{name}_feasible", float(feasible), "bool", "1", feasible)
        report(BENCH, f"{name}_penalty", verdict.penalty if feasible else -1, "penalty", f"best known {best.get(name, '?')}", feasible)
        if feasible and name in best:
            ratio = verdict.penalty / best[name] if best[name] else float(verdict.penalty == 0)
            ratios.append(ratio)
            report(BENCH, f"{name}_ratio_to_best_known", ratio, "ratio", "informational", True)
    mean = sum(ratios) / len(ratios) if ratios else float("inf")
    report(BENCH, "mean_ratio_comp01_07", mean, "ratio", "<= 1.5", mean <= 1.5 and len(ratios) == 7)


if __name__ == "__main__":
    main()
