"""Appeals: the deadline is fifteen working days after the day an appeal came in
(Administrative Procedural Code, art. 76), by the calendar of public holidays; extensions need a
reason and stay within two months; the overdue report lists what is late."""

import datetime

import pytest
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.models import Notification
from eacademy.core.roles import Role
from eacademy.governance import queries, services
from eacademy.governance.models import Appeal, CalendarDay, Extension
from eacademy.org.models import AcademyUnit
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _on(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args: day)


def _register(persona, received_on: datetime.date, **extra) -> Appeal:
    fields = {"received_on": received_on, "channel": Appeal.Channel.PORTAL, "applicant_kind": Appeal.Applicant.CITIZEN, "applicant": "Сейтқали Ерлан",
              "contact": "Астана", "subject": "О выдаче справки об обучении", "unit": AcademyUnit.objects.get(code="ivt-omr"),
              "assignee": persona(Role.HEAD_OF_DEPARTMENT), **extra}
    return services.appeal_register(actor=persona(Role.METHODOLOGIST), **fields)


def test_an_appeal_before_the_holidays_is_due_fifteen_working_days_later_and_is_overdue_the_day_after(persona, client_as, monkeypatch) -> None:
    services.calendar_fill(actor=None, year=2026)
    # Received on Friday 6 March 2026. Counting from the next day, by hand:
    #   7-8 Mar weekend (8 Mar, Women's Day, falls on Sunday), 9 Mar its day off moved to Monday;
    #   10, 11, 12, 13 Mar -> 1-4; 16-20 Mar -> 5-9;
    #   21-22 Mar weekend, 23 Mar Nauryz, 24-25 Mar the Nauryz days off moved from the weekend;
    #   26, 27 Mar -> 10, 11; 30, 31 Mar, 1, 2 Apr -> 12-15.
    assert {d: k for d, k in CalendarDay.objects.filter(date__range=("2026-03-07", "2026-03-25")).values_list("date", "kind")} == {
        datetime.date(2026, 3, 8): "holiday", datetime.date(2026, 3, 9): "day_off", datetime.date(2026, 3, 21): "holiday",
        datetime.date(2026, 3, 22): "holiday", datetime.date(2026, 3, 23): "holiday", datetime.date(2026, 3, 24): "day_off",
        datetime.date(2026, 3, 25): "day_off"}
    _on(monkeypatch, datetime.date(2026, 3, 6))
    appeal = _register(persona, datetime.date(2026, 3, 6))
    assert appeal.deadline == datetime.date(2026, 4, 2)
    assert Notification.objects.filter(user=persona(Role.HEAD_OF_DEPARTMENT), message__contains="02.04.2026").exists()

    leadership = client_as(Role.LEADERSHIP)
    _on(monkeypatch, datetime.date(2026, 4, 2))
    assert appeal not in queries.overdue(timezone.localdate())
    assert f"overdue-{appeal.pk}" not in leadership.get("/governance/appeals/overdue/").content.decode()
    _on(monkeypatch, datetime.date(2026, 4, 3))  # the day after the deadline
    assert appeal in queries.overdue(timezone.localdate())
    assert f"overdue-{appeal.pk}" in leadership.get("/governance/appeals/overdue/").content.decode()
    sheet = leadership.get("/governance/appeals/overdue/?format=xlsx")
    assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    # answered late, it stays in the report as answered late
    services.appeal_answer(actor=persona(Role.HEAD_OF_DEPARTMENT), appeal=appeal, answer="Справка выдана.", answered_on=datetime.date(2026, 4, 3))
    assert appeal in queries.overdue(timezone.localdate())


def test_a_weekend_made_a_working_day_counts(persona) -> None:
    start = datetime.date(2031, 6, 6)  # a Friday, in a year the calendar does not hold
    assert queries.working_day_after(start, 1) == datetime.date(2031, 6, 9)
    CalendarDay.objects.create(date=datetime.date(2031, 6, 7), kind=CalendarDay.Kind.WORKING, name="Перенос по постановлению")
    assert queries.working_day_after(start, 1) == datetime.date(2031, 6, 7)


def test_an_extension_needs_a_reason_the_leadership_and_two_months_at_most(persona, monkeypatch) -> None:
    _on(monkeypatch, datetime.date(2026, 11, 2))
    services.calendar_fill(actor=None, year=2026)
    appeal = _register(persona, datetime.date(2026, 11, 2))
    rector = persona(Role.LEADERSHIP)
    later = appeal.deadline + datetime.timedelta(days=10)
    with pytest.raises(DomainError, match="Give the reason"):
        services.appeal_extend(actor=rector, appeal=appeal, deadline=later, reason=" ")
    with pytest.raises(DomainError, match="two months at most"):
        services.appeal_extend(actor=rector, appeal=appeal, deadline=datetime.date(2027, 1, 5), reason="Запрос в орган.")
    with pytest.raises(DomainError, match="does not allow"):
        services.appeal_extend(actor=persona(Role.METHODOLOGIST), appeal=appeal, deadline=later, reason="Запрос в орган.")
    assert not Extension.objects.filter(appeal=appeal).exists()
    previous = appeal.deadline
    extended = services.appeal_extend(actor=rector, appeal=appeal, deadline=later, reason="Запрос в территориальный орган.")
    assert extended.deadline == later and Extension.objects.get(appeal=appeal).previous == previous
    assert extended.history.latest().history_change_reason == "extended"


@pytest.mark.parametrize(
    ("change", "field"),
    [({"received_on": datetime.date(2026, 11, 20)}, "received_on"), ({"subject": "  "}, "subject"), ({"applicant": ""}, "applicant"),
     ({"channel": "pigeon"}, "channel"), ({"unit": None}, "unit")],
)
def test_a_bad_appeal_is_refused_and_nothing_is_written(persona, monkeypatch, change, field) -> None:
    _on(monkeypatch, datetime.date(2026, 11, 10))
    count = Appeal.objects.count()
    with pytest.raises(DomainError) as refusal:
        _register(persona, change.pop("received_on", datetime.date(2026, 11, 9)), **change)
    assert field in refusal.value.message_dict and Appeal.objects.count() == count


def test_the_executor_is_reminded_once_when_the_deadline_nears(persona, monkeypatch) -> None:
    _on(monkeypatch, datetime.date(2026, 11, 2))
    services.calendar_fill(actor=None, year=2026)
    appeal = _register(persona, datetime.date(2026, 11, 2))  # due on 23 November
    services.appeals_remind(today=datetime.date(2026, 11, 17))
    assert Appeal.objects.get(pk=appeal.pk).reminded_on is None
    services.appeals_remind(today=datetime.date(2026, 11, 18))  # three working days before
    services.appeals_remind(today=datetime.date(2026, 11, 19))
    assert Appeal.objects.get(pk=appeal.pk).reminded_on == datetime.date(2026, 11, 18)
    assert Notification.objects.filter(user=persona(Role.HEAD_OF_DEPARTMENT), message__contains=str(appeal)).count() == 2  # assigned, reminded once


def test_the_executor_sees_his_appeals_and_answers_with_a_pdf(persona, client_as, monkeypatch) -> None:
    _on(monkeypatch, datetime.date(2026, 11, 2))
    appeal = _register(persona, datetime.date(2026, 11, 2))
    lecturer, head = client_as(Role.LECTURER), client_as(Role.HEAD_OF_DEPARTMENT)
    assert lecturer.get(appeal.get_absolute_url()).status_code == 404
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = head.post(appeal.get_absolute_url(), {"answer": "Ответ.", "answered_on": "2026-11-02",
                                                    "document": SimpleUploadedFile("a.pdf", b"MZ not a pdf", "application/pdf")})
    assert refused.status_code == 422 and Appeal.objects.get(pk=appeal.pk).status == "open"
    head.post(appeal.get_absolute_url(), {"answer": "Справка выдана.", "answered_on": "2026-11-02",
                                          "document": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")})
    answered = Appeal.objects.get(pk=appeal.pk)
    assert answered.status == "answered" and bytes(answered.answer_file).startswith(b"%PDF")


def test_the_appeals_list_keeps_its_query_count_as_appeals_grow(persona, client_as, monkeypatch) -> None:
    client = client_as(Role.METHODOLOGIST)
    before = page_queries(client, "/governance/appeals/")
    overdue = page_queries(client, "/governance/appeals/overdue/")
    _on(monkeypatch, datetime.date(2026, 10, 1))
    for _ in range(4):
        _register(persona, datetime.date(2026, 10, 1))
    monkeypatch.undo()
    assert page_queries(client, "/governance/appeals/") == before
    assert page_queries(client, "/governance/appeals/overdue/") == overdue
