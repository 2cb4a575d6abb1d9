"""Circulation: loans by the reader's category (how long, how many, how often renewed), returns
that serve the first hold in the queue, holds only when no copy is on the shelf, and the
reminders of overdue loans."""

import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import notification_send, require_role
from eacademy.library.models import Copy, Hold, Loan, Record
from eacademy.library.rules import LIBRARIANS


def category(reader: User) -> str:
    """A reader's category for the loan rules: a listener of a course, a master's or doctoral
    student, or a member of staff."""
    if reader.has_role(Role.STUDENT):
        return "student"
    if reader.has_role(Role.LISTENER):
        return "listener"
    return "staff"


def rule(reader: User) -> dict[str, int]:
    return settings.LIBRARY_LOAN_RULES[category(reader)]


def on_shelf(record: Record) -> QuerySet[Copy]:
    """The record's copies a reader could take now: not written off, not lent, not kept for a hold."""
    kept = Hold.objects.filter(state=Hold.State.READY, copy__isnull=False).values("copy")
    lent = Loan.objects.filter(copy=OuterRef("pk"), returned_on__isnull=True)
    return record.copies.filter(written_off_by__isnull=True).exclude(Exists(lent)).exclude(pk__in=kept)


@transaction.atomic
def loan_issue(*, actor: User, reader: User, inventory_number: str, today: datetime.date | None = None) -> Loan:
    """Lend a copy to a reader; his hold on the record, if the copy was kept for him, is collected."""
    require_role(actor, LIBRARIANS)
    today = today or timezone.localdate()
    copy = Copy.objects.select_for_update().filter(inventory_number=inventory_number.strip()).select_related("record").first()
    if copy is None:
        raise DomainError({"inventory_number": [_("No copy has this inventory number.")]})
    if copy.written_off_by_id:
        raise DomainError({"inventory_number": [_("This copy is written off.")]})
    if Loan.objects.filter(copy=copy, returned_on__isnull=True).exists():
        raise DomainError({"inventory_number": [_("This copy is on loan: take its return first.")]})
    kept_for = Hold.objects.filter(copy=copy, state=Hold.State.READY).first()
    if kept_for and kept_for.reader_id != reader.pk:
        raise DomainError({"inventory_number": [_("This copy is kept for another reader's hold until %(date)s.") % {"date": kept_for.ready_until}]})
    limits = rule(reader)
    lent = Loan.objects.select_for_update().filter(reader=reader, returned_on__isnull=True).count()
    if lent >= limits["loans"]:
        raise DomainError({"reader": [_("The reader already has %(count)s copies, the most his category may hold; take a return first.") % {"count": lent}]})
    if Loan.objects.filter(reader=reader, returned_on__isnull=True, due_on__lt=today).exists():
        raise DomainError({"reader": [_("The reader has an overdue loan: take its return first.")]})
    loan = save_by(Loan(copy=copy, reader=reader, issued_on=today, due_on=today + datetime.timedelta(days=limits["days"])), actor)
    if kept_for:
        kept_for.state = Hold.State.COLLECTED
        save_by(kept_for, actor, update_fields=["state"])
    return loan


@transaction.atomic
def loan_return(*, actor: User, inventory_number: str, today: datetime.date | None = None) -> Loan:
    """Take a copy back; if readers wait for its record, the copy is kept for the first of them."""
    require_role(actor, LIBRARIANS)
    today = today or timezone.localdate()
    loan = Loan.objects.select_for_update(of=("self",)).filter(copy__inventory_number=inventory_number.strip(), returned_on__isnull=True).select_related("copy").first()
    if loan is None:
        raise DomainError({"inventory_number": [_("This copy is not on loan.")]})
    loan.returned_on = today
    save_by(loan, actor, update_fields=["returned_on"])
    waiting = Hold.objects.select_for_update().filter(record_id=loan.copy.record_id, state=Hold.State.WAITING).order_by("placed_at", "id").first()
    if waiting:
        waiting.state, waiting.copy, waiting.ready_until = Hold.State.READY, loan.copy, today + datetime.timedelta(days=settings.LIBRARY_HOLD_DAYS)
        save_by(waiting, actor, update_fields=["state", "copy", "ready_until"])
        record = loan.copy.record
        notification_send(user=waiting.reader, url=record.get_absolute_url(),
                          message=lambda: _("“%(title)s” is kept for you at the library until %(date)s.") % {"title": record.title, "date": waiting.ready_until})
    return loan


@transaction.atomic
def loan_renew(*, actor: User, loan: Loan, today: datetime.date | None = None) -> Loan:
    """Renew a loan by the reader's period from today, unless others wait for the record or
    the renewals are used up; a reader renews his own loans, the librarian anyone's."""
    if actor.pk != loan.reader_id:
        require_role(actor, LIBRARIANS)
    today = today or timezone.localdate()
    loan = Loan.objects.select_for_update(of=("self",)).select_related("copy", "reader").get(pk=loan.pk)
    limits = rule(loan.reader)
    if loan.returned_on:
        raise DomainError(_("This loan is returned."))
    if loan.renewals >= limits["renewals"]:
        raise DomainError(_("This loan is renewed as often as the rules allow (%(count)s): bring the copy back.") % {"count": limits["renewals"]})
    if Hold.objects.filter(record_id=loan.copy.record_id, state=Hold.State.WAITING).exists():
        raise DomainError(_("Another reader waits for this book: it cannot be renewed."))
    loan.renewals += 1
    loan.due_on = max(loan.due_on, today) + datetime.timedelta(days=limits["days"])
    save_by(loan, actor, update_fields=["renewals", "due_on"])
    return loan


@transaction.atomic
def hold_place(*, actor: User, record: Record) -> Hold:
    """A reader joins the queue for a record; refused while a copy is on the shelf (he can take it)."""
    if not record.copies.filter(written_off_by__isnull=True).exists():
        raise DomainError(_("The library has no copy of this record: ask the librarian to order it."))
    if on_shelf(record).exists():
        raise DomainError(_("A copy is on the shelf: come and take it, no hold is needed."))
    if Hold.objects.filter(record=record, reader=actor, state__in=[Hold.State.WAITING, Hold.State.READY]).exists():
        raise DomainError(_("You already wait for this record."))
    if Loan.objects.filter(copy__record=record, reader=actor, returned_on__isnull=True).exists():
        raise DomainError(_("You have a copy of this record."))
    return save_by(Hold(record=record, reader=actor), actor)


@transaction.atomic
def hold_cancel(*, actor: User, hold: Hold) -> Hold:
    if actor.pk != hold.reader_id:
        require_role(actor, LIBRARIANS)
    if hold.state not in (Hold.State.WAITING, Hold.State.READY):
        raise DomainError(_("This hold is no longer active."))
    hold.state = Hold.State.CANCELLED
    save_by(hold, actor, update_fields=["state"])
    return hold


def _overdue(title: str, due: datetime.date) -> str:
    return _("“%(title)s” was due back at the library on %(date)s: please return it.") % {"title": title, "date": due}


def daily(today: datetime.date | None = None) -> tuple[int, int]:
    """The library's daily round: overdue loans reminded (once a week each), expired holds
    released to the next reader. Returns (reminded, released)."""
    today = today or timezone.localdate()
    reminded = 0
    overdue = Loan.objects.filter(returned_on__isnull=True, due_on__lt=today).exclude(reminded_on__gt=today - datetime.timedelta(days=7)).select_related("copy__record", "reader")
    for loan in overdue:
        notification_send(user=loan.reader, url=reverse("library:my"), message=partial(_overdue, loan.copy.record.title, loan.due_on))
        loan.reminded_on = today
        save_by(loan, None, update_fields=["reminded_on"])
        reminded += 1
    released = 0
    for hold in Hold.objects.filter(state=Hold.State.READY, ready_until__lt=today).select_related("copy"):
        with transaction.atomic():
            copy = hold.copy
            hold.state = Hold.State.CANCELLED
            save_by(hold, None, reason=_("not collected in time"), update_fields=["state"])
            following = Hold.objects.select_for_update().filter(record_id=hold.record_id, state=Hold.State.WAITING).order_by("placed_at", "id").first()
            if following and copy:
                following.state, following.copy, following.ready_until = Hold.State.READY, copy, today + datetime.timedelta(days=settings.LIBRARY_HOLD_DAYS)
                save_by(following, None, update_fields=["state", "copy", "ready_until"])
            released += 1
    return reminded, released
