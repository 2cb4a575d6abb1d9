"""Circulation: loans within the reader's category, renewals, holds only when nothing is on the
shelf, returns that keep a copy for the first reader waiting, reminders of overdue loans."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from eacademy.core.errors import DomainError
from eacademy.core.models import Notification, User
from eacademy.core.roles import Role
from eacademy.library import services
from eacademy.library.models import Hold, Loan, Record
from eacademy.library.services import circulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 2)


@pytest.fixture
def reader(db):
    """reader(Role.X) -> a new user of that role, with no loans or holds of the demo's."""
    made = iter(range(1000))

    def make(role: str) -> User:
        user = User.objects.create_user(username=f"reader-{role}-{next(made)}")
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


@pytest.fixture
def shelf(persona):
    librarian = persona(Role.LIBRARIAN)
    records = [services.record_save(actor=librarian, record=Record(title=f"Учебник {n}")) for n in range(4)]
    services.acquisition(actor=librarian, number="A-1", date=TODAY, basis="дар", items=[services.Acquired(r, 1) for r in records])
    return records


def _number(record: Record) -> str:
    return record.copies.get().inventory_number


def test_loan_by_category_and_its_limit(persona, reader, shelf):
    librarian, listener = persona(Role.LIBRARIAN), reader(Role.LISTENER)
    loans = [circulation.loan_issue(actor=librarian, reader=listener, inventory_number=_number(r), today=TODAY) for r in shelf[:3]]
    assert loans[0].due_on == TODAY + datetime.timedelta(days=14)  # a listener's period
    with pytest.raises(DomainError, match="most his category may hold"):
        circulation.loan_issue(actor=librarian, reader=listener, inventory_number=_number(shelf[3]), today=TODAY)
    assert Loan.objects.filter(reader=listener).count() == 3
    staff = circulation.loan_issue(actor=librarian, reader=reader(Role.LECTURER), inventory_number=_number(shelf[3]), today=TODAY)
    assert staff.due_on == TODAY + datetime.timedelta(days=60)
    with pytest.raises(DomainError, match="on loan"):
        circulation.loan_issue(actor=librarian, reader=reader(Role.STUDENT), inventory_number=_number(shelf[3]), today=TODAY)


def test_a_hold_on_a_copy_on_the_shelf_is_refused(reader, shelf):
    with pytest.raises(DomainError, match="on the shelf"):
        circulation.hold_place(actor=reader(Role.LISTENER), record=shelf[0])
    assert not Hold.objects.filter(record=shelf[0]).exists()


def test_return_keeps_the_copy_for_the_first_reader_waiting(persona, reader, shelf):
    librarian, lecturer, listener, student = persona(Role.LIBRARIAN), reader(Role.LECTURER), reader(Role.LISTENER), reader(Role.STUDENT)
    circulation.loan_issue(actor=librarian, reader=lecturer, inventory_number=_number(shelf[0]), today=TODAY)
    first = circulation.hold_place(actor=listener, record=shelf[0])
    circulation.hold_place(actor=student, record=shelf[0])
    with pytest.raises(DomainError, match="already wait"):
        circulation.hold_place(actor=listener, record=shelf[0])
    loan = Loan.objects.get(reader=lecturer, returned_on=None)
    with pytest.raises(DomainError, match="waits for this book"):
        circulation.loan_renew(actor=lecturer, loan=loan, today=TODAY)
    circulation.loan_return(actor=librarian, inventory_number=_number(shelf[0]), today=TODAY)
    first.refresh_from_db()
    assert first.state == Hold.State.READY and first.ready_until == TODAY + datetime.timedelta(days=3)
    assert Notification.objects.filter(user=listener, message__contains="Учебник 0").exists()
    with pytest.raises(DomainError, match="kept for another reader"):
        circulation.loan_issue(actor=librarian, reader=student, inventory_number=_number(shelf[0]), today=TODAY)
    circulation.loan_issue(actor=librarian, reader=listener, inventory_number=_number(shelf[0]), today=TODAY)
    first.refresh_from_db()
    assert first.state == Hold.State.COLLECTED


def test_an_uncollected_hold_passes_to_the_next_reader(persona, reader, shelf):
    librarian = persona(Role.LIBRARIAN)
    circulation.loan_issue(actor=librarian, reader=reader(Role.LECTURER), inventory_number=_number(shelf[1]), today=TODAY)
    first = circulation.hold_place(actor=reader(Role.LISTENER), record=shelf[1])
    second = circulation.hold_place(actor=reader(Role.STUDENT), record=shelf[1])
    circulation.loan_return(actor=librarian, inventory_number=_number(shelf[1]), today=TODAY)
    circulation.daily(TODAY + datetime.timedelta(days=4))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (Hold.State.CANCELLED, Hold.State.READY)


def test_renewals_are_limited_and_overdue_loans_reminded_once_a_week(persona, reader, shelf):
    librarian, listener = persona(Role.LIBRARIAN), reader(Role.LISTENER)
    loan = circulation.loan_issue(actor=librarian, reader=listener, inventory_number=_number(shelf[2]), today=TODAY)
    loan = circulation.loan_renew(actor=listener, loan=loan, today=TODAY + datetime.timedelta(days=10))
    assert loan.due_on == TODAY + datetime.timedelta(days=28)
    with pytest.raises(DomainError, match="renewed as often"):
        circulation.loan_renew(actor=listener, loan=loan, today=TODAY + datetime.timedelta(days=20))
    late = TODAY + datetime.timedelta(days=30)
    reminders = Notification.objects.filter(user=listener, message__contains="was due back")
    circulation.daily(late)
    assert reminders.count() == 1
    circulation.daily(late + datetime.timedelta(days=1))
    assert reminders.count() == 1
    circulation.daily(late + datetime.timedelta(days=8))
    assert reminders.count() == 2
    with pytest.raises(DomainError, match="overdue loan"):
        circulation.loan_issue(actor=librarian, reader=listener, inventory_number=_number(shelf[3]), today=late)


@override_settings(LIBRARY_LOAN_RULES={"listener": {"days": 7, "loans": 1, "renewals": 0}, "student": {"days": 1, "loans": 1, "renewals": 0},
                                       "staff": {"days": 1, "loans": 1, "renewals": 0}})
def test_rules_come_from_the_settings(persona, reader, shelf):
    loan = circulation.loan_issue(actor=persona(Role.LIBRARIAN), reader=reader(Role.LISTENER), inventory_number=_number(shelf[0]), today=TODAY)
    assert loan.due_on == TODAY + datetime.timedelta(days=7)


def test_desk_page(client_as, reader, shelf):
    client = client_as(Role.LIBRARIAN)
    listener = reader(Role.LISTENER)
    assert client.post("/library/desk/", {"issue-reader": listener.username, "issue-inventory_number": _number(shelf[0])}).status_code == 302
    refused = client.post("/library/desk/", {"issue-reader": "nobody-here", "issue-inventory_number": _number(shelf[1])})
    assert refused.status_code == 422 and "No active user" in refused.content.decode()
    assert client.post("/library/desk/", {"back-inventory_number": "00000000"}).status_code == 422
    assert client.post("/library/desk/", {"back-inventory_number": _number(shelf[0])}).status_code == 302
    assert not Loan.objects.filter(reader=listener, returned_on__isnull=True).exists()
    assert client_as(Role.LISTENER).get("/library/desk/").status_code == 403
    mine = client_as(Role.LISTENER).post(f"/library/records/{shelf[0].pk}/hold/", follow=True)
    assert "on the shelf" in mine.content.decode()


def test_a_reader_renews_and_cancels_only_his_own(client_as, persona, reader, shelf):
    librarian, owner = persona(Role.LIBRARIAN), reader(Role.LISTENER)
    loan = circulation.loan_issue(actor=librarian, reader=owner, inventory_number=_number(shelf[0]), today=TODAY)
    assert client_as(Role.STUDENT).post(f"/library/loans/{loan.pk}/renew/").status_code == 404
    assert Loan.objects.get(pk=loan.pk).renewals == 0
    other = reader(Role.STUDENT)
    hold = circulation.hold_place(actor=other, record=shelf[0])
    assert client_as(Role.LISTENER).post(f"/library/holds/{hold.pk}/cancel/").status_code == 404
    assert client_as(Role.LIBRARIAN).post(f"/library/holds/{hold.pk}/cancel/").status_code == 302
    assert Hold.objects.get(pk=hold.pk).state == Hold.State.CANCELLED
