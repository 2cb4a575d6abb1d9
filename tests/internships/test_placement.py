"""Must show 3: an internship from placement to the mark in the journal — a recruit of the
prosecutor's office on its initial-training course is placed in a district prosecutor's office
with a mentor and an Academy supervisor; he keeps his diary; the mentor's evaluation is entered;
the supervisor's mark becomes the internship discipline's mark in the journal (with history).
And what is refused on the way."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from eacademy.catalog.models import ProgrammeVersion
from eacademy.core import services as core_services
from eacademy.core.errors import DomainError
from eacademy.core.models import Notification
from eacademy.core.roles import Role
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Enrollment
from eacademy.internships import services
from eacademy.internships.models import Placement
from eacademy.journal.models import Mark
from eacademy.org.models import AcademyUnit, AgencyUnit
from eacademy.people.models import Person
from eacademy.planning.models import Offering
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruit(persona) -> Enrollment:
    """A recruit enrolled on the prosecutor's office's initial training, its study part over."""
    version = ProgrammeVersion.objects.filter(programme__kind="initial", programme__entering_agency__code="prosecutor", status="approved").first()
    offering = Offering.objects.create(version=version, starts_on=datetime.date(2027, 1, 11), ends_on=datetime.date(2027, 12, 24), place="Косшы",
                                       capacity=30, language="ru", study_format="full_time", department=AcademyUnit.objects.filter(kind="department").first(),
                                       status="published")
    person = Person.objects.filter(agency=None, user=None, staff=None, citizenship="KZ").first() or Person.objects.filter(agency=None, user=None, citizenship="KZ").first()
    application = enrollment_services.application_submit(actor=persona(Role.METHODOLOGIST), offering=offering, person=person)
    enrollment_services.application_accept(actor=persona(Role.METHODOLOGIST), application=application)
    return Enrollment.objects.get(application=application)


def test_from_placement_to_the_mark_in_the_journal(recruit, persona, monkeypatch):
    unit = AgencyUnit.objects.filter(agency__code="prosecutor").last()
    mentor = Person.objects.filter(agency__code="prosecutor", position__code="senior-prosecutor").first()
    supervisor = persona(Role.LECTURER)
    placement = services.placement_create(actor=persona(Role.METHODOLOGIST), enrollment=recruit, unit=unit, mentor=mentor, supervisor=supervisor,
                                          starts_on=datetime.date(2027, 7, 1), ends_on=datetime.date(2027, 12, 20),
                                          plan="Надзор за законностью в сфере ...; участие в судебных заседаниях; подготовка актов реагирования.")
    assert placement.discipline.internship > 0 and placement.discipline.module.version_id == recruit.offering.version_id
    intern = recruit.person
    intern.user = core_services.user_create(username="intern-2027", password=None, roles=[Role.LISTENER])  # the intern signs in
    intern.save(update_fields=["user"])
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2027, 12, 20))
    for day, text in ((datetime.date(2027, 7, 1), "Изучил надзорные производства отдела."), (datetime.date(2027, 7, 2), "Участвовал в проверке исполнения закона.")):
        services.diary_add(actor=intern.user, placement=placement, date=day, hours=8, text=text)
    with pytest.raises(DomainError, match="mentor's evaluation first"):
        services.supervisor_mark(actor=supervisor, placement=placement, points=Decimal(88))
    services.mentor_evaluate(actor=supervisor, placement=placement, rating=Placement.Rating.EXCELLENT, review="Добросовестен, инициативен.")
    services.supervisor_mark(actor=supervisor, placement=placement, points=Decimal(88))
    placement.refresh_from_db()
    mark = Mark.objects.get(enrollment=recruit, discipline=placement.discipline, lesson=None)
    assert placement.status == Placement.Status.COMPLETED and placement.mark == mark and mark.points == Decimal(88)
    assert mark.changed_by == supervisor and mark.history.count() == 1
    assert Notification.objects.filter(user=supervisor, message__startswith="You supervise the internship of", url=f"/internships/{placement.pk}/").exists()
    assert Notification.objects.filter(user=intern.user, message="Your internship is marked: 88 points.").exists()
    with pytest.raises(DomainError, match="marked already"):
        services.supervisor_mark(actor=supervisor, placement=placement, points=Decimal(90))
    with pytest.raises(DomainError, match="diary is closed"):
        services.diary_add(actor=intern.user, placement=placement, date=datetime.date(2027, 7, 3), hours=8, text="...")


def test_a_placement_that_breaks_the_rules_is_refused_and_nothing_is_saved(recruit, persona):
    other_agency_unit = AgencyUnit.objects.filter(agency__code="anticorruption").first()
    foreign_mentor = Person.objects.filter(agency__code="anticorruption").first()
    before = Placement.objects.count()
    with pytest.raises(DomainError) as refused:
        services.placement_create(actor=persona(Role.METHODOLOGIST), enrollment=recruit, unit=other_agency_unit, mentor=foreign_mentor,
                                  supervisor=persona(Role.LISTENER), starts_on=datetime.date(2027, 7, 1), ends_on=datetime.date(2028, 3, 1), plan=" ")
    errors = refused.value.message_dict
    assert set(errors) == {"unit", "supervisor", "ends_on", "plan"}
    assert "at most 6 months" in errors["ends_on"][0]
    with pytest.raises(DomainError, match="role"):
        services.placement_create(actor=persona(Role.LECTURER), enrollment=recruit, unit=other_agency_unit, mentor=foreign_mentor,
                                  supervisor=persona(Role.LECTURER), starts_on=datetime.date(2027, 7, 1), ends_on=datetime.date(2027, 8, 1), plan="План")
    assert Placement.objects.count() == before


def test_the_pages_of_the_demo_internship(client_as, persona):
    """The intern writes his diary on the page; his supervisor (the lecturer login) sees it; the
    list asks the database as often whatever the number of placements."""
    placement = Placement.objects.get(enrollment__person__user__username="intern")
    intern = Client()
    intern.force_login(placement.enrollment.person.user)
    free_day = next(placement.starts_on + datetime.timedelta(days=n) for n in range(30) if not placement.diary.filter(date=placement.starts_on + datetime.timedelta(days=n)).exists())
    before = placement.diary.count()
    assert intern.post(f"/internships/{placement.pk}/", {"form": "diary", "date": free_day.isoformat(), "hours": 13, "text": "x"}).status_code == 200
    assert intern.post(f"/internships/{placement.pk}/", {"form": "diary", "date": free_day.isoformat(), "hours": 6, "text": "Изучал дела."}).status_code == 302
    assert placement.diary.count() == before + 1
    supervisor = client_as(Role.LECTURER)
    assert "Изучал дела." in supervisor.get(f"/internships/{placement.pk}/").content.decode()
    assert client_as(Role.LISTENER).get(f"/internships/{placement.pk}/").status_code == 404
    methodologist = client_as(Role.METHODOLOGIST)
    before_queries = page_queries(methodologist, "/internships/")
    for _ in range(5):
        Placement.objects.create(enrollment=placement.enrollment, discipline=placement.discipline, unit=placement.unit, mentor=placement.mentor,
                                 supervisor=placement.supervisor, starts_on=placement.starts_on, ends_on=placement.ends_on, plan="План")
    assert page_queries(methodologist, "/internships/") == before_queries
