"""Internship actions: a placement planned (the internship discipline of the intern's programme,
a unit of the agency he enters, a mentor serving there, an Academy supervisor, no longer than
seed 004's internship part), diary entries by the intern, the mentor's evaluation and the
supervisor's mark, which is entered in the journal."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog.models import Discipline, ProgrammeKind
from eacademy.core.dates import months_later
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.services import notification_send, require_role
from eacademy.enrollment.models import Enrollment
from eacademy.internships.models import DiaryEntry, Placement
from eacademy.internships.rules import PLANNERS, SUPERVISORS
from eacademy.journal import services as journal_services
from eacademy.org.models import AgencyUnit
from eacademy.people.models import Person


def internship_discipline(enrollment: Enrollment) -> Discipline | None:
    """The discipline of the intern's programme version that carries the internship hours."""
    return Discipline.objects.filter(module__version_id=enrollment.offering.version_id, internship__gt=0).order_by("-internship").first()


@transaction.atomic
def placement_create(*, actor: User, enrollment: Enrollment, unit: AgencyUnit, mentor: Person, supervisor: User,
                     starts_on: datetime.date, ends_on: datetime.date, plan: str) -> Placement:
    require_role(actor, PLANNERS)
    programme = enrollment.offering.version.programme
    errors: dict[str, list[str]] = {}
    if programme.kind != ProgrammeKind.INITIAL:
        raise DomainError(_("Internships belong to initial training."))
    discipline = internship_discipline(enrollment)
    if discipline is None:
        raise DomainError(_("The programme has no internship hours."))
    agency = programme.entering_agency
    if agency is not None and unit.agency_id != agency.pk:
        errors["unit"] = [_("The internship is served in a unit of the agency the intern enters.")]
    if mentor.agency_id != unit.agency_id:
        errors["mentor"] = [_("The mentor is a practitioner of the same agency.")]
    if not supervisor.has_role(*SUPERVISORS):
        errors["supervisor"] = [_("The supervisor is a lecturer of the Academy.")]
    if ends_on <= starts_on:
        errors["ends_on"] = [_("The internship ends after it starts.")]
    months = enrollment.offering.version.internship_months  # seed 004's, set when the programme was made
    if months and ends_on >= months_later(starts_on, months):
        errors["ends_on"] = [_("The internship part lasts at most %(months)s months.") % {"months": f"{months:.1f}".removesuffix(".0")}]
    if not plan.strip():
        errors["plan"] = [_("Write the plan of the internship.")]
    if errors:
        raise DomainError(errors)
    placement = Placement(enrollment=enrollment, discipline=discipline, unit=unit, mentor=mentor, supervisor=supervisor,
                          starts_on=starts_on, ends_on=ends_on, plan=plan.strip())
    save_by(placement, actor)
    url = f"/internships/{placement.pk}/"
    notification_send(user=supervisor, url=url, message=lambda: _("You supervise the internship of %(name)s at %(unit)s.")
                      % {"name": enrollment.person.full_name, "unit": unit})
    notification_send(user=enrollment.person.user, url=url, message=lambda: _("Your internship at %(unit)s is planned: keep its diary here.")
                      % {"unit": unit})
    return placement


@transaction.atomic
def diary_add(*, actor: User, placement: Placement, date: datetime.date, hours: int, text: str) -> DiaryEntry:
    if placement.enrollment.person.user_id != actor.pk:
        raise DomainError(_("Only the intern keeps his diary."))
    if placement.status != Placement.Status.PLANNED:
        raise DomainError(_("The internship is completed: its diary is closed."))
    errors: dict[str, list[str]] = {}
    if not placement.starts_on <= date <= min(placement.ends_on, timezone.localdate()):
        errors["date"] = [_("A day of the internship, not in the future.")]
    if not 1 <= hours <= 12:
        errors["hours"] = [_("From 1 to 12 hours.")]
    if not text.strip():
        errors["text"] = [_("Write what was done.")]
    if errors:
        raise DomainError(errors)
    try:
        with transaction.atomic():
            entry = DiaryEntry(placement=placement, date=date, hours=hours, text=text.strip())
            save_by(entry, actor)
    except IntegrityError:
        raise DomainError({"date": [_("This day is in the diary already.")]}) from None
    return entry


@transaction.atomic
def mentor_evaluate(*, actor: User, placement: Placement, rating: int, review: str) -> Placement:
    """The mentor's evaluation, entered by the supervisor from the mentor's signed review."""
    if actor.pk != placement.supervisor_id and not actor.has_role(*PLANNERS):
        raise DomainError(_("The supervisor enters the mentor's evaluation."))
    if rating not in Placement.Rating.values:
        raise DomainError({"rating": [_("Choose the mentor's evaluation.")]})
    if not review.strip():
        raise DomainError({"review": [_("Copy the mentor's review.")]})
    placement.mentor_rating, placement.mentor_review = rating, review.strip()
    save_by(placement, actor, update_fields=["mentor_rating", "mentor_review"])
    return placement


@transaction.atomic
def supervisor_mark(*, actor: User, placement: Placement, points: Decimal) -> Placement:
    """The supervisor's mark, after the diary and the mentor's evaluation: entered in the journal
    as the internship discipline's mark, and the internship is completed."""
    placement = Placement.objects.select_for_update().select_related("enrollment").get(pk=placement.pk)
    if actor.pk != placement.supervisor_id:
        raise DomainError(_("Only the internship's supervisor marks it."))
    if placement.status == Placement.Status.COMPLETED:
        raise DomainError(_("The internship is marked already."))
    if placement.mentor_rating is None:
        raise DomainError(_("Enter the mentor's evaluation first."))
    if not placement.diary.exists():
        raise DomainError(_("The intern's diary is empty."))
    mark = journal_services.mark_set(actor=actor, enrollment=placement.enrollment, discipline=placement.discipline, lesson=None, points=points,
                                     revision=0, reason=_("Internship"), vouched=True)  # the placement's supervisor, checked above
    placement.mark, placement.status = mark, Placement.Status.COMPLETED
    save_by(placement, actor, update_fields=["mark", "status"])
    notification_send(user=placement.enrollment.person.user, url=f"/internships/{placement.pk}/",
                      message=lambda: _("Your internship is marked: %(points)s points.") % {"points": points})
    return placement
