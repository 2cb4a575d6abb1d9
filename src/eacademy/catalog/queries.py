"""Reads of the catalog shared by pages, the API and reports."""

import datetime
from collections.abc import Iterable

from django.db.models import F, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from eacademy.catalog.models import HOUR_FIELDS, CreditNorm, Discipline, Module, Programme, ProgrammeVersion
from eacademy.catalog.rules import DRAFT_READERS
from eacademy.core.dates import months_later
from eacademy.core.models import User


def versions_visible_to(user: User) -> QuerySet[ProgrammeVersion]:
    """Approved and archived versions for everyone signed in; drafts for those who write them."""
    versions = ProgrammeVersion.objects.select_related("programme", "approved_by", "reviewing_agency")
    if user.has_role(*DRAFT_READERS):
        return versions
    return versions.exclude(status=ProgrammeVersion.Status.DRAFT)


def catalog(kind: str = "") -> QuerySet[Programme]:
    """Programmes with their approved version (if any), in catalog order."""
    hours = Coalesce(sum((Sum(f"modules__disciplines__{name}") for name in HOUR_FIELDS), Value(0)), 0)
    approved = ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.APPROVED).annotate(hours=hours)
    programmes = Programme.objects.select_related("department", "entering_agency").prefetch_related(
        Prefetch("versions", queryset=approved, to_attr="approved_versions")
    )
    return programmes.filter(kind=kind) if kind else programmes


def curriculum(version: ProgrammeVersion) -> list[Module]:
    """The version's modules with their disciplines, in order: one query each."""
    return list(version.modules.prefetch_related(Prefetch("disciplines", queryset=Discipline.objects.order_by("position", "id"))))


def hours_by_type(version: ProgrammeVersion) -> dict[str, int]:
    totals = Discipline.objects.filter(module__version=version).aggregate(**{field: Sum(field) for field in HOUR_FIELDS})
    hours = {field: totals[field] or 0 for field in HOUR_FIELDS}
    hours["total"] = sum(hours.values())
    return hours


def total_hours(version_ids: Iterable[int]) -> dict[int, int]:
    """{version id: hours of all its disciplines}, one grouped query (certificates, transcripts)."""
    ids = set(version_ids)
    total = sum((F(field) for field in HOUR_FIELDS[1:]), F(HOUR_FIELDS[0]))
    rows = Discipline.objects.filter(module__version_id__in=ids).values_list("module__version_id").annotate(hours=Sum(total)).values_list("module__version_id", "hours")
    totals = {version_id: hours or 0 for version_id, hours in rows}
    return {version_id: totals.get(version_id, 0) for version_id in ids}


def course_end(version: ProgrammeVersion, starts_on: datetime.date) -> datetime.date | None:
    """The last day of a course of this version that starts on `starts_on`, by its months of study
    and internship (seed 004's durations); None for a programme measured in hours only."""
    months = version.study_months + version.internship_months
    return months_later(starts_on, months) - datetime.timedelta(days=1) if months else None


def credit_norm(version: ProgrammeVersion) -> CreditNorm | None:
    """The norm of credits for the version's kind and length; None for a programme in hours."""
    return CreditNorm.objects.filter(kind=version.programme.kind, study_months=int(version.study_months)).first()


PRACTICAL_HOURS = ("seminars", "workshops", "internship")  # seminars and practicals, workshops, internship
CONTACT_HOURS = ("lectures", *PRACTICAL_HOURS)  # consultations, independent work and control are neither
PRACTICE_TARGET = 0.70  # seed 003, task 1.1: "for each year will be 70 %"


def practice_hours() -> tuple[int, int]:
    """The hours of practice-oriented work and of all taught work (lectures and practice) in the
    programme versions now approved: seed 003's "practice-oriented materials, 70 % each year"."""
    totals = Discipline.objects.filter(module__version__status=ProgrammeVersion.Status.APPROVED).aggregate(
        **{field: Coalesce(Sum(field), Value(0)) for field in CONTACT_HOURS}
    )
    return sum(totals[f] for f in PRACTICAL_HOURS), sum(totals[f] for f in CONTACT_HOURS)
