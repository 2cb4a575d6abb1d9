import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from eacademy.catalog.models import ProgrammeVersion
from eacademy.core import services as core_services
from eacademy.core.roles import Role
from eacademy.enrollment.models import Application, Enrollment, Order
from eacademy.org.models import AcademyUnit
from eacademy.people.models import Person
from eacademy.planning import services as planning

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


def _client(persona, role: str) -> Client:
    _token, secret = core_services.api_token_create(user=persona(role), name="api test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _post(client: Client, url: str, payload: dict[str, object] | None = None):
    return client.post(url, json.dumps(payload or {}), content_type="application/json")


def _offering(persona):
    methodologist = persona(Role.METHODOLOGIST)
    start = datetime.date(NEXT_YEAR, 11, 2)
    offering = planning.offering_create(
        actor=methodologist, version=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved"),
        starts_on=start, ends_on=start + datetime.timedelta(days=9), place="Қосшы", capacity=5, language="ru",
        study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"),
    )
    planning.offering_publish(actor=methodologist, offering=offering)
    return offering


def test_the_lifecycle_through_the_api_with_the_pages_permissions(persona) -> None:
    offering = _offering(persona)
    officer = Person.objects.filter(agency__code="prosecutor", user=None, applications=None).exclude(position=None).exclude(position__code="head-of-division").first()
    coordinator, methodologist, rector = _client(persona, Role.AGENCY_COORDINATOR), _client(persona, Role.METHODOLOGIST), _client(persona, Role.LEADERSHIP)
    created = _post(coordinator, "/api/v1/applications/", {"offering_id": offering.pk, "person_id": officer.pk})
    assert created.status_code == 201 and created.json()["status"] == "agency_approved"
    application_id = created.json()["id"]
    duplicate = _post(coordinator, "/api/v1/applications/", {"offering_id": offering.pk, "person_id": officer.pk})
    assert duplicate.status_code == 422 and "already applied" in json.dumps(duplicate.json(), ensure_ascii=False)
    assert _post(coordinator, f"/api/v1/applications/{application_id}/accept/").status_code == 403  # not a planner
    assert _post(methodologist, f"/api/v1/applications/{application_id}/accept/").json()["status"] == "accepted"
    enrollment = Enrollment.objects.get(application_id=application_id)
    assert _post(methodologist, f"/api/v1/enrollments/{enrollment.pk}/transition/", {"action": "expel"}).status_code == 422
    assert _post(methodologist, f"/api/v1/enrollments/{enrollment.pk}/transition/", {"action": "expel", "reason": "health"}).json()["status"] == "expelled"
    assert _post(methodologist, f"/api/v1/enrollments/{enrollment.pk}/transition/", {"action": "dance"}).status_code == 400
    order = Order.objects.filter(lines__enrollment=enrollment, status="draft").distinct().get()
    assert _post(methodologist, f"/api/v1/orders/{order.pk}/sign/").status_code == 403  # the leadership signs
    signed = _post(rector, f"/api/v1/orders/{order.pk}/sign/").json()
    assert signed["status"] == "signed" and [line["action"] for line in signed["lines"]][-2:] == ["enroll", "expel"]


def test_a_coordinator_sees_only_his_agencys_applications(persona) -> None:
    items = _client(persona, Role.AGENCY_COORDINATOR).get("/api/v1/applications/?limit=500").json()["items"]
    agencies = set(Person.objects.filter(pk__in=[i["person_id"] for i in items]).values_list("agency__code", flat=True))
    assert agencies <= {"prosecutor"} and items


def test_a_listener_cannot_read_rosters_or_orders(persona) -> None:
    listener = _client(persona, Role.LISTENER)
    assert listener.get("/api/v1/enrollments/").status_code == 403
    assert listener.get("/api/v1/orders/").status_code == 403
    mine = listener.get("/api/v1/applications/").json()["items"]
    assert {i["person_id"] for i in mine} == {Person.objects.get(user=persona(Role.LISTENER)).pk}


def test_garbage_is_refused_and_nothing_is_created(persona) -> None:
    client = _client(persona, Role.METHODOLOGIST)
    before = Application.objects.count()
    for payload in ({"offering_id": "x", "person_id": 1}, {"offering_id": 999999, "person_id": 1}, {}):
        assert _post(client, "/api/v1/applications/", payload).status_code in (400, 422)
    assert Application.objects.count() == before


def test_a_transfer_to_the_course_the_listener_is_already_on_is_refused_not_a_server_error(persona) -> None:
    enrollment = Enrollment.objects.filter(status="enrolled").select_related("offering").first()
    methodologist = _client(persona, Role.METHODOLOGIST)
    refused = _post(methodologist, f"/api/v1/enrollments/{enrollment.pk}/transition/", {"action": "transfer", "offering_id": enrollment.offering_id})
    assert refused.status_code == 422 and "already has an application or a place" in json.dumps(refused.json(), ensure_ascii=False)
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled"
