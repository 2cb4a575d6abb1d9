"""Writes keep the same object scope as reads: a lecturer writes only into the groups he
teaches, a coordinator only for his agency's people, an expert only into his own assignments,
through the pages and the API alike; a refused write changes nothing."""

import datetime
import json

import pytest
from django.utils import timezone

from eacademy.assessment.models import Assignment, Rating
from eacademy.catalog.models import Discipline
from eacademy.core.roles import Role
from eacademy.enrollment.models import Application, Enrollment, Group
from eacademy.journal.models import Attendance, Mark
from eacademy.people.models import Person
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_group(persona) -> dict:
    """A group with listeners and a held lesson that the demo lecturer does not teach."""
    lecturer = persona(Role.LECTURER)
    group = (Group.objects.filter(enrollments__status="enrolled").exclude(teachings__lecturer=lecturer).exclude(lessons__lecturer=lecturer)
             .exclude(offering__lessons__lecturer=lecturer).distinct().first())
    discipline = Discipline.objects.filter(module__version_id=group.offering.version_id).first()
    lesson = Lesson.objects.create(offering=group.offering, group=group, discipline=discipline, starts_at=timezone.now() - datetime.timedelta(days=1))
    return {"group": group, "lesson": lesson, "enrollment": Enrollment.objects.filter(group=group, status="enrolled").first()}


def test_a_lecturer_cannot_write_into_a_group_he_does_not_teach(client_as, foreign_group) -> None:
    lecturer = client_as(Role.LECTURER)
    lesson, enrollment = foreign_group["lesson"], foreign_group["enrollment"]
    page = lecturer.post("/journal/attendance/", {"lesson": lesson.pk, "enrollment": enrollment.pk, "status": "absent"})
    assert page.status_code == 403
    page = lecturer.post("/journal/marks/", {"lesson": lesson.pk, "enrollment": enrollment.pk, "points": "90", "revision": "0"})
    assert page.status_code == 403
    api = lecturer.post("/api/v1/journal/marks/", json.dumps({"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "points": 90, "revision": 0}),
                        content_type="application/json")
    assert api.status_code in (403, 404), api.content
    api = lecturer.post("/api/v1/journal/attendance/", json.dumps({"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "status": "absent"}),
                        content_type="application/json")
    assert api.status_code in (403, 404), api.content
    lessons = Lesson.objects.count()
    added = lecturer.post(f"/journal/groups/{foreign_group['group'].pk}/", {"discipline": lesson.discipline_id, "starts_at": "2026-11-30T09:00",
                                                                          "minutes": 80, "kind": "lecture", "topic": "x"})
    assert added.status_code == 404 and Lesson.objects.count() == lessons
    assert lecturer.get(f"/journal/groups/{foreign_group['group'].pk}/").status_code == 404
    assert not Mark.objects.filter(enrollment=enrollment, lesson=lesson).exists()
    assert not Attendance.objects.filter(enrollment=enrollment, lesson=lesson).exists()


def test_the_methodologist_writes_into_any_group(client_as, foreign_group) -> None:
    lesson, enrollment = foreign_group["lesson"], foreign_group["enrollment"]
    response = client_as(Role.METHODOLOGIST).post("/api/v1/journal/marks/", json.dumps(
        {"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "points": 90, "revision": 0}), content_type="application/json")
    assert response.status_code == 200 and Mark.objects.filter(enrollment=enrollment, lesson=lesson).exists()


def test_a_coordinator_cannot_act_for_another_agency_s_people(client_as, persona) -> None:
    coordinator = client_as(Role.AGENCY_COORDINATOR)
    offering = Offering.objects.filter(status="published", starts_on__gt=timezone.localdate()).first()
    stranger = Person.objects.filter(agency__code="anticorruption", user=None).first()
    applications = Application.objects.count()
    api = coordinator.post("/api/v1/applications/", json.dumps({"offering_id": offering.pk, "person_id": stranger.pk}), content_type="application/json")
    assert api.status_code == 422 and Application.objects.count() == applications
    theirs = Application.objects.filter(status="submitted").exclude(person__agency__code="prosecutor").first()
    if theirs is not None:
        decided = coordinator.post(f"/api/v1/applications/{theirs.pk}/decide/", json.dumps({"approve": True}), content_type="application/json")
        assert decided.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == "submitted"


def test_an_expert_cannot_rate_another_expert_s_assignment(client_as, persona) -> None:
    other = Assignment.objects.filter(session__status="rating").exclude(expert__person__user=persona(Role.EXPERT)).first()
    expert = client_as(Role.EXPERT)
    ratings = Rating.objects.filter(assignment=other).count()
    api = expert.post(f"/api/v1/assessment/assignments/{other.pk}/ratings/", json.dumps([]), content_type="application/json")
    assert api.status_code == 404
    assert expert.post(f"/assessment/assignments/{other.pk}/", {}).status_code == 404
    assert Rating.objects.filter(assignment=other).count() == ratings
