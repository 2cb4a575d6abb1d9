"""The Academy's term as a solver problem, and the solver's answer as lessons.

- A period of the solver is a working day of the window (weekdays that are not days off) ×
  a period of the academic day; a `Teaching` is a task whose lessons lie within its course's
  days, outside its lecturer's unavailable days and, for an invited lecturer, in the slots he
  offered.
- Rooms: each group gets a home room (a classroom or hall with enough seats, free for its
  course's days: greedy colouring by start date), where its lectures and practicals go, so a
  group keeps its room by construction and the model stays small; a teaching that needs a
  special room (a computer class, a courtroom, a range) chooses among the rooms of that kind.
  A closed room is closed for those days.
- Re-planning takes the lessons already placed as the plan to repair: each one moved costs
  `Weights.moved`, so the solver moves only those that must move, and the lessons are updated
  in place (attendance and marks stay with them)."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from eacademy.core.history import system_user
from eacademy.core.models import User
from eacademy.core.services import notification_send
from eacademy.enrollment.models import Enrollment, Group
from eacademy.timetable import solver
from eacademy.timetable.models import (
    AvailableSlot,
    DayOff,
    LecturerLimits,
    Lesson,
    Period,
    Room,
    RoomClosure,
    Teaching,
    Unavailability,
)

REGULAR = (Room.Kind.LECTURE_HALL, Room.Kind.CLASSROOM)
DEFAULT_DAY_LIMIT = 3
DEFAULT_WEEK_LIMIT = 12


@dataclass
class Term:
    """The window's calendar and what the solver's keys stand for."""

    days: list[datetime.date]
    periods: list[Period]
    teachings: dict[str, Teaching] = field(default_factory=dict)
    rooms: dict[str, Room] = field(default_factory=dict)
    lecturers: dict[str, User] = field(default_factory=dict)

    def index(self, day: datetime.date, period_number: int) -> int | None:
        try:
            return self.days.index(day) * len(self.periods) + period_number - 1
        except ValueError:
            return None

    def starts_at(self, index: int) -> datetime.datetime:
        day, period = divmod(index, len(self.periods))
        return timezone.make_aware(datetime.datetime.combine(self.days[day], self.periods[period].starts))


def working_days(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    off = set(DayOff.objects.filter(date__range=(starts_on, ends_on)).values_list("date", flat=True))
    count = (ends_on - starts_on).days + 1
    return [d for d in (starts_on + datetime.timedelta(days=i) for i in range(count)) if d.weekday() < 5 and d not in off]


def _home_rooms(teachings: list[Teaching], sizes: dict[int, int], rooms: list[Room]) -> dict[int, Room]:
    """A room per group for its course's days, no two groups at once (greedy by start date)."""
    regular = sorted((r for r in rooms if r.kind in REGULAR), key=lambda r: (r.capacity, r.code))
    courses = {}
    for teaching in teachings:
        courses[teaching.group_id] = (teaching.offering.starts_on, teaching.offering.ends_on)
    busy_until: dict[int, datetime.date] = {}
    homes = {}
    for group_id, (starts, ends) in sorted(courses.items(), key=lambda item: (item[1][0], item[0])):
        for room in regular:
            if room.capacity >= sizes.get(group_id, 0) and busy_until.get(room.pk, datetime.date.min) < starts:
                homes[group_id] = room
                busy_until[room.pk] = ends
                break
    return homes


def build(starts_on: datetime.date, ends_on: datetime.date, *, repair: bool) -> tuple[solver.Problem, Term]:
    days = working_days(starts_on, ends_on)
    term = Term(days=days, periods=list(Period.objects.order_by("number")))
    ppd = len(term.periods)
    teachings = list(Teaching.objects.filter(offering__starts_on__lte=ends_on, offering__ends_on__gte=starts_on)
                     .select_related("offering", "group", "discipline", "lecturer").order_by("pk"))
    rooms = list(Room.objects.filter(is_active=True).order_by("code"))
    term.rooms = {r.code: r for r in rooms}
    group_ids = {t.group_id for t in teachings}
    enrolled = dict(Group.objects.filter(pk__in=group_ids).annotate(n=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.ENROLLED)))
                    .values_list("pk", "n"))
    groups_of = dict(Group.objects.filter(offering__in={t.offering_id for t in teachings}).values_list("offering_id").annotate(n=Count("pk"))
                     .values_list("offering_id", "n"))
    # a group not filled yet is taken as its share of the course's seats
    sizes = {t.group_id: enrolled.get(t.group_id) or t.offering.capacity // max(1, groups_of.get(t.offering_id, 1)) for t in teachings}
    homes = _home_rooms(teachings, sizes, rooms)
    lecturer_ids = {t.lecturer_id for t in teachings}
    unavailable: dict[int, set[int]] = defaultdict(set)
    for u in Unavailability.objects.filter(lecturer_id__in=lecturer_ids, starts_on__lte=ends_on, ends_on__gte=starts_on):
        for i, day in enumerate(days):
            if u.starts_on <= day <= u.ends_on:
                unavailable[u.lecturer_id].update(range(i * ppd, (i + 1) * ppd))
    offered: dict[int, set[int]] = defaultdict(set)
    for lecturer_id, date, number in AvailableSlot.objects.filter(lecturer_id__in=lecturer_ids, date__range=(starts_on, ends_on)).values_list(
            "lecturer_id", "date", "period__number"):
        index = term.index(date, number)
        if index is not None:
            offered[lecturer_id].add(index)
    limits = {l.lecturer_id: l for l in LecturerLimits.objects.filter(lecturer_id__in=lecturer_ids)}
    closed: set[tuple[int, str]] = set()
    for closure in RoomClosure.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).select_related("room"):
        for i, day in enumerate(days):
            if closure.starts_on <= day <= closure.ends_on:
                closed.update((p, closure.room.code) for p in range(i * ppd, (i + 1) * ppd))
    placed: dict[int | None, list[Lesson]] = defaultdict(list)
    for lesson in Lesson.objects.filter(teaching__in=teachings).select_related("room"):
        placed[lesson.teaching_id].append(lesson)
    tasks = []
    previous: dict[str, list[tuple[int, str]]] = {}
    for teaching in teachings:
        key = f"t{teaching.pk}"
        term.teachings[key] = teaching
        lecturer = f"u{teaching.lecturer_id}"
        term.lecturers[lecturer] = teaching.lecturer
        course_days = [i for i, d in enumerate(days) if teaching.offering.starts_on <= d <= teaching.offering.ends_on]
        periods = {i * ppd + p for i in course_days for p in range(ppd)} - unavailable[teaching.lecturer_id]
        limit = limits.get(teaching.lecturer_id)
        if limit is not None and limit.invited:
            periods &= offered[teaching.lecturer_id]
        allowed: tuple[str, ...]
        if teaching.room_kind in REGULAR and teaching.group_id in homes:
            allowed = (homes[teaching.group_id].code,)
        else:
            kinds = REGULAR if teaching.room_kind in REGULAR else (teaching.room_kind,)
            allowed = tuple(r.code for r in rooms if r.kind in kinds and r.capacity >= sizes[teaching.group_id])
        pinned = []
        for lesson in placed[teaching.pk]:
            index = term.index(timezone.localtime(lesson.starts_at).date(), _period_number(term, lesson))
            if index is None or lesson.room is None:
                continue
            if lesson.pinned:
                pinned.append((index, lesson.room.code))
            elif repair:
                previous.setdefault(key, []).append((index, lesson.room.code))
        allowed += tuple(sorted({room for _p, room in pinned} - set(allowed)))  # a pinned lesson keeps its room, whatever its kind
        periods |= {p for p, _room in pinned}
        tasks.append(solver.Task(key=key, count=teaching.lessons, teacher=lecturer, groups=(f"g{teaching.group_id}",), students=sizes[teaching.group_id],
                                 min_days=min(len(course_days), teaching.lessons), periods=frozenset(periods), rooms=allowed,
                                 after=f"t{teaching.after_id}" if teaching.after_id else "", pinned=tuple(pinned)))
    weeks = [day.isocalendar()[1] for day in days]
    problem = solver.Problem(
        days=len(days), periods_per_day=ppd, rooms={r.code: r.capacity for r in rooms}, tasks=tasks,
        teacher_day_limit={f"u{i}": (limits[i].per_day if i in limits else DEFAULT_DAY_LIMIT) for i in lecturer_ids},
        teacher_week_limit={f"u{i}": (limits[i].per_week if i in limits else DEFAULT_WEEK_LIMIT) for i in lecturer_ids},
        week_of_day=weeks, closed=frozenset(closed), previous=previous,
        weights=solver.Weights(capacity=1, min_days=1, compactness=2, room_stability=0, moved=100),
    )
    return problem, term


def _period_number(term: Term, lesson: Lesson) -> int:
    start = timezone.localtime(lesson.starts_at).time()
    for period in term.periods:
        if period.starts == start:
            return period.number
    return 0


@dataclass
class Outcome:
    status: str
    placed: int
    moved: int
    penalty: int | None
    seconds: float
    conflicts: list[str]


def _describe(reason: str, term: Term) -> str:
    """A requirement of the core, in a methodologist's words."""
    kind, _sep, subject = reason.partition(":")
    if subject in term.teachings:
        teaching = term.teachings[subject]
        what = f"{teaching.offering.version.programme.name_ru}, {teaching.group}, {teaching.discipline}, {teaching.get_kind_display()}"
    elif subject in term.lecturers:
        what = term.lecturers[subject].get_full_name() or term.lecturers[subject].username
    else:
        what = subject
    return {
        "count": _("all %(what)s lessons must fit into the course's days, the lecturer's available time and free rooms") % {"what": what},
        "teacher": _("%(what)s cannot teach two lessons at once") % {"what": what},
        "teacher_day": _("%(what)s teaches no more lessons a day than his limit") % {"what": what},
        "teacher_week": _("%(what)s teaches no more lessons a week than his limit") % {"what": what},
        "group": _("the group's lessons cannot overlap (%(what)s)") % {"what": what},
        "order": _("the practicals come after the lectures of their topic (%(what)s)") % {"what": what},
        "pinned": _("the pinned lessons stay where they are (%(what)s)") % {"what": what},
    }.get(kind, reason)


@transaction.atomic
def apply(result: solver.Result, term: Term, *, repair: bool) -> tuple[int, list[Lesson]]:
    """Write the placements as lessons: a re-plan updates the lessons that moved in place; a new
    plan replaces the teachings' unpinned lessons. Returns the lessons placed and those moved."""
    by_task: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, period, room in result.placements:
        by_task[key].append((period, room))
    existing: dict[int | None, list[Lesson]] = defaultdict(list)
    for lesson in Lesson.objects.filter(teaching__in=[t.pk for t in term.teachings.values()]).select_related("room").order_by("starts_at", "pk"):
        existing[lesson.teaching_id].append(lesson)
    created, changed = [], []
    for key, teaching in term.teachings.items():
        wanted = sorted(by_task[key])
        lessons = existing[teaching.pk]
        where = {lesson.pk: (term.index(timezone.localtime(lesson.starts_at).date(), _period_number(term, lesson)), lesson.room.code if lesson.room else "")
                 for lesson in lessons}
        kept = [lesson for lesson in lessons if lesson.pinned or where[lesson.pk] in wanted]
        free = [slot for slot in wanted if slot not in {where[lesson.pk] for lesson in kept}]
        movable = [lesson for lesson in lessons if lesson not in kept]
        if not repair:
            Lesson.objects.filter(pk__in=[lesson.pk for lesson in movable]).delete()
            movable = []
        for lesson, (period, room) in zip(movable, free, strict=False):
            lesson.starts_at, lesson.room = term.starts_at(period), term.rooms[room]
            changed.append(lesson)
        for period, room in free[len(movable):]:
            created.append(Lesson(offering=teaching.offering, group=teaching.group, discipline=teaching.discipline, starts_at=term.starts_at(period),
                                  minutes=80, kind=teaching.kind, lecturer=teaching.lecturer, room=term.rooms[room], teaching=teaching))
    solver = system_user()  # the task worker runs the solver: its lessons are the system's work
    bulk_update_with_history(changed, Lesson, ["starts_at", "room"], batch_size=1000, default_user=solver, default_change_reason="timetable re-planned")
    bulk_create_with_history(created, Lesson, batch_size=1000, default_user=solver, default_change_reason="timetable planned")
    return len(result.placements), changed


def notify(moved: list[Lesson]) -> None:
    """Tell the lecturers and listeners of moved lessons."""
    users: dict[int, User] = {}
    for lesson in moved:
        if lesson.lecturer is not None:
            users[lesson.lecturer.pk] = lesson.lecturer
    group_ids = {lesson.group_id for lesson in moved if lesson.group_id}
    for user in User.objects.filter(person__enrollments__group_id__in=group_ids, person__enrollments__status=Enrollment.Status.ENROLLED).distinct():
        users[user.pk] = user
    for user in users.values():
        notification_send(user=user, message=lambda: _("Your timetable has changed: some lessons have moved."), url="/timetable/my/")


def plan(starts_on: datetime.date, ends_on: datetime.date, *, repair: bool = False, seconds: float = 120, workers: int = 2,
         progress: Callable[[int, float], None] | None = None) -> Outcome:
    problem, term = build(starts_on, ends_on, repair=repair)
    result = solver.solve(problem, seconds=seconds, workers=workers, progress=progress)
    if not result.placements:
        return Outcome(result.status, 0, 0, None, result.seconds, [_describe(reason, term) for reason in result.conflicts])
    placed, moved = apply(result, term, repair=repair)
    if repair and moved:
        notify(moved)
    return Outcome(result.status, placed, len(moved), result.penalty, result.seconds, [])
