"""Must show 2: the experts' assignment of a 60-candidate, 12-expert, 4-exercise session (k = 2,
40 declared conflicts) by CP-SAT on 2 workers: its solve time, every requirement checked by the
independent checker, loads and pair rotation against their lower bounds; then an expert drops
out after a quarter of the candidates are rated, and the re-solve's time and changes. Baseline
in the same run: the greedy first plan the solver starts from (its time, and how much better
the solver's plan is)."""

import math
import random
import time
from collections import Counter
from itertools import combinations

from bench.common import report
from eacademy.assessment.assignment import Problem, assign, first_plan, together_counts, violations

BENCH = "assessment_assignment"


def main() -> None:
    rng = random.Random(5)
    candidates = [f"C{i:02}" for i in range(60)]
    experts = [f"X{i:02}" for i in range(12)]
    exercises = ["case", "in-basket", "drafting", "role-play"]
    conflicts = frozenset((rng.choice(experts), rng.choice(candidates)) for _ in range(40))
    problem = Problem(candidates, exercises, experts, k=2, conflicts=conflicts)

    started = time.perf_counter()
    keys = [(c, e, team) for c in candidates for e in exercises for team in combinations([x for x in experts if (x, c) not in conflicts], 2)]
    greedy = [(c, e, x) for c, e, team in first_plan(problem, keys) for x in team]
    greedy_seconds = time.perf_counter() - started
    plan = assign(problem, seconds=30, workers=2)
    broken = violations(problem, plan.slots)
    loads = Counter(x for _c, _e, x in plan.slots)
    pairs_bound = math.ceil(len(candidates) * len(exercises) / math.comb(len(experts), 2))
    report(BENCH, "solve_seconds", plan.seconds, "s", "<= 30 (the service's limit)", plan.seconds <= 30 and plan.status in ("optimal", "feasible"))
    report(BENCH, "status_optimal", float(plan.status == "optimal"), "bool", "informational", True)
    report(BENCH, "violations", len(broken), "count", "0", not broken)
    report(BENCH, "load_spread", max(loads.values()) - min(loads.values()), "assignments", "<= 1", max(loads.values()) - min(loads.values()) <= 1)
    report(BENCH, "most_together", plan.most_together, "times", f"<= {pairs_bound + 1} (lower bound {pairs_bound})", plan.most_together <= pairs_bound + 1)
    report(BENCH, "greedy_seconds", greedy_seconds, "s", "informational", True)
    report(BENCH, "greedy_most_together", max(together_counts(greedy).values()), "times", "informational", True)

    rated = frozenset(slot for slot in plan.slots if slot[0] < "C15")
    repaired = assign(Problem(candidates, exercises, experts[1:], 2, conflicts, fixed=rated, previous=frozenset(plan.slots)), seconds=30, workers=2)
    must_move = {slot for slot in plan.slots if slot[2] == experts[0] and slot not in rated}
    report(BENCH, "resolve_seconds", repaired.seconds, "s", "<= 30", repaired.seconds <= 30)
    report(BENCH, "resolve_changed_over_needed", repaired.changed / max(1, len(must_move)), "ratio", "1.0", repaired.changed == len(must_move))


if __name__ == "__main__":
    main()
