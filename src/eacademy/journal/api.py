import datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from eacademy.core.access import signed_in_user
from eacademy.core.numbers import Count, Id, Points
from eacademy.enrollment.models import Enrollment
from eacademy.journal import certificates, services
from eacademy.journal.models import Attendance, Certificate, Mark
from eacademy.journal.queries import groups_visible_to, within_reach
from eacademy.journal.rules import READERS, Conflict
from eacademy.timetable.models import Lesson

router = Router(tags=["journal"])


class AttendanceIn(Schema):
    lesson_id: Id
    enrollment_id: Id
    status: Attendance.Status
    reason: str = ""


class AttendanceOut(Schema):
    lesson_id: int
    enrollment_id: int
    status: str
    reason: str
    warning: str | None = None


class MarkIn(Schema):
    lesson_id: Id
    enrollment_id: Id
    points: Points
    revision: Count
    reason: str = ""


class MarkOut(Schema):
    id: int
    enrollment_id: int
    discipline_id: int
    lesson_id: int | None
    exam_id: int | None
    points: Decimal
    revision: int
    changed_at: datetime.datetime


class CertificateOut(Schema):
    id: int
    enrollment_id: int
    series: str
    year: int
    number: int
    status: str
    issued_at: datetime.datetime
    revoked_reason: str


class VerificationOut(Schema):
    certificate: str
    status: str
    holder: str
    course: str
    dates: str
    issued_at: datetime.datetime
    revoked_reason: str


def _group_lesson(request: HttpRequest, lesson_id: Id) -> Lesson:
    """A lesson of a group whose journal the user may open; 404 for any other (nothing leaks)."""
    lesson = get_object_or_404(Lesson, pk=lesson_id)
    if not within_reach(signed_in_user(request), offering_id=lesson.offering_id, group_id=lesson.group_id):
        raise Http404
    return lesson


@router.post("/journal/attendance/", response=AttendanceOut)
def set_attendance(request: HttpRequest, payload: AttendanceIn) -> dict:
    lesson = _group_lesson(request, payload.lesson_id)
    enrollment = get_object_or_404(Enrollment.objects.select_related("person", "offering__version__programme"), pk=payload.enrollment_id)
    row, warning = services.attendance_set(actor=signed_in_user(request), lesson=lesson, enrollment=enrollment, status=payload.status, reason=payload.reason)
    return {"lesson_id": row.lesson_id, "enrollment_id": row.enrollment_id, "status": row.status, "reason": row.reason, "warning": warning}


@router.get("/journal/lessons/{lesson_id}/attendance/", response=list[AttendanceOut])
def list_attendance(request: HttpRequest, lesson_id: Id) -> object:
    return Attendance.objects.filter(lesson=_group_lesson(request, lesson_id)).order_by("enrollment_id")


@router.post("/journal/marks/", response={200: MarkOut, 409: dict})
def set_mark(request: HttpRequest, payload: MarkIn) -> object:
    """A typed mark against the revision the client saw; 409 with the current value otherwise."""
    lesson = _group_lesson(request, payload.lesson_id)
    enrollment = get_object_or_404(Enrollment, pk=payload.enrollment_id)
    try:
        return services.mark_set(actor=signed_in_user(request), enrollment=enrollment, discipline=lesson.discipline, lesson=lesson,
                                 points=payload.points, revision=payload.revision, reason=payload.reason)
    except Conflict as exc:
        return Status(409, {"detail": exc.messages[0], "current": str(exc.current), "revision": exc.revision})


@router.get("/journal/enrollments/{enrollment_id}/marks/", response=list[MarkOut])
def list_marks(request: HttpRequest, enrollment_id: Id) -> object:
    """A listener's marks: his own, or of a group whose journal the user may open; 404 otherwise."""
    user = signed_in_user(request)
    enrollment = get_object_or_404(Enrollment.objects.select_related("person"), pk=enrollment_id)
    mine = enrollment.person.user_id == user.pk
    if not (mine or user.is_academy_wide or groups_visible_to(user).filter(enrollments=enrollment).exists()):
        raise Http404
    return Mark.objects.filter(enrollment=enrollment).order_by("discipline_id", "lesson_id", "id")


@router.get("/journal/certificates/", response=list[CertificateOut])
def list_certificates(request: HttpRequest) -> object:
    """Readers see every certificate; a listener his own."""
    user = signed_in_user(request)
    found = Certificate.objects.order_by("-issued_at")
    return found if user.has_role(*READERS) else found.filter(enrollment__person__user=user)


@router.get("/certificates/verify/{code}/", response={200: VerificationOut, 404: dict}, auth=None)
def verify_certificate(request: HttpRequest, code: str) -> object:
    """Public: what the verification page shows, the holder's name partly masked."""
    certificate = Certificate.objects.select_related("enrollment__person", "enrollment__offering__version__programme").filter(code=code).first()
    if certificate is None:
        return Status(404, {"detail": _("No certificate has this code.")})
    return {"certificate": str(certificate), "status": certificate.status, "holder": certificates.holder_masked(certificate),
            "course": certificate.programme_ru, "dates": certificate.dates, "issued_at": certificate.issued_at, "revoked_reason": certificate.revoked_reason}
