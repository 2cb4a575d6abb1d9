import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from eacademy.core.access import signed_in_user
from eacademy.core.numbers import Id
from eacademy.graduation import queries, services
from eacademy.graduation.rules import READERS
from eacademy.planning.models import Offering

router = Router(tags=["graduation"])


class GraduationOut(Schema):
    graduated: int
    not_admitted: int
    failed: int
    awaiting_retake: int
    certificate_batch_id: int | None


class OutcomeOut(Schema):
    enrollment_id: int
    result: str
    final_points: float
    letter: str
    retake_until: datetime.date | None
    attendance_certificate: bool


@router.post("/offerings/{offering_id}/graduation/", response=GraduationOut)
def graduate(request: HttpRequest, offering_id: Id):
    """Graduate the course by its closed final certification: the same step as the roster's page."""
    return services.offering_graduate(actor=signed_in_user(request), offering=get_object_or_404(Offering, pk=offering_id))


@router.get("/offerings/{offering_id}/outcomes/", response=list[OutcomeOut])
def outcomes(request: HttpRequest, offering_id: Id):
    if not signed_in_user(request).has_role(*READERS):
        raise PermissionDenied
    course = get_object_or_404(Offering, pk=offering_id)
    return [OutcomeOut(enrollment_id=o.enrollment_id, result=o.result, final_points=float(o.certification_result.final_points),
                       letter=o.certification_result.letter, retake_until=o.retake_until, attendance_certificate=o.attendance_certificate)
            for o in queries.outcomes(course.pk)]
