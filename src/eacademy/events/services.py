"""International events' writes: one function per change, each in one transaction, refusing bad
input with a message and changing nothing."""

import datetime
import hashlib
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from eacademy.core.errors import DomainError
from eacademy.core.history import save_by, system_user
from eacademy.core.models import User
from eacademy.events.models import RETENTION_DAYS, CheckIn, Event, Expert, Invitation, Partner, Registration, Session
from eacademy.events.rules import require_organiser
from eacademy.people.models import Person

INVITATION_DAYS = 30
# A passport number as states write them: Latin letters and digits, 5 to 20 (spaces and dashes dropped).
PASSPORT = re.compile(r"^[A-Z0-9]{5,20}$")
TAKES_A_SEAT = (Registration.Status.PENDING, Registration.Status.APPROVED)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token: str) -> str:
    return f"{settings.SITE_URL}/events/register/{token}/"


def _checked(obj: Registration | Event | Session, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise DomainError(exc) from None


@transaction.atomic
def event_create(*, actor: User, partners: Iterable[Partner] = (), **fields: object) -> Event:
    require_organiser(actor)
    event = Event(created_by=actor, **fields)
    _checked(event, exclude=["created_by"])
    save_by(event, actor)
    event.partners.set(partners)
    return event


@transaction.atomic
def event_open(*, actor: User, event: Event) -> Event:
    require_organiser(actor)
    if event.status == Event.Status.CANCELLED or event.ends_on < timezone.localdate():
        raise DomainError(_("A cancelled or past event cannot open for registration."))
    event.status = Event.Status.OPEN
    return save_by(event, actor, update_fields=["status"])


@transaction.atomic
def session_add(*, actor: User, event: Event, speakers: Iterable[Expert] = (), **fields: object) -> Session:
    require_organiser(actor)
    session = Session(event=event, **fields)
    _checked(session)
    if not event.starts_on <= timezone.localdate(session.starts_at) <= event.ends_on:
        raise DomainError({"starts_at": _("A session is held within the event's dates.")})
    save_by(session, actor)
    session.speakers.set(speakers)
    return session


@transaction.atomic
def invitations_send(*, actor: User, event: Event, emails: list[str], organisation: str = "") -> list[tuple[Invitation, str]]:
    """An invitation per address, e-mailed with its link; the links are returned once (only
    their digests are kept)."""
    require_organiser(actor)
    if event.status != Event.Status.OPEN:
        raise DomainError(_("Open the event for registration before inviting."))
    now = timezone.now()
    made = []
    for email in emails:
        token = secrets.token_urlsafe(24)
        invitation = Invitation(event=event, email=email, organisation=organisation.strip()[:200], token_digest=digest(token), sent_at=now,
                                expires_at=now + datetime.timedelta(days=INVITATION_DAYS))
        save_by(invitation, actor)
        made.append((invitation, invitation_link(token)))
    title = " / ".join(t for t in (event.name_en, event.name_ru) if t)
    for invitation, link in made:
        _mail(invitation.email, title, event, link)
    return made


def _mail(address: str, title: str, event: Event, link: str) -> None:
    """In English and Russian: the invitee's language is not known before he answers."""
    message = (f"You are invited to “{title}”, {event.starts_on:%d.%m.%Y}–{event.ends_on:%d.%m.%Y}. Register here: {link}\n\n"
               f"Приглашаем вас на мероприятие «{event.name_ru}». Регистрация: {link}")
    transaction.on_commit(lambda: send_mail(subject=title, message=message, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[address]))


def invitation_for(token: str) -> Invitation:
    """The pending invitation of this link; refused when unknown, expired or already used."""
    invitation = Invitation.objects.select_related("event").filter(token_digest=digest(token)).first()
    if invitation is None:
        raise DomainError(_("This invitation link is not valid. Ask the organiser for a new one."))
    if invitation.status != Invitation.Status.PENDING:
        raise DomainError(_("This invitation has already been answered. Ask the organiser if you need to change your registration."))
    if invitation.expires_at <= timezone.now():
        raise DomainError(_("This invitation has expired. Ask the organiser for a new one."))
    if invitation.event.status != Event.Status.OPEN:
        raise DomainError(_("Registration for this event is closed."))
    return invitation


def passport_number(text: str) -> str:
    number = re.sub(r"[\s-]", "", text).upper()
    if not PASSPORT.match(number):
        raise DomainError({"passport_number": _("A passport number is 5 to 20 Latin letters and digits, as printed in the passport.")})
    return number


def _status_for_new(event: Event) -> str:
    taken = Registration.objects.filter(event=event, status__in=TAKES_A_SEAT).count()
    return Registration.Status.PENDING if taken < event.capacity else Registration.Status.WAITLISTED


def _new_registration(event: Event, **fields: object) -> Registration:
    Event.objects.select_for_update().filter(pk=event.pk).first()  # one seat counted at a time
    registration = Registration(event=event, registered_at=timezone.now(), badge_code=secrets.token_urlsafe(16), status=_status_for_new(event), **fields)
    _checked(registration, exclude=["badge_code", "invitation"])
    return registration


@transaction.atomic
def register_by_invitation(*, token: str, **fields: object) -> Registration:
    """A participant answers his invitation: awaiting the organiser's approval, or on the
    waiting list when the seats are taken."""
    invitation = invitation_for(token)
    fields["passport_number"] = passport_number(str(fields.get("passport_number", "")))
    registration = _new_registration(invitation.event, invitation=invitation, **fields)
    save_by(registration, None)
    invitation.status, invitation.answered_at = Invitation.Status.ACCEPTED, timezone.now()
    save_by(invitation, None, update_fields=["status", "answered_at"])
    return registration


@transaction.atomic
def invitation_decline(*, token: str) -> Invitation:
    invitation = invitation_for(token)
    invitation.status, invitation.answered_at = Invitation.Status.DECLINED, timezone.now()
    return save_by(invitation, None, update_fields=["status", "answered_at"])


@transaction.atomic
def participant_add(*, actor: User, event: Event, person: Person | None = None, **fields: object) -> Registration:
    """A participant added by the organiser: an officer of Kazakhstan's agencies by his person
    (IIN), or a foreigner by passport and country."""
    require_organiser(actor)
    if person is not None:
        if Registration.objects.filter(event=event, person=person).exists():
            raise DomainError(_("%(name)s is already a participant.") % {"name": person.full_name})
        fields = {"last_name": person.last_name_latin or person.last_name, "first_name": person.first_name_latin or person.first_name,
                  "nationality": person.citizenship, "birth_date": person.birth_date, "agency": person.agency, "email": person.email,
                  "organisation": str(person.agency or ""), "position": str(person.position or ""), **fields}
    else:
        fields["passport_number"] = passport_number(str(fields.get("passport_number", "")))
    registration = _new_registration(event, person=person, **fields)
    if registration.status == Registration.Status.PENDING:
        registration.status = Registration.Status.APPROVED  # the organiser's own choice needs no approval
    return save_by(registration, actor)


@transaction.atomic
def participants_import(*, actor: User, event: Event, participants: list[dict[str, object]]) -> list[Registration]:
    """Every participant of a checked list, or none (a refusal names the row's person)."""
    added = []
    for data in participants:
        person = data.get("iin")
        assert person is None or isinstance(person, Person)
        fields = {k: v for k, v in data.items() if k != "iin" and v not in (None, "")}
        added.append(participant_add(actor=actor, event=event, person=person, **({} if person else fields)))
    return added


@transaction.atomic
def registration_decide(*, actor: User, registration: Registration, approve: bool) -> Registration:
    require_organiser(actor)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (Registration.Status.PENDING, Registration.Status.WAITLISTED):
        raise DomainError(_("This registration has already been decided."))
    if approve and registration.awaiting_contract:
        raise DomainError(_("This participation awaits its signed contract for paid services."))
    if approve:
        others = Registration.objects.filter(event_id=registration.event_id, status__in=TAKES_A_SEAT).exclude(pk=registration.pk).count()
        if others >= registration.event.capacity:  # a pending registration holds its seat until it is decided
            raise DomainError(_("All %(count)s seats are taken: the participant stays on the waiting list.") % {"count": registration.event.capacity})
    registration.status = Registration.Status.APPROVED if approve else Registration.Status.DECLINED
    save_by(registration, actor, update_fields=["status"])
    if not approve:
        _promote(registration.event_id, actor)
    return registration


@transaction.atomic
def registrations_await_contract(*, actor: User, registrations: Iterable[Registration], awaiting: bool) -> None:
    """Billing's call: a paid participation not yet approved waits for its contract to be
    signed (`awaiting`), or is released when it is."""
    undecided = (Registration.Status.PENDING, Registration.Status.WAITLISTED)
    chosen = list(Registration.objects.filter(pk__in=[r.pk for r in registrations], status__in=undecided).exclude(awaiting_contract=awaiting))
    for registration in chosen:
        registration.awaiting_contract = awaiting
    bulk_update_with_history(chosen, Registration, ["awaiting_contract"], batch_size=500, default_user=actor)


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    require_organiser(actor)
    registration.status = Registration.Status.CANCELLED
    save_by(registration, actor, update_fields=["status"])
    _promote(registration.event_id, actor)
    return registration


def _promote(event_id: int, actor: User) -> None:
    """A freed seat goes to the first on the waiting list, who then awaits approval."""
    first = Registration.objects.filter(event_id=event_id, status=Registration.Status.WAITLISTED).order_by("registered_at", "pk").first()
    if first is not None:
        first.status = Registration.Status.PENDING
        save_by(first, actor, update_fields=["status"], reason="a seat was freed")


@transaction.atomic
def check_in(*, actor: User, badge_code: str, session: Session | None = None) -> tuple[CheckIn, bool]:
    """(the check-in, whether it is new): the badge's QR code scanned at the door or a session."""
    require_organiser(actor)
    registration = Registration.objects.select_related("event").filter(badge_code=badge_code).first()
    if registration is None:
        raise DomainError(_("No participant has this badge."))
    if registration.status != Registration.Status.APPROVED:
        raise DomainError(_("%(name)s is not an approved participant (%(status)s).") % {"name": registration, "status": registration.get_status_display()})
    if session is not None and session.event_id != registration.event_id:
        raise DomainError(_("This badge is for another event."))
    return CheckIn.objects.get_or_create(registration=registration, session=session, defaults={"at": timezone.now(), "by": actor})


@transaction.atomic
def certificates_issue(*, actor: User, event: Event) -> int:
    """A certificate of participation for every approved participant who came, once the event
    has ended; each carries a code for public verification."""
    require_organiser(actor)
    if event.ends_on > timezone.localdate():
        raise DomainError(_("Certificates are issued after the event ends."))
    came = list(Registration.objects.filter(event=event, status=Registration.Status.APPROVED, certificate_code=None, check_ins__isnull=False).distinct())
    now = timezone.now()
    for registration in came:
        registration.certificate_code, registration.certificate_issued_at = secrets.token_urlsafe(16), now
    bulk_update_with_history(came, Registration, ["certificate_code", "certificate_issued_at"], default_user=actor)
    return len(came)


def _blank(field: str) -> object:
    return None if Registration._meta.get_field(field).null else ""


def erase_expired(today: datetime.date | None = None) -> int:
    """Empty every personal field whose retention period is over, record the date in `erased`
    and in the history (by the system user, with the reason). Returns the fields erased."""
    today = today or timezone.localdate()
    erased_count = 0
    changed = []
    holding = Q()  # only registrations that still hold a personal field: the erased past is not read again every day
    for field in RETENTION_DAYS:
        holding |= ~Q(**{field: _blank(field)}) if _blank(field) == "" else Q(**{f"{field}__isnull": False})
    due = Registration.objects.select_related("event").filter(holding, event__ends_on__lt=today - datetime.timedelta(days=min(RETENTION_DAYS.values())))
    for registration in due:
        fields = [f for f in RETENTION_DAYS if registration.erase_after(f) < today and getattr(registration, f) not in (None, "")]
        if not fields:
            continue
        for field in fields:
            setattr(registration, field, _blank(field))
            registration.erased[field] = today.isoformat()
        erased_count += len(fields)
        changed.append(registration)
    with transaction.atomic():
        bulk_update_with_history(changed, Registration, [*RETENTION_DAYS, "erased"], default_user=system_user(),
                                 default_change_reason="retention period over")
    return erased_count
