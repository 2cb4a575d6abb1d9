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

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
    def __init__(self, report: Callable[[int, float], None]) -> None:
        super().__init__()
        self.report = report

    def on_solution_callback(self) -> None:
        self.report(int(self.objective_value), self.wall_time)


def _allowed_periods(problem: Problem, task: Task) -> list[int]:
    return sorted(task.periods) if task.periods is not None else list(range(problem.periods))


def build(problem: Problem, explain: bool = False) -> tuple[cp_model.CpModel, dict, dict, dict[int, str]]:
    """The model, its x and y variables, and (when `explain`) the requirement behind each assumption literal."""
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
        if weights.room_stability and len(rooms) > 1:
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
            for k in keys:
                for p in _allowed_periods(problem, tasks[k]):
                    by_week[problem.week_of_day[p // ppd]].append(x[k, p])
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
    model.minimize(sum(costs))
    return model, x, y, reasons


def solve(problem: Problem, *, seconds: float, workers: int = 2, seed: int = 0, progress: Callable[[int, float], None] | None = None,
          hint: Iterable[Placement] = ()) -> Result:
    """Solve within `seconds`; on an infeasible problem, find the requirements that conflict."""
    model, x, y, _reasons = build(problem)
    for key, period, room in hint:
        if (key, period, room) in y:
            model.add_hint(y[key, period, room], 1)
            model.add_hint(x[key, period], 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model, _Progress(progress) if progress else None)
    name = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible"}.get(status, "unknown")
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        placements = [(key, p, r) for (key, p, r), var in y.items() if solver.value(var)]
        return Result(name, sorted(placements), int(solver.objective_value), solver.wall_time)
    conflicts = explain(problem, seconds=max(5.0, seconds / 4), workers=workers) if status == cp_model.INFEASIBLE else []
    return Result(name, [], None, solver.wall_time, conflicts)


def explain(problem: Problem, *, seconds: float, workers: int = 2) -> list[str]:
    """The requirements that cannot all hold: each is guarded by an assumption, and CP-SAT names a
    set of assumptions that is infeasible on its own (a core), as `kind:subject` strings."""
    model, _x, _y, reasons = build(problem, explain=True)
    model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1  # assumptions' cores need the sequential search
    if solver.solve(model) != cp_model.INFEASIBLE:
        return []
    return sorted(reasons[index] for index in solver.sufficient_assumptions_for_infeasibility())
