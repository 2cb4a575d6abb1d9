"""`eacademy timetable ctt solve FILE.ctt --seconds N --out SOLUTION` and
`eacademy timetable ctt validate FILE.ctt SOLUTION`: the solver and the validator on the
ITC-2007 instances, without Django or a database."""

import argparse
import sys
from pathlib import Path

from eacademy.timetable import ctt
from eacademy.timetable.solver import Problem, Task, solve


def problem_of(instance: ctt.Instance) -> Problem:
    curricula = instance.curricula_of()
    tasks = []
    for course in instance.courses.values():
        allowed = frozenset(p for p in range(instance.periods) if (course.id, p) not in instance.unavailable)
        tasks.append(Task(key=course.id, count=course.lectures, teacher=course.teacher, groups=tuple(curricula.get(course.id, ())),
                          students=course.students, min_days=course.min_days, periods=allowed))
    return Problem(days=instance.days, periods_per_day=instance.periods_per_day, rooms=dict(instance.rooms), tasks=tasks)


def assignments_of(instance: ctt.Instance, placements: list[tuple[str, int, str]]) -> list[ctt.Assignment]:
    ppd = instance.periods_per_day
    return [(course, room, period // ppd, period % ppd) for course, period, room in placements]


def _solve(args: argparse.Namespace) -> int:
    instance = ctt.load(args.instance)
    result = solve(problem_of(instance), seconds=args.seconds, workers=args.workers, seed=args.seed,
                   progress=(lambda cost, at: print(f"{at:7.1f} s  penalty {cost}", file=sys.stderr)) if args.verbose else None)
    if not result.placements:
        print(f"{instance.name}: no timetable ({result.status})" + (f"; conflicting: {', '.join(result.conflicts)}" if result.conflicts else ""))
        return 1
    assignments = assignments_of(instance, result.placements)
    args.out.write_text(ctt.write_solution(assignments), encoding="utf-8")
    report = ctt.validate(instance, assignments)
    print(f"{instance.name}: {result.status}, hard violations {sum(report.hard.values())}, penalty {report.penalty}, {result.seconds:.1f} s")
    return 0


def _validate(args: argparse.Namespace) -> int:
    instance = ctt.load(args.instance)
    report = ctt.validate(instance, ctt.read_solution(args.solution.read_text(encoding="utf-8"), instance))
    print(report.text())
    return 0 if report.feasible else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="eacademy timetable ctt", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    solve_parser = commands.add_parser("solve", help="timetable an instance")
    solve_parser.add_argument("instance", type=Path)
    solve_parser.add_argument("--seconds", type=float, default=300.0)
    solve_parser.add_argument("--workers", type=int, default=2)
    solve_parser.add_argument("--seed", type=int, default=0)
    solve_parser.add_argument("--out", type=Path, required=True)
    solve_parser.add_argument("--verbose", action="store_true", help="print each better timetable's penalty")
    solve_parser.set_defaults(run=_solve)
    validate_parser = commands.add_parser("validate", help="check a solution: hard violations and soft penalty by constraint")
    validate_parser.add_argument("instance", type=Path)
    validate_parser.add_argument("solution", type=Path)
    validate_parser.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (ctt.FormatError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
