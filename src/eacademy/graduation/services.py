"""Graduation: a course ends by its closed final certification. Those who passed graduate (one
order line each); the others' outcome is recorded (not admitted, or failed with a retake allowed
until a date where the mark allows one); then the course gets one certificate batch, one survey
and one refresh of its figures. The roster's page and the API both call `offering_graduate`."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.services import require_role
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import services as evaluation_services
from eacademy.graduation.models import Outcome
from eacademy.graduation.rules import GRADUATORS
from eacademy.journal import services as journal_services
from eacademy.journal.models import CertificationResult
from eacademy.journal.queries import final_results
from eacademy.planning.models import Offering

NAMES_SHOWN = 5  # a refusal names this many listeners without a result, then "…"


@dataclass(frozen=True)
class Decision:
    enrollment: Enrollment
    certification_result: CertificationResult
    result: str  # Outcome.Result
    retake_until: datetime.date | None
    attendance_certificate: bool

    @property
    def waits_for_retake(self) -> bool:
        """A failing listener whose retake is still open stays enrolled until it is held."""
        return self.retake_until is not None and self.retake_until >= timezone.localdate()


def decisions(offering: Offering) -> list[Decision]:
    """What graduating the course now would decide for each listener still enrolled, read from the
    latest closed final certification (writes nothing). Refuses while any of them has no result."""
    enrolled = list(Enrollment.objects.filter(offering=offering, status=Enrollment.Status.ENROLLED).select_related("person__user")
                    .order_by("person__last_name", "person__first_name", "id"))
    if not enrolled:
        raise DomainError(_("Nobody on this course is still enrolled: there is nobody to graduate."))
    results = final_results(offering.pk)
    missing = [e.person.full_name for e in enrolled if e.pk not in results]
    if missing:
        names = ", ".join(missing[:NAMES_SHOWN]) + (" …" if len(missing) > NAMES_SHOWN else "")
        raise DomainError(_("Close the final certification first: there is no result in a closed protocol for %(names)s.") % {"names": names})
    policy = journal_services.policy_for(offering.version.programme)
    retake_letters = {band.letter for band in policy.scale.bands.all() if band.retake_allowed}
    made = []
    for enrollment in enrolled:
        result = results[enrollment.pk]
        if result.passed:
            made.append(Decision(enrollment, result, Outcome.Result.GRADUATED, None, False))
            continue
        retake = None
        if result.admitted and result.letter in retake_letters and policy.retake_days:
            retake = result.certification.held_on + datetime.timedelta(days=policy.retake_days)
        made.append(Decision(enrollment, result, Outcome.Result.FAILED if result.admitted else Outcome.Result.NOT_ADMITTED, retake,
                             policy.attendance_certificate))
    return made


@dataclass(frozen=True)
class Graduation:
    graduated: int
    not_admitted: int
    failed: int
    awaiting_retake: int
    certificate_batch_id: int | None


@transaction.atomic
def offering_graduate(*, actor: User, offering: Offering) -> Graduation:
    """Graduate the course by its final certification (see the module's docstring). Run again
    after a retake's protocol is closed, it graduates those who passed the retake."""
    require_role(actor, GRADUATORS)
    offering = Offering.objects.select_for_update().select_related("version__programme").get(pk=offering.pk)
    made = decisions(offering)
    graduates = [d.enrollment for d in made if d.result == Outcome.Result.GRADUATED]
    unfinished = [d.enrollment for d in made if d.result != Outcome.Result.GRADUATED and not d.waits_for_retake]
    _record(actor, made)
    enrollment_services.enrollments_close(actor=actor, offering=offering, graduates=[e.pk for e in graduates], unfinished=[e.pk for e in unfinished])
    batch = journal_services.certificate_batch_start(actor=actor, offering_id=offering.pk) if graduates else None
    evaluation_services.course_graduated(offering=offering, graduates=[e.person for e in graduates])
    return Graduation(
        graduated=len(graduates),
        not_admitted=sum(d.result == Outcome.Result.NOT_ADMITTED for d in made),
        failed=sum(d.result == Outcome.Result.FAILED for d in made),
        awaiting_retake=sum(d.waits_for_retake for d in made),
        certificate_batch_id=batch.pk if batch else None,
    )


def _record(actor: User, made: list[Decision]) -> None:
    """Each listener's outcome, in bulk, with history (a retake's graduation rewrites the first)."""
    existing = {o.enrollment_id: o for o in Outcome.objects.filter(enrollment__in=[d.enrollment.pk for d in made])}
    new: list[Outcome] = []
    changed: list[Outcome] = []
    for decision in made:
        outcome = existing.get(decision.enrollment.pk) or Outcome(enrollment=decision.enrollment)
        outcome.result, outcome.certification_result = decision.result, decision.certification_result
        outcome.retake_until, outcome.attendance_certificate = decision.retake_until, decision.attendance_certificate
        outcome.decided_at = timezone.now()
        (changed if outcome.pk else new).append(outcome)
    bulk_create_with_history(new, Outcome, default_user=actor)
    bulk_update_with_history(changed, Outcome, ["result", "certification_result", "retake_until", "attendance_certificate", "decided_at"], default_user=actor)
