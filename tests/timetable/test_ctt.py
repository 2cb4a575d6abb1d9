"""The ITC-2007 format and validator on hand-made cases whose violations and penalties are
worked out by hand with the competition's rules (UD2 weights); the solver on a small instance."""

import pytest

from eacademy.timetable import ctt
from eacademy.timetable.ctt_cli import assignments_of, main, problem_of
from eacademy.timetable.solver import solve

TINY = """Name: Tiny
Courses: 3
Rooms: 2
Days: 2
Periods_per_day: 3
Curricula: 1
Constraints: 1

COURSES:
a ta 2 2 30
b tb 2 1 50
c ta 1 1 10

ROOMS:
big 40
small 20

CURRICULA:
q1 2 a b

UNAVAILABILITY_CONSTRAINTS:
c 1 2

END.
"""


@pytest.fixture
def tiny() -> ctt.Instance:
    return ctt.read_instance(TINY)


def _check(instance: ctt.Instance, lines: str) -> ctt.Report:
    return ctt.validate(instance, ctt.read_solution(lines, instance))


def test_the_instance_is_read(tiny):
    assert (tiny.days, tiny.periods_per_day, tiny.periods) == (2, 3, 6)
    assert tiny.courses["b"] == ctt.Course("b", "tb", 2, 1, 50)
    assert tiny.rooms == {"big": 40, "small": 20} and tiny.curricula == {"q1": ["a", "b"]}
    assert tiny.unavailable == {("c", 5)}


def test_a_perfect_timetable_costs_only_what_it_must(tiny):
    # a on both days in big (30 ≤ 40), b right after a on day 0 in big (50 > 40: 10 over each), c alone
    report = _check(tiny, "a big 0 0\nb big 0 1\na big 1 0\nb big 1 1\nc small 0 2\n")
    assert report.feasible
    # capacity: b twice 10 over = 20; min days: none short; compactness: q1 has lectures at 0-0, 0-1, 1-0, 1-1: none isolated;
    # room stability: every course one room
    assert report.soft == {"RoomCapacity": 20, "MinWorkingDays": 0, "CurriculumCompactness": 0, "RoomStability": 0}


def test_each_soft_constraint_by_hand(tiny):
    report = _check(tiny, "a big 0 0\na small 0 2\nb big 1 0\nb big 1 2\nc small 1 1\n")
    # capacity: a in small 30-20 = 10, b in big twice 10 each = 20 → 30
    # min days: a on one day, needs 2 → 1 day short × 5 = 5
    # compactness: q1 at 0-0, 0-2, 1-0, 1-2: all four isolated → 4 × 2 = 8
    # stability: a in two rooms → 1
    assert report.feasible
    assert report.soft == {"RoomCapacity": 30, "MinWorkingDays": 5, "CurriculumCompactness": 8, "RoomStability": 1}
    assert report.penalty == 44


def test_each_hard_constraint_by_hand(tiny):
    report = _check(tiny, "a big 0 0\nb small 0 0\nb small 0 0\nc big 1 2\nc big 0 1\n")
    # Lectures: a has 1 of 2 (1 short); b twice in one period (1); c has 2 of 1 (1 over) → 3
    # Conflicts: a and b in one curriculum at 0-0 → 2 pairs (b twice); a and c share a teacher but differ in period → 0
    # Availability: c at day 1 period 2 → 1; RoomOccupation: small at 0-0 twice → 1
    assert report.hard == {"Lectures": 3, "Conflicts": 2, "Availability": 1, "RoomOccupation": 1}
    assert not report.feasible


@pytest.mark.parametrize(("text", "message"), [
    (TINY.replace("Courses: 3", "Courses: 4"), "COURSES: 3 lines, the header says 4"),
    (TINY.replace("a ta 2 2 30", "a ta two 2 30"), "a course is"),
    (TINY.replace("q1 2 a b", "q1 2 a z"), "unknown course z"),
    (TINY.replace("c 1 2", "c 7 2"), "out of range"),
    ("Name: x\n", "the header needs"),
])
def test_a_broken_instance_is_refused_with_its_line(text, message):
    with pytest.raises(ctt.FormatError, match=message):
        ctt.read_instance(text)


def test_a_broken_solution_is_refused(tiny):
    with pytest.raises(ctt.FormatError, match="line 2: unknown course or room"):
        ctt.read_solution("a big 0 0\nzz big 0 1\n", tiny)


def test_the_solver_finds_the_optimum_of_the_tiny_instance(tiny):
    result = solve(problem_of(tiny), seconds=20, workers=1)
    assignments = assignments_of(tiny, result.placements)
    report = ctt.validate(tiny, assignments)
    assert result.status == "optimal" and report.feasible
    assert report.penalty == result.penalty == 20  # b (50 students) cannot avoid a room of 40, twice


def test_the_command_line_solves_and_validates(tmp_path, capsys, tiny):
    instance = tmp_path / "tiny.ctt"
    instance.write_text(TINY)
    solution = tmp_path / "tiny.sol"
    assert main(["solve", str(instance), "--seconds", "10", "--workers", "1", "--out", str(solution)]) == 0
    assert main(["validate", str(instance), str(solution)]) == 0
    out = capsys.readouterr().out
    assert "Total hard violations: 0" in out and "Total soft cost: 20" in out
    solution.write_text("a big 0 0\n")
    assert main(["validate", str(instance), str(solution)]) == 1
    assert main(["validate", str(tmp_path / "missing.ctt"), str(solution)]) == 2


def test_big_instances_go_through_both_phases_and_the_neighbourhood_search(tiny, monkeypatch):
    from eacademy.timetable import solver

    monkeypatch.setattr(solver, "TWO_PHASES_FROM", 0)  # treat the tiny instance as a big one
    result = solve(problem_of(tiny), seconds=12, workers=1)
    report = ctt.validate(tiny, assignments_of(tiny, result.placements))
    assert result.status == "feasible" and report.feasible and report.penalty == result.penalty == 20
