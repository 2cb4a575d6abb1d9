"""Timetable actions: a solver run queued for the task worker, and a lesson moved by hand,
checked against the hard constraints first."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import require_role
from eacademy.enrollment.models import Enrollment, Group
from eacademy.staff import queries as staff_queries
from eacademy.timetable import planner
from eacademy.timetable.models import (
    AvailableSlot,
    DayOff,
    LecturerLimits,
    Lesson,
    Period,
    Room,
    RoomClosure,
    Teaching,
    TimetableRun,
    Unavailability,
)
from eacademy.timetable.rules import LESSON_WRITERS, PLANNERS

MAX_SECONDS = 600


@transaction.atomic
def run_create(*, actor: User, starts_on: datetime.date, ends_on: datetime.date, repair: bool, seconds: int) -> TimetableRun:
    require_role(actor, PLANNERS)
    _check_window(starts_on, ends_on)
    if not 5 <= seconds <= MAX_SECONDS:
        raise DomainError({"seconds": [_("Give the solver between 5 and %(max)s seconds.") % {"max": MAX_SECONDS}]})
    if TimetableRun.objects.filter(status__in=[TimetableRun.Status.QUEUED, TimetableRun.Status.RUNNING]).exists():
        raise DomainError(_("Another timetable is being computed: wait for it to finish."))
    run = TimetableRun.objects.create(starts_on=starts_on, ends_on=ends_on, repair=repair, seconds=seconds, requested_by=actor)
    from eacademy.timetable.tasks import run_solver

    transaction.on_commit(lambda: run_solver.enqueue(run.pk))
    return run


def timetable_plan(*, starts_on: datetime.date, ends_on: datetime.date, seconds: float) -> planner.Outcome:
    """Place these weeks' lessons now, in this process (the demo's term; the pages go through a run)."""
    return planner.plan(starts_on, ends_on, seconds=seconds)


def run_execute(run_id: int) -> TimetableRun:
    """The worker's part: solve, reporting the best penalty as it improves, and write the lessons."""
    run = TimetableRun.objects.get(pk=run_id)
    if run.status != TimetableRun.Status.QUEUED:
        return run
    TimetableRun.objects.filter(pk=run.pk).update(status=TimetableRun.Status.RUNNING)

    def progress(penalty: int, seconds: float) -> None:  # called once a second while the solver works
        TimetableRun.objects.filter(pk=run.pk).update(best_penalty=penalty, elapsed=seconds)

    try:
        outcome = planner.plan(run.starts_on, run.ends_on, repair=run.repair, seconds=run.seconds, progress=progress)
    except Exception:
        TimetableRun.objects.filter(pk=run.pk).update(status=TimetableRun.Status.FAILED)
        raise
    status = TimetableRun.Status.DONE if outcome.placed else TimetableRun.Status.INFEASIBLE
    TimetableRun.objects.filter(pk=run.pk).update(status=status, best_penalty=outcome.penalty, elapsed=outcome.seconds, lessons=outcome.placed,
                                                  moved=outcome.moved, explanation="\n".join(outcome.conflicts))
    run.refresh_from_db()
    return run


def clashes(lesson: Lesson, starts_at: datetime.datetime, room: Room | None) -> list[str]:
    """The hard constraints a lesson would break at this time and in this room (none yet: the
    room's constraints are left to when one is given)."""
    problems = []
    day = timezone.localtime(starts_at).date()
    ends_at = starts_at + datetime.timedelta(minutes=lesson.minutes)
    at_once = Lesson.objects.exclude(pk=lesson.pk).filter(starts_at__lt=ends_at, starts_at__gt=starts_at - datetime.timedelta(minutes=lesson.minutes))
    if lesson.group_id and at_once.filter(group_id=lesson.group_id).exists():
        problems.append(_("The group has another lesson then."))
    if lesson.lecturer_id and at_once.filter(lecturer_id=lesson.lecturer_id).exists():
        problems.append(_("The lecturer has another lesson then."))
    if room is not None:
        if at_once.filter(room=room).exists():
            problems.append(_("The room is taken then."))
        if not room.is_active or RoomClosure.objects.filter(room=room, starts_on__lte=day, ends_on__gte=day).exists():
            problems.append(_("The room is closed that day."))
        if lesson.teaching is not None and lesson.teaching.room_kind not in planner.REGULAR and room.kind != lesson.teaching.room_kind:
            problems.append(_("The lesson needs a room of another kind."))
    if not lesson.offering.starts_on <= day <= lesson.offering.ends_on:
        problems.append(_("The day is outside the course's dates."))
    if day.weekday() >= 5 or DayOff.objects.filter(date=day).exists():
        problems.append(_("There are no lessons that day."))
    if lesson.lecturer_id:
        if Unavailability.objects.filter(lecturer_id=lesson.lecturer_id, starts_on__lte=day, ends_on__gte=day).exists():
            problems.append(_("The lecturer is unavailable that day."))
        invited = LecturerLimits.objects.filter(lecturer_id=lesson.lecturer_id, invited=True).exists()
        start = timezone.localtime(starts_at).time()
        if invited and not AvailableSlot.objects.filter(lecturer_id=lesson.lecturer_id, date=day, period__starts=start).exists():
            problems.append(_("The invited lecturer has not offered this time."))
    return problems


@transaction.atomic
def lesson_add(*, actor: User, group: Group, discipline: Discipline, starts_at: datetime.datetime, minutes: int, kind: str,
               topic: str = "", lecturer: User | None = None, room: Room | None = None) -> Lesson:
    """A lesson entered by hand (a consultation, a make-up lesson) for a group: the one way to
    create a lesson outside the solver, refused with the reasons if it would break a hard
    constraint, and pinned so that the solver leaves it there. A lecturer adds his own lessons;
    the app above checks that the group is one he may write for."""
    require_role(actor, LESSON_WRITERS)
    if not actor.has_role(*PLANNERS, Role.HEAD_OF_DEPARTMENT) and lecturer is not None and lecturer.pk != actor.pk:
        raise DomainError({"lecturer": [_("You add your own lessons; the methodologist adds other lecturers'.")]})
    if discipline.module.version_id != group.offering.version_id:
        raise DomainError({"discipline": [_("The discipline is not in this course's curriculum.")]})
    if kind not in Lesson.Kind.values or not 10 <= minutes <= 480:
        raise DomainError(_("Give a kind of lesson and its length, from 10 to 480 minutes."))
    lesson = Lesson(offering=group.offering, group=group, discipline=discipline, starts_at=starts_at, minutes=minutes, kind=kind,
                    topic=topic.strip()[:300], lecturer=lecturer, room=room, pinned=True)
    problems = clashes(lesson, starts_at, room)
    if problems:
        raise DomainError(problems)
    return save_by(lesson, actor)


@transaction.atomic
def lesson_move(*, actor: User, lesson: Lesson, day: datetime.date, period: Period, room: Room) -> Lesson:
    """Move a lesson by hand; refused, with the reasons, if it would break a hard constraint.
    A lesson placed by hand is pinned: the solver leaves it there."""
    require_role(actor, PLANNERS)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, period.starts))
    problems = clashes(lesson, starts_at, room)
    if problems:
        raise DomainError(problems)
    moved = lesson.starts_at != starts_at or lesson.room_id != room.pk
    lesson.starts_at, lesson.room, lesson.pinned = starts_at, room, True
    save_by(lesson, actor, update_fields=["starts_at", "room", "pinned"])
    if moved:
        planner.notify([lesson])
    return lesson


def lessons_of(*, group_id: int | None = None, lecturer_id: int | None = None, room_id: int | None = None,
               person_user: User | None = None) -> "Q":
    """The filter of a timetable: a group's, a lecturer's, a room's or a listener's own."""
    if group_id:
        return Q(group_id=group_id)
    if lecturer_id:
        return Q(lecturer_id=lecturer_id)
    if room_id:
        return Q(room_id=room_id)
    if person_user is not None:
        return Q(group__enrollments__person__user=person_user, group__enrollments__status=Enrollment.Status.ENROLLED) | Q(lecturer=person_user)
    return Q(pk__in=[])


def _check_window(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on or (ends_on - starts_on).days > 366:
        raise DomainError({"ends_on": [_("Give a window of at most a year that ends after it starts.")]})


def _check_days(starts_on: datetime.date, ends_on: datetime.date, reason: str) -> None:
    _check_window(starts_on, ends_on)
    if not reason.strip():
        raise DomainError({"reason": [_("Say why, so that the people concerned understand.")]})


@transaction.atomic
def unavailability_add(*, actor: User, lecturer: User, starts_on: datetime.date, ends_on: datetime.date, reason: str) -> Unavailability:
    """A lecturer cannot teach these days (illness, a trip); re-plan the window to move his lessons."""
    require_role(actor, PLANNERS)
    _check_days(starts_on, ends_on, reason)
    record = Unavailability(lecturer=lecturer, starts_on=starts_on, ends_on=ends_on, reason=reason.strip()[:200])
    save_by(record, actor)
    return record


@transaction.atomic
def slots_offer(*, actor: User, lecturer: User, starts_on: datetime.date, ends_on: datetime.date, weekdays: list[int],
                periods: list[Period]) -> int:
    """An invited lecturer (a judge, a prosecutor) offers the periods he can give on these weekdays
    of the window; from then on he is planned only in the times he offered. Returns how many
    new slots were offered (those offered before are kept)."""
    require_role(actor, PLANNERS)
    _check_window(starts_on, ends_on)
    if not weekdays or any(not 0 <= day <= 4 for day in weekdays):
        raise DomainError({"weekdays": [_("Choose weekdays from Monday to Friday.")]})
    if not periods:
        raise DomainError({"periods": [_("Choose at least one period.")]})
    days = [day for day in planner.working_days(starts_on, ends_on) if day.weekday() in weekdays]
    if not days:
        raise DomainError({"weekdays": [_("No working day of the window falls on these weekdays.")]})
    before = AvailableSlot.objects.filter(lecturer=lecturer).count()
    AvailableSlot.objects.bulk_create([AvailableSlot(lecturer=lecturer, date=day, period=period) for day in days for period in periods],
                                      ignore_conflicts=True)
    limits, _created = LecturerLimits.objects.get_or_create(lecturer=lecturer, defaults={"invited": True})
    if not limits.invited:
        limits.invited = True
        save_by(limits, actor, update_fields=["invited"])
    return AvailableSlot.objects.filter(lecturer=lecturer).count() - before


@transaction.atomic
def room_close(*, actor: User, room: Room, starts_on: datetime.date, ends_on: datetime.date, reason: str) -> RoomClosure:
    require_role(actor, PLANNERS)
    _check_days(starts_on, ends_on, reason)
    return RoomClosure.objects.create(room=room, starts_on=starts_on, ends_on=ends_on, reason=reason.strip()[:200])


@transaction.atomic
def teaching_assign(*, actor: User, teaching: Teaching, lecturer: User) -> Teaching:
    """Give a teaching (and its lessons to come) to a lecturer, if the Rules let him lecture."""
    require_role(actor, PLANNERS)
    reason = staff_queries.refusal(lecturer)
    if reason:
        raise DomainError({"lecturer": [reason]})
    teaching.lecturer = lecturer
    teaching.save(update_fields=["lecturer"])
    Lesson.objects.filter(teaching=teaching, starts_at__gte=timezone.now()).update(lecturer=lecturer)
    return teaching
