import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from eacademy.assessment import queries, services
from eacademy.core.access import signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.numbers import Count, Id
from eacademy.core.roles import Role

router = Router(tags=["assessment centre"])


class AssignmentOut(Schema):
    """What an expert may know of his assignment: the candidate's code, never more."""

    id: int
    session: str
    date: datetime.date
    candidate_code: str
    exercise: str
    minutes: int
    submitted_at: datetime.datetime | None


class RatingIn(Schema):
    indicator_id: Id
    level: Count
    comment: str = ""


def _assignment(a: object) -> AssignmentOut:
    return AssignmentOut(id=a.pk, session=a.session.title, date=a.session.date, candidate_code=a.candidate.code,  # type: ignore[attr-defined]
                         exercise=a.exercise.name, minutes=a.exercise.minutes, submitted_at=a.submitted_at)  # type: ignore[attr-defined]


@router.get("/assessment/assignments/", response=list[AssignmentOut])
def expert_assignments(request: HttpRequest) -> list[AssignmentOut]:
    """The signed-in expert's assignments."""
    user = signed_in_user(request)
    if not user.has_role(Role.EXPERT):
        raise PermissionDenied
    return [_assignment(a) for a in queries.assignments_of_expert(user)]


@router.post("/assessment/assignments/{assignment_id}/ratings/", response={204: None})
def assignment_rate(request: HttpRequest, assignment_id: Id, ratings: list[RatingIn]) -> Status:
    """Every indicator of the exercise rated at once (levels 1–4); the same rules as the form."""
    user = signed_in_user(request)
    found = get_object_or_404(queries.assignments_of_expert(user), pk=assignment_id)
    if len({r.indicator_id for r in ratings}) != len(ratings):
        raise DomainError(_("Rate each indicator once."))
    services.ratings_submit(actor=user, assignment_=found, levels={r.indicator_id: r.level for r in ratings},
                            comments={r.indicator_id: r.comment for r in ratings})
    return Status(204, None)

