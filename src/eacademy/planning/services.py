"""Training needs and the annual plan: every change one function, one transaction, validated."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog.models import ListenerCategory, Programme, ProgrammeVersion, StudyFormat
from eacademy.catalog.queries import course_end
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import require_role
from eacademy.org.models import AcademyUnit, Agency
from eacademy.people.queries import agency_id_of
from eacademy.planning.models import Offering, OfferingQuota, TrainingNeed
from eacademy.planning.rules import PLANNERS

DURATION_SLACK_DAYS = 14  # a course measured in months may end up to two weeks either side (holidays, a Friday)
PLANNED_YEARS_AHEAD = 3  # a course is planned up to three years ahead (or recorded a year back)
MAX_DAYS_WITHOUT_MONTHS = 366


@transaction.atomic
def need_submit(
    *,
    actor: User,
    agency: Agency,
    year: int,
    category: str,
    quantity: int,
    programme: Programme | None = None,
    topic: str = "",
    qualitative: str = "",
) -> TrainingNeed:
    """A coordinator states his agency's need; planners may record it for any agency."""
    if actor.has_role(*PLANNERS) or actor.has_role(Role.AGENCY_COORDINATOR) and agency_id_of(actor) == agency.pk:
        pass
    else:
        raise DomainError(_("You may state needs only for your own agency."))
    errors: dict[str, list[str]] = {}
    this_year = timezone.localdate().year
    if not this_year <= year <= this_year + 2:
        errors["year"] = [_("Needs are stated for this year or the next two.")]
    if category not in ListenerCategory.values:
        errors["category"] = [_("Choose a category of listeners.")]
    if not 1 <= quantity <= 10_000:
        errors["quantity"] = [_("Give the number of listeners, from 1 to 10,000.")]
    if programme is None and not topic.strip():
        errors["topic"] = [_("Choose a programme or describe the topic.")]
    if errors:
        raise DomainError(errors)
    return TrainingNeed.objects.create(
        agency=agency, year=year, programme=programme, topic=topic.strip(), category=category,
        quantity=quantity, qualitative=qualitative.strip(), submitted_by=actor,
    )


@transaction.atomic
def need_withdraw(*, actor: User, need: TrainingNeed) -> None:
    if not (actor.has_role(*PLANNERS) or (actor.has_role(Role.AGENCY_COORDINATOR) and agency_id_of(actor) == need.agency_id)):
        raise DomainError(_("You may state needs only for your own agency."))
    need.delete()


@transaction.atomic
def offering_create(
    *,
    actor: User,
    version: ProgrammeVersion,
    starts_on: datetime.date,
    ends_on: datetime.date,
    place: str,
    capacity: int,
    language: str,
    study_format: str,
    department: AcademyUnit,
) -> Offering:
    require_role(actor, PLANNERS)
    errors: dict[str, list[str]] = {}
    if version.status != ProgrammeVersion.Status.APPROVED:
        errors["version"] = [_("Only an approved programme version can be planned.")]
    this_year = timezone.localdate().year
    if not this_year - 1 <= starts_on.year <= this_year + PLANNED_YEARS_AHEAD:
        errors["starts_on"] = [_("A course is planned to start from %(first)s to %(last)s.") % {"first": this_year - 1, "last": this_year + PLANNED_YEARS_AHEAD}]
    if ends_on < starts_on:
        errors["ends_on"] = [_("The course cannot end before it starts.")]
    elif course_end(version, starts_on) is None and (ends_on - starts_on).days > MAX_DAYS_WITHOUT_MONTHS:
        errors["ends_on"] = [_("A programme without a duration in months is taught in at most a year.")]
    elif (last := course_end(version, starts_on)) is not None and abs((ends_on - last).days) > DURATION_SLACK_DAYS:
        errors["ends_on"] = [_("The programme lasts %(months)s months: a course that starts on %(starts)s ends about %(last)s, not on %(ends)s.") % {
            "months": f"{version.study_months + version.internship_months:.1f}".removesuffix(".0"), "starts": f"{starts_on:%d.%m.%Y}",
            "last": f"{last:%d.%m.%Y}", "ends": f"{ends_on:%d.%m.%Y}"}]
    if not 1 <= capacity <= 1000:
        errors["capacity"] = [_("Give the number of seats, from 1 to 1,000.")]
    if language not in version.languages:
        errors["language"] = [_("The programme is not taught in this language.")]
    if study_format not in StudyFormat.values:
        errors["study_format"] = [_("Unknown format.")]
    if not place.strip():
        errors["place"] = [_("This field is required.")]
    if errors:
        raise DomainError(errors)
    return Offering.objects.create(
        version=version, starts_on=starts_on, ends_on=ends_on, place=place.strip(), capacity=capacity,
        language=language, study_format=study_format, department=department,
    )


@transaction.atomic
def offering_set_quotas(*, actor: User, offering: Offering, seats_by_agency: dict[Agency, int]) -> None:
    """Replace the offering's quotas; together they may not exceed its seats."""
    require_role(actor, PLANNERS)
    if offering.status == Offering.Status.CANCELLED:
        raise DomainError(_("A cancelled offering cannot change."))
    if any(seats < 0 for seats in seats_by_agency.values()):
        raise DomainError(_("Seats cannot be negative."))
    total = sum(seats_by_agency.values())
    if total > offering.capacity:
        raise DomainError(
            _("The quotas add up to %(total)s seats, more than the %(capacity)s the offering has.")
            % {"total": total, "capacity": offering.capacity}
        )
    OfferingQuota.objects.filter(offering=offering).delete()
    OfferingQuota.objects.bulk_create(
        OfferingQuota(offering=offering, agency=agency, seats=seats) for agency, seats in seats_by_agency.items() if seats
    )


@transaction.atomic
def offering_publish(*, actor: User, offering: Offering) -> Offering:
    require_role(actor, PLANNERS)
    if offering.status != Offering.Status.DRAFT:
        raise DomainError(_("Only a draft offering can be published."))
    if offering.starts_on < timezone.localdate():
        raise DomainError(_("An offering that has started cannot be published."))
    offering.status = Offering.Status.PUBLISHED
    offering.save(update_fields=["status"])
    return offering


@transaction.atomic
def offering_cancel(*, actor: User, offering: Offering) -> Offering:
    require_role(actor, PLANNERS)
    if offering.status == Offering.Status.CANCELLED:
        raise DomainError(_("The offering is already cancelled."))
    offering.status = Offering.Status.CANCELLED
    offering.save(update_fields=["status"])
    return offering
