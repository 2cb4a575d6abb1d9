"""The timetable solver: OR-Tools CP-SAT on a neutral problem, shared by the Academy's terms and
the ITC-2007 instances (`ctt.py`).

A *task* is a set of interchangeable lessons to place (a course's lectures, a discipline's
lectures or practicals for a group): `count` lessons in distinct periods, each in one room.

Hard: a task's lessons in its allowed periods and rooms; no two lessons of a group (ITC:
curriculum) or a teacher in one period; one lesson per room and period; pinned lessons stay;
where a task must follow another (practicals after the lectures of their topic), all its lessons
come after all of the other's; a teacher's lessons per day at most his limit.

Soft, weighted (`Weights`, ITC-2007 UD2 by default): students over a room's seats (1 each);
days short of a task's minimum spread (5 each); a group's isolated lesson, with no lesson of the
group in the period before or after it that day (2 each); rooms beyond the first for a task (1
each); and, when re-planning, each lesson moved from where it was (`Weights.moved`, large, so
only lessons that must move do).

Model: x[t, p] a lesson of t in period p; y[t, p, r] that lesson in room r. A task's room
count, days used and a group's isolated periods are auxiliary booleans bounded by x and y."""

import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Weights:
    capacity: int = 1
    min_days: int = 5
    compactness: int = 2
    room_stability: int = 1
    moved: int = 1000


@dataclass
class Task:
    key: str
    count: int
    teacher: str = ""
    groups: tuple[str, ...] = ()
    students: int = 0
    min_days: int = 0
    periods: frozenset[int] | None = None  # allowed periods; None: all
    rooms: tuple[str, ...] | None = None  # allowed rooms; None: all
    after: str = ""  # every lesson after every lesson of this task
    pinned: tuple[tuple[int, str], ...] = ()  # (period, room) that must stay


@dataclass
class Problem:
    days: int
    periods_per_day: int
    rooms: dict[str, int]  # id → seats
    tasks: list[Task]
    teacher_day_limit: dict[str, int] = field(default_factory=dict)
    teacher_week_limit: dict[str, int] = field(default_factory=dict)
    week_of_day: list[int] = field(default_factory=list)  # day → week, for the weekly limits
    closed: frozenset[tuple[int, str]] = frozenset()  # (period, room) out of use
    previous: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # task → (period, room) of the plan being repaired
    weights: Weights = Weights()

    @property
    def periods(self) -> int:
        return self.days * self.periods_per_day


Placement = tuple[str, int, str]  # task, period, room


@dataclass
class Result:
    status: str  # "optimal", "feasible", "infeasible", "unknown"
    placements: list[Placement]
    penalty: int | None
    seconds: float
    conflicts: list[str] = field(default_factory=list)  # for an infeasible problem: the requirements that cannot hold together


class _Progress(cp_model.CpSolverSolutionCallback):
    """Keeps the best penalty so far; CP-SAT calls it from its own threads."""

    def __init__(self) -> None:
        super().__init__()
        self.best: tuple[int, float] | None = None

    def on_solution_callback(self) -> None:
        self.best = (int(self.objective_value), self.wall_time)


def _allowed_periods(problem: Problem, task: Task) -> list[int]:
    return sorted(task.periods) if task.periods is not None else list(range(problem.periods))


@dataclass
class Built:
    model: cp_model.CpModel
    x: dict[tuple[str, int], cp_model.IntVar]
    y: dict[tuple[str, int, str], cp_model.IntVar]
    reasons: dict[int, str]  # assumption literal → requirement
    penalty: cp_model.LinearExprT  # the soft penalty, without the counted rooms' estimate


def build(problem: Problem, explain: bool = False, counted_rooms: bool = False) -> Built:
    """The model, its x and y variables, and (when `explain`) the requirement behind each assumption literal.

    With `counted_rooms` (every task may use every room) there are no y: each period holds no more
    lessons than rooms, and the seats are approximated by counting, per period, the lessons too big
    for all but the largest k rooms; `_rooms` then picks the rooms for the periods found."""
    model = cp_model.CpModel()
    weights = problem.weights
    ppd = problem.periods_per_day
    x: dict[tuple[str, int], cp_model.IntVar] = {}
    y: dict[tuple[str, int, str], cp_model.IntVar] = {}
    reasons: dict[int, str] = {}
    guards: dict[str, cp_model.IntVar] = {}

    def guard(reason: str) -> list[cp_model.IntVar]:
        """An assumption literal per requirement, so that an infeasible core names them."""
        if not explain:
            return []
        if reason not in guards:
            literal = model.new_bool_var(reason)
            guards[reason] = literal
            reasons[literal.index] = reason
            model.add_assumption(literal)
        return [guards[reason]]

    costs: list[cp_model.LinearExprT] = []
    approximate: list[cp_model.LinearExprT] = []  # the seats' estimate of counted rooms, left out of the penalty
    by_group: dict[str, list[str]] = defaultdict(list)
    by_teacher: dict[str, list[str]] = defaultdict(list)
    tasks = {t.key: t for t in problem.tasks}
    for task in problem.tasks:
        periods = _allowed_periods(problem, task)
        rooms = list(task.rooms) if task.rooms is not None else list(problem.rooms)
        for group in task.groups:
            by_group[group].append(task.key)
        if task.teacher:
            by_teacher[task.teacher].append(task.key)
        for p in periods:
            x[task.key, p] = model.new_bool_var(f"x[{task.key},{p}]")
            if counted_rooms:
                continue
            for r in rooms:
                if (p, r) in problem.closed:
                    continue
                y[task.key, p, r] = model.new_bool_var(f"y[{task.key},{p},{r}]")
                over = task.students - problem.rooms[r]
                if over > 0 and weights.capacity:
                    costs.append(weights.capacity * over * y[task.key, p, r])
            model.add(sum(y[task.key, p, r] for r in rooms if (task.key, p, r) in y) == x[task.key, p])
        model.add(sum(x[task.key, p] for p in periods) == task.count).only_enforce_if(guard(f"count:{task.key}"))
        for period, room in task.pinned:
            if (task.key, period, room) in y:
                model.add(y[task.key, period, room] == 1).only_enforce_if(guard(f"pinned:{task.key}"))
            else:
                model.add_bool_or([]).only_enforce_if(guard(f"pinned:{task.key}"))  # pinned where it may not be
        # rooms beyond the first
        if weights.room_stability and len(rooms) > 1 and not counted_rooms:
            used = []
            for r in rooms:
                u = model.new_bool_var(f"u[{task.key},{r}]")
                for p in periods:
                    if (task.key, p, r) in y:
                        model.add_implication(y[task.key, p, r], u)
                used.append(u)
            extra = model.new_int_var(0, len(rooms), f"extra_rooms[{task.key}]")
            model.add(extra >= sum(used) - 1)
            costs.append(weights.room_stability * extra)
        # minimum working days
        if task.min_days > 1 and weights.min_days:
            days_used = []
            for day in range(problem.days):
                in_day = [x[task.key, p] for p in periods if p // ppd == day]
                if in_day:
                    d = model.new_bool_var(f"d[{task.key},{day}]")
                    model.add(d <= sum(in_day))
                    days_used.append(d)
            short = model.new_int_var(0, task.min_days, f"short[{task.key}]")
            model.add(short >= task.min_days - sum(days_used))
            costs.append(weights.min_days * short)
        # moved from the plan being repaired
        for period, room in problem.previous.get(task.key, []):
            if (task.key, period, room) in y:
                costs.append(weights.moved * (1 - y[task.key, period, room]))
            else:
                costs.append(weights.moved)
    if counted_rooms:
        capacities = sorted(problem.rooms.values(), reverse=True)
        for p in range(problem.periods):
            here = [(task, x[task.key, p]) for task in problem.tasks if (task.key, p) in x]
            if len(here) > len(capacities):
                model.add(sum(var for _t, var in here) <= len(capacities))
            for k in range(1, len(capacities)):  # more lessons too big for the (k+1)-th room than the k largest rooms
                if capacities[k] == capacities[k - 1]:
                    continue
                big = [var for task, var in here if task.students > capacities[k]]
                if len(big) > k:
                    excess = model.new_int_var(0, len(big), f"excess[{p},{k}]")
                    model.add(excess >= sum(big) - k)
                    approximate.append(weights.capacity * (capacities[k - 1] - capacities[k]) * excess)
    # one lesson per room and period
    by_room_period: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for (_key, p, r), var in y.items():
        by_room_period[r, p].append(var)
    for variables in by_room_period.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    # a group's and a teacher's lessons never overlap
    active: dict[tuple[str, int], cp_model.LinearExprT] = {}
    for group, keys in by_group.items():
        for p in range(problem.periods):
            variables = [x[k, p] for k in keys if (k, p) in x]
            if len(variables) > 1:
                model.add(sum(variables) <= 1).only_enforce_if(guard(f"group:{group}"))
            if variables:
                active[group, p] = sum(variables)
    for teacher, keys in by_teacher.items():
        limit = problem.teacher_day_limit.get(teacher)
        for p in range(problem.periods):
            variables = [x[k, p] for k in keys if (k, p) in x]
            if len(variables) > 1:
                model.add(sum(variables) <= 1).only_enforce_if(guard(f"teacher:{teacher}"))
        if limit:
            for day in range(problem.days):
                variables = [x[k, p] for k in keys for p in range(day * ppd, (day + 1) * ppd) if (k, p) in x]
                if len(variables) > limit:
                    model.add(sum(variables) <= limit).only_enforce_if(guard(f"teacher_day:{teacher}"))
        weekly = problem.teacher_week_limit.get(teacher)
        if weekly and problem.week_of_day:
            by_week: dict[int, list[cp_model.IntVar]] = defaultdict(list)
            for key in keys:
                for p in _allowed_periods(problem, tasks[key]):
                    by_week[problem.week_of_day[p // ppd]].append(x[key, p])
            for variables in by_week.values():
                if len(variables) > weekly:
                    model.add(sum(variables) <= weekly).only_enforce_if(guard(f"teacher_week:{teacher}"))
    # isolated lessons of a group
    if weights.compactness:
        for group in by_group:
            for p in range(problem.periods):
                if (group, p) not in active:
                    continue
                neighbours = [active[group, q] for q in (p - 1, p + 1) if q // ppd == p // ppd and 0 <= q < problem.periods and (group, q) in active]
                isolated = model.new_bool_var(f"iso[{group},{p}]")
                model.add(isolated + cp_model.LinearExpr.sum(neighbours) >= active[group, p])
                costs.append(weights.compactness * isolated)
    # precedence: every lesson of a task after every lesson of the task it follows
    for task in problem.tasks:
        if task.after and task.after in tasks:
            boundary = model.new_int_var(0, problem.periods, f"boundary[{task.key}]")
            for p in _allowed_periods(problem, tasks[task.after]):
                model.add(boundary >= p + 1).only_enforce_if([x[task.after, p], *guard(f"order:{task.key}")])
            for p in _allowed_periods(problem, task):
                model.add(boundary <= p).only_enforce_if([x[task.key, p], *guard(f"order:{task.key}")])
    model.minimize(cp_model.LinearExpr.sum(costs) + cp_model.LinearExpr.sum(approximate))
    return Built(model, x, y, reasons, cp_model.LinearExpr.sum(costs))


TWO_PHASES_FROM = 10_000  # room variables from which periods and rooms are chosen one after the other
# shares of the time in two phases: periods with the rooms counted, then a search on those periods,
# then rooms for them (at most ROOMS_SHARE), then a search on the whole timetable with what is left
PERIODS_SHARE = 0.25
PERIODS_SEARCH_SHARE = 0.25
ROOMS_SHARE = 0.1


def _run(model: cp_model.CpModel, seconds: float, workers: int, seed: int, progress: Callable[[int, float], None] | None
         ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if progress is None:
        return solver, solver.solve(model)
    # solve in a thread and report from the caller's thread (which may use the database) once a second
    callback = _Progress()
    outcome: list[cp_model.CpSolverStatus] = []
    thread = threading.Thread(target=lambda: outcome.append(solver.solve(model, callback)), daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(timeout=1.0)
        if callback.best is not None:
            progress(*callback.best)
    return solver, outcome[0]


def _rooms(problem: Problem, periods: dict[str, list[int]], seconds: float, workers: int, seed: int) -> list[Placement]:
    """The second phase: rooms for lessons whose periods are fixed (seats and room stability)."""
    model = cp_model.CpModel()
    weights = problem.weights
    tasks = {t.key: t for t in problem.tasks}
    y: dict[tuple[str, int, str], cp_model.IntVar] = {}
    costs = []
    for key, chosen in periods.items():
        used = {r: model.new_bool_var(f"u[{key},{r}]") for r in problem.rooms}
        for p in chosen:
            for r, seats in problem.rooms.items():
                y[key, p, r] = var = model.new_bool_var(f"y[{key},{p},{r}]")
                model.add_implication(var, used[r])
                if tasks[key].students > seats:
                    costs.append(weights.capacity * (tasks[key].students - seats) * var)
            model.add_exactly_one(y[key, p, r] for r in problem.rooms)
        extra = model.new_int_var(0, len(used), f"extra[{key}]")
        model.add(extra >= sum(used.values()) - 1)
        costs.append(weights.room_stability * extra)
    by_room_period: dict[tuple[int, str], list[cp_model.IntVar]] = defaultdict(list)
    for (_key, p, r), var in y.items():
        by_room_period[p, r].append(var)
    for variables in by_room_period.values():
        model.add_at_most_one(variables)
    model.minimize(sum(costs))
    solver, status = _run(model, seconds, workers, seed, None)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("no rooms for the periods found")  # cannot happen: each period holds no more lessons than rooms
    return sorted(key for key, var in y.items() if solver.value(var))


def solve(problem: Problem, *, seconds: float, workers: int = 2, seed: int = 0, progress: Callable[[int, float], None] | None = None,
          hint: Iterable[Placement] = ()) -> Result:
    """Solve within `seconds`; on an infeasible problem, find the requirements that conflict.

    A big problem whose tasks may use any room (the ITC-2007 instances) is solved in phases (see
    the shares above): CP-SAT on the whole model with two workers makes little progress there,
    while small neighbourhoods of a good timetable are solved to optimality in a second."""
    room_variables = sum(len(_allowed_periods(problem, t)) * len(t.rooms or problem.rooms) for t in problem.tasks)
    two_phases = (room_variables >= TWO_PHASES_FROM and all(t.rooms is None and not t.pinned for t in problem.tasks)
                  and not problem.closed and not problem.previous)
    built = build(problem, counted_rooms=two_phases)
    for key, period, room in hint:
        if (key, period, room) in built.y:
            built.model.add_hint(built.y[key, period, room], 1)
        if (key, period) in built.x:
            built.model.add_hint(built.x[key, period], 1)
    solver, status = _run(built.model, seconds * PERIODS_SHARE if two_phases else seconds, workers, seed, progress)
    name = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible"}.get(status, "unknown")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        conflicts = explain(problem, seconds=max(5.0, seconds / 4), workers=workers) if status == cp_model.INFEASIBLE else []
        return Result(name, [], None, solver.wall_time, conflicts)
    if not two_phases:
        placements = [(key, p, r) for (key, p, r), var in built.y.items() if solver.value(var)]
        return Result(name, sorted(placements), int(solver.objective_value), solver.wall_time)
    chosen = {key: bool(solver.value(var)) for key, var in built.x.items()}
    chosen = improve_periods(problem, built, chosen, solver.objective_value, seconds=seconds * PERIODS_SEARCH_SHARE, workers=workers, seed=seed)
    periods: dict[str, list[int]] = defaultdict(list)
    for (key, p), on in chosen.items():
        if on:
            periods[key].append(p)
    started = time.monotonic()
    placements = _rooms(problem, periods, seconds * ROOMS_SHARE, workers, seed)
    left = seconds * (1 - PERIODS_SHARE - PERIODS_SEARCH_SHARE) - (time.monotonic() - started)
    placements, penalty = improve(problem, placements, seconds=left, workers=workers, seed=seed)
    return Result("feasible", placements, penalty, seconds)


def _related(problem: Problem) -> dict[str, set[str]]:
    """Each task's tasks sharing a group or a teacher with it."""
    by_resource: dict[str, set[str]] = defaultdict(set)
    for t in problem.tasks:
        for resource in (*(f"group:{g}" for g in t.groups), f"teacher:{t.teacher}" if t.teacher else ""):
            if resource:
                by_resource[resource].add(t.key)
    related: dict[str, set[str]] = defaultdict(set)
    for keys in by_resource.values():
        for key in keys:
            related[key] |= keys - {key}
    return related


def _neighbourhood(problem: Problem, rng: random.Random, size: int, related: dict[str, set[str]], seeds: Iterable[str]) -> set[str]:
    """Tasks to free: `seeds`, then tasks related to those already freed (now and then any task), up to `size`."""
    free = set(seeds)
    while len(free) < min(size, len(problem.tasks)):
        near = sorted(set().union(*(related[k] for k in free)) - free) if free else []
        free.add(rng.choice(near) if near and rng.random() < 0.7 else rng.choice(problem.tasks).key)
    return free


def _resize(size: int, status: cp_model.CpSolverStatus, most: int) -> int:
    """Neighbourhoods grow while they are solved to optimality and shrink when time runs out."""
    return min(size + 1, most) if status == cp_model.OPTIMAL else max(4, size - 2)


def improve_periods(problem: Problem, built: Built, chosen: dict[tuple[str, int], bool], objective: float, *, seconds: float, workers: int,
                    seed: int) -> dict[tuple[str, int], bool]:
    """Large-neighbourhood search on the periods, in the first phase's model (rooms counted).
    Half of the neighbourhoods free a group's tasks and related ones; the other half free every
    lesson of two days within those days (which rearranges days: compactness and spread). All
    other periods are fixed in a copy of the model, cheap without rooms; a periods' assignment no
    worse than the current one is kept."""
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    groups = sorted({g for t in problem.tasks for g in t.groups})
    by_group = {g: [t.key for t in problem.tasks if g in t.groups] for g in groups}
    related = _related(problem)
    size = 8
    while time.monotonic() < deadline - 0.5:
        free: set[str] = set()
        window: set[int] = set()
        if groups and rng.random() < 0.5:
            free = _neighbourhood(problem, rng, size, related, by_group[rng.choice(groups)])
        else:
            days = rng.sample(range(problem.days), min(2, problem.days))
            window = {p for p in range(problem.periods) if p // problem.periods_per_day in days}
        model = built.model.clone()
        model.clear_hints()
        for (key, p), var in built.x.items():
            value = int(chosen[key, p])
            if key not in free and p not in window:
                domain = model.proto.variables[var.index].domain
                domain[0] = domain[1] = value
            model.add_hint(var, value)
        solver, status = _run(model, min(2.0, deadline - time.monotonic()), workers, rng.randrange(1 << 30), None)
        if free:
            size = _resize(size, status, len(problem.tasks))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value <= objective:
            objective = solver.objective_value
            chosen = {key: bool(solver.value(var)) for key, var in built.x.items()}
    return chosen


def improve(problem: Problem, placements: list[Placement], *, seconds: float, workers: int, seed: int) -> tuple[list[Placement], int]:
    """Large-neighbourhood search on the whole timetable: free a few tasks (a group's, or tasks
    spread over several rooms, and related ones), keep all others where they are (sometimes
    freeing the rooms, not the periods, of lessons sharing a period with the freed ones), and let
    CP-SAT re-place them, rooms and periods together; keep the timetable whenever it is no worse.
    Each sub-problem is small, so the rooms' stability the first phase could not see is repaired
    piece by piece. Returns the timetable and its penalty."""
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    groups = sorted({g for t in problem.tasks for g in t.groups})
    by_group = {g: [t.key for t in problem.tasks if g in t.groups] for g in groups}
    related = _related(problem)
    size = 10
    penalty = None
    first = True
    while first or time.monotonic() < deadline - 1:
        where: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for key, p, r in placements:
            where[key].append((p, r))
        scattered = [key for key, lessons in where.items() if len({r for _p, r in lessons}) > 1]  # tasks in more than one room
        kind = rng.random()
        if first:  # nothing freed: the current timetable's penalty
            free: set[str] = set()
        elif kind < 0.35 and groups:
            free = _neighbourhood(problem, rng, size, related, by_group[rng.choice(groups)])
        else:
            free = _neighbourhood(problem, rng, size, related, rng.sample(scattered, min(3, len(scattered))))
        busy = {p for k in free for p, _r in where[k]} if kind >= 0.7 else set()
        tasks = []
        for t in problem.tasks:
            if t.key in free:
                tasks.append(t)
                continue
            rooms_free = any(p in busy for p, _r in where[t.key])
            tasks.append(replace(t, periods=frozenset(p for p, _r in where[t.key]),
                                 rooms=None if rooms_free else tuple(sorted({r for _p, r in where[t.key]})),
                                 pinned=tuple((p, r) for p, r in where[t.key] if p not in busy)))
        built = build(replace(problem, tasks=tasks))
        for key, p, r in placements:
            if (key, p, r) in built.y:
                built.model.add_hint(built.y[key, p, r], 1)
        solver, status = _run(built.model, 10.0 if first else min(3.0, deadline - time.monotonic()), workers, rng.randrange(1 << 30), None)
        if not first:
            size = _resize(size, status, len(problem.tasks))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and (penalty is None or solver.objective_value <= penalty):
            placements = sorted(key for key, var in built.y.items() if solver.value(var))
            penalty = int(solver.objective_value)
        first = False
    assert penalty is not None, "a complete timetable is its own solution"
    return placements, penalty


def explain(problem: Problem, *, seconds: float, workers: int = 2) -> list[str]:
    """The requirements that cannot all hold: each is guarded by an assumption, and CP-SAT names a
    set of assumptions that is infeasible on its own (a core), as `kind:subject` strings."""
    built = build(problem, explain=True)
    model, reasons = built.model, built.reasons
    model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1  # assumptions' cores need the sequential search
    if solver.solve(model) != cp_model.INFEASIBLE:
        return []
    return sorted(reasons[index] for index in solver.sufficient_assumptions_for_infeasibility())
