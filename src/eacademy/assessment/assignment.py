"""Which experts rate which candidate in which exercise: OR-Tools CP-SAT on a neutral problem.

Hard: each candidate is rated in each exercise by exactly k experts; never by an expert with a
declared conflict of interest; never by an expert who dropped out (except what he has already
rated, which stays); each expert sees a candidate in at most ⌈k·exercises / experts⌉ exercises,
so a candidate meets as many different experts as there are; ratings already given stay.

Soft, in this order of weight: when re-solving, as many assignments kept as possible; experts' loads even
(the largest less the smallest); and pairs rotating (cross-assessment): the most often any two
experts rate the same candidate in the same exercise is as small as it can be."""

import math
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

Slot = tuple[str, str, str]  # candidate, exercise, expert

WEIGHT_CHANGED, WEIGHT_SPREAD, WEIGHT_PAIR = 100, 10, 3


@dataclass
class Problem:
    candidates: list[str]
    exercises: list[str]
    experts: list[str]  # those who may still get candidates
    k: int = 2
    conflicts: frozenset[tuple[str, str]] = frozenset()  # (expert, candidate)
    fixed: frozenset[Slot] = frozenset()  # already rated: stays, whoever the expert
    previous: frozenset[Slot] = frozenset()  # the plan being repaired

    @property
    def per_candidate(self) -> int:
        """How many of a candidate's exercises one expert may rate."""
        return max(1, math.ceil(self.k * len(self.exercises) / max(1, len(self.experts))))


@dataclass
class Plan:
    status: str  # "optimal", "feasible", "infeasible", "unknown"
    slots: list[Slot]
    seconds: float
    loads: dict[str, int] = field(default_factory=dict)
    most_together: int = 0  # the most often two experts rate together
    changed: int = 0  # slots of the previous plan not kept
    shortages: list[tuple[str, str]] = field(default_factory=list)  # (candidate, exercise) short of experts, when infeasible


def assign(problem: Problem, *, seconds: float = 30.0, workers: int = 2) -> Plan:
    """The model chooses a team of k experts for each candidate and exercise (a variable per
    admissible team), so that how often two experts rate together is a plain sum of team
    variables: far stronger than pairing single assignments."""
    started = time.monotonic()
    shortages = _shortages(problem)
    if shortages:
        return Plan("infeasible", [], time.monotonic() - started, shortages=shortages)
    model = cp_model.CpModel()
    teams: dict[tuple[str, str, tuple[str, ...]], cp_model.IntVar] = {}
    for c in problem.candidates:
        free = [x for x in problem.experts if (x, c) not in problem.conflicts]
        for e in problem.exercises:
            rated = tuple(sorted({x for c2, e2, x in problem.fixed if (c2, e2) == (c, e)}))
            options = [tuple(sorted(rated + rest)) for rest in combinations([x for x in free if x not in rated], problem.k - len(rated))]
            for team in options:
                teams[c, e, team] = model.new_bool_var("")
            model.add_exactly_one(teams[c, e, team] for team in options)
    by_expert: dict[str, list[cp_model.IntVar]] = {x: [] for x in problem.experts}
    by_meeting: dict[tuple[str, str], list[cp_model.IntVar]] = {}
    by_pair: dict[tuple[str, str], list[cp_model.IntVar]] = {}
    for (c, e, team), var in teams.items():
        for x in team:
            if x in by_expert:
                by_expert[x].append(var)
            if (c, e, x) not in problem.fixed:
                by_meeting.setdefault((c, x), []).append(var)
        for pair in combinations(team, 2):
            by_pair.setdefault(pair, []).append(var)
    for variables in by_meeting.values():
        if len(variables) > problem.per_candidate:
            model.add(sum(variables) <= problem.per_candidate)
    total = len(problem.candidates) * len(problem.exercises)
    most, least, together = (model.new_int_var(0, total, name) for name in ("most", "least", "together"))
    loads = [model.new_int_var(0, total, f"load[{x}]") for x in by_expert]
    for load, variables in zip(loads, by_expert.values(), strict=True):
        model.add(load == sum(variables))
    if loads:
        model.add_max_equality(most, loads)
        model.add_min_equality(least, loads)
    for variables in by_pair.values():
        model.add(together >= sum(variables))
    # every candidate and exercise brings C(k, 2) pairs: no plan does better than spreading them evenly (lets the search stop there)
    model.add(together >= math.ceil(total * math.comb(problem.k, 2) / max(1, len(by_pair))))
    start = set(first_plan(problem, list(teams)))
    for key, var in teams.items():
        model.add_hint(var, key in start)
    start_loads = Counter(x for _c, _e, team in start for x in team if x in by_expert)
    for load, x in zip(loads, by_expert, strict=True):
        model.add_hint(load, start_loads[x])
    if loads:
        model.add_hint(most, max(start_loads[x] for x in by_expert))
        model.add_hint(least, min(start_loads[x] for x in by_expert))
    model.add_hint(together, max(Counter(pair for _c, _e, team in start for pair in combinations(team, 2)).values(), default=0))
    kept = [var for (c, e, team), var in teams.items() for x in team if (c, e, x) in problem.previous and (c, e, x) not in problem.fixed]
    model.minimize(-WEIGHT_CHANGED * sum(kept) + WEIGHT_SPREAD * (most - least) + WEIGHT_PAIR * together)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    name = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible"}.get(status, "unknown")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Plan(name, [], time.monotonic() - started)
    slots = sorted((c, e, x) for (c, e, team), var in teams.items() if solver.value(var) for x in team)
    loads_found = Counter(x for _c, _e, x in slots if x in by_expert)
    return Plan(name, slots, time.monotonic() - started, loads={x: loads_found[x] for x in problem.experts},
                most_together=max(together_counts(slots).values(), default=0), changed=len(problem.previous - set(slots)))


def first_plan(problem: Problem, keys: list[tuple[str, str, tuple[str, ...]]]) -> list[tuple[str, str, tuple[str, ...]]]:
    """A first plan to start the search from: candidate by candidate, the admissible team whose
    members have rated least, together least, and this candidate least."""
    options: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for c, e, team in keys:
        options.setdefault((c, e), []).append(team)
    loads: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    meetings: Counter[tuple[str, str]] = Counter()
    chosen = []
    for (c, e), teams in options.items():
        team = min(teams, key=lambda t: (-sum((c, e, x) in problem.previous for x in t), sum(meetings[c, x] >= problem.per_candidate for x in t),
                                         max((pairs[pair] for pair in combinations(t, 2)), default=0), sum(loads[x] for x in t), t))
        chosen.append((c, e, team))
        for x in team:
            loads[x] += 1
            meetings[c, x] += 1
        pairs.update(combinations(team, 2))
    return chosen


def _shortages(problem: Problem) -> list[tuple[str, str]]:
    """(candidate, exercise) that cannot get k experts: too few without conflicts (the usual reason a plan is impossible)."""
    short = []
    for c in problem.candidates:
        free = [x for x in problem.experts if (x, c) not in problem.conflicts]
        for e in problem.exercises:
            rated = {x for c2, e2, x in problem.fixed if (c2, e2) == (c, e)}
            if len(rated | set(free)) < problem.k:
                short.append((c, e))
    return short


def together_counts(slots: list[Slot]) -> Counter[tuple[str, str]]:
    by_item: dict[tuple[str, str], list[str]] = {}
    for c, e, x in slots:
        by_item.setdefault((c, e), []).append(x)
    return Counter(pair for experts in by_item.values() for pair in combinations(sorted(experts), 2))


def violations(problem: Problem, slots: list[Slot]) -> list[str]:
    """Every hard requirement the slots break, in words (independent of the model: tests use it)."""
    found = []
    count = Counter((c, e) for c, e, _x in slots)
    for c in problem.candidates:
        for e in problem.exercises:
            if count[c, e] != problem.k:
                found.append(f"{c} in {e}: {count[c, e]} experts, not {problem.k}")
    allowed = set(problem.experts)
    for c, e, x in slots:
        if (c, e, x) in problem.fixed:
            continue
        if (x, c) in problem.conflicts:
            found.append(f"{x} rates {c} despite a conflict of interest")
        if x not in allowed:
            found.append(f"{x} is not available but rates {c} in {e}")
    found += [f"{slot} was rated but is gone" for slot in problem.fixed - set(slots)]
    meetings = Counter((c, x) for c, _e, x in slots if (c, _e, x) not in problem.fixed)
    found += [f"{x} rates {c} in {n} exercises (at most {problem.per_candidate})" for (c, x), n in meetings.items() if n > problem.per_candidate]
    if len(slots) != len(set(slots)):
        found.append("an expert twice on the same candidate and exercise")
    return found
