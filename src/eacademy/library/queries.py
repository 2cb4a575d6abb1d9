"""What a user may see of the library, and the lists its pages and other apps read."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from eacademy.catalog.models import Discipline
from eacademy.core.models import User
from eacademy.library.models import Check, Copy, Hold, Loan, Metadata, ReadingItem, Record, Violation, Work
from eacademy.library.rules import CHECKERS, readable_access


def works_visible_to(user: User | None) -> QuerySet[Work]:
    return Work.objects.filter(access__in=readable_access(user)).prefetch_related(Prefetch("metadata", queryset=Metadata.objects.order_by("language")))


def checks_visible_to(user: User) -> QuerySet[Check]:
    """A check's report: for its author, the teachers named on it, and the checkers."""
    if user.has_role(*CHECKERS):
        return Check.objects.all()
    return Check.objects.filter(Q(document__author__user=user) | Q(reviewers=user)).distinct()


def checks_of(user: User) -> QuerySet[Check]:
    """The reports of a user's own works and of the works he asked to check or reviews."""
    return Check.objects.filter(Q(document__author__user=user) | Q(reviewers=user) | Q(requested_by=user)).distinct().select_related("document")


def copies_with_state(record: Record) -> list[tuple[Copy, Loan | None, Hold | None]]:
    """The record's copies, each with its open loan and the hold it is kept for."""
    copies = list(record.copies.select_related("written_off_by").prefetch_related(
        Prefetch("loans", queryset=Loan.objects.filter(returned_on__isnull=True).select_related("reader"), to_attr="open_loans")))
    kept = {h.copy_id: h for h in Hold.objects.filter(record=record, state=Hold.State.READY).select_related("reader")}
    return [(c, c.open_loans[0] if c.open_loans else None, kept.get(c.pk)) for c in copies]


def holdings(records: list[int]) -> dict[int, int]:
    """Record id → copies not written off."""
    return dict(Copy.objects.filter(record_id__in=records, written_off_by__isnull=True).values("record_id").annotate(n=Count("id")).values_list("record_id", "n"))


def reading_list(discipline: Discipline) -> list[tuple[ReadingItem, int]]:
    """A discipline's reading list with the copies the library holds of each (0: missing)."""
    items = list(ReadingItem.objects.filter(discipline=discipline).select_related("record"))
    counts = holdings([i.record_id for i in items if i.record_id])
    return [(item, counts.get(item.record_id, 0) if item.record_id else 0) for item in items]


def held_for(discipline: Discipline) -> QuerySet[Record]:
    """What the library holds under the subjects that serve a discipline."""
    return Record.objects.filter(subjects__disciplines=discipline).distinct().order_by("-year", "title")


def loans_of(user: User) -> QuerySet[Loan]:
    return Loan.objects.filter(reader=user, returned_on__isnull=True).select_related("copy__record")


def holds_of(user: User) -> QuerySet[Hold]:
    return Hold.objects.filter(reader=user, state__in=[Hold.State.WAITING, Hold.State.READY]).select_related("record", "copy")


def overdue(today: datetime.date) -> QuerySet[Loan]:
    return Loan.objects.filter(returned_on__isnull=True, due_on__lt=today).select_related("copy__record", "reader")


def due_on(day: datetime.date) -> QuerySet[Loan]:
    return Loan.objects.filter(returned_on__isnull=True, due_on=day).select_related("copy__record", "reader")


def holds_ready() -> QuerySet[Hold]:
    return Hold.objects.filter(state=Hold.State.READY).select_related("record", "reader", "copy")


def violations() -> QuerySet[Violation]:
    return Violation.objects.select_related("person", "check_run", "conduct", "recorded_by")


