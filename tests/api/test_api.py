import datetime
import json

import pytest
from django.test import Client

from eacademy.core import services
from eacademy.core.iin import MALE, make_iin
from eacademy.core.roles import Role
from eacademy.org.models import Agency
from eacademy.people.models import Person

pytestmark = pytest.mark.django_db


def _bearer(persona, role: str) -> dict[str, str]:
    _token, secret = services.api_token_create(user=persona(role), name="test")
    return {"Authorization": f"Bearer {secret}"}


def test_the_openapi_schema_and_docs_are_served_without_any_cdn() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/agencies/", "/api/v1/people/"} <= set(schema["paths"])
    docs = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_a_token_sees_what_its_owner_may_see(persona) -> None:
    client = Client()
    response = client.get("/api/v1/people/?limit=500", headers=_bearer(persona, Role.AGENCY_COORDINATOR))
    assert response.status_code == 200
    agencies = {item["agency_id"] for item in response.json()["items"]}
    assert agencies == {Agency.objects.get(code="prosecutor").pk}


def test_a_wrong_token_and_no_credentials_get_401() -> None:
    assert Client().get("/api/v1/people/", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    assert Client().get("/api/v1/agencies/").status_code == 401


def test_a_revoked_token_stops_working(persona) -> None:
    headers = _bearer(persona, Role.METHODOLOGIST)
    assert Client().get("/api/v1/agencies/", headers=headers).status_code == 200
    services.api_token_revoke(token=persona(Role.METHODOLOGIST).api_tokens.get())
    assert Client().get("/api/v1/agencies/", headers=headers).status_code == 401


def test_creating_a_person_checks_the_iin_and_saves_nothing_on_error(persona) -> None:
    headers = _bearer(persona, Role.METHODOLOGIST)
    good = make_iin(datetime.date(1979, 5, 17), MALE, 2468)
    payload = {"iin": good[:11] + str((int(good[11]) + 1) % 10), "last_name": "Жолдасбеков", "first_name": "Мақсат"}
    before = Person.objects.count()
    response = Client().post("/api/v1/people/", json.dumps(payload), content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert "check digit" in json.dumps(response.json()["detail"]["iin"])
    assert Person.objects.count() == before
    payload["iin"] = good
    response = Client().post("/api/v1/people/", json.dumps(payload), content_type="application/json", headers=headers)
    assert response.status_code == 201
    assert response.json()["birth_date"] == "1979-05-17"


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        json.dumps({"first_name": "Мақсат"}),
        json.dumps({"last_name": "Ж", "first_name": "М", "birth_date": "yesterday"}),
        json.dumps({"last_name": "Ж", "first_name": "М", "agency_id": "many"}),
    ],
)
def test_garbage_is_refused_with_422_and_changes_nothing(persona, payload: str) -> None:
    before = Person.objects.count()
    response = Client().post("/api/v1/people/", payload, content_type="application/json", headers=_bearer(persona, Role.ADMINISTRATOR))
    assert response.status_code in (400, 422)
    assert Person.objects.count() == before


def test_a_coordinator_cannot_create_in_another_agency(persona) -> None:
    other = Agency.objects.get(code="anticorruption")
    payload = {"iin": make_iin(datetime.date(1979, 5, 17), MALE, 1357), "last_name": "Оспанов", "first_name": "Ерлан", "agency_id": other.pk}
    response = Client().post("/api/v1/people/", json.dumps(payload), content_type="application/json", headers=_bearer(persona, Role.AGENCY_COORDINATOR))
    assert response.status_code == 422
    assert "agency_id" in response.json()["detail"]


def test_a_listener_may_not_create_people(persona) -> None:
    payload = {"iin": make_iin(datetime.date(1979, 5, 17), MALE, 1357), "last_name": "Оспанов", "first_name": "Ерлан"}
    response = Client().post("/api/v1/people/", json.dumps(payload), content_type="application/json", headers=_bearer(persona, Role.LISTENER))
    assert response.status_code == 403


def test_session_writes_need_the_csrf_token(persona) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona(Role.METHODOLOGIST))
    payload = {"iin": make_iin(datetime.date(1979, 5, 17), MALE, 1357), "last_name": "Оспанов", "first_name": "Ерлан"}
    response = client.post("/api/v1/people/", json.dumps(payload), content_type="application/json")
    assert response.status_code in (401, 403)
