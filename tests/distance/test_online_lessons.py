"""Must show 3 of issue 22: the BigBlueButton client against a fake server that checks checksums
(a wrong secret is refused, so the client signs as the server computes), and attendance from the
room's report landing in the journal, with the times kept beside."""

import datetime
import json
from urllib.parse import urlsplit

import jwt
import pytest
from django.test import override_settings
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.distance import bbb, services
from eacademy.distance.models import OnlineMeeting, Presence
from eacademy.enrollment.models import Enrollment
from eacademy.journal.models import Attendance
from eacademy.timetable.models import Lesson
from tests.distance.fake_bbb import SECRET, FakeBigBlueButton

pytestmark = pytest.mark.django_db


@pytest.fixture
def server():
    fake = FakeBigBlueButton()
    with override_settings(BBB_URL=fake.url, BBB_SECRET=SECRET, BBB_CHECKSUM="sha1", SITE_URL="https://e-academy.example.kz"):
        yield fake
    fake.close()


@pytest.fixture
def lesson(persona) -> Lesson:
    """A lesson of the demo listener's group that began an hour and a half ago, given by the lecturer login."""
    mine = Enrollment.objects.filter(person__user=persona(Role.LISTENER), status="enrolled").exclude(group=None).select_related("offering").first()
    discipline = mine.offering.version.modules.first().disciplines.first()
    return Lesson.objects.create(offering=mine.offering, group=mine.group, discipline=discipline, minutes=80,
                                 starts_at=timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(minutes=90), lecturer=persona(Role.LECTURER))


def test_the_client_signs_every_call_as_the_server_checks_and_a_wrong_secret_is_refused(server):
    good = bbb.Client(server.url, SECRET)
    good.create("room-1", "Уголовный процесс", analytics_callback_url="https://e-academy.example.kz/distance/bbb/analytics/")
    assert server.calls[-1] == ("create", {"meetingID": "room-1", "name": "Уголовный процесс", "record": "true", "autoStartRecording": "false",
                                           "allowStartStopRecording": "true", "duration": "0",
                                           "meta_analytics-callback-url": "https://e-academy.example.kz/distance/bbb/analytics/"})
    assert server.check(urlpart(good.join_url("room-1", "Әлия Нұрланқызы", user_id="e7", moderator=False)))[2]
    with pytest.raises(bbb.BigBlueButtonError) as refusal:
        bbb.Client(server.url, "not-the-secret").create("room-1", "Уголовный процесс")
    assert refusal.value.key == "checksumError"
    assert [call for call, _params in server.calls] == ["create"]  # the refused call never counted
    sha256 = FakeBigBlueButton(algorithm="sha256")
    try:
        bbb.Client(sha256.url, SECRET, algorithm="sha256").end("room-1")
        with pytest.raises(bbb.BigBlueButtonError):
            bbb.Client(sha256.url, SECRET).end("room-1")  # SHA-1 against a server set to SHA-256
    finally:
        sha256.close()
    assert [r.url for r in good.recordings("room-1")] == ["https://bbb.example.kz/playback/presentation/2.3/ffbfc4cc24428694e8b53a4e144f414052431693-1733212800000"]


def urlpart(url: str) -> str:
    """The path and query of an address, as the server reads them."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _report(meeting: OnlineMeeting, attendees: list[dict]) -> dict:
    return {"version": "1.0", "meeting_id": meeting.meeting_id, "internal_meeting_id": "0d1a4f9c6e3b2a5c-1733212800000",
            "data": {"metadata": {"analytics_callback_url": "https://e-academy.example.kz/distance/bbb/analytics/"}, "duration": 4800,
                     "attendees": attendees}}


def _token(secret: str = SECRET, hours: int = 24) -> str:
    return jwt.encode({"exp": datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=hours)}, secret, algorithm="HS512")


def test_the_rooms_report_takes_the_attendance_into_the_journal_with_the_times_beside(server, lesson, persona, client, client_as):
    meeting = services.meeting_set(actor=persona(Role.LECTURER), lesson=lesson, system=OnlineMeeting.System.BIGBLUEBUTTON)
    listeners = list(Enrollment.objects.filter(offering=lesson.offering, group=lesson.group, status="enrolled").order_by("pk"))
    assert len(listeners) >= 3
    on_time, late, *absent = listeners
    start = lesson.starts_at
    moment = lambda minutes: (start + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S.000+00:00")
    report = _report(meeting, [
        {"ext_user_id": f"e{on_time.pk}", "name": "x", "moderator": False, "joins": [moment(2), moment(40)], "leaves": [moment(30), moment(80)], "duration": 4080},
        {"ext_user_id": f"e{late.pk}", "name": "y", "moderator": False, "joins": [moment(25)], "leaves": [moment(80)], "duration": 3300},
        {"ext_user_id": f"u{lesson.lecturer_id}", "name": "z", "moderator": True, "joins": [moment(0)], "leaves": [moment(81)], "duration": 4860},
    ])
    excused = absent[0]
    Attendance.objects.create(lesson=lesson, enrollment=excused, status=Attendance.Status.EXCUSED, reason="больничный", recorded_by=lesson.lecturer)
    # a forged report is refused and changes nothing
    forged = client.post("/distance/bbb/analytics/", json.dumps(report), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_token('guess')}")
    expired = client.post("/distance/bbb/analytics/", json.dumps(report), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_token(hours=-1)}")
    assert forged.status_code == expired.status_code == 403 and not Presence.objects.filter(meeting=meeting).exists()
    assert Attendance.objects.filter(lesson=lesson).count() == 1
    answer = client.post("/distance/bbb/analytics/", json.dumps(report), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_token()}")
    assert answer.status_code == 200 and answer.json() == {"present": 1, "late": 1, "absent": len(absent) - 1}
    statuses = dict(Attendance.objects.filter(lesson=lesson).values_list("enrollment_id", "status"))
    assert statuses[on_time.pk] == "present" and statuses[late.pk] == "late" and statuses[excused.pk] == "excused"
    assert all(statuses[e.pk] == "absent" for e in absent[1:])
    presence = Presence.objects.get(meeting=meeting, enrollment=on_time)
    assert (presence.joined_at, presence.left_at, presence.minutes) == (start + datetime.timedelta(minutes=2), start + datetime.timedelta(minutes=80), 68)
    assert Attendance.history.filter(lesson_id=lesson.pk, enrollment_id=late.pk).first().history_user == lesson.lecturer
    page = client_as(Role.LECTURER).get(f"/distance/lessons/{lesson.pk}/").content.decode()
    assert on_time.person.full_name in page and "68" in page


def test_those_in_the_room_now_are_marked_present_and_the_listener_enters_as_a_viewer(server, lesson, persona, client_as):
    lecturer = persona(Role.LECTURER)
    meeting = services.meeting_set(actor=lecturer, lesson=lesson, system=OnlineMeeting.System.BIGBLUEBUTTON)
    mine = Enrollment.objects.get(person__user=persona(Role.LISTENER), offering=lesson.offering, status="enrolled")
    entered = client_as(Role.LISTENER).get(f"/distance/lessons/{lesson.pk}/join/")
    assert entered.status_code == 302 and entered["Location"].startswith(server.url + "/join?")
    _call, params, valid = server.check(urlpart(entered["Location"]))
    assert valid and params["userID"] == f"e{mine.pk}" and params["role"] == "VIEWER"
    assert server.calls[0][0] == "create" and server.calls[0][1]["meta_analytics-callback-url"] == "https://e-academy.example.kz/distance/bbb/analytics/"
    server.attendees = [(f"e{mine.pk}", "Слушатель", "VIEWER"), (f"u{lecturer.pk}", "Лектор", "MODERATOR")]
    assert services.attendance_now(actor=lecturer, meeting=meeting) == {"present": 0, "late": 1, "absent": 0}  # ninety minutes in: late
    assert Attendance.objects.get(lesson=lesson, enrollment=mine).status == "late"
    assert Attendance.objects.filter(lesson=lesson).count() == 1  # the others wait for the final report
    services.recordings_fetch(actor=lecturer, meeting=meeting)
    assert "playback/presentation" in client_as(Role.LISTENER).get(f"/distance/lessons/{lesson.pk}/").content.decode()


def test_a_plain_link_a_missing_server_and_a_stranger_are_refused_in_words(lesson, persona, client_as):
    lecturer = persona(Role.LECTURER)
    with pytest.raises(DomainError, match="https://"):
        services.meeting_set(actor=lecturer, lesson=lesson, system=OnlineMeeting.System.ZOOM, url="http://zoom.example/j/1")
    with override_settings(BBB_URL="", BBB_SECRET=""), pytest.raises(DomainError, match="No BigBlueButton server"):
        services.meeting_set(actor=lecturer, lesson=lesson, system=OnlineMeeting.System.BIGBLUEBUTTON)
    assert not OnlineMeeting.objects.filter(lesson=lesson).exists()
    services.meeting_set(actor=lecturer, lesson=lesson, system=OnlineMeeting.System.JITSI, url="https://meet.jit.si/eacademy-law-101")
    assert client_as(Role.LISTENER).get(f"/distance/lessons/{lesson.pk}/join/")["Location"] == "https://meet.jit.si/eacademy-law-101"
    assert client_as(Role.EXPERT).get(f"/distance/lessons/{lesson.pk}/").status_code == 403
    assert client_as(Role.HEAD_OF_DEPARTMENT).get(f"/distance/lessons/{lesson.pk}/").status_code in (200, 404)


def test_a_listener_of_another_course_neither_sees_nor_enters_the_lesson(server, lesson, persona, client_as):
    services.meeting_set(actor=persona(Role.LECTURER), lesson=lesson, system=OnlineMeeting.System.BIGBLUEBUTTON)
    other = Lesson.objects.exclude(offering__enrollments__person__user=persona(Role.LISTENER)).exclude(offering=lesson.offering).first()
    OnlineMeeting.objects.create(lesson=other, system=OnlineMeeting.System.JITSI, url="https://meet.jit.si/other")
    listener = client_as(Role.LISTENER)
    assert listener.get(f"/distance/lessons/{other.pk}/").status_code == 404
    assert listener.get(f"/distance/lessons/{other.pk}/join/").status_code == 404
    seen = [m.lesson_id for m in services.queries.meetings_of(persona(Role.LISTENER))]
    assert lesson.pk in seen and other.pk not in seen
    with pytest.raises(DomainError, match="not one of yours"):
        services.join_url(user=persona(Role.EXPERT), meeting=lesson.online_meeting)
    assert not any(call == "create" for call, _params in server.calls)
