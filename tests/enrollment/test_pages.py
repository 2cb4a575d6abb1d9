import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from eacademy.catalog.models import ProgrammeVersion
from eacademy.core.roles import Role
from eacademy.enrollment import services
from eacademy.enrollment.models import Application, Enrollment, Order
from eacademy.org.models import AcademyUnit, Agency
from eacademy.people.models import Person
from eacademy.planning import services as planning
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


def _offering(persona, start=datetime.date(NEXT_YEAR, 2, 1), capacity=30):
    methodologist = persona(Role.METHODOLOGIST)
    offering = planning.offering_create(
        actor=methodologist, version=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved"),
        starts_on=start, ends_on=start + datetime.timedelta(days=9), place="Қосшы", capacity=capacity, language="ru",
        study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"),
    )
    planning.offering_set_quotas(actor=methodologist, offering=offering, seats_by_agency={Agency.objects.get(code="prosecutor"): capacity})
    planning.offering_publish(actor=methodologist, offering=offering)
    return offering


def _officers(count: int) -> list[Person]:
    return list(Person.objects.filter(agency__code="prosecutor", user=None, applications=None).exclude(position=None).exclude(position__code="head-of-division")[:count])


def test_an_officer_applies_his_coordinator_approves_and_he_sees_it_in_my_courses(client_as, persona) -> None:
    offering = _offering(persona)
    listener = client_as(Role.LISTENER)
    listener.post(f"/enrollment/offerings/{offering.pk}/apply/")
    application = Application.objects.get(person__user=persona(Role.LISTENER), offering=offering)
    assert application.status == "submitted"
    response = client_as(Role.AGENCY_COORDINATOR).post(f"/enrollment/applications/{application.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    page = listener.get("/enrollment/my/").content.decode()
    assert offering.version.programme.name in page and "Approved by the agency" in page


def test_a_second_application_is_refused_with_a_message_and_nothing_changes(client_as, persona) -> None:
    offering = _offering(persona)
    listener = client_as(Role.LISTENER)
    listener.post(f"/enrollment/offerings/{offering.pk}/apply/")
    response = listener.post(f"/enrollment/offerings/{offering.pk}/apply/", follow=True)
    assert "has already applied for this course" in response.content.decode()
    assert Application.objects.filter(offering=offering).count() == 1


def test_a_coordinator_nominates_by_iin_only_his_own_people(client_as, persona) -> None:
    offering = _offering(persona)
    client = client_as(Role.AGENCY_COORDINATOR)
    own = _officers(1)[0]
    stranger = Person.objects.filter(agency__code="anticorruption").exclude(iin=None).first()
    client.post(f"/enrollment/offerings/{offering.pk}/nominate/", {"iin": own.iin})
    response = client.post(f"/enrollment/offerings/{offering.pk}/nominate/", {"iin": stranger.iin})
    assert response.status_code == 422 and response.context["form"].errors["iin"] == ["No person with this IIN among those you may nominate."]
    assert list(Application.objects.filter(offering=offering).values_list("person", "status")) == [(own.pk, "agency_approved")]


def test_the_methodologist_accepts_in_bulk_forms_groups_and_expels_from_the_roster(client_as, persona) -> None:
    offering = _offering(persona, capacity=8)
    applications = [services.application_submit(actor=persona(Role.METHODOLOGIST), offering=offering, person=p) for p in _officers(10)]
    client = client_as(Role.METHODOLOGIST)
    client.post(f"/enrollment/offerings/{offering.pk}/accept/", {"application": [a.pk for a in applications]})
    assert Application.objects.filter(offering=offering, status="accepted").count() == 8
    assert Application.objects.filter(offering=offering, status="waitlisted").count() == 2
    client.post(f"/enrollment/offerings/{offering.pk}/groups/", {"max_size": 5})
    assert sorted(offering.groups.values_list("number", flat=True)) == [1, 2]
    enrollment = Enrollment.objects.filter(offering=offering).first()
    response = client.post(f"/enrollment/enrollments/{enrollment.pk}/", {"action": "expel", "reason": ""}, follow=True)
    assert "Choose the reason for expulsion" in response.content.decode()
    client.post(f"/enrollment/enrollments/{enrollment.pk}/", {"action": "expel", "reason": "health"})
    assert Enrollment.objects.get(pk=enrollment.pk).status == "expelled"
    assert Application.objects.filter(offering=offering, status="waitlisted").count() == 1  # the seat went to the waitlist
    page = client.get(f"/enrollment/offerings/{offering.pk}/roster/").content.decode()
    assert "Health" in page


def test_the_rector_signs_the_order_and_it_prints_in_kazakh(client_as, persona) -> None:
    offering = _offering(persona)
    application = services.application_submit(actor=persona(Role.METHODOLOGIST), offering=offering, person=_officers(1)[0])
    services.application_accept(actor=persona(Role.METHODOLOGIST), application=application)
    order = Order.objects.get(lines__enrollment__application=application)
    rector = client_as(Role.LEADERSHIP)
    rector.post(f"/enrollment/orders/{order.pk}/sign/")
    order.refresh_from_db()
    assert order.status == "signed" and order.number >= 1
    rector.post("/accounts/language/", {"language": "kk", "next": "/"})
    pdf = rector.get(f"/enrollment/orders/{order.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages).split())  # cells wrap
    assert "Оқуға қабылдау" in text and application.person.last_name in text


def test_roster_waitlist_and_my_courses_keep_their_query_count_with_ten_times_the_data(client_as, persona) -> None:
    offering = _offering(persona, capacity=3)
    other_offerings = [_offering(persona, start=datetime.date(NEXT_YEAR, 3 + n, 1)) for n in range(3)]
    methodologist = persona(Role.METHODOLOGIST)
    listener_person = Person.objects.get(user=persona(Role.LISTENER))

    def add(count: int, start: int) -> None:
        for person in _officers(start + count)[start:]:
            services.application_accept(actor=methodologist, application=services.application_submit(actor=methodologist, offering=offering, person=person))

    add(4, 0)
    services.application_submit(actor=methodologist, offering=other_offerings[0], person=listener_person)
    client, listener = client_as(Role.METHODOLOGIST), client_as(Role.LISTENER)
    urls = [f"/enrollment/offerings/{offering.pk}/roster/", "/enrollment/applications/?status=waitlisted"]
    before = [page_queries(client, url) for url in urls] + [page_queries(listener, "/enrollment/my/")]
    add(36, 4)
    for extra in other_offerings[1:]:
        services.application_submit(actor=methodologist, offering=extra, person=listener_person)
    assert [page_queries(client, url) for url in urls] + [page_queries(listener, "/enrollment/my/")] == before


def test_the_coordinator_sees_his_agencys_seats_and_a_refusal_in_russian(client_as, persona) -> None:
    offering = _offering(persona)
    client = client_as(Role.AGENCY_COORDINATOR)
    client.post("/accounts/language/", {"language": "ru", "next": "/"})
    officer = _officers(1)[0]
    client.post(f"/enrollment/offerings/{offering.pk}/nominate/", {"iin": officer.iin})
    again = client.post(f"/enrollment/offerings/{offering.pk}/nominate/", {"iin": officer.iin}).content.decode()
    assert "уже подал(а) заявку на этот курс" in again
    assert Application.objects.filter(offering=offering, person=officer).count() == 1
    page = client.get("/enrollment/applications/").content.decode()
    assert "Места вашего ведомства" in page and offering.get_absolute_url() in page


def test_the_academy_rejects_with_a_reason_and_the_person_is_told(client_as, persona) -> None:
    from eacademy.core.models import Notification

    offering = _offering(persona)
    listener = Person.objects.get(user=persona(Role.LISTENER))
    application = services.application_submit(actor=persona(Role.METHODOLOGIST), offering=offering, person=listener)
    client = client_as(Role.METHODOLOGIST)
    response = client.post(f"/enrollment/applications/{application.pk}/reject/", {"reason": ""}, follow=True)
    assert "Say why the application is rejected" in response.content.decode()
    client.post(f"/enrollment/applications/{application.pk}/reject/", {"reason": "Курс отменён"})
    assert Application.objects.get(pk=application.pk).status == "rejected"
    assert Notification.objects.filter(user=persona(Role.LISTENER), message__contains="Курс отменён").exists()


@pytest.mark.parametrize(("iin", "message"), [
    ("", "Type an IIN, or find the person by name above."),
    ("85011530001A", "An IIN is exactly 12 digits."),
    ("85011530001", "An IIN is exactly 12 digits."),
    ("850115300013", "The IIN check digit is wrong"),
])
def test_a_wrong_iin_is_refused_at_its_field_and_nobody_is_nominated(client_as, persona, iin, message) -> None:
    offering = _offering(persona)
    page = client_as(Role.AGENCY_COORDINATOR).post(f"/enrollment/offerings/{offering.pk}/nominate/", {"iin": iin})
    assert page.status_code == 422 and message in page.context["form"].errors["iin"][0]
    assert 'id="id_iin_error"' in page.content.decode() and not Application.objects.filter(offering=offering).exists()


def test_a_coordinator_finds_an_officer_by_name_nominates_him_and_sees_him_listed(client_as, persona) -> None:
    offering = _offering(persona)
    client = client_as(Role.AGENCY_COORDINATOR)
    officer = _officers(1)[0]
    stranger = Person.objects.filter(agency__code="anticorruption", last_name=officer.last_name).first()
    found = client.get(f"/enrollment/offerings/{offering.pk}/nominate/", {"q": officer.last_name.lower()}).context["found"]
    assert officer in found and (stranger is None or stranger not in found)  # only his own agency's people
    done = client.post(f"/enrollment/offerings/{offering.pk}/nominate/", {"person": officer.pk}, follow=True)
    assert f"{officer.full_name} is nominated to the course." in done.content.decode()
    assert [a.person for a in done.context["nominated"]] == [officer]
    assert officer not in client.get(f"/enrollment/offerings/{offering.pk}/nominate/", {"q": officer.last_name}).context["found"]
    if stranger is not None:
        refused = client.post(f"/enrollment/offerings/{offering.pk}/nominate/", {"person": stranger.pk})
        assert refused.status_code == 422 and not Application.objects.filter(offering=offering, person=stranger).exists()


def test_withdrawing_is_offered_only_before_the_course_and_asks_to_confirm(client_as, persona) -> None:
    listener = persona(Role.LISTENER)
    services.application_submit(actor=listener, offering=_offering(persona), person=listener.person)
    page = client_as(Role.LISTENER).get("/enrollment/my/")
    rows = {a.offering_id: a for a in page.context["applications"]}
    today = datetime.date.today()
    assert any(a.offering.ends_on < today for a in rows.values())  # his finished course of last year is listed
    assert all(not a.withdrawable for a in rows.values() if a.offering.starts_on <= today)
    ahead = [a for a in rows.values() if a.withdrawable]
    assert ahead and f'data-testid="withdraw-{ahead[0].pk}"' in page.content.decode()
    assert "Yes, withdraw my application" in page.content.decode()


def test_the_coordinator_s_seats_count_those_studying_not_those_who_left(persona) -> None:
    from eacademy.enrollment.queries import agency_quota_use
    from eacademy.people.queries import agency_id_of

    agency = agency_id_of(persona(Role.AGENCY_COORDINATOR))
    year = timezone.localdate().year + 1
    rows = {row["offering"].pk: row for row in agency_quota_use(agency, year)}
    enrollment = Enrollment.objects.filter(offering_id__in=rows, person__agency_id=agency, status="enrolled").first()
    Enrollment.objects.filter(pk=enrollment.pk).update(status="expelled")
    after = {row["offering"].pk: row for row in agency_quota_use(agency, year)}
    assert after[enrollment.offering_id]["enrolled"] == rows[enrollment.offering_id]["enrolled"] - 1
