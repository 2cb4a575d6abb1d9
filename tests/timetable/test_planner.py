"""The Academy's term through the solver: every lesson placed with no hard violation; a
lecturer falling ill moves only his lessons of that week; an impossible term is explained."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from eacademy.demo.timetable import term_start
from eacademy.timetable import planner
from eacademy.timetable.models import AvailableSlot, LecturerLimits, Lesson, Teaching, Unavailability

pytestmark = pytest.mark.django_db


@pytest.fixture
def term():
    """The demo academy's autumn term (six groups, timetabled when the demo loads)."""
    starts = term_start()
    return starts, starts + datetime.timedelta(weeks=8)


def _hard_violations(lessons: list[Lesson]) -> list[str]:
    problems = []
    for what, key in (("group", lambda l: (l.group_id, l.starts_at)), ("lecturer", lambda l: (l.lecturer_id, l.starts_at)),
                      ("room", lambda l: (l.room_id, l.starts_at))):
        problems += [f"{what} twice at {k[1]}" for k, n in Counter(map(key, lessons)).items() if n > 1]
    for lesson in lessons:
        if not lesson.offering.starts_on <= timezone.localtime(lesson.starts_at).date() <= lesson.offering.ends_on:
            problems.append(f"{lesson} outside its course")
        if lesson.teaching.room_kind not in planner.REGULAR and lesson.room.kind != lesson.teaching.room_kind:
            problems.append(f"{lesson} in a room of the wrong kind")
    for teaching in {l.teaching for l in lessons if l.teaching.after_id}:
        last_lecture = max(l.starts_at for l in lessons if l.teaching_id == teaching.after_id)
        if min(l.starts_at for l in lessons if l.teaching_id == teaching.pk) <= last_lecture:
            problems.append(f"{teaching}: a practical before the last lecture")
    return problems


def _placed() -> list[Lesson]:
    return list(Lesson.objects.filter(teaching__isnull=False).select_related("offering", "room", "teaching"))


def test_a_term_is_timetabled_without_hard_violations(term):
    outcome = planner.plan(*term, seconds=60)
    lessons = _placed()
    assert outcome.status in ("optimal", "feasible") and outcome.placed == len(lessons) == sum(Teaching.objects.values_list("lessons", flat=True))
    assert _hard_violations(lessons) == []
    invited = set(LecturerLimits.objects.filter(invited=True).values_list("lecturer_id", flat=True))
    offered = set(AvailableSlot.objects.values_list("lecturer_id", "date", "period__starts"))
    given = [(l.lecturer_id, timezone.localtime(l.starts_at).date(), timezone.localtime(l.starts_at).time()) for l in lessons if l.lecturer_id in invited]
    assert given and set(given) <= offered  # invited lecturers teach only in the slots they offered


def test_a_lecturer_falling_ill_moves_only_his_lessons_of_that_week(term):
    planner.plan(*term, seconds=60)
    before = {l.pk: (l.starts_at, l.room_id) for l in _placed()}
    busiest = Counter((l.lecturer_id, l.starts_at.isocalendar()[:2]) for l in _placed() if not l.lecturer.username.startswith("invited")).most_common(1)
    (lecturer_id, (year, week)), _count = busiest[0]
    monday = datetime.date.fromisocalendar(year, week, 1)
    Unavailability.objects.create(lecturer_id=lecturer_id, starts_on=monday, ends_on=monday + datetime.timedelta(days=6), reason="болезнь")
    outcome = planner.plan(*term, repair=True, seconds=60)
    after = {l.pk: (l.starts_at, l.room_id) for l in _placed()}
    moved = {pk for pk in before if before[pk] != after[pk]}
    his = {l.pk for l in _placed() if l.lecturer_id == lecturer_id and before[l.pk][0].isocalendar()[:2] == (year, week)}
    assert after.keys() == before.keys()  # updated in place: attendance and marks stay with their lessons
    lessons = {l.pk: l for l in _placed()}
    # His lessons of that week moved, and no plan moves fewer lessons (optimal).
    assert his <= moved and outcome.moved == len(moved) and outcome.status == "optimal"  # optimal: no plan moves fewer
    # Others move only in his groups: to keep practicals after their lectures, or to free a slot of the group's course for his.
    his_groups = {lessons[pk].group_id for pk in his}
    assert all(lessons[pk].group_id in his_groups for pk in moved - his)
    assert all(after[pk][0].isocalendar()[:2] != (year, week) for pk in his)
    assert _hard_violations(_placed()) == []


def test_an_impossible_term_names_the_conflicting_requirements(term):
    teaching = Teaching.objects.filter(lecturer__username__startswith="invited").select_related("lecturer").first()
    AvailableSlot.objects.filter(lecturer=teaching.lecturer).exclude(pk=AvailableSlot.objects.filter(lecturer=teaching.lecturer).first().pk).delete()
    Teaching.objects.filter(pk=teaching.pk).update(lessons=2)  # two lessons, one offered slot
    before = set(Lesson.objects.values_list("pk", "starts_at", "room_id"))
    outcome = planner.plan(*term, seconds=30)
    assert outcome.status == "infeasible" and outcome.placed == 0
    text = " ".join(outcome.conflicts)
    assert str(teaching.discipline) in text and "must fit into the course's days, the lecturer's available time" in text
    assert set(Lesson.objects.values_list("pk", "starts_at", "room_id")) == before  # nothing changed
