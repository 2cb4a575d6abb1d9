"""Leave requests refuse bad input and change nothing; a breach punished by expulsion expels
through the enrollment's order; the campus's list pages ask the database as often whatever
their length (must show 5, for this app)."""

import datetime

import pytest
from django.utils import timezone

from eacademy.campus import services
from eacademy.campus.models import ConductRecord, LeaveRequest, Stay
from eacademy.core.models import Notification
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment, OrderLine
from eacademy.people.models import Person
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _when(hours: float) -> str:
    return (timezone.localtime() + datetime.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def test_a_leave_request_with_bad_input_is_refused_and_nothing_is_saved(client_as):
    listener = client_as(Role.LISTENER)
    before = LeaveRequest.objects.count()
    cases = [
        ({"kind": "leave", "leaves_at": _when(5), "returns_at": _when(2), "destination": "Астана", "reason": "Семья"}, "The return is after the departure."),
        ({"kind": "leave", "leaves_at": _when(-30), "returns_at": _when(2), "destination": "Астана", "reason": "Семья"}, "Ask before leaving."),
        ({"kind": "leave", "leaves_at": _when(1), "returns_at": _when(2), "destination": "   ", "reason": "Семья"}, "This field is required."),
        ({"kind": "holiday", "leaves_at": _when(1), "returns_at": _when(2), "destination": "Астана", "reason": "Семья"}, "Select a valid choice."),
        ({"kind": "leave", "leaves_at": "tomorrow", "returns_at": _when(2), "destination": "Астана", "reason": "Семья"}, "Enter a valid date/time."),
    ]
    for data, message in cases:
        page = listener.post("/campus/leave/", data)
        assert page.status_code == 200 and message in page.content.decode(), message
    assert LeaveRequest.objects.count() == before
    assert not Notification.objects.filter(message__contains="asks for leave").exists()
    assert listener.post("/campus/leave/", {**cases[0][0], "leaves_at": _when(1), "returns_at": _when(30)}).status_code == 302
    assert LeaveRequest.objects.count() == before + 1
    told = Notification.objects.filter(message__contains="asks for leave: Астана").values_list("user__username", flat=True)
    assert list(told) == ["leadership"]  # the Rector's side is told, nobody else


def test_refusing_needs_a_reason_and_a_decision_is_taken_once(persona):
    leave = LeaveRequest.objects.create(person=persona(Role.LISTENER).person, leaves_at=timezone.now() + datetime.timedelta(hours=2),
                                        returns_at=timezone.now() + datetime.timedelta(hours=30), destination="Астана", reason="Семья")
    rector = persona(Role.LEADERSHIP)
    with pytest.raises(Exception, match="Say why"):
        services.leave_decide(actor=rector, leave=leave, approve=False)
    services.leave_decide(actor=rector, leave=leave, approve=False, comment="Идут занятия")
    assert Notification.objects.filter(user=persona(Role.LISTENER), message="Your leave is refused: Идут занятия").exists()
    with pytest.raises(Exception, match="decided already"):
        services.leave_decide(actor=rector, leave=leave, approve=True)
    with pytest.raises(Exception, match="role"):
        services.leave_decide(actor=persona(Role.DORMITORY_OFFICER), leave=LeaveRequest.objects.create(
            person=leave.person, leaves_at=timezone.now(), returns_at=timezone.now() + datetime.timedelta(hours=3), destination="x", reason="y"), approve=True)


def test_expulsion_for_a_breach_goes_through_the_enrollment_and_its_order(persona, client_as):
    enrollment = Enrollment.objects.filter(status=Enrollment.Status.ENROLLED, person__user=None).first()
    page = client_as(Role.METHODOLOGIST).post(f"/campus/people/{enrollment.person_id}/conduct/", {
        "kind": "breach", "date": timezone.localdate().isoformat(), "description": "Самовольный уход с территории на двое суток.",
        "witnesses": "Дежурный", "measure": "expulsion"})
    assert page.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.EXPELLED and enrollment.expulsion_reason == Enrollment.ExpulsionReason.REGULATIONS
    assert OrderLine.objects.filter(enrollment=enrollment, action=OrderLine.Action.EXPEL).exists()
    assert ConductRecord.objects.filter(person=enrollment.person, measure="expulsion").exists()
    # a commendation cannot carry a punishment; the dormitory cannot expel (the enrollment's rule)
    with pytest.raises(Exception, match="does not go"):
        services.conduct_record(actor=persona(Role.DORMITORY_OFFICER), person=enrollment.person, kind="commendation", date=timezone.localdate(),
                                description="x", measure="warning")


def test_the_campus_lists_ask_the_database_as_often_whatever_their_length(client_as, persona):
    rector, dormitory = client_as(Role.LEADERSHIP), client_as(Role.DORMITORY_OFFICER)
    stay = Stay.objects.filter(enrollment__isnull=False).select_related("enrollment").first()
    listener = Person.objects.get(user=persona(Role.LISTENER))
    urls = [(rector, "/campus/leave/"), (dormitory, "/campus/"), (dormitory, f"/campus/courses/{stay.enrollment.offering_id}/"),
            (dormitory, f"/campus/people/{listener.pk}/conduct/"), (client_as(Role.LISTENER), "/campus/leave/")]
    before = [page_queries(client, url) for client, url in urls]
    now = timezone.now()
    people = list(Person.objects.filter(user=None, sex="M", stays=None)[:15])
    for number, person in enumerate(people):
        for state in ("requested", "approved", "late"):
            leaves = now - datetime.timedelta(hours=2 if state != "late" else 30)
            LeaveRequest.objects.create(person=person if state != "requested" else listener, leaves_at=leaves, returns_at=leaves + datetime.timedelta(hours=10 + number),
                                        destination="Астана", reason="Семья", status="requested" if state == "requested" else "approved")
        ConductRecord.objects.create(person=listener, kind="breach", date=timezone.localdate(), description="Опоздание", measure="note", recorded_by=persona(Role.ADMINISTRATOR))
    free = services.free_beds(stay.starts_on, stay.ends_on, "M")
    for person, bed in zip(people, free, strict=False):
        services.stay_book(actor=persona(Role.DORMITORY_OFFICER), bed=bed, person=person, starts_on=stay.starts_on, ends_on=stay.ends_on, enrollment=stay.enrollment)
    assert [page_queries(client, url) for client, url in urls] == before
