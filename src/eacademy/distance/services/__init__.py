"""Online lessons: a room or a link for a timetable lesson, joining it, and its attendance taken
into the journal (through the journal's own service) from the room's report; the course space's
sections and materials, what the listeners open, and when the course counts as completed.
Assignments, the forum and SCORM packages have modules of their own here. Each refusal says
why and changes nothing."""

import datetime
import mimetypes
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import jwt
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.file_types import MATERIALS, VIDEOS, content_type
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.services import require_role
from eacademy.core.uploads import read_upload
from eacademy.distance import bbb, queries
from eacademy.distance.models import CompletionRule, Material, MaterialView, OnlineMeeting, Presence, Section
from eacademy.distance.rules import COMPLETION_SETTERS, TEACHERS
from eacademy.distance.services import xapi
from eacademy.enrollment.models import Enrollment
from eacademy.journal import services as journal_services
from eacademy.journal.models import Attendance
from eacademy.timetable.models import Lesson


@dataclass(frozen=True)
class Visit:
    """One person in a room's report: our user id there, when he first came and last left."""

    user_id: str
    joined_at: datetime.datetime
    left_at: datetime.datetime | None
    seconds: int


def client() -> bbb.Client:
    if not settings.BBB_URL or not settings.BBB_SECRET:
        raise DomainError(_("No BigBlueButton server is set up (BBB_URL and BBB_SECRET): give the lesson a link instead."))
    return bbb.Client(settings.BBB_URL, settings.BBB_SECRET, algorithm=settings.BBB_CHECKSUM)


def _require_reach(actor: User, lesson: Lesson) -> None:
    require_role(actor, TEACHERS)
    if not queries.teaches(actor, lesson.offering_id, lesson.group_id):
        raise NotAllowed(_("This lesson is not one of yours."))


@transaction.atomic
def meeting_set(*, actor: User, lesson: Lesson, system: str, url: str = "") -> OnlineMeeting:
    """Hold the lesson online: in a room of the Academy's BigBlueButton, or at another system's link."""
    _require_reach(actor, lesson)
    if system not in OnlineMeeting.System.values:
        raise DomainError({"system": [_("Choose the system from the list.")]})
    meeting = OnlineMeeting.objects.filter(lesson=lesson).first() or OnlineMeeting(lesson=lesson)
    meeting.system = system
    if system == OnlineMeeting.System.BIGBLUEBUTTON:
        client()  # refused when no server is set up
        meeting.url, meeting.meeting_id = "", meeting.meeting_id or f"eacademy-{lesson.pk}-{secrets.token_hex(6)}"
    else:
        try:
            URLValidator(schemes=["https"])(url)
        except ValidationError:
            raise DomainError({"url": [_("Give the meeting's https:// link.")]}) from None
        meeting.url, meeting.meeting_id = url, ""
    return save_by(meeting, actor)


def join_url(*, user: User, meeting: OnlineMeeting) -> str:
    """Where the user enters the lesson: a listener of it as a viewer, its teachers as moderators.
    The room is created on the first entry (creating it again is harmless)."""
    lesson = meeting.lesson
    enrollment = queries.listener_enrollment(user, lesson)
    teacher = queries.teaches(user, lesson.offering_id, lesson.group_id)
    if enrollment is None and not teacher:
        raise NotAllowed(_("This lesson is not one of yours."))
    if meeting.system != OnlineMeeting.System.BIGBLUEBUTTON:
        return meeting.url
    server = client()
    try:
        server.create(meeting.meeting_id, str(lesson.discipline), duration_minutes=lesson.minutes + 60,
                      analytics_callback_url=settings.SITE_URL + reverse("distance:bbb_analytics"))
    except bbb.BigBlueButtonError as exc:
        raise DomainError(_("The BigBlueButton server refused the room: %(reason)s") % {"reason": exc.message or exc.key}) from None
    name = user.get_full_name() or user.username
    return server.join_url(meeting.meeting_id, name, user_id=f"e{enrollment.pk}" if enrollment and not teacher else f"u{user.pk}", moderator=teacher)


def _moment(text: object) -> datetime.datetime | None:
    """A time of the report: ISO 8601 (with Z or an offset), or milliseconds since 1970."""
    if isinstance(text, int | float):
        return datetime.datetime.fromtimestamp(text / 1000, tz=datetime.UTC)
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" +", "+").replace(" ", "T", 1))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def visits_from_analytics(payload: Mapping[str, object]) -> tuple[str, list[Visit]]:
    """The room and its attendees from the report BigBlueButton posts when a room ends (its
    analytics callback, version 1.0: data.attendees with ext_user_id, joins, leaves, duration)."""
    data = payload.get("data")
    attendees = data.get("attendees") if isinstance(data, dict) else None
    meeting_id = payload.get("meeting_id")
    if not isinstance(meeting_id, str) or not isinstance(attendees, list):
        raise DomainError(_("The room's report is not one BigBlueButton sends."))
    visits = []
    for attendee in attendees:
        if not isinstance(attendee, dict):
            continue
        joins = [m for m in map(_moment, attendee.get("joins") or []) if m]
        leaves = [m for m in map(_moment, attendee.get("leaves") or []) if m]
        if not joins or not isinstance(attendee.get("ext_user_id"), str):
            continue
        duration = attendee.get("duration")
        seconds = int(duration) if isinstance(duration, int | float) else int(((max(leaves) if leaves else min(joins)) - min(joins)).total_seconds())
        visits.append(Visit(attendee["ext_user_id"], min(joins), max(leaves) if leaves else None, max(seconds, 0)))
    return meeting_id, visits


@transaction.atomic
def attendance_take(*, meeting: OnlineMeeting, visits: Iterable[Visit], final: bool, actor: User | None = None) -> dict[str, int]:
    """Put the room's report into the journal as the lesson's lecturer: present (or late, after
    ONLINE_LATE_MINUTES) for those who came; with the final report, absent for those who did
    not (an excused absence already recorded stays). The times are kept beside (Presence)."""
    lesson = Lesson.objects.select_related("discipline").get(pk=meeting.lesson_id)
    actor = actor or lesson.lecturer
    if actor is None:
        raise DomainError(_("The lesson has no lecturer to record its attendance."))
    by_user = {v.user_id: v for v in visits}
    enrollments = Enrollment.objects.filter(offering_id=lesson.offering_id, status=Enrollment.Status.ENROLLED).select_related("person")
    if lesson.group_id:
        enrollments = enrollments.filter(group_id=lesson.group_id)
    excused = set(Attendance.objects.filter(lesson=lesson, status=Attendance.Status.EXCUSED).values_list("enrollment_id", flat=True))
    late_after = lesson.starts_at + datetime.timedelta(minutes=settings.ONLINE_LATE_MINUTES)
    counts = {"present": 0, "late": 0, "absent": 0}
    for enrollment in enrollments:
        visit = by_user.get(f"e{enrollment.pk}")
        if visit is not None:
            Presence.objects.update_or_create(meeting=meeting, enrollment=enrollment, defaults={
                "joined_at": visit.joined_at, "left_at": visit.left_at, "minutes": visit.seconds // 60})
            status = Attendance.Status.LATE if visit.joined_at > late_after else Attendance.Status.PRESENT
        elif final and enrollment.pk not in excused:
            status = Attendance.Status.ABSENT
        else:
            continue
        journal_services.attendance_set(actor=actor, lesson=lesson, enrollment=enrollment, status=status)
        counts[status] += 1
    meeting.attendance_taken_at = timezone.now()
    save_by(meeting, actor, update_fields=["attendance_taken_at"])
    return counts


def attendance_now(*, actor: User, meeting: OnlineMeeting) -> dict[str, int]:
    """Who is in the room at this moment (getMeetingInfo), marked present or late now; those
    missing are left as they are until the room's final report."""
    _require_reach(actor, meeting.lesson)
    try:
        attendees = client().attendees(meeting.meeting_id)
    except bbb.BigBlueButtonError as exc:
        raise DomainError(_("The BigBlueButton server did not answer: %(reason)s") % {"reason": exc.message or exc.key}) from None
    now = timezone.now()
    return attendance_take(meeting=meeting, visits=[Visit(a.user_id, now, None, 0) for a in attendees], final=False, actor=actor)


@transaction.atomic
def analytics_receive(*, authorization: str, payload: Mapping[str, object]) -> dict[str, int]:
    """The room's report posted by BigBlueButton when it ends, signed with the shared secret
    (a JSON Web Token, HS512, that expires): the attendance goes into the journal."""
    token = authorization.removeprefix("Bearer ").strip()
    try:
        jwt.decode(token, settings.BBB_SECRET, algorithms=["HS512"], options={"require": ["exp"]})
    except jwt.PyJWTError:
        raise NotAllowed(_("The report is not signed by the Academy's BigBlueButton server.")) from None
    meeting_id, visits = visits_from_analytics(payload)
    meeting = OnlineMeeting.objects.filter(meeting_id=meeting_id, system=OnlineMeeting.System.BIGBLUEBUTTON).first()
    if meeting is None:
        raise DomainError(_("No online lesson has this room."))
    return attendance_take(meeting=meeting, visits=visits, final=True)


@transaction.atomic
def recordings_fetch(*, actor: User, meeting: OnlineMeeting) -> list[dict[str, str]]:
    """The room's recordings, linked on the lesson's page."""
    _require_reach(actor, meeting.lesson)
    try:
        found = client().recordings(meeting.meeting_id)
    except bbb.BigBlueButtonError as exc:
        raise DomainError(_("The BigBlueButton server did not answer: %(reason)s") % {"reason": exc.message or exc.key}) from None
    linked = [{"url": r.url, "starts_at": r.starts_at.isoformat() if r.starts_at else "", "ends_at": r.ends_at.isoformat() if r.ends_at else ""}
              for r in found if r.url]
    meeting.recordings = linked
    save_by(meeting, actor, update_fields=["recordings"])
    return linked


# --- The course space ---------------------------------------------------------------------------------


def require_course_reach(actor: User, offering_id: int) -> None:
    require_role(actor, TEACHERS)
    if not queries.teaches(actor, offering_id):
        raise NotAllowed(_("This course is not one of yours."))


@transaction.atomic
def section_add(*, actor: User, offering_id: int, title: str, visible_from: datetime.date | None = None) -> Section:
    require_course_reach(actor, offering_id)
    if not title.strip():
        raise DomainError({"title": [_("This field is required.")]})
    position = (Section.objects.filter(offering_id=offering_id).aggregate(last=Max("position"))["last"] or 0) + 1
    return save_by(Section(offering_id=offering_id, title=title.strip()[:300], visible_from=visible_from, position=position), actor)


@transaction.atomic
def material_add(*, actor: User, section: Section, kind: str, title: str, body: str = "", url: str = "", upload: UploadedFile[bytes] | None = None,
                 visible_from: datetime.date | None = None, required: bool = True) -> Material:
    """A file (PDF, picture, sound or video, by its content), a page (its HTML sanitised), a link or a
    video (a file, or an https:// address)."""
    require_course_reach(actor, section.offering_id)
    if kind not in Material.Kind.values:
        raise DomainError({"kind": [_("Choose the kind from the list.")]})
    if not title.strip():
        raise DomainError({"title": [_("This field is required.")]})
    material = Material(section=section, kind=kind, title=title.strip()[:300], visible_from=visible_from, required=required,
                        position=(section.materials.aggregate(last=Max("position"))["last"] or 0) + 1)
    if kind == Material.Kind.PAGE:
        material.body = nh3.clean(body)
        if not material.body.strip():
            raise DomainError({"body": [_("Write the page's text.")]})
    elif upload is not None and kind in (Material.Kind.FILE, Material.Kind.VIDEO):
        data = read_upload(upload, "material")
        media_type = content_type(data)
        allowed = VIDEOS if kind == Material.Kind.VIDEO else MATERIALS
        if media_type not in allowed:
            raise DomainError({"upload": [_("This file is not one the course space offers: a PDF, a picture, a sound or a video (MP4, WebM).")
                                          if kind == Material.Kind.FILE else _("A video is an MP4 or WebM file.")]})
        material.media_type, material.file_name = media_type, (upload.name or "file")[-200:]
        material.file.save(f"{secrets.token_hex(8)}{mimetypes.guess_extension(media_type) or ''}", ContentFile(data), save=False)
    elif kind in (Material.Kind.LINK, Material.Kind.VIDEO):
        try:
            URLValidator(schemes=["https"])(url)
        except ValidationError:
            raise DomainError({"url": [_("Give an https:// address.")]}) from None
        material.url = url
    else:
        raise DomainError({"upload": [_("Attach the file.")]})
    return save_by(material, actor)


def material_open(*, user: User, material: Material) -> MaterialView | None:
    """Record that a listener of the course opened the material (teachers' looks are not recorded)."""
    enrollment = Enrollment.objects.filter(person__user=user, offering_id=material.section.offering_id, status=Enrollment.Status.ENROLLED).first()
    if enrollment is None:
        return None
    now = timezone.now()
    seen, created = MaterialView.objects.get_or_create(material=material, enrollment=enrollment, defaults={"first_at": now, "last_at": now})
    if not created:
        MaterialView.objects.filter(pk=seen.pk).update(last_at=now, times=F("times") + 1)
    else:
        xapi.record(user=user, verb="experienced", path=material.get_absolute_url(), name=material.title,
                    course_path=reverse("distance:course", args=[enrollment.offering_id]))
    return seen


@transaction.atomic
def completion_rule_set(*, actor: User, offering_id: int, percent: int) -> CompletionRule:
    """The share of the required activities that completes the course (100: every one)."""
    require_role(actor, COMPLETION_SETTERS)
    require_course_reach(actor, offering_id)
    if not 1 <= percent <= 100:
        raise DomainError({"percent": [_("A share from 1 to 100 %.")]})
    rule = CompletionRule.objects.filter(offering_id=offering_id).first() or CompletionRule(offering_id=offering_id)
    rule.percent = percent
    return save_by(rule, actor)


def course_lecturers(offering_id: int) -> list[User]:
    """Who teaches a course: its lessons' lecturers and those its journal names."""
    return list(User.objects.filter(Q(lessons__offering_id=offering_id) | Q(teachings__offering_id=offering_id), is_active=True).distinct())
