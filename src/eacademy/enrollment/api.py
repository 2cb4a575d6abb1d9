import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from eacademy.core.access import signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.numbers import Id
from eacademy.enrollment import queries, services
from eacademy.enrollment.models import Application, Enrollment, Group
from eacademy.enrollment.rules import PLANNERS, ROSTER_READERS, SIGNERS
from eacademy.people.queries import visible_to
from eacademy.planning.queries import offerings_visible_to

router = Router(tags=["enrollment"])


class ApplicationOut(Schema):
    id: int
    offering_id: int
    person_id: int
    status: str
    source: str
    created_at: datetime.datetime
    reason: str


class ApplicationIn(Schema):
    offering_id: Id
    person_id: Id


class DecisionIn(Schema):
    approve: bool
    reason: str = ""


class EnrollmentOut(Schema):
    id: int
    offering_id: int
    person_id: int
    group_id: int | None
    status: str
    expulsion_reason: str


class TransitionIn(Schema):
    action: Literal["leave", "restore", "expel", "transfer"]
    reason: str = ""
    group_id: Id | None = None
    offering_id: Id | None = None


class OrderLineOut(Schema):
    position: int
    enrollment_id: int
    action: str
    details: str


class OrderOut(Schema):
    id: int
    year: int
    number: int | None
    status: str
    kind: str
    signed_at: datetime.datetime | None
    lines: list[OrderLineOut]

    @staticmethod
    def resolve_lines(order: object) -> list[object]:
        return list(order.lines.all())  # type: ignore[attr-defined]


def _visible_application(request: HttpRequest, application_id: Id) -> Application:
    return get_object_or_404(queries.applications_visible_to(signed_in_user(request)), pk=application_id)


@router.get("/applications/", response=list[ApplicationOut])
@paginate
def list_applications(request: HttpRequest, status: str = "", offering_id: Id | None = None):
    applications = queries.applications_visible_to(signed_in_user(request))
    if status:
        applications = applications.filter(status=status)
    return applications.filter(offering_id=offering_id) if offering_id else applications


@router.post("/applications/", response={201: ApplicationOut})
def create_application(request: HttpRequest, payload: ApplicationIn):
    user = signed_in_user(request)
    offering = offerings_visible_to(user).filter(pk=payload.offering_id).first()
    person = visible_to(user).filter(pk=payload.person_id).first()
    if offering is None or person is None:
        raise DomainError({"offering_id" if offering is None else "person_id": [_("There is no such record, or it is not yours to use.")]})
    return Status(201, services.application_submit(actor=user, offering=offering, person=person))


@router.post("/applications/{application_id}/decide/", response=ApplicationOut)
def decide_application(request: HttpRequest, application_id: Id, payload: DecisionIn):
    application = _visible_application(request, application_id)
    return services.application_agency_decide(actor=signed_in_user(request), application=application, approve=payload.approve, reason=payload.reason)


@router.post("/applications/{application_id}/accept/", response=ApplicationOut)
def accept_application(request: HttpRequest, application_id: Id):
    return services.application_accept(actor=signed_in_user(request), application=_visible_application(request, application_id))


@router.post("/applications/{application_id}/withdraw/", response=ApplicationOut)
def withdraw_application(request: HttpRequest, application_id: Id):
    return services.application_withdraw(actor=signed_in_user(request), application=_visible_application(request, application_id))


def _require_roster(request: HttpRequest) -> None:
    if not signed_in_user(request).has_role(*ROSTER_READERS):
        raise PermissionDenied


@router.get("/enrollments/", response=list[EnrollmentOut])
@paginate
def list_enrollments(request: HttpRequest, offering_id: Id | None = None):
    _require_roster(request)
    enrollments = Enrollment.objects.order_by("offering_id", "id")
    return enrollments.filter(offering_id=offering_id) if offering_id else enrollments


@router.post("/enrollments/{enrollment_id}/transition/", response=EnrollmentOut)
def transition(request: HttpRequest, enrollment_id: Id, payload: TransitionIn):
    _require_roster(request)
    user = signed_in_user(request)
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id)
    if payload.action == "leave":
        return services.enrollment_leave(actor=user, enrollment=enrollment)
    if payload.action == "restore":
        return services.enrollment_restore(actor=user, enrollment=enrollment)
    if payload.action == "expel":
        return services.enrollment_expel(actor=user, enrollment=enrollment, reason=payload.reason)
    if payload.action == "transfer":
        group = Group.objects.filter(pk=payload.group_id).first() if payload.group_id else None
        target = offerings_visible_to(user).filter(pk=payload.offering_id).first() if payload.offering_id else None
        return services.enrollment_transfer(actor=user, enrollment=enrollment, to_group=group, to_offering=target)
    raise DomainError({"action": [_("Use one of: leave, restore, expel, transfer.")]})


def _require_orders(request: HttpRequest) -> None:
    if not signed_in_user(request).has_role(*PLANNERS, *SIGNERS):
        raise PermissionDenied


@router.get("/orders/", response=list[OrderOut])
@paginate
def list_orders(request: HttpRequest):
    _require_orders(request)
    return queries.orders(signed_in_user(request)).prefetch_related("lines")


@router.get("/orders/{order_id}/", response=OrderOut)
def get_order(request: HttpRequest, order_id: Id):
    _require_orders(request)
    return get_object_or_404(queries.orders(signed_in_user(request)).prefetch_related("lines"), pk=order_id)


@router.post("/orders/{order_id}/sign/", response=OrderOut)
def sign_order(request: HttpRequest, order_id: Id):
    _require_orders(request)
    order = get_object_or_404(queries.orders(signed_in_user(request)), pk=order_id)
    services.order_sign(actor=signed_in_user(request), order=order)
    return get_object_or_404(queries.orders(signed_in_user(request)).prefetch_related("lines"), pk=order_id)
