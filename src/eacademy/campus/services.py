"""Campus actions: beds booked (one at a time, guarded by the database), a course's listeners
allocated as a proposal staff confirm, check-in and out, leave requested, decided and returned
from, conduct recorded (an expulsion goes through the enrollment lifecycle and its order)."""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from eacademy.campus.models import AccessNeed, Bed, BedNight, ConductRecord, LeaveRequest, Stay
from eacademy.campus.rules import DECIDERS, HOUSING, RECORDERS
from eacademy.core.errors import DomainError
from eacademy.core.history import delete_by, save_by
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import notification_send, require_role
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Enrollment
from eacademy.people.models import Person
from eacademy.planning.models import Offering

HELD = (Stay.Status.PROPOSED, Stay.Status.CONFIRMED, Stay.Status.CHECKED_IN)
_BATCH = 1000
LEAVE_URL = "/campus/leave/"



def _nights(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    return [starts_on + datetime.timedelta(days=n) for n in range((ends_on - starts_on).days)]


def _hold(stay: Stay) -> None:
    """Write the stay's nights; a night another stay holds makes the insert fail (the database's
    unique bed and night), which is reported in words and undoes the savepoint only."""
    try:
        with transaction.atomic():
            BedNight.objects.bulk_create([BedNight(bed_id=stay.bed_id, night=night, stay=stay) for night in _nights(stay.starts_on, stay.ends_on)])
    except IntegrityError:
        raise DomainError(_("Bed %(bed)s is taken on some of these nights (perhaps just now, by someone else): choose another bed.")
                          % {"bed": stay.bed}) from None


def _check_bed(bed: Bed, person: Person, starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on <= starts_on:
        raise DomainError({"ends_on": [_("The stay ends after it starts.")]})
    if not bed.is_active:
        raise DomainError(_("Bed %(bed)s is out of use.") % {"bed": bed})
    if bed.room.sex != person.sex:
        raise DomainError(_("Room %(room)s is for the other sex.") % {"room": bed.room})


@transaction.atomic
def stay_book(*, actor: User, bed: Bed, person: Person, starts_on: datetime.date, ends_on: datetime.date,
              enrollment: Enrollment | None = None, status: str = Stay.Status.CONFIRMED) -> Stay:
    require_role(actor, HOUSING)
    bed = Bed.objects.select_related("room").get(pk=bed.pk)
    _check_bed(bed, person, starts_on, ends_on)
    if Stay.objects.filter(person=person, status__in=HELD, starts_on__lt=ends_on, ends_on__gt=starts_on).exists():
        raise DomainError(_("%(name)s already has a bed for some of these nights.") % {"name": person.full_name})
    stay = Stay(bed=bed, person=person, enrollment=enrollment, starts_on=starts_on, ends_on=ends_on, status=status)
    save_by(stay, actor)
    _hold(stay)
    return stay


def free_beds(starts_on: datetime.date, ends_on: datetime.date, sex: str) -> list[Bed]:
    """Beds for `sex` free on every night of the range, room by room (building, floor, number)."""
    taken = BedNight.objects.filter(night__gte=starts_on, night__lt=ends_on).values("bed")
    return list(Bed.objects.filter(is_active=True, room__sex=sex).exclude(pk__in=taken).select_related("room__building")
                .order_by("room__building__name", "room__floor", "room__number", "label"))


@transaction.atomic
def allocation_propose(*, actor: User, offering: Offering) -> list[Stay]:
    """Beds for the course's enrolled listeners who have none: by sex, group by group and agency
    by agency, filling a room before opening the next, so that a group lives together where it
    can; those who need a room fitted for a disability get one first, the others such rooms
    last. The stays are proposals: staff confirm or move them."""
    require_role(actor, HOUSING)
    housed = Stay.objects.filter(status__in=HELD, starts_on__lt=offering.ends_on + datetime.timedelta(days=1), ends_on__gt=offering.starts_on).values("person")
    waiting = list(offering.enrollments.filter(status=Enrollment.Status.ENROLLED).exclude(person__in=housed)
                   .select_related("person").order_by("group__number", "person__agency_id", "person__last_name"))
    starts_on, ends_on = offering.starts_on, offering.ends_on + datetime.timedelta(days=1)
    needy = set(AccessNeed.objects.filter(person__enrollments__offering=offering).values_list("person_id", flat=True))
    proposed: list[Stay] = []
    short = short_accessible = 0
    for sex in sorted({e.person.sex for e in waiting}):
        free = free_beds(starts_on, ends_on, sex)
        fitted = [bed for bed in free if bed.room.accessible]
        listeners = [e for e in waiting if e.person.sex == sex]
        first = [e for e in listeners if e.person_id in needy]
        short_accessible += max(0, len(first) - len(fitted))
        # those who need a fitted room get one first; the others take the fitted rooms last
        pairs = list(zip(first, fitted, strict=False))
        rest = iter([bed for bed in free if not bed.room.accessible] + fitted[len(pairs):])
        for enrollment in (e for e in listeners if e.person_id not in needy):
            bed = next(rest, None)
            if bed is None:
                short += 1
            else:
                pairs.append((enrollment, bed))
        proposed += [Stay(bed=bed, person=e.person, enrollment=e, starts_on=starts_on, ends_on=ends_on, status=Stay.Status.PROPOSED) for e, bed in pairs]
    if short_accessible:
        raise DomainError(_("%(count)s listeners need a room fitted for a disability and none is free for them. Nothing was allocated.")
                          % {"count": short_accessible})
    if short:
        raise DomainError(_("Not enough free beds: %(count)s listeners are left without one. Nothing was allocated.") % {"count": short})
    try:
        with transaction.atomic():
            stays: list[Stay] = bulk_create_with_history(proposed, Stay, batch_size=_BATCH, default_user=actor)
            BedNight.objects.bulk_create([BedNight(bed_id=stay.bed_id, night=night, stay=stay) for stay in stays for night in _nights(starts_on, ends_on)],
                                         batch_size=_BATCH)
    except IntegrityError:
        raise DomainError(_("Some of these beds were taken just now, by someone else. Nothing was allocated: propose again.")) from None
    return stays


@transaction.atomic
def access_need_set(*, actor: User, person: Person, needed: bool, note: str = "") -> None:
    """Record (or withdraw) that a person needs a room fitted for a disability."""
    require_role(actor, HOUSING)
    if not needed:
        for need in AccessNeed.objects.filter(person=person):
            delete_by(need, actor)
        return
    need = AccessNeed.objects.filter(person=person).first() or AccessNeed(person=person)
    need.note = note.strip()[:200]
    save_by(need, actor)


@transaction.atomic
def stay_confirm(*, actor: User, stays: Iterable[Stay]) -> int:
    require_role(actor, HOUSING)
    chosen = list(Stay.objects.filter(pk__in=[s.pk for s in stays], status=Stay.Status.PROPOSED, awaiting_contract=False))
    for stay in chosen:
        stay.status = Stay.Status.CONFIRMED
    bulk_update_with_history(chosen, Stay, ["status"], batch_size=_BATCH, default_user=actor)
    return len(chosen)


@transaction.atomic
def stays_await_contract(*, actor: User, stays: Iterable[Stay], awaiting: bool) -> None:
    """Billing's call: a paid stay not yet confirmed waits for its contract to be signed
    (`awaiting`), or is released when it is."""
    chosen = list(Stay.objects.filter(pk__in=[s.pk for s in stays], status=Stay.Status.PROPOSED).exclude(awaiting_contract=awaiting))
    for stay in chosen:
        stay.awaiting_contract = awaiting
    bulk_update_with_history(chosen, Stay, ["awaiting_contract"], batch_size=_BATCH, default_user=actor)


def moves_from(stay: Stay) -> datetime.date:
    """The first night a move takes: tonight for a listener living in since before today
    (his past nights stay on the old bed), else the stay's first night."""
    return max(stay.starts_on, timezone.localdate()) if stay.status == Stay.Status.CHECKED_IN else stay.starts_on


@transaction.atomic
def stay_move(*, actor: User, stay: Stay, bed: Bed) -> Stay:
    """Another bed for the nights still to come. A listener already living in the dormitory
    keeps his past nights on the old bed: that stay ends this morning and a new one, checked
    in, begins tonight on the new bed. Returns the stay that holds the new bed."""
    require_role(actor, HOUSING)
    stay = Stay.objects.select_for_update().select_related("person").get(pk=stay.pk)
    if stay.status not in HELD:
        raise DomainError(_("This stay is over."))
    bed = Bed.objects.select_related("room").get(pk=bed.pk)
    if bed.pk == stay.bed_id:
        raise DomainError({"bed": [_("The listener is in this bed already.")]})
    first = moves_from(stay)
    if first > stay.starts_on:
        if stay.ends_on <= first:
            raise DomainError(_("No nights are left to move."))
        _check_bed(bed, stay.person, first, stay.ends_on)
        BedNight.objects.filter(stay=stay, night__gte=first).delete()
        moved = Stay(bed=bed, person=stay.person, enrollment=stay.enrollment, starts_on=first, ends_on=stay.ends_on,
                     status=Stay.Status.CHECKED_IN, checked_in_at=timezone.now())
        stay.ends_on, stay.status, stay.checked_out_at = first, Stay.Status.CHECKED_OUT, timezone.now()
        save_by(stay, actor, update_fields=["ends_on", "status", "checked_out_at"])
        save_by(moved, actor)
        _hold(moved)
        return moved
    _check_bed(bed, stay.person, stay.starts_on, stay.ends_on)
    BedNight.objects.filter(stay=stay).delete()
    stay.bed = bed
    save_by(stay, actor, update_fields=["bed"])
    _hold(stay)
    return stay


@transaction.atomic
def check_in(*, actor: User, stay: Stay) -> Stay:
    require_role(actor, HOUSING)
    if stay.status not in (Stay.Status.PROPOSED, Stay.Status.CONFIRMED):
        raise DomainError(_("Only a booked stay can be checked in."))
    if stay.awaiting_contract:
        raise DomainError(_("This stay awaits its signed contract for paid services."))
    stay.status, stay.checked_in_at = Stay.Status.CHECKED_IN, timezone.now()
    save_by(stay, actor, update_fields=["status", "checked_in_at"])
    return stay


@transaction.atomic
def check_out(*, actor: User, stay: Stay) -> Stay:
    """The bed is free from tonight."""
    require_role(actor, HOUSING)
    if stay.status != Stay.Status.CHECKED_IN:
        raise DomainError(_("Only a listener who is checked in can check out."))
    stay.status, stay.checked_out_at = Stay.Status.CHECKED_OUT, timezone.now()
    BedNight.objects.filter(stay=stay, night__gte=timezone.localdate()).delete()
    save_by(stay, actor, update_fields=["status", "checked_out_at"])
    return stay


@transaction.atomic
def leave_request(*, actor: User, kind: str, leaves_at: datetime.datetime, returns_at: datetime.datetime, destination: str, reason: str) -> LeaveRequest:
    """A listener asks for himself."""
    person = Person.objects.filter(user=actor).first()
    if person is None or not actor.has_role(Role.LISTENER):
        raise DomainError(_("Only a listener asks for leave, for himself."))
    errors = {}
    if returns_at <= leaves_at:
        errors["returns_at"] = [_("The return is after the departure.")]
    if leaves_at < timezone.now() - datetime.timedelta(hours=1):
        errors["leaves_at"] = [_("Ask before leaving.")]
    if not destination.strip():
        errors["destination"] = [_("Say where you are going.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason.")]
    if errors:
        raise DomainError(errors)
    leave = LeaveRequest(person=person, kind=kind, leaves_at=leaves_at, returns_at=returns_at, destination=destination.strip(), reason=reason.strip())
    save_by(leave, actor)
    for decider in User.objects.filter(groups__name=Role.LEADERSHIP, is_active=True):  # the Rector and his delegates
        notification_send(user=decider, message=lambda: _("%(name)s asks for leave: %(destination)s.") % {"name": person.full_name, "destination": leave.destination},
                          url=LEAVE_URL)
    return leave


@transaction.atomic
def leave_decide(*, actor: User, leave: LeaveRequest, approve: bool, comment: str = "") -> LeaveRequest:
    require_role(actor, DECIDERS)
    leave = LeaveRequest.objects.select_for_update().get(pk=leave.pk)
    if leave.status != LeaveRequest.Status.REQUESTED:
        raise DomainError(_("This request is decided already."))
    if not approve and not comment.strip():
        raise DomainError({"comment": [_("Say why the request is refused.")]})
    leave.status = LeaveRequest.Status.APPROVED if approve else LeaveRequest.Status.REFUSED
    leave.decided_by, leave.decided_at, leave.decision_comment = actor, timezone.now(), comment.strip()
    save_by(leave, actor)
    notification_send(user=leave.person.user, url=LEAVE_URL,
                      message=(lambda: _("Your leave is permitted: print the permission.")) if approve else (lambda: _("Your leave is refused: %(comment)s") % {"comment": leave.decision_comment}))
    return leave


@transaction.atomic
def leave_return(*, actor: User, leave: LeaveRequest, at: datetime.datetime | None = None) -> LeaveRequest:
    require_role(actor, (*HOUSING, *DECIDERS))
    leave = LeaveRequest.objects.select_for_update().get(pk=leave.pk)
    if leave.status != LeaveRequest.Status.APPROVED or leave.kind != LeaveRequest.Kind.LEAVE or leave.returned_at:
        raise DomainError(_("Only a listener out on approved leave can be registered back."))
    at = at or timezone.now()
    if at < leave.leaves_at:
        raise DomainError(_("The return is after the departure."))
    leave.returned_at = at
    save_by(leave, actor, update_fields=["returned_at"])
    return leave


@transaction.atomic
def conduct_record(*, actor: User, person: Person, kind: str, date: datetime.date, description: str, measure: str, witnesses: str = "",
                   enrollment: Enrollment | None = None) -> ConductRecord:
    """A breach and its measure, or a commendation; expulsion expels from the course through its order."""
    require_role(actor, RECORDERS)
    breach_measures = {ConductRecord.Measure.NOTE, ConductRecord.Measure.WARNING, ConductRecord.Measure.REPRIMAND,
                       ConductRecord.Measure.SEVERE_REPRIMAND, ConductRecord.Measure.EXPULSION}
    if kind == ConductRecord.Kind.BREACH and measure not in breach_measures or kind == ConductRecord.Kind.COMMENDATION and measure in breach_measures:
        raise DomainError({"measure": [_("This measure does not go with this kind of record.")]})
    if date > timezone.localdate():
        raise DomainError({"date": [_("The date is not in the future.")]})
    if measure == ConductRecord.Measure.EXPULSION:
        if enrollment is None:
            raise DomainError({"enrollment": [_("Name the course the listener is expelled from.")]})
        enrollment_services.enrollment_expel(actor=actor, enrollment=enrollment, reason=Enrollment.ExpulsionReason.REGULATIONS)
    record = ConductRecord(person=person, enrollment=enrollment, kind=kind, date=date, description=description.strip(), witnesses=witnesses.strip(),
                           measure=measure, recorded_by=actor)
    save_by(record, actor)
    return record
