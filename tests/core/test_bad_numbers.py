"""Numbers from outside that the database cannot hold are a bad request (400, 422) or nothing
found (404), never a server error: years, keys, page offsets, in pages and the API."""

import pytest

from eacademy.core.roles import Role

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


@pytest.mark.parametrize(("url", "status"), [
    ("/plan/?year=0", 400), ("/plan/?year=99999", 400), ("/plan/plan.pdf?year=10000", 400), ("/plan/plan.xlsx?year=abc", 400),
    ("/plan/?year=288230376151711744", 400), ("/plan/needs/?year=-1", 400),
    (f"/analytics/trained/?offering={HUGE}", 400), ("/analytics/trained/?offering=abc", 400),
    (f"/people/{HUGE}/", 404), (f"/programmes/{HUGE}/", 404), ("/people/9223372036854775808/", 404),
])
def test_a_page_answers_a_bad_number_without_a_server_error(client_as, url: str, status: int) -> None:
    response = client_as(Role.METHODOLOGIST).get(url)
    assert response.status_code == status


def test_a_400_names_the_parameter_and_its_range(client_as) -> None:
    page = client_as(Role.METHODOLOGIST).get("/plan/?year=0").content.decode()
    assert "year" in page and "1900" in page


@pytest.mark.parametrize("url", [
    f"/api/v1/people/?limit={HUGE}", f"/api/v1/people/?offset={HUGE}", "/api/v1/agencies/?offset=-1",
    "/api/v1/offerings/?year=288230376151711744", "/api/v1/offerings/?year=0", f"/api/v1/people/{HUGE}/",
    f"/api/v1/enrollments/?offering_id={HUGE}", "/api/v1/offerings/?year=abc",
])
def test_the_api_answers_a_bad_number_with_400(client_as, url: str) -> None:
    response = client_as(Role.ADMINISTRATOR).get(url)
    assert response.status_code == 400, response.content[:300]


def test_a_form_s_garbage_key_is_404(client_as) -> None:
    lecturer = client_as(Role.LECTURER)
    for value in ("abc", HUGE, "-1", "1.5"):
        assert lecturer.post("/journal/marks/", {"lesson": value, "enrollment": value, "points": "50"}).status_code == 404


def test_a_list_of_keys_with_garbage_is_read_as_far_as_it_is_keys(client_as) -> None:
    from eacademy.enrollment.models import Application
    from eacademy.planning.models import Offering

    offering = Offering.objects.filter(applications__status="agency_approved").first()
    approved = offering.applications.filter(status="agency_approved").first()
    response = client_as(Role.METHODOLOGIST).post(f"/enrollment/offerings/{offering.pk}/accept/", {"application": ["abc", HUGE, "-3", approved.pk]})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status in (Application.Status.ACCEPTED, Application.Status.WAITLISTED)
