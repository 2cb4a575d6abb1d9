"""A lesson entered by hand on the journal's page goes through the timetable's one way to
create a lesson: the hard constraints are checked, a clash is refused with its reason and
nothing is added, and a lecturer adds only his own lessons."""

import datetime

import pytest
from django.utils import timezone

from eacademy.core.roles import Role
from eacademy.timetable.models import DayOff, Lesson

pytestmark = pytest.mark.django_db


def _a_teaching_day(offering) -> datetime.date:
    day = offering.starts_on
    while day.weekday() >= 5 or DayOff.objects.filter(date=day).exists():
        day += datetime.timedelta(days=1)
    assert day <= offering.ends_on
    return day


def _form(course, day: datetime.date, hour: str = "09:00", **extra) -> dict:
    return {"discipline": course["discipline"].pk, "starts_at": f"{day.isoformat()}T{hour}", "minutes": 80, "kind": "consultation",
            "topic": "Кеңес: айғақтарды бағалау", **extra}


def test_a_lecturer_adds_his_own_lesson_and_it_is_pinned(course, client_as, persona) -> None:
    lecturer = persona(Role.LECTURER)
    day = _a_teaching_day(course["offering"])
    page = client_as(Role.LECTURER).post(f"/journal/groups/{course['group'].pk}/", _form(course, day, lecturer=lecturer.pk))
    assert page.status_code == 302
    lesson = Lesson.objects.get(group=course["group"], topic="Кеңес: айғақтарды бағалау")
    assert lesson.pinned and lesson.lecturer == lecturer and timezone.localtime(lesson.starts_at).date() == day
    assert lesson.history.get().history_user == lecturer


def test_a_clash_or_a_day_outside_the_course_is_refused_with_the_reason(course, client_as, persona) -> None:
    lecturer = persona(Role.LECTURER)
    day = _a_teaching_day(course["offering"])
    client = client_as(Role.LECTURER)
    client.post(f"/journal/groups/{course['group'].pk}/", _form(course, day, lecturer=lecturer.pk))
    before = Lesson.objects.count()
    clash = client.post(f"/journal/groups/{course['group'].pk}/", _form(course, day, "09:30", lecturer=lecturer.pk, topic="Екінші"))
    assert clash.status_code == 200 and "The group has another lesson then." in clash.content.decode()
    outside = client.post(f"/journal/groups/{course['group'].pk}/", _form(course, course["offering"].ends_on + datetime.timedelta(days=30),
                                                                            lecturer=lecturer.pk, topic="Кейін"))
    assert "outside the course" in outside.content.decode()
    assert Lesson.objects.count() == before


def test_a_lecturer_does_not_add_another_lecturer_s_lesson(course, client_as, persona) -> None:
    other = persona(Role.HEAD_OF_DEPARTMENT)
    before = Lesson.objects.count()
    page = client_as(Role.LECTURER).post(f"/journal/groups/{course['group'].pk}/", _form(course, _a_teaching_day(course["offering"]), lecturer=other.pk))
    assert page.status_code == 200 and "You add your own lessons" in page.content.decode()
    assert Lesson.objects.count() == before


def test_no_module_but_the_timetable_s_creates_a_lesson() -> None:
    import re
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "eacademy"
    makers = [str(p.relative_to(src)) for p in src.rglob("*.py") if p.parts[-2] not in ("timetable", "migrations", "demo")
              and re.search(r"\bLesson\(|Lesson\.objects\.(create|bulk_create)", p.read_text(encoding="utf-8"))]
    assert makers == []
