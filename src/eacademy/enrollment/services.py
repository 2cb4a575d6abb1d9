"""The enrollment lifecycle: every transition one function, one transaction, checked against
the current state, written as a numbered order line and a history record."""

from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from eacademy.core import names
from eacademy.core.documents import pdf_bytes_bilingual
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.iin import parse_iin
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import notification_send, require_role
from eacademy.enrollment import queries
from eacademy.enrollment.imports import NominationRow
from eacademy.enrollment.models import ACTIVE_APPLICATION_STATES, Application, Enrollment, Group, OrderLine
from eacademy.enrollment.queries import listener_category, seats
from eacademy.enrollment.rules import PLANNERS
from eacademy.governance import services as governance_services
from eacademy.governance.models import Order
from eacademy.org.models import Agency, AgencyUnit, Position
from eacademy.people.models import Person
from eacademy.people.queries import agency_id_of
from eacademy.people.queries import visible_to as people_visible_to
from eacademy.planning.models import Offering

_M = TypeVar("_M", bound=models.Model)
ACTIVE = (Enrollment.Status.ENROLLED, Enrollment.Status.ON_LEAVE)
UNDECIDED = (Application.Status.SUBMITTED, Application.Status.AGENCY_APPROVED, Application.Status.WAITLISTED)



def _acts_for_agency_of(actor: User, person: Person) -> bool:
    return actor.has_role(Role.AGENCY_COORDINATOR) and person.agency_id is not None and agency_id_of(actor) == person.agency_id


def _create(model: type[_M], actor: User, **fields: object) -> _M:
    """Create a row whose history names the actor, also outside a web request (tasks, CLI)."""
    obj = model(**fields)
    save_by(obj, actor)
    return obj


def _save(obj: _M, actor: User, fields: list[str]) -> None:
    save_by(obj, actor, update_fields=fields)


def _tell(person: Person, message: Callable[[], str]) -> None:
    """Notify the person (if he has a login) in his language; e-mailed after commit."""
    if person.user_id is not None:
        notification_send(user=person.user, message=message, url="/enrollment/my/")


def _locked(offering: Offering) -> Offering:
    """Lock the offering row: acceptances into one offering are decided one at a time."""
    return Offering.objects.select_for_update().get(pk=offering.pk)


# --- Applications ------------------------------------------------------------------------------


@transaction.atomic
def application_submit(*, actor: User, offering: Offering, person: Person) -> Application:
    """An officer applies for himself; his coordinator (or a planner) nominates him, which
    counts as the agency's approval."""
    if person.user_id == actor.pk:
        source, status = Application.Source.SELF, Application.Status.SUBMITTED
    elif _acts_for_agency_of(actor, person) or actor.has_role(*PLANNERS):
        source, status = Application.Source.NOMINATION, Application.Status.AGENCY_APPROVED
    else:
        raise DomainError(_("You may nominate only people of your own agency."))
    offering = _locked(offering)
    if offering.status != Offering.Status.PUBLISHED or offering.starts_on <= timezone.localdate():
        raise DomainError(_("Applications are taken only for published courses that have not started."))
    if Application.objects.filter(offering=offering, person=person, status__in=ACTIVE_APPLICATION_STATES).exists():
        raise DomainError(_("%(person)s has already applied for this course.") % {"person": person.full_name})
    category = listener_category(person)
    if category not in offering.version.target_categories:
        raise DomainError(
            _("%(person)s is not in the category of listeners this programme is for.") % {"person": person.full_name}
        )
    overlapping = (
        Application.objects.filter(
            person=person,
            status__in=ACTIVE_APPLICATION_STATES,
            offering__starts_on__lte=offering.ends_on,
            offering__ends_on__gte=offering.starts_on,
        )
        .exclude(offering=offering)
        .select_related("offering__version__programme")
        .first()
    )
    if overlapping is not None:
        raise DomainError(
            _("%(person)s is already on a course at the same time: %(course)s.")
            % {"person": person.full_name, "course": overlapping.offering}
        )
    application = _create(Application, actor, offering=offering, person=person, source=source, status=status)
    if source == Application.Source.NOMINATION:
        _tell(person, lambda: _("Your agency has nominated you for the course “%(course)s”.") % {"course": offering})
    return application


@transaction.atomic
def application_agency_decide(*, actor: User, application: Application, approve: bool, reason: str = "") -> Application:
    if not (_acts_for_agency_of(actor, application.person) or actor.has_role(*PLANNERS)):
        raise DomainError(_("You may decide only on people of your own agency."))
    if application.status != Application.Status.SUBMITTED:
        raise DomainError(_("The agency has already decided on this application."))
    if not approve and not reason.strip():
        raise DomainError({"reason": [_("Say why the application is declined.")]})
    application.status = Application.Status.AGENCY_APPROVED if approve else Application.Status.DECLINED
    application.reason, application.decided_at = reason.strip(), timezone.now()
    _save(application, actor, ["status", "reason", "decided_at"])
    course = application.offering
    if approve:
        _tell(application.person, lambda: _("Your agency has approved your application for “%(course)s”.") % {"course": course})
    else:
        _tell(application.person, lambda: _("Your agency has declined your application for “%(course)s”: %(reason)s") % {"course": course, "reason": reason})
    return application


def _has_room(offering: Offering, agency_id: int | None) -> bool:
    return seats(offering).free_for(agency_id)


@transaction.atomic
def application_accept(*, actor: User, application: Application) -> Application:
    """The Academy accepts within seats and the agency's quota; beyond that, the waitlist."""
    require_role(actor, PLANNERS)
    offering = _locked(application.offering)
    application.refresh_from_db()
    if application.status != Application.Status.AGENCY_APPROVED:
        raise DomainError(_("Only an application approved by the agency can be accepted."))
    if application.awaiting_contract:
        raise DomainError(_("This application awaits its signed contract for paid services."))
    if _has_room(offering, application.person.agency_id):
        _enroll(actor, application)
    else:
        application.status = Application.Status.WAITLISTED
        application.decided_at = timezone.now()
        _save(application, actor, ["status", "decided_at"])
        _tell(application.person, lambda: _("The course “%(course)s” is full: you are on its waitlist.") % {"course": offering})
    return application


@transaction.atomic
def applications_accept(*, actor: User, offering: Offering, application_ids: list[int]) -> int:
    """Accept the chosen applications the agencies approved, oldest first, in one transaction:
    within seats and quotas, the rest waitlisted. Returns how many were taken in."""
    require_role(actor, PLANNERS)
    chosen = offering.applications.filter(pk__in=application_ids, status=Application.Status.AGENCY_APPROVED, awaiting_contract=False).order_by("created_at", "id")
    return sum(application_accept(actor=actor, application=a).status == Application.Status.ACCEPTED for a in chosen)


@transaction.atomic
def applications_await_contract(*, actor: User, applications: Sequence[Application], awaiting: bool) -> None:
    """Billing's call: a paid application not yet accepted waits for its contract to be signed
    (`awaiting`), or is released when it is."""
    chosen = list(Application.objects.filter(pk__in=[a.pk for a in applications], status__in=UNDECIDED).exclude(awaiting_contract=awaiting))
    for application in chosen:
        application.awaiting_contract = awaiting
    bulk_update_with_history(chosen, Application, ["awaiting_contract"], batch_size=500, default_user=actor)


@transaction.atomic
def application_reject(*, actor: User, application: Application, reason: str) -> Application:
    """The Academy refuses an application it has not accepted (e.g. the course is cancelled)."""
    require_role(actor, PLANNERS)
    if application.status not in (Application.Status.AGENCY_APPROVED, Application.Status.WAITLISTED):
        raise DomainError(_("Only an application awaiting the Academy or on the waitlist can be rejected."))
    if not reason.strip():
        raise DomainError({"reason": [_("Say why the application is rejected.")]})
    application.status, application.reason, application.decided_at = Application.Status.REJECTED, reason.strip(), timezone.now()
    _save(application, actor, ["status", "reason", "decided_at"])
    course = application.offering
    _tell(application.person, lambda: _("The Academy has rejected your application for “%(course)s”: %(reason)s") % {"course": course, "reason": reason})
    return application


def _enroll(actor: User, application: Application) -> Enrollment:
    application.status, application.decided_at = Application.Status.ACCEPTED, timezone.now()
    _save(application, actor, ["status", "decided_at"])
    enrollment = _create(Enrollment, actor, application=application, offering=application.offering, person=application.person)
    _order_line(actor, enrollment, OrderLine.Action.ENROLL)
    _tell(application.person, lambda: _("You are enrolled in the course “%(course)s”.") % {"course": application.offering})
    return enrollment


def _promote_waitlist(actor: User, offering: Offering) -> None:
    """When a seat frees, the first waitlisted application that fits moves up (seats read once)."""
    free = seats(offering)
    for waiting in (
        Application.objects.filter(offering=offering, status=Application.Status.WAITLISTED)
        .select_related("person")
        .order_by("decided_at", "id")
    ):
        if free.free_for(waiting.person.agency_id):
            _enroll(actor, waiting)
            return


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> Application:
    """The person, his coordinator or a planner withdraws it; an accepted listener's seat goes
    to the waitlist (his enrollment ends by an order line, at own wish)."""
    person = application.person
    if not (person.user_id == actor.pk or _acts_for_agency_of(actor, person) or actor.has_role(*PLANNERS)):
        raise DomainError(_("You may withdraw only your own applications or your agency's."))
    offering = _locked(application.offering)
    if application.status not in ACTIVE_APPLICATION_STATES:
        raise DomainError(_("This application is no longer active."))
    if application.status == Application.Status.ACCEPTED:
        if offering.starts_on <= timezone.localdate():
            raise DomainError(_("The course has started: the listener can only be expelled by an order."))
        _expel(actor, application.enrollment, Enrollment.ExpulsionReason.OWN_WISH)
    application.status, application.decided_at = Application.Status.WITHDRAWN, timezone.now()
    _save(application, actor, ["status", "decided_at"])
    _promote_waitlist(actor, offering)
    return application


# --- Orders ------------------------------------------------------------------------------------


def _draft_order(actor: User) -> Order:
    """The actor's open draft order, locked (one is opened when there is none)."""
    return Order.objects.select_for_update().filter(status=Order.Status.DRAFT, drafted_by=actor, kind=Order.Kind.MOVEMENT).order_by(
        "id"
    ).first() or _create(Order, actor, year=timezone.localdate().year, drafted_by=actor)


def _order_line(actor: User, enrollment: Enrollment, action: str, details: str = "") -> OrderLine:
    """Add a line to the actor's draft order."""
    order = _draft_order(actor)
    position = (order.lines.aggregate(last=Max("position"))["last"] or 0) + 1
    line = _create(OrderLine, actor, order=order, position=position, enrollment=enrollment, action=action, details=details)
    if action != OrderLine.Action.ENROLL:
        _tell(enrollment.person, partial(_changed, str(enrollment.offering), OrderLine.Action(action).label))
    return line


def _order_lines(actor: User, enrollments: Sequence[Enrollment], action: str) -> None:
    """Lines for many listeners at once, numbered on from the actor's draft order."""
    if not enrollments:
        return
    order = _draft_order(actor)
    last = order.lines.aggregate(last=Max("position"))["last"] or 0
    lines = [OrderLine(order=order, position=last + i, enrollment=e, action=action) for i, e in enumerate(enrollments, start=1)]
    bulk_create_with_history(lines, OrderLine, default_user=actor)
    change = OrderLine.Action(action).label
    for enrollment in enrollments:
        _tell(enrollment.person, partial(_changed, str(enrollment.offering), change))


def _changed(course: str, change: object) -> str:
    return _("“%(course)s”: %(change)s.") % {"course": course, "change": change}


@transaction.atomic
def order_sign(*, actor: User, order: Order) -> Order:
    """Sign an order on the movement of listeners: governance numbers it, prints it with its
    lines and signs the PDF with the signer's key."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.kind != Order.Kind.MOVEMENT:
        raise DomainError(_("This order is signed on the page that keeps its lines."))
    lines = list(queries.order_lines(order))
    return governance_services.order_sign(
        actor=actor, order=order, named=len(lines),
        render=lambda signed: pdf_bytes_bilingual("enrollment/order_pdf.html", {"order": signed, "lines": lines}),
    )


# --- Enrollment transitions --------------------------------------------------------------------


def _transition(enrollment: Enrollment, allowed_from: tuple[str, ...], to: str) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().select_related("person", "offering").get(pk=enrollment.pk)
    if enrollment.status not in allowed_from:
        raise DomainError(
            _("This cannot be done to a listener whose status is “%(status)s”.") % {"status": enrollment.get_status_display()}
        )
    enrollment.status = to
    return enrollment


@transaction.atomic
def groups_form(*, actor: User, offering: Offering, max_size: int) -> list[Group]:
    """Split the active listeners into groups of at most `max_size`, each with a balanced mix
    of agencies (listeners are dealt out agency by agency)."""
    require_role(actor, PLANNERS)
    if not 5 <= max_size <= 100:
        raise DomainError({"max_size": [_("A group has from 5 to 100 listeners.")]})
    enrollments = list(
        Enrollment.objects.filter(offering=offering, status__in=ACTIVE).order_by("person__agency_id", "person__last_name", "id")
    )
    count = max(1, -(-len(enrollments) // max_size))
    existing = {g.number: g for g in Group.objects.filter(offering=offering)}
    groups = [existing.get(n) or _create(Group, actor, offering=offering, number=n) for n in range(1, count + 1)]
    for index, enrollment in enumerate(enrollments):
        enrollment.group = groups[index % count]
    for enrollment in enrollments:
        _save(enrollment, actor, ["group"])  # one history row each: who was put where, and by whom
    return groups


@transaction.atomic
def enrollment_transfer(
    *, actor: User, enrollment: Enrollment, to_group: Group | None = None, to_offering: Offering | None = None
) -> Enrollment:
    """To another group of the same offering, or to another offering (a new enrollment there)."""
    require_role(actor, PLANNERS)
    if (to_group is None) == (to_offering is None):
        raise DomainError(_("Choose either another group or another course."))
    if to_group is not None:
        current = _transition(enrollment, ACTIVE, enrollment.status)
        if to_group.offering_id != current.offering_id:
            raise DomainError(_("The group belongs to another course."))
        current.group = to_group
        _save(current, actor, ["group"])
        _order_line(actor, current, OrderLine.Action.TRANSFER, str(to_group))
        return current
    current = _transition(enrollment, ACTIVE, Enrollment.Status.TRANSFERRED)
    target = _locked(to_offering)  # type: ignore[arg-type]  # not None: checked above
    if Application.objects.filter(offering=target, person=current.person, status__in=ACTIVE_APPLICATION_STATES).exists():
        raise DomainError(_("%(name)s already has an application or a place on that course.") % {"name": current.person.full_name})
    if not _has_room(target, current.person.agency_id):
        raise DomainError(_("The other course has no free seat for this agency."))
    _save(current, actor, ["status"])
    _order_line(actor, current, OrderLine.Action.TRANSFER, str(target))
    application = _create(
        Application,
        actor,
        offering=target,
        person=current.person,
        source=Application.Source.NOMINATION,
        status=Application.Status.ACCEPTED,
        decided_at=timezone.now(),
    )
    moved = _create(Enrollment, actor, application=application, offering=target, person=current.person)
    _order_line(actor, moved, OrderLine.Action.ENROLL, str(current.offering))
    _promote_waitlist(actor, current.offering)
    return moved


@transaction.atomic
def enrollment_leave(*, actor: User, enrollment: Enrollment) -> Enrollment:
    require_role(actor, PLANNERS)
    enrollment = _transition(enrollment, (Enrollment.Status.ENROLLED,), Enrollment.Status.ON_LEAVE)
    _save(enrollment, actor, ["status"])
    _order_line(actor, enrollment, OrderLine.Action.LEAVE)
    return enrollment


@transaction.atomic
def enrollment_restore(*, actor: User, enrollment: Enrollment) -> Enrollment:
    """Back from academic leave, or restored after an expulsion."""
    require_role(actor, PLANNERS)
    enrollment = _transition(enrollment, (Enrollment.Status.ON_LEAVE, Enrollment.Status.EXPELLED), Enrollment.Status.ENROLLED)
    enrollment.expulsion_reason = ""
    _save(enrollment, actor, ["status", "expulsion_reason"])
    _order_line(actor, enrollment, OrderLine.Action.RESTORE)
    return enrollment


def _expel(actor: User, enrollment: Enrollment, reason: str) -> Enrollment:
    if reason not in Enrollment.ExpulsionReason.values:
        raise DomainError({"reason": [_("Choose the reason for expulsion.")]})
    enrollment = _transition(enrollment, ACTIVE, Enrollment.Status.EXPELLED)
    enrollment.expulsion_reason = reason
    _save(enrollment, actor, ["status", "expulsion_reason"])
    _order_line(actor, enrollment, OrderLine.Action.EXPEL, str(Enrollment.ExpulsionReason(reason).label))
    return enrollment


@transaction.atomic
def enrollment_expel(*, actor: User, enrollment: Enrollment, reason: str) -> Enrollment:
    require_role(actor, PLANNERS)
    expelled = _expel(actor, enrollment, reason)
    _promote_waitlist(actor, expelled.offering)
    return expelled


@transaction.atomic
def enrollments_close(*, actor: User, offering: Offering, graduates: Sequence[int], unfinished: Sequence[int] = ()) -> list[Enrollment]:
    """Close a course's listeners after its final certification: the graduates complete (one order
    line "graduate" each, in bulk), the others finish without graduating. Only `graduation` calls
    this, having read the results: nothing else completes a listener."""
    require_role(actor, PLANNERS)
    wanted = {**dict.fromkeys(unfinished, Enrollment.Status.UNFINISHED), **dict.fromkeys(graduates, Enrollment.Status.COMPLETED)}
    enrollments = list(Enrollment.objects.select_for_update(of=("self",)).filter(offering=offering, pk__in=list(wanted))
                       .select_related("person", "offering").order_by("person__last_name", "person__first_name", "id"))
    if len(enrollments) != len(wanted) or any(e.status != Enrollment.Status.ENROLLED for e in enrollments):
        raise DomainError(_("Only listeners still enrolled on this course finish it."))
    for enrollment in enrollments:
        enrollment.status = wanted[enrollment.pk]
    bulk_update_with_history(enrollments, Enrollment, ["status"], default_user=actor)
    _order_lines(actor, [e for e in enrollments if e.status == Enrollment.Status.COMPLETED], OrderLine.Action.COMPLETE)
    return enrollments


# --- Nominations from a list -------------------------------------------------------------------


@transaction.atomic
def nominations_import(*, actor: User, offering: Offering, agency: Agency, rows: list[NominationRow]) -> int:
    """Nominate everyone on the list to the offering, registering the people not yet known.
    Every row is checked before anything is written: one bad row and nothing is applied, and the
    error lists every bad row. Bulk inserts, constant number of queries."""
    if not (actor.has_role(*PLANNERS) or (actor.has_role(Role.AGENCY_COORDINATOR) and agency_id_of(actor) == agency.pk)):
        raise DomainError(_("You may nominate only people of your own agency."))
    offering = _locked(offering)
    if offering.status != Offering.Status.PUBLISHED or offering.starts_on <= timezone.localdate():
        raise DomainError(_("Applications are taken only for published courses that have not started."))
    units: dict[str, AgencyUnit] = {}
    for agency_unit in AgencyUnit.objects.filter(agency=agency):
        for name in (agency_unit.name_ru, agency_unit.name_kk):
            units.setdefault(name.casefold(), agency_unit)
    positions: dict[str, Position] = {}
    for post in Position.objects.all():
        for name in (post.name_ru, post.name_kk):
            positions.setdefault(name.casefold(), post)
    known = {p.iin: p for p in Person.objects.filter(iin__in=[r.iin for r in rows]).select_related("position")}
    # A known person the actor may not see is refused in words that tell nothing about him:
    # neither his name nor his agency (the API answers 404 for him too).
    visible = set(people_visible_to(actor).filter(iin__in=list(known)).values_list("iin", flat=True))
    applied = set(
        Application.objects.filter(person__iin__in=list(known), status__in=ACTIVE_APPLICATION_STATES).filter(
            offering__starts_on__lte=offering.ends_on, offering__ends_on__gte=offering.starts_on
        ).values_list("person__iin", flat=True)
    )
    categories = set(offering.version.target_categories)

    errors: list[str] = []
    seen: set[str] = set()
    new_people: list[Person] = []
    nominees: list[Person] = []
    for row in rows:
        problems: list[str] = []
        try:
            facts = parse_iin(row.iin)
        except ValidationError as exc:
            problems.extend(exc.messages)
            facts = None
        if row.iin in seen:
            problems.append(_("the IIN appears twice in the list"))
        seen.add(row.iin)
        for label, value in ((_("last name"), row.last_name), (_("first name"), row.first_name)):
            if not value or not names.is_cyrillic_name(value):
                problems.append(_("%(field)s: write it in Cyrillic letters") % {"field": label})
        if row.middle_name and not names.is_cyrillic_name(row.middle_name):
            problems.append(_("%(field)s: write it in Cyrillic letters") % {"field": _("patronymic")})
        unit = units.get(row.unit.casefold()) if row.unit else None
        if row.unit and unit is None:
            problems.append(_("no unit “%(unit)s” in this agency") % {"unit": row.unit})
        position = positions.get(row.position.casefold()) if row.position else None
        if row.position and position is None:
            problems.append(_("unknown position “%(position)s”") % {"position": row.position})
        person = known.get(row.iin)
        if person is not None and person.iin not in visible:
            problems.append(_("this IIN cannot be nominated from your agency's list; check it"))
        elif person is not None:
            if person.last_name.casefold() != row.last_name.casefold():
                problems.append(_("this IIN belongs to %(name)s") % {"name": person.full_name})
            if person.agency_id not in (None, agency.pk):
                problems.append(_("the person serves in another agency"))
            if row.iin in applied:
                problems.append(_("already applied for this or an overlapping course"))
        elif facts is not None and not problems:
            person = Person(
                iin=row.iin, last_name=row.last_name, first_name=row.first_name, middle_name=row.middle_name,
                search_key=names.search_key(row.last_name, row.first_name, row.middle_name),
                sex=facts.sex, birth_date=facts.birth_date, citizenship="KZ", agency=agency, unit=unit, position=position,
            )
            new_people.append(person)
        if person is not None and not problems and listener_category(person) not in categories:
            problems.append(_("not in the category of listeners this programme is for"))
        if problems:
            errors.append(_("Row %(row)s: %(problems)s.") % {"row": row.number, "problems": "; ".join(problems)})
        elif person is not None:
            nominees.append(person)
    if errors:
        raise DomainError(errors)
    # SQLite and PostgreSQL return the new keys, so the new people need no second query.
    bulk_create_with_history(new_people, Person, batch_size=2000, default_user=actor, default_change_reason="nominations list")
    applications = [
        Application(offering=offering, person=p, source=Application.Source.NOMINATION, status=Application.Status.AGENCY_APPROVED)
        for p in nominees
    ]
    bulk_create_with_history(applications, Application, batch_size=2000, default_user=actor, default_change_reason="nominations list")
    for person in nominees:
        if person.user_id is not None:  # only people known before can have a login
            _tell(person, lambda: _("Your agency has nominated you for the course “%(course)s”.") % {"course": offering})
    return len(applications)
