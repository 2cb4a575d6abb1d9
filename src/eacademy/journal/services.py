"""Attendance, marks and certification: each change one function, one transaction, with
history naming who and why. Marks are saved against the revision the editor saw: a save made
against an older revision is refused with the current value (nothing is lost silently)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from eacademy.catalog.models import Discipline, Programme
from eacademy.core.errors import DomainError
from eacademy.core.file_types import DOCUMENTS, content_type
from eacademy.core.grade_scales import band_for
from eacademy.core.history import attribute
from eacademy.core.models import GradeScale, User
from eacademy.core.services import require_role
from eacademy.enrollment.models import Enrollment, Group
from eacademy.exams import queries as exam_queries
from eacademy.exams.models import Exam
from eacademy.journal import certificates
from eacademy.journal.models import (
    AssessmentPolicy,
    Attendance,
    CertificateBatch,
    Certification,
    CertificationMark,
    CertificationResult,
    Mark,
)
from eacademy.journal.rules import REGISTRARS, TEACHERS, Conflict
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson

MISSED = (Attendance.Status.ABSENT,)  # excused absences and lateness do not count against admission
ACTIVE = (Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED)


def _shown(points: Decimal) -> str:
    return f"{points:.2f}".rstrip("0").rstrip(".")


def policy_for(programme: Programme) -> AssessmentPolicy:
    """The programme's policy, or the Academy's default (60 % rating + 40 % exam, admission from
    50, at most 25 % of lessons missed, point-letter scale) when none is set."""
    policy = AssessmentPolicy.objects.filter(programme=programme).select_related("scale").first()
    return policy or AssessmentPolicy(programme=programme, scale=GradeScale.objects.get(code="point-letter"))


def require_reach(actor: User, *, offering_id: int, group_id: int | None) -> None:
    """The actor writes only into a journal he may open: the same groups as the journal's pages
    (`queries.groups_visible_to`: a lecturer's are those he teaches)."""
    from eacademy.journal.queries import within_reach  # queries reads this module's rules

    if not within_reach(actor, offering_id=offering_id, group_id=group_id):
        raise PermissionDenied(_("This is not a group you teach: its journal is not yours to change."))


def _in_scope(enrollment: Enrollment, offering_id: int, group_id: int | None) -> None:
    if enrollment.offering_id != offering_id or (group_id and enrollment.group_id != group_id) or enrollment.status not in ACTIVE:
        raise DomainError(_("%(person)s is not a listener of this group.") % {"person": enrollment.person})


@transaction.atomic
def attendance_set(*, actor: User, lesson: Lesson, enrollment: Enrollment, status: str, reason: str = "",
                   document_name: str = "", document: bytes | None = None) -> tuple[Attendance, str | None]:
    """Record attendance; returns it and a warning when the listener's unexcused absences in the
    discipline pass the programme's limit."""
    require_role(actor, TEACHERS)
    if status not in Attendance.Status.values:
        raise DomainError(_("Unknown attendance status."))
    if status == Attendance.Status.EXCUSED and not reason.strip():
        raise DomainError(_("An excused absence needs a reason."))
    _in_scope(enrollment, lesson.offering_id, lesson.group_id)
    require_reach(actor, offering_id=lesson.offering_id, group_id=lesson.group_id or enrollment.group_id)
    if lesson.starts_at > timezone.now():
        raise DomainError(_("Attendance is taken for lessons that have begun."))
    if document is not None and content_type(document) not in DOCUMENTS:
        raise DomainError(_("The document must be a PDF or a picture (PNG or JPEG)."))
    row = Attendance.objects.filter(lesson=lesson, enrollment=enrollment).first() or Attendance(lesson=lesson, enrollment=enrollment)
    row.status, row.reason, row.recorded_by = status, reason.strip()[:300], actor
    if document is not None:
        row.document, row.document_name = document, document_name[:200]
    attribute(row, actor, reason)
    row.save()
    return row, absence_warning(enrollment, lesson.discipline)


def absence_shares(enrollments: list[Enrollment], disciplines: list[Discipline]) -> dict[int, float]:
    """Each listener's largest share of unexcused absences among the disciplines' lessons held
    so far (his group's and the whole course's): two queries whatever the numbers."""
    if not enrollments:
        return {}
    lessons = list(Lesson.objects.filter(offering_id=enrollments[0].offering_id, discipline__in=disciplines, starts_at__lte=timezone.now())
                   .values_list("discipline_id", "group_id"))
    missed = {(e, d): n for e, d, n in Attendance.objects.filter(enrollment__in=enrollments, status__in=MISSED, lesson__discipline__in=disciplines,
                                                                  lesson__starts_at__lte=timezone.now())
              .values_list("enrollment_id", "lesson__discipline_id").annotate(n=Count("id")).values_list("enrollment_id", "lesson__discipline_id", "n")}
    shares = {}
    for enrollment in enrollments:
        worst = 0.0
        for discipline in disciplines:
            held = sum(1 for d, g in lessons if d == discipline.pk and (g is None or g == enrollment.group_id))
            if held:
                worst = max(worst, missed.get((enrollment.pk, discipline.pk), 0) / held)
        shares[enrollment.pk] = worst
    return shares


def absence_share(enrollment: Enrollment, discipline: Discipline) -> float:
    """Unexcused absences as a share of the discipline's lessons held so far."""
    return absence_shares([enrollment], [discipline])[enrollment.pk]


def absence_warning(enrollment: Enrollment, discipline: Discipline) -> str | None:
    limit = policy_for(enrollment.offering.version.programme).absence_limit_percent
    share = absence_share(enrollment, discipline)
    if share * 100 > limit:
        return _("%(person)s has missed %(share)s%% of the lessons of %(discipline)s (the limit is %(limit)s%%): not admitted to certification.") % {
            "person": enrollment.person, "share": round(share * 100), "discipline": discipline, "limit": limit}
    return None


def mark_set(*, actor: User, enrollment: Enrollment, discipline: Discipline, lesson: Lesson | None, points: Decimal,
             revision: int, reason: str = "", vouched: bool = False) -> Mark:
    """Enter or change a typed mark. `revision` is the one the editor saw (0 for a new mark).
    `vouched`: the app above has checked the actor's right to this listener's mark itself (the
    internship's supervisor), so the journal's reach is not asked."""
    require_role(actor, TEACHERS)
    if not Decimal(0) <= points <= Decimal(100):
        raise DomainError(_("A mark is from 0 to 100 points."))
    if lesson is not None and (lesson.discipline_id != discipline.pk):
        raise DomainError(_("The lesson is of another discipline."))
    offering_id = lesson.offering_id if lesson else enrollment.offering_id
    _in_scope(enrollment, offering_id, lesson.group_id if lesson else None)
    if not vouched:
        require_reach(actor, offering_id=offering_id, group_id=(lesson.group_id if lesson else None) or enrollment.group_id)
    try:
        with transaction.atomic():
            # ordered by pk: the model's ordering joins the (nullable) lesson, and PostgreSQL locks no outer join
            current = (Mark.objects.select_for_update().filter(enrollment=enrollment, lesson=lesson, discipline=discipline, exam=None, activity="")
                       .order_by("pk").first())
            if current is None:
                if revision != 0:
                    raise DomainError(_("The mark was deleted meanwhile; reload the page."))
                mark = Mark(enrollment=enrollment, discipline=discipline, lesson=lesson, points=points, changed_by=actor, reason=reason[:300])
                attribute(mark, actor, reason)
                mark.save()
                return mark
            if current.revision != revision:
                raise Conflict(
                    _("%(who)s changed this mark meanwhile: it is now %(points)s. Nothing was saved; check it and save again.") % {
                        "who": current.changed_by, "points": _shown(current.points)},
                    current.points, current.revision)
            if current.points == points:
                return current
            if not reason.strip():
                raise DomainError(_("Say why the mark changes (it stays in the history)."))
            current.points, current.reason, current.changed_by, current.revision = points, reason.strip()[:300], actor, current.revision + 1
            attribute(current, actor, reason)
            current.save()
            return current
    except IntegrityError:  # both created it at once: the other one won
        now = Mark.objects.get(enrollment=enrollment, lesson=lesson, discipline=discipline, exam=None, activity="")
        raise Conflict(_("%(who)s entered this mark meanwhile: it is %(points)s. Nothing was saved.") % {"who": now.changed_by, "points": _shown(now.points)},
                       now.points, now.revision) from None


@transaction.atomic
def activity_mark_set(*, actor: User, enrollment: Enrollment, discipline: Discipline, activity: str, title: str, points: Decimal,
                      reason: str) -> Mark:
    """Put an activity's mark (an assignment's, a package's) into the journal, or change it, with
    the reason in its history. The app above has checked the actor's right to the listener's
    work itself; the journal checks the mark and that the listener is still on the course."""
    require_role(actor, TEACHERS)
    if not Decimal(0) <= points <= Decimal(100):
        raise DomainError(_("A mark is from 0 to 100 points."))
    if not activity:
        raise DomainError(_("The activity is not named."))
    _in_scope(enrollment, enrollment.offering_id, None)
    mark = Mark.objects.select_for_update(of=("self",)).filter(enrollment=enrollment, activity=activity).first()
    if mark is None:
        mark = Mark(enrollment=enrollment, discipline=discipline, activity=activity, activity_title=title[:200], source=Mark.Source.ACTIVITY,
                    points=points, changed_by=actor, reason=reason[:300])
    elif mark.points == points:
        return mark
    else:
        mark.points, mark.reason, mark.changed_by, mark.revision = points, reason[:300], actor, mark.revision + 1
    attribute(mark, actor, reason)
    mark.save()
    return mark


@transaction.atomic
def marks_from_exam(*, actor: User, exam: Exam, discipline: Discipline) -> int:
    """Take a test's graded results (each listener's best attempt, in percent) as marks."""
    require_role(actor, TEACHERS)
    require_reach(actor, offering_id=exam.offering_id, group_id=exam.group_id)
    results = exam_queries.best_results(exam.offering_id)
    enrollments = {e.person_id: e for e in Enrollment.objects.filter(offering_id=exam.offering_id, status__in=ACTIVE)}
    existing = {m.enrollment_id: m for m in Mark.objects.filter(exam=exam)}
    new, changed = [], []
    for person_id, by_exam in results.items():
        if exam.pk not in by_exam or person_id not in enrollments:
            continue
        points = Decimal(str(round(by_exam[exam.pk], 2)))
        enrollment = enrollments[person_id]
        mark = existing.get(enrollment.pk)
        if mark is None:
            new.append(Mark(enrollment=enrollment, discipline=discipline, exam=exam, source=Mark.Source.EXAM, points=points, changed_by=actor))
        elif mark.points != points:
            mark.points, mark.revision, mark.changed_by = points, mark.revision + 1, actor
            attribute(mark, actor, _("Test regraded"))
            mark.save()
            changed.append(mark)
    bulk_create_with_history(new, Mark, default_user=actor)
    return len(new) + len(changed)


def admission_points_of(enrollments: list[Enrollment], discipline: Discipline | None) -> dict[int, Decimal]:
    """The admission rating: the mean of the current marks (typed and test results) in the
    discipline, or in all disciplines for the final certification; one query."""
    marks = Mark.objects.filter(enrollment__in=enrollments)
    if discipline is not None:
        marks = marks.filter(discipline=discipline)
    means = dict(marks.values_list("enrollment_id").annotate(mean=Avg("points")).values_list("enrollment_id", "mean"))
    return {e.pk: Decimal(means.get(e.pk) or 0).quantize(Decimal("0.01")) for e in enrollments}


def admission_points(enrollment: Enrollment, discipline: Discipline | None) -> Decimal:
    return admission_points_of([enrollment], discipline)[enrollment.pk]


@dataclass(frozen=True)
class Outcome:
    admission: Decimal
    admitted: bool
    exam: Decimal | None
    final: Decimal


def final_points(policy: AssessmentPolicy, admission: Decimal, exam: Decimal | None, absences: float) -> Outcome:
    """The programme's formula: admitted when the rating reaches the threshold and absences stay
    within the limit; then final = rating × admission weight + exam × exam weight."""
    admitted = admission >= policy.admission_threshold and absences * 100 <= policy.absence_limit_percent
    if not admitted or exam is None:
        return Outcome(admission, admitted, exam, Decimal(0) if not admitted else admission)
    final = (admission * policy.admission_weight + exam * policy.exam_weight) / Decimal(policy.admission_weight + policy.exam_weight)
    return Outcome(admission, admitted, exam, final.quantize(Decimal("0.01")))


@transaction.atomic
def certification_create(*, actor: User, offering: Offering, kind: str, held_on: datetime.date, chair: User, members: list[User],
                         group: Group | None = None, discipline: Discipline | None = None, protocol_number: str = "") -> Certification:
    require_role(actor, REGISTRARS)
    if kind == Certification.Kind.INTERMEDIATE and discipline is None:
        raise DomainError(_("An intermediate certification is in one discipline."))
    if group is not None and group.offering_id != offering.pk:
        raise DomainError(_("This group belongs to another course."))
    if chair not in members:
        members = [chair, *members]
    certification = Certification(offering=offering, kind=kind, held_on=held_on, chair=chair, group=group, discipline=discipline, protocol_number=protocol_number)
    attribute(certification, actor)
    certification.save()
    certification.members.set(members)
    return certification


def certification_enrollments(certification: Certification) -> list[Enrollment]:
    """A closed protocol's listeners are those it has results for; an open one's, those of its
    course or group still studying (a retake's protocol has only those who have not graduated)."""
    if certification.closed_at:
        enrollments = Enrollment.objects.filter(certification_results__certification=certification).select_related("person")
    else:
        enrollments = Enrollment.objects.filter(offering_id=certification.offering_id, status=Enrollment.Status.ENROLLED).select_related("person")
        if certification.group_id:
            enrollments = enrollments.filter(group_id=certification.group_id)
    return list(enrollments.order_by("person__last_name", "person__first_name", "id"))


@transaction.atomic
def certification_mark_set(*, actor: User, certification: Certification, enrollment: Enrollment, points: Decimal, revision: int) -> CertificationMark:
    if not certification.members.filter(pk=actor.pk).exists():
        raise DomainError(_("Only members of the commission give its marks."))
    if certification.closed_at:
        raise DomainError(_("The certification is closed."))
    if not Decimal(0) <= points <= Decimal(100):
        raise DomainError(_("A mark is from 0 to 100 points."))
    _in_scope(enrollment, certification.offering_id, certification.group_id)
    mark = CertificationMark.objects.select_for_update().filter(certification=certification, enrollment=enrollment, member=actor).first()
    if mark is None:
        mark = CertificationMark(certification=certification, enrollment=enrollment, member=actor, points=points)
    elif mark.revision != revision:
        raise Conflict(_("This mark was changed meanwhile: it is now %(points)s. Nothing was saved.") % {"points": _shown(mark.points)}, mark.points, mark.revision)
    else:
        mark.points, mark.revision = points, mark.revision + 1
    attribute(mark, actor)
    mark.save()
    return mark


@transaction.atomic
def certification_close(*, actor: User, certification: Certification) -> list[CertificationResult]:
    """Compute every listener's result by the programme's policy and close the protocol."""
    require_role(actor, REGISTRARS)
    certification = Certification.objects.select_for_update(of=("self",)).select_related("offering__version__programme").get(pk=certification.pk)
    if certification.closed_at:
        raise DomainError(_("The certification is closed."))
    policy = policy_for(certification.offering.version.programme)
    bands = list(policy.scale.bands.all())
    exam_points = {row["enrollment"]: row["mean"] for row in certification.marks.values("enrollment").annotate(mean=Avg("points"))}
    results = []
    disciplines = [certification.discipline] if certification.discipline else list(
        Discipline.objects.filter(module__version_id=certification.offering.version_id))
    enrollments = certification_enrollments(certification)
    absences = absence_shares(enrollments, disciplines)
    admissions = admission_points_of(enrollments, certification.discipline)
    for enrollment in enrollments:
        exam = exam_points.get(enrollment.pk)
        outcome = final_points(policy, admissions[enrollment.pk], Decimal(exam).quantize(Decimal("0.01")) if exam is not None else None, absences[enrollment.pk])
        if outcome.admitted and outcome.exam is None:
            raise DomainError(_("%(person)s is admitted but has no mark from the commission.") % {"person": enrollment.person})
        band = band_for(bands, float(outcome.final))
        results.append(CertificationResult(
            certification=certification, enrollment=enrollment, admission_points=outcome.admission, admitted=outcome.admitted,
            exam_points=outcome.exam, final_points=outcome.final, letter=band.letter, grade_point=band.grade_point,
            passed=outcome.admitted and band.passed,
        ))
    CertificationResult.objects.filter(certification=certification).delete()
    bulk_create_with_history(results, CertificationResult, default_user=actor)
    certification.closed_at = timezone.now()
    attribute(certification, actor)
    certification.save(update_fields=["closed_at"])
    return results



def certificate_batch_start(*, actor: User, offering_id: int) -> CertificateBatch:
    """Certificates for every graduate of the course who has none, issued by the worker after the commit."""
    return certificates.batch_start(actor=actor, offering_id=offering_id)


def certificate_batch_run(batch_id: int) -> CertificateBatch:
    """Issue a batch now, in this process (the task worker's job; the demo does it at once)."""
    return certificates.batch_run(batch_id)
