"""The timetable's pages: week grids, my timetable, the calendar feed, a run started from the
page, and a lesson moved by hand (refused with the reason when it would clash)."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone

from eacademy.core.models import Notification
from eacademy.core.roles import Role
from eacademy.timetable import calendar_feed, services
from eacademy.timetable.models import Lesson, Period, Room, TimetableRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson() -> Lesson:
    return Lesson.objects.filter(teaching__isnull=False).select_related("group", "lecturer", "room").order_by("starts_at").first()


def test_the_week_of_a_group_a_lecturer_and_a_room(client_as, lesson):
    week = timezone.localtime(lesson.starts_at).date().isoformat()
    for subject in (f"group={lesson.group_id}", f"lecturer={lesson.lecturer_id}", f"room={lesson.room_id}"):
        page = client_as(Role.METHODOLOGIST).get(f"/timetable/week/?{subject}&week={week}")
        assert page.status_code == 200 and str(lesson.discipline) in page.content.decode()
    pdf = client_as(Role.LEADERSHIP).get(f"/timetable/week/?group={lesson.group_id}&week={week}&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client_as(Role.METHODOLOGIST).get("/timetable/week/?group=nonsense").status_code == 404


def test_the_calendar_feed_needs_its_signed_address(client, lesson):
    token = calendar_feed.token_for(lesson.lecturer)
    feed = client.get(f"/calendar/{token}.ics")
    body = feed.content.decode()
    assert feed["Content-Type"].startswith("text/calendar") and body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == Lesson.objects.filter(lecturer=lesson.lecturer).count() and "LOCATION:" in body
    assert client.get(f"/calendar/{token[:-2]}xx.ics").status_code == 404
    assert client.get(f"/calendar/{calendar_feed.token_for(lesson.lecturer).replace(':', ';')}.ics").status_code == 404


def test_a_calendar_address_expires_and_its_owner_revokes_it(client, lesson, settings):
    token = calendar_feed.token_for(lesson.lecturer)
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    with time_machine_days(settings.CALENDAR_FEED_DAYS + 1):
        assert client.get(f"/calendar/{token}.ics").status_code == 404  # expired
    client.force_login(lesson.lecturer)
    page = client.get("/timetable/my/").content.decode()
    assert "It works until" in page
    assert client.post("/timetable/my/calendar/renew/").status_code == 302
    assert client.get(f"/calendar/{token}.ics").status_code == 404  # revoked
    fresh = calendar_feed.token_for(lesson.lecturer)
    assert client.get(f"/calendar/{fresh}.ics").status_code == 200
    other = Lesson.objects.exclude(lecturer=lesson.lecturer).exclude(lecturer=None).first().lecturer
    forged = signing.dumps([other.pk, "guessed-key"], salt=calendar_feed.SALT, compress=True)
    assert client.get(f"/calendar/{forged}.ics").status_code == 404


def time_machine_days(days: int):
    """Signatures are dated by time.time(): move it forward."""
    import time
    from unittest import mock

    now = time.time()
    return mock.patch("django.core.signing.time.time", return_value=now + days * 86400)


def test_a_lecturer_sees_his_own_timetable(client, lesson):
    client.force_login(lesson.lecturer)
    page = client.get(f"/timetable/my/?week={timezone.localtime(lesson.starts_at).date()}")
    assert page.status_code == 200 and str(lesson.discipline) in page.content.decode() and "/calendar/" in page.content.decode()


def test_a_move_that_clashes_is_refused_with_the_reason_and_changes_nothing(client_as, lesson):
    other = Lesson.objects.filter(teaching__isnull=False, group=lesson.group).exclude(starts_at=lesson.starts_at).first()
    local = timezone.localtime(other.starts_at)
    period = Period.objects.get(starts=local.time())
    page = client_as(Role.METHODOLOGIST).post(f"/timetable/lessons/{lesson.pk}/move/", {"day": local.date(), "period": period.pk, "room": lesson.room_id})
    assert page.status_code == 200 and "The group has another lesson then." in page.content.decode()
    assert Lesson.objects.get(pk=lesson.pk).starts_at == lesson.starts_at
    sunday = local.date() + datetime.timedelta(days=6 - local.weekday())
    page = client_as(Role.METHODOLOGIST).post(f"/timetable/lessons/{lesson.pk}/move/", {"day": sunday, "period": period.pk, "room": lesson.room_id})
    assert "There are no lessons that day." in page.content.decode()
    assert client_as(Role.LECTURER).post(f"/timetable/lessons/{lesson.pk}/move/", {}).status_code == 403


def test_a_free_move_is_made_and_the_people_are_told(client_as, lesson):
    start = timezone.localtime(lesson.starts_at)
    taken = {timezone.localtime(t) for t in Lesson.objects.filter(group=lesson.group).values_list("starts_at", flat=True)}
    taken |= {timezone.localtime(t) for t in Lesson.objects.filter(lecturer=lesson.lecturer).values_list("starts_at", flat=True)}
    free = next(timezone.make_aware(datetime.datetime.combine(start.date() + datetime.timedelta(days=d), p.starts)) for d in range(10)
                for p in Period.objects.order_by("number")
                if (start.date() + datetime.timedelta(days=d)).weekday() < 5 and timezone.make_aware(datetime.datetime.combine(start.date() + datetime.timedelta(days=d), p.starts)) not in taken
                and lesson.offering.starts_on <= start.date() + datetime.timedelta(days=d) <= lesson.offering.ends_on)
    room = Room.objects.filter(kind=lesson.room.kind, is_active=True).exclude(lessons__starts_at=free).first()
    before = Notification.objects.filter(user=lesson.lecturer).count()
    client_as(Role.METHODOLOGIST).post(f"/timetable/lessons/{lesson.pk}/move/", {"day": free.date(), "period": Period.objects.get(starts=free.time()).pk, "room": room.pk})
    moved = Lesson.objects.get(pk=lesson.pk)
    assert (moved.starts_at, moved.room_id, moved.pinned) == (free, room.pk, True)  # placed by hand: the solver leaves it
    assert Notification.objects.filter(user=lesson.lecturer).count() == before + 1
    assert moved.history.first().history_user.username == "methodologist"
    from eacademy.demo.timetable import term_start
    from eacademy.timetable import planner

    planner.plan(term_start(), term_start() + datetime.timedelta(weeks=8), seconds=30)  # a whole new plan...
    assert Lesson.objects.filter(pk=lesson.pk, starts_at=free, room=room).exists()  # ...keeps the lesson placed by hand


@pytest.mark.parametrize(("data", "message"), [
    ({"starts_on": "2027-09-01", "ends_on": "2027-08-01", "seconds": "30"}, "ends after it starts"),
    ({"starts_on": "2027-09-01", "ends_on": "2027-10-01", "seconds": "3"}, "Ensure this value is greater than or equal to 5"),
    ({"starts_on": "garbage", "ends_on": "2027-10-01", "seconds": "30"}, "Enter a valid date"),
])
def test_a_run_with_garbage_is_refused(client_as, data, message):
    page = client_as(Role.METHODOLOGIST).post("/timetable/", data)
    assert page.status_code == 200 and message in page.content.decode() and not TimetableRun.objects.exists()


def test_a_run_started_from_the_page_reports_its_result(client_as, django_capture_on_commit_callbacks):
    from eacademy.demo.timetable import term_start

    starts = term_start()
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the solver after the commit
        started = client_as(Role.METHODOLOGIST).post("/timetable/", {"starts_on": starts, "ends_on": starts + datetime.timedelta(weeks=8), "seconds": "20",
                                                                     "repair": "on"})
    run = TimetableRun.objects.get()
    page = client_as(Role.METHODOLOGIST).get(started["Location"])
    assert run.status == "done" and run.lessons == Lesson.objects.filter(teaching__isnull=False).count() and run.moved == 0
    assert "Done" in page.content.decode()
    assert client_as(Role.LECTURER).post("/timetable/", {"starts_on": starts, "ends_on": starts, "seconds": "20"}).status_code == 404


def test_an_illness_is_recorded_and_leads_to_re_planning_those_days(client_as, lesson):
    data = {"form": "absence", "lecturer": lesson.lecturer_id, "starts_on": "2027-09-13", "ends_on": "2027-09-17", "reason": "болезнь"}
    page = client_as(Role.METHODOLOGIST).post("/timetable/changes/", data)
    assert page["Location"] == "/timetable/?starts_on=2027-09-13&ends_on=2027-09-17&repair=1"
    # (the demo may already have sent this lecturer on a business trip: the solver chose who teaches first)
    assert lesson.lecturer.unavailabilities.get(reason="болезнь").history.first().history_user.username == "methodologist"
    form = client_as(Role.METHODOLOGIST).get(page["Location"]).content.decode()
    assert 'value="2027-09-13"' in form and 'id="id_repair" checked' in form


@pytest.mark.parametrize(("data", "message"), [
    ({"starts_on": "2027-09-17", "ends_on": "2027-09-13", "reason": "болезнь"}, "ends after it starts"),
    ({"starts_on": "2027-09-13", "ends_on": "2027-09-17", "reason": "   "}, "This field is required."),
    ({"starts_on": "вчера", "ends_on": "2027-09-17", "reason": "болезнь"}, "Enter a valid date"),
])
def test_garbage_changes_are_refused_and_nothing_is_recorded(client_as, lesson, data, message):
    before = lesson.lecturer.unavailabilities.count()
    page = client_as(Role.METHODOLOGIST).post("/timetable/changes/", {"form": "absence", "lecturer": lesson.lecturer_id, **data})
    assert page.status_code == 200 and message in page.content.decode()
    assert lesson.lecturer.unavailabilities.count() == before


def test_an_invited_lecturer_offers_times_and_is_then_planned_only_in_them(client_as, lesson):
    periods = list(Period.objects.order_by("number")[:2])
    data = {"form": "slots", "lecturer": lesson.lecturer_id, "starts_on": "2027-09-13", "ends_on": "2027-09-24", "weekdays": ["1", "3"],
            "periods": [p.pk for p in periods]}
    page = client_as(Role.METHODOLOGIST).post("/timetable/changes/", data)
    assert page.status_code == 302
    offered = lesson.lecturer.available_slots.all()
    assert sorted({s.date.isoformat() for s in offered}) == ["2027-09-14", "2027-09-16", "2027-09-21", "2027-09-23"] and offered.count() == 8
    assert lesson.lecturer.teaching_limits.invited
    assert client_as(Role.METHODOLOGIST).post("/timetable/changes/", data).status_code == 302 and offered.count() == 8  # offered twice: kept once
    monday = timezone.make_aware(datetime.datetime.combine(datetime.date(2027, 9, 13), periods[0].starts))
    assert "The invited lecturer has not offered this time." in services.clashes(lesson, monday, lesson.room)


@pytest.mark.parametrize(("data", "message"), [
    ({"weekdays": []}, "This field is required."),
    ({"weekdays": ["5"]}, "Select a valid choice"),
    ({"ends_on": "2027-09-01"}, "Give a window of at most a year that ends after it starts."),
    ({"starts_on": "2027-09-18", "ends_on": "2027-09-19"}, "No working day of the window falls on these weekdays."),
])
def test_garbage_offered_times_are_refused_and_nothing_is_recorded(client_as, lesson, data, message):
    base = {"form": "slots", "lecturer": lesson.lecturer_id, "starts_on": "2027-09-13", "ends_on": "2027-09-24", "weekdays": ["1"],
            "periods": [Period.objects.first().pk]}
    page = client_as(Role.METHODOLOGIST).post("/timetable/changes/", base | data)
    assert page.status_code == 200 and message in page.content.decode()
    assert not lesson.lecturer.available_slots.exists()
