"""Must show 4: who may lecture is enforced with a clear message when a teaching is given to a
lecturer (Rules §36), and the teaching load, planned and held, equals a hand-computed example."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from eacademy.core import services as core_services
from eacademy.core.roles import Role
from eacademy.org.models import AcademyUnit, Position
from eacademy.people.models import Person, StaffMember
from eacademy.timetable import load
from eacademy.timetable.models import Lesson, Teaching
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _staff(username: str, position_code: str, years: int, invited: bool = False, unit: str = "", degree: str = ""):
    user = core_services.user_create(username=username, password=None, roles=[Role.LECTURER])
    person = Person.objects.filter(user=None, agency=None, staff=None).first() or Person.objects.filter(user=None, staff=None).exclude(agency=None).first()
    person.user = user
    person.save(update_fields=["user"])
    academy_unit = AcademyUnit.objects.get(code=unit) if unit else AcademyUnit.objects.filter(kind="department").first()
    StaffMember.objects.create(person=person, academy_unit=academy_unit, position=Position.objects.get(code=position_code), is_invited=invited,
                               practice_years=years, academic_degree=degree)
    return user


def test_a_lecturer_the_rules_do_not_allow_is_refused_in_words_and_nothing_changes(client_as):
    teaching = Teaching.objects.select_related("lecturer").first()
    before = teaching.lecturer_id
    clerk = _staff("clerk", "chief-specialist", years=1)  # an administrative post, one year of practice
    methodologist = client_as(Role.METHODOLOGIST)
    page = methodologist.post(f"/timetable/teachings/{teaching.pk}/lecturer/", {"lecturer": clerk.pk})
    text = page.content.decode()
    assert page.status_code == 200 and "may not lecture" in text and "§36" in text and "1 years of practice are fewer than the 3" in text
    assert Teaching.objects.get(pk=teaching.pk).lecturer_id == before
    practitioner = _staff("judge", "chief-specialist", years=12, invited=True)  # an invited judge: practice enough
    assert methodologist.post(f"/timetable/teachings/{teaching.pk}/lecturer/", {"lecturer": practitioner.pk}).status_code == 302
    teaching.refresh_from_db()
    assert teaching.lecturer == practitioner
    assert not Lesson.objects.filter(teaching=teaching, starts_at__gte=datetime.datetime.now(datetime.UTC)).exclude(lecturer=practitioner).exists()
    professor = _staff("professor2", "professor", years=0)  # a lecturing post
    assert methodologist.post(f"/timetable/teachings/{teaching.pk}/lecturer/", {"lecturer": professor.pk}).status_code == 302
    # Scientific workers too (§36, "scientific workers, specialists with practical experience"): a
    # researcher of the research institute, and a candidate of sciences in an administrative post.
    for username, unit, degree in (("researcher", "isri", ""), ("candidate", "", "candidate")):
        scientist = _staff(username, "chief-specialist", years=0, unit=unit, degree=degree)
        assert methodologist.post(f"/timetable/teachings/{teaching.pk}/lecturer/", {"lecturer": scientist.pk}).status_code == 302
    assert client_as(Role.LECTURER).post(f"/timetable/teachings/{teaching.pk}/lecturer/", {"lecturer": professor.pk}).status_code == 403


@override_settings(TEACHING_LOAD_NORMS={"lecture": 1.0, "seminar": 1.0, "workshop": 1.5})
def test_the_load_planned_and_held_equals_the_hand_computed_figures():
    """Planned: 10 lectures, 6 seminars, 4 workshops, two academic hours each, workshops at 1.5:
    20 + 12 + 12 = 44 hours. Held by `now`: 3 lectures and 2 seminars of 80 minutes (2 academic
    hours), a workshop of 80 and one of 120 minutes (3 academic hours): 6 + 4 + 3 + 4.5 = 17.5;
    two lectures to come do not count."""
    lecturer = core_services.user_create(username="load-example", password=None, roles=[Role.LECTURER])
    sample = Teaching.objects.select_related("offering").first()
    offering = sample.offering
    for kind, lessons in (("lecture", 10), ("seminar", 6), ("workshop", 4)):
        Teaching.objects.create(offering=offering, group=sample.group, discipline=sample.discipline, kind=kind, lecturer=lecturer, lessons=lessons)
    now = datetime.datetime.combine(offering.starts_on, datetime.time(12), tzinfo=datetime.UTC) + datetime.timedelta(days=10)
    past, future = now - datetime.timedelta(days=2), now + datetime.timedelta(days=2)
    held = [("lecture", 80, past)] * 3 + [("seminar", 80, past)] * 2 + [("workshop", 80, past), ("workshop", 120, past)] + [("lecture", 80, future)] * 2
    Lesson.objects.bulk_create([Lesson(offering=offering, group=sample.group, discipline=sample.discipline, kind=kind, minutes=minutes,
                                       starts_at=at, lecturer=lecturer) for kind, minutes, at in held])
    found = next(row for row in load.loads(offering.starts_on, offering.starts_on, now=now) if row.lecturer == lecturer)
    assert found.planned == Decimal(44) and found.actual == Decimal("17.5")


def test_the_load_page_asks_the_database_as_often_whatever_the_number_of_lecturers(client_as):
    sample = Teaching.objects.select_related("offering").first()
    url = f"/timetable/load/?starts_on={sample.offering.starts_on:%Y-%m-%d}&ends_on={sample.offering.starts_on:%Y-%m-%d}"
    methodologist = client_as(Role.METHODOLOGIST)
    before = page_queries(methodologist, url)
    for number in range(8):
        lecturer = core_services.user_create(username=f"extra-lecturer-{number}", password=None, roles=[Role.LECTURER])
        Teaching.objects.create(offering=sample.offering, group=sample.group, discipline=sample.discipline, kind="seminar", lecturer=lecturer, lessons=3)
    page = methodologist.get(url)
    assert "extra-lecturer-7" in page.content.decode()
    assert page_queries(methodologist, url) == before
