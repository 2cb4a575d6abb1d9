"""Must show 2: on a 60-candidate, 12-expert, 4-exercise session with declared conflicts the
plan breaks no requirement (checked by an independent counter, not by the model), loads are
even and pairs rotate; when an expert drops out only his unrated assignments move."""

import random
from collections import Counter

import pytest

from eacademy.assessment.assignment import Problem, assign, violations

CANDIDATES = [f"C{i:02}" for i in range(60)]
EXPERTS = [f"X{i:02}" for i in range(12)]
EXERCISES = ["case", "in-basket", "drafting", "role-play"]


@pytest.fixture(scope="module")
def session():
    rng = random.Random(11)
    conflicts = frozenset((rng.choice(EXPERTS), rng.choice(CANDIDATES)) for _ in range(40))
    problem = Problem(CANDIDATES, EXERCISES, EXPERTS, k=2, conflicts=conflicts)
    return problem, assign(problem, seconds=60)


def test_every_requirement_holds(session):
    problem, plan = session
    assert plan.status in ("optimal", "feasible")
    assert violations(problem, plan.slots) == []
    assert len(plan.slots) == 60 * 4 * 2
    assert not {(x, c) for c, _e, x in plan.slots} & problem.conflicts
    # a candidate meets eight different experts in his four exercises
    assert all(len({x for c2, _e, x in plan.slots if c2 == c}) == 8 for c in CANDIDATES)


def test_loads_are_even_and_pairs_rotate(session):
    _problem, plan = session
    loads = Counter(x for _c, _e, x in plan.slots)
    assert max(loads.values()) - min(loads.values()) <= 1
    together = Counter(tuple(sorted(x for c2, e2, x in plan.slots if (c2, e2) == (c, e))) for c in CANDIDATES for e in EXERCISES)
    assert max(together.values()) == plan.most_together <= 5  # 240 pairs over 66 couples: 4 at best
    assert len(together) >= 50  # most couples of experts rate together at least once


def test_an_expert_dropping_out_moves_only_his_unrated_assignments(session):
    problem, plan = session
    rated = frozenset(slot for slot in plan.slots if slot[0] < "C15")  # the first fifteen candidates are rated already
    repaired = assign(Problem(CANDIDATES, EXERCISES, EXPERTS[1:], 2, problem.conflicts, fixed=rated, previous=frozenset(plan.slots)), seconds=60)
    must_move = {slot for slot in plan.slots if slot[2] == "X00" and slot not in rated}
    assert violations(Problem(CANDIDATES, EXERCISES, EXPERTS[1:], 2, problem.conflicts, fixed=rated), repaired.slots) == []
    assert set(plan.slots) - set(repaired.slots) == must_move
    assert rated <= set(repaired.slots)  # his ratings given stay


def test_too_many_conflicts_are_named():
    conflicts = frozenset((x, "C00") for x in EXPERTS[:11])
    plan = assign(Problem(CANDIDATES[:3], EXERCISES[:1], EXPERTS, k=2, conflicts=conflicts), seconds=5)
    assert plan.status == "infeasible" and plan.shortages == [("C00", "case")]


def test_the_checker_sees_each_broken_requirement():
    problem = Problem(["A", "B"], ["e"], ["x", "y", "z"], k=2, conflicts=frozenset({("x", "A")}))
    broken = violations(problem, [("A", "e", "x"), ("A", "e", "y"), ("B", "e", "w"), ("B", "e", "z")])
    assert any("conflict" in v for v in broken) and any("not available" in v for v in broken)
    assert violations(problem, [("A", "e", "y")]) == ["A in e: 1 experts, not 2", "B in e: 0 experts, not 2"]
