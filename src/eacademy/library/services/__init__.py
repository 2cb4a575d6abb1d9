"""The catalogue: records (with ISBN checked), copies brought in by an acquisition act and
written off by a write-off act, reading lists; and the search index kept in step."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from stdnum import isbn as isbn_numbers

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError
from eacademy.core.history import bulk_create_recorded, save_by
from eacademy.core.models import User
from eacademy.core.services import require_role
from eacademy.library import search
from eacademy.library.models import Act, Copy, Loan, ReadingItem, Record, SearchEntry, Subject
from eacademy.library.rules import LIBRARIANS, READING_LIST_EDITORS


def isbn_clean(value: str) -> str:
    """An ISBN-10 or -13 as its 13 digits; a wrong check digit is refused."""
    value = value.strip()
    if not value:
        return ""
    try:
        return isbn_numbers.to_isbn13(isbn_numbers.validate(value))
    except isbn_numbers.ValidationError as exc:
        raise DomainError({"isbn": [_("“%(isbn)s” is not a valid ISBN: check its digits.") % {"isbn": value}]}) from exc


def _record_body(record: Record) -> str:
    return f"{record.authors} {record.publisher} {record.keywords} {record.summary} {record.isbn}"


def _entry(record: Record) -> SearchEntry:
    return search.entry(SearchEntry.Kind.RECORD, record.pk, titles=[(record.title, record.language)], bodies=[(_record_body(record), record.language)],
                        language=record.language, year=record.year)


def records_add(*, actor: User, records: list[Record], reason: str) -> list[Record]:
    """Many new records at once (an import, the demo): inserted in bulk with their history and
    search entries; their ISBNs are checked by the caller."""
    created = bulk_create_recorded(records, Record, actor, reason=reason)
    search.entries_add([_entry(r) for r in created])
    return created


def record_index(record: Record) -> None:
    search.entry_save(_entry(record))


@transaction.atomic
def record_save(*, actor: User, record: Record, subjects: list[Subject] | None = None) -> Record:
    """Add or change a catalogue record."""
    require_role(actor, LIBRARIANS)
    record.isbn = isbn_clean(record.isbn)
    if not record.title.strip():
        raise DomainError({"title": [_("A record needs its title.")]})
    save_by(record, actor)
    if subjects is not None:
        record.subjects.set(subjects)
    record_index(record)
    return record


@dataclass(frozen=True)
class Acquired:
    record: Record
    count: int
    location: str = ""


@transaction.atomic
def acquisition(*, actor: User, number: str, date: datetime.date, basis: str, items: list[Acquired]) -> Act:
    """An acquisition act: the copies it brings in, numbered on from the last inventory number."""
    require_role(actor, LIBRARIANS)
    if not items or any(item.count < 1 for item in items):
        raise DomainError(_("An acquisition act brings in at least one copy of each record it names."))
    act = _act(actor, Act.Kind.ACQUISITION, number, date, basis)
    first = _next_inventory_number()
    copies: list[Copy] = []
    for item in items:
        for _i in range(item.count):
            copies.append(Copy(record=item.record, inventory_number=f"{first + len(copies):08d}", location=item.location, acquired_by=act))
    bulk_create_recorded(copies, Copy, actor, reason=str(act))
    return act


def _next_inventory_number() -> int:
    numbers = Copy.objects.select_for_update().filter(inventory_number__regex=r"^[0-9]{8}$").order_by("-inventory_number").values_list("inventory_number", flat=True)[:1]
    return int(numbers[0]) + 1 if numbers else 1


def _act(actor: User, kind: str, number: str, date: datetime.date, basis: str) -> Act:
    if not number.strip() or not basis.strip():
        raise DomainError(_("An act needs its number and its basis."))
    if Act.objects.filter(kind=kind, number=number.strip()).exists():
        raise DomainError({"number": [_("An act with this number already exists.")]})
    return save_by(Act(kind=kind, number=number.strip(), date=date, basis=basis.strip(), made_by=actor), actor)


@transaction.atomic
def write_off(*, actor: User, number: str, date: datetime.date, basis: str, inventory_numbers: list[str]) -> Act:
    """A write-off act for copies on the shelf (lost, worn out, out of date); a copy on loan or
    already written off is refused and nothing is written off."""
    require_role(actor, LIBRARIANS)
    wanted = sorted({n.strip() for n in inventory_numbers if n.strip()})
    copies = list(Copy.objects.select_for_update().filter(inventory_number__in=wanted))
    unknown = sorted(set(wanted) - {c.inventory_number for c in copies})
    if not wanted or unknown:
        raise DomainError({"inventory_numbers": [_("No such copies: %(numbers)s.") % {"numbers": ", ".join(unknown) or "—"}]})
    gone = [c.inventory_number for c in copies if c.written_off_by_id]
    lent = list(Loan.objects.filter(copy__in=copies, returned_on__isnull=True).values_list("copy__inventory_number", flat=True))
    if gone or lent:
        raise DomainError({"inventory_numbers": [_("Copies already written off: %(gone)s; on loan: %(lent)s.") % {"gone": ", ".join(gone) or "—", "lent": ", ".join(lent) or "—"}]})
    act = _act(actor, Act.Kind.WRITE_OFF, number, date, basis)
    for copy in copies:
        copy.written_off_by = act
        save_by(copy, actor, reason=str(act), update_fields=["written_off_by"])
    return act


@transaction.atomic
def reading_item_add(*, actor: User, discipline: Discipline, citation: str, record: Record | None = None, required: bool = True) -> ReadingItem:
    """A line of a discipline's reading list, linked to the record that answers it if any."""
    require_role(actor, READING_LIST_EDITORS)
    if not citation.strip():
        raise DomainError({"citation": [_("Write the reference.")]})
    return ReadingItem.objects.create(discipline=discipline, citation=citation.strip(), record=record, required=required)
