"""Assignments of independent work: set by the course's teacher, submitted by a listener (or
for his study group) as a draft and then for marking with the honesty statement, marked (blind
if set) by a rubric or as a whole, and released: only then do the listener and the journal
see the mark, which goes in through the journal's own service. Every refusal says why and
changes nothing: uploads are checked before anything is written."""

import datetime
import hashlib
import hmac
import mimetypes
import secrets
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

import nh3
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.file_types import written_work_type
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.services import notification_send
from eacademy.core.uploads import MB, read_upload
from eacademy.distance.models import Assignment, Criterion, Extension, Grade, Section, Submission, SubmissionFile
from eacademy.distance.services import course_lecturers, require_course_reach, xapi
from eacademy.enrollment.models import Enrollment
from eacademy.journal import services as journal_services
from eacademy.library.services import honesty

ACTIVE = (Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED)


def _course_path(assignment: Assignment) -> str:
    return reverse("distance:course", args=[assignment.offering_id])


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@transaction.atomic
def assignment_add(*, actor: User, offering_id: int, discipline: Discipline, title: str, opens_at: datetime.datetime, due_at: datetime.datetime,
                   section: Section | None = None, instructions: str = "", cut_off_at: datetime.datetime | None = None,
                   accepts_text: bool = True, max_files: int = 1, max_file_mb: int = 10, by_group: bool = False, blind: bool = False,
                   attempts: int = 1, pass_points: Decimal = Decimal(50), required: bool = True,
                   rubric: Sequence[tuple[str, int]] = ()) -> Assignment:
    """Set an assignment; its rubric's lines, when it has any, add up to 100 points."""
    require_course_reach(actor, offering_id)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("This field is required.")]
    if section is not None and section.offering_id != offering_id:
        errors["section"] = [_("The section is of another course.")]
    if not Discipline.objects.filter(pk=discipline.pk, module__version__offerings__pk=offering_id).exists():
        errors["discipline"] = [_("The discipline is not in this course's programme.")]
    if due_at < opens_at:
        errors["due_at"] = [_("The work is due after it opens.")]
    if cut_off_at is not None and cut_off_at < due_at:
        errors["cut_off_at"] = [_("Late work is accepted until a moment after the due date, or leave it empty.")]
    if max_files > 10:
        errors["max_files"] = [_("At most 10 files.")]
    if not accepts_text and max_files < 1:
        errors["max_files"] = [_("Accept a text, files, or both.")]
    if not 1 <= max_file_mb <= settings.UPLOAD_LIMITS_MB["submission"]:
        errors["max_file_mb"] = [_("A file may be from 1 to %(limit)s MB.") % {"limit": settings.UPLOAD_LIMITS_MB["submission"]}]
    if not Decimal(0) <= pass_points <= Decimal(100):
        errors["pass_points"] = [_("A mark is from 0 to 100 points.")]
    if rubric and sum(points for _title, points in rubric) != 100:
        errors["rubric"] = [_("The rubric's points add up to %(sum)s, not 100.") % {"sum": sum(points for _title, points in rubric)}]
    if errors:
        raise DomainError(errors)
    assignment = save_by(Assignment(offering_id=offering_id, section=section, discipline=discipline, title=title.strip()[:300],
                                    instructions=nh3.clean(instructions), opens_at=opens_at, due_at=due_at, cut_off_at=cut_off_at,
                                    accepts_text=accepts_text, max_files=max_files, max_file_mb=max_file_mb, by_group=by_group, blind=blind,
                                    attempts=attempts, pass_points=pass_points, required=required), actor)
    Criterion.objects.bulk_create(Criterion(assignment=assignment, title=title[:300], points=points, position=n)
                                  for n, (title, points) in enumerate(rubric, start=1))
    return assignment


def rubric_from_text(text: str) -> list[tuple[str, int]]:
    """A rubric written one criterion a line, its points after the last colon: "Argument: 40"."""
    rubric = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        title, _colon, points = line.rpartition(":")
        if not title.strip() or not points.strip().isdigit() or int(points) == 0:
            raise DomainError({"rubric": [_("Write each criterion as “title: points”, e.g. “Argument: 40”.")]})
        rubric.append((title.strip(), int(points)))
    return rubric


@transaction.atomic
def extension_grant(*, actor: User, assignment: Assignment, enrollment: Enrollment, until: datetime.datetime, reason: str) -> Extension:
    require_course_reach(actor, assignment.offering_id)
    if enrollment.offering_id != assignment.offering_id or enrollment.status not in ACTIVE:
        raise DomainError(_("%(person)s is not a listener of this course.") % {"person": enrollment.person})
    if until <= assignment.due_at:
        raise DomainError({"until": [_("An extension ends after the due date (%(due)s).") % {"due": _when(assignment.due_at)}]})
    if not reason.strip():
        raise DomainError({"reason": [_("Say why the listener gets more time.")]})
    extension = Extension.objects.filter(assignment=assignment, enrollment=enrollment).first() or Extension(assignment=assignment, enrollment=enrollment)
    extension.until, extension.reason = until, reason.strip()[:300]
    save_by(extension, actor)
    notification_send(user=enrollment.person.user, url=assignment.get_absolute_url(),
                      message=lambda: _("“%(title)s”: your work is accepted until %(until)s.") % {"title": assignment.title, "until": _when(until)})
    return extension


def accepted_until(assignment: Assignment, enrollment: Enrollment) -> datetime.datetime | None:
    """Until when the listener's work is taken: his extension, else the cut-off (None: no end)."""
    extension = Extension.objects.filter(assignment=assignment, enrollment=enrollment).values_list("until", flat=True).first()
    return extension or assignment.cut_off_at


def listener_of(user: User, assignment: Assignment) -> Enrollment:
    """The user's enrollment on the assignment's course, or a refusal: one hands in work only to
    an assignment of one's own course."""
    enrollment = Enrollment.objects.filter(person__user=user, offering_id=assignment.offering_id, status=Enrollment.Status.ENROLLED).first()
    if enrollment is None:
        raise NotAllowed(_("This assignment is not in a course of yours: nothing was saved."))
    if assignment.by_group and enrollment.group_id is None:
        raise DomainError(_("The work is handed in by a study group, and you are in none yet."))
    return enrollment


def _attempts_of(assignment: Assignment, enrollment: Enrollment) -> "Q":
    return Q(assignment=assignment, group_id=enrollment.group_id) if assignment.by_group else Q(assignment=assignment, enrollment=enrollment, group=None)


def latest(assignment: Assignment, enrollment: Enrollment, *, lock: bool = False) -> Submission | None:
    submissions = Submission.objects.filter(_attempts_of(assignment, enrollment)).order_by("-attempt")
    return (submissions.select_for_update(of=("self",)) if lock else submissions.select_related("grade")).first()


def participant_number(assignment: Assignment, enrollment: Enrollment) -> int:
    """A six-digit number for blind marking that says nothing of the name or the order of
    handing in: keyed by the site's secret, so nobody without it can compute it; the next free
    one on the rare collision."""
    taken = set(Submission.objects.filter(assignment=assignment).values_list("participant", flat=True))
    who = f"g{enrollment.group_id}" if assignment.by_group else f"e{enrollment.pk}"
    digest = hmac.new(settings.SECRET_KEY.encode(), f"participant:{assignment.pk}:{who}".encode(), hashlib.sha256).digest()
    number = 100000 + int.from_bytes(digest[:8]) % 900000
    while number in taken:
        number = 100000 + (number - 100000 + 1) % 900000
    return number


def _checked_files(assignment: Assignment, uploads: Sequence[UploadedFile[bytes]]) -> list[tuple[str, str, bytes]]:
    """Each upload's name, type and bytes, or a refusal naming the file and the rule it breaks."""
    checked = []
    for upload in uploads:
        name = (upload.name or "file")[-200:]
        data = read_upload(upload, "submission")
        if len(data) > assignment.max_file_mb * MB:
            raise DomainError({"files": [_("“%(name)s” is larger than the %(limit)s MB this assignment allows: nothing was saved.")
                                         % {"name": name, "limit": assignment.max_file_mb}]})
        media_type = written_work_type(data)
        if media_type is None:
            raise DomainError({"files": [_("“%(name)s” is not a PDF, Word (DOCX), OpenDocument text or a photo (PNG, JPEG): nothing was saved.")
                                         % {"name": name}]})
        checked.append((name, media_type, data))
    return checked


@transaction.atomic
def submission_save(*, user: User, assignment: Assignment, text: str = "", uploads: Sequence[UploadedFile[bytes]] = (),
                    remove: Sequence[int] = (), final: bool = False, statement: bool = False) -> Submission:
    """Save the listener's work as a draft, or submit it for marking (`final`), which needs the
    statement that the work is his own (seed 001 §24-1) and cannot be changed afterwards. Work
    is taken from the opening until the cut-off (or his extension); after the due date it is late."""
    enrollment = listener_of(user, assignment)
    now = timezone.now()
    if now < assignment.opens_at:
        raise DomainError(_("The assignment opens on %(opens)s: nothing was saved.") % {"opens": _when(assignment.opens_at)})
    end = accepted_until(assignment, enrollment)
    if end is not None and now > end:
        raise DomainError(_("Work was accepted until %(end)s: nothing was saved. Ask the lecturer for an extension.") % {"end": _when(end)})
    if text.strip() and not assignment.accepts_text:
        raise DomainError({"text": [_("This assignment takes files, not a text.")]})
    submission = latest(assignment, enrollment, lock=True)
    if submission is not None and submission.status == Submission.Status.SUBMITTED:
        raise DomainError(_("Your work is submitted for marking and can no longer be changed."))
    kept = list(submission.files.exclude(pk__in=remove)) if submission else []
    if len(kept) + len(uploads) > assignment.max_files:
        raise DomainError({"files": [_("At most %(count)s files: nothing was saved.") % {"count": assignment.max_files}]})
    files = _checked_files(assignment, uploads)
    if final and not statement:
        raise DomainError({"statement": [_("Confirm that the work is your own: it is submitted only with this statement.")]})
    if final and not text.strip() and not kept and not files:
        raise DomainError(_("There is nothing to submit: write the text or attach a file."))
    if submission is None:
        submission = Submission(assignment=assignment, enrollment=enrollment, group_id=enrollment.group_id if assignment.by_group else None,
                                participant=participant_number(assignment, enrollment))
    submission.enrollment, submission.text = enrollment, text.strip()
    if final:
        submission.status, submission.statement_at, submission.submitted_at = Submission.Status.SUBMITTED, now, now
        submission.late = now > assignment.due_at and not Extension.objects.filter(assignment=assignment, enrollment=enrollment, until__gte=now).exists()
    try:
        with transaction.atomic():
            save_by(submission, user)
    except IntegrityError:  # a member of the group saved the group's first draft at the same moment
        raise DomainError(_("Your group's work was saved by another member meanwhile: reload the page.")) from None
    if final:
        xapi.record(user=user, verb="submitted", path=assignment.get_absolute_url(), name=assignment.title, course_path=_course_path(assignment))
    SubmissionFile.objects.filter(submission=submission, pk__in=remove).delete()
    for name, media_type, data in files:
        stored = SubmissionFile(submission=submission, name=name, media_type=media_type, size=len(data))
        stored.file.save(f"{secrets.token_hex(8)}{mimetypes.guess_extension(media_type) or ''}", ContentFile(data), save=False)
        stored.save()
    if final:
        _similarity_check(user, submission)
    return submission


def _similarity_check(user: User, submission: Submission) -> None:
    """The submitted work goes to the library's similarity check (an explicit call): against the
    repository and every work handed in before, the assignment's own words left out; the
    course's lecturers read the report. A work of photos only has no text to check."""
    files = []
    for stored in submission.files.all():
        with stored.file.open("rb") as handle:
            files.append((handle.read(), stored.media_type))
    text = honesty.text_of_work(submission.text, files)
    if not text.strip():
        return
    assignment = submission.assignment
    honesty.check(actor=user, key=f"distance.submission:{submission.pk}", title=f"{assignment.title} · {_('Participant %(number)s') % {'number': submission.participant}}",
                  text=text, author=submission.enrollment.person, own_text=strip_tags(assignment.instructions), reviewers=course_lecturers(assignment.offering_id))


@transaction.atomic
def reattempt_start(*, user: User, assignment: Assignment) -> Submission:
    """A new attempt after a released mark below the pass mark, while attempts remain (0: until
    passed); it starts from the last attempt's text."""
    enrollment = listener_of(user, assignment)
    last = latest(assignment, enrollment, lock=True)
    grade = Grade.objects.filter(submission=last).first() if last else None
    if last is None or grade is None or grade.state != Grade.State.RELEASED:
        raise DomainError(_("A new attempt follows a marked one: nothing was started."))
    if grade.points >= assignment.pass_points:
        raise DomainError(_("The work has passed: no other attempt is needed."))
    if assignment.attempts and last.attempt >= assignment.attempts:
        raise DomainError(_("All %(count)s attempts are used: nothing was started.") % {"count": assignment.attempts})
    end = accepted_until(assignment, enrollment)
    if end is not None and timezone.now() > end:
        raise DomainError(_("Work was accepted until %(end)s: nothing was saved. Ask the lecturer for an extension.") % {"end": _when(end)})
    return save_by(Submission(assignment=assignment, enrollment=enrollment, group=last.group, attempt=last.attempt + 1,
                              participant=last.participant, text=last.text), user)


def _points(assignment: Assignment, points: str, scores: dict[str, str]) -> tuple[Decimal, dict[str, str]]:
    criteria = list(assignment.criteria.all())
    try:
        if not criteria:
            total = Decimal(points.replace(",", "."))
            if not total.is_finite() or not Decimal(0) <= total <= Decimal(100):
                raise InvalidOperation
            return total, {}
        given = {}
        for criterion in criteria:
            value = Decimal(scores.get(str(criterion.pk), "").replace(",", "."))
            if not value.is_finite() or not Decimal(0) <= value <= criterion.points:
                raise DomainError({"points": [_("“%(criterion)s” takes from 0 to %(points)s points.") % {"criterion": criterion.title, "points": criterion.points}]})
            given[str(criterion.pk)] = str(value)
        return sum((Decimal(v) for v in given.values()), Decimal(0)), given
    except InvalidOperation:
        raise DomainError({"points": [_("Give the points for each criterion.") if criteria else _("A mark is from 0 to 100 points.")]}) from None


@transaction.atomic
def grade_save(*, actor: User, submission: Submission, points: str = "", scores: dict[str, str] | None = None, feedback: str = "",
               feedback_upload: UploadedFile[bytes] | None = None, ready: bool = False, reason: str = "") -> Grade:
    """Mark a submitted work (the rubric's points, or the whole); it stays with the markers until
    it is ready and released. A released mark is changed only with a reason, which goes into
    the journal's history with the new mark."""
    assignment = submission.assignment
    require_course_reach(actor, assignment.offering_id)
    if submission.status != Submission.Status.SUBMITTED:
        raise DomainError(_("A draft is not marked: the listener has not submitted it."))
    total, given = _points(assignment, points, scores or {})
    grade = Grade.objects.select_for_update().filter(submission=submission).first()
    released = grade is not None and grade.state == Grade.State.RELEASED
    if released and grade is not None and grade.points != total and not reason.strip():
        raise DomainError({"reason": [_("The mark is released: say why it changes (it stays in the history).")]})
    grade = grade or Grade(submission=submission, marked_by=actor)
    grade.points, grade.scores, grade.feedback, grade.marked_by = total, given, feedback.strip(), actor
    if feedback_upload is not None:
        name, media_type, data = _checked_files(assignment, [feedback_upload])[0]
        grade.feedback_file.save(f"{secrets.token_hex(8)}{mimetypes.guess_extension(media_type) or ''}", ContentFile(data), save=False)
        grade.feedback_file_name = name
    if not released:
        grade.state = Grade.State.READY if ready else Grade.State.MARKING
    save_by(grade, actor, reason=reason)
    if released:
        _to_journal(actor, grade, reason.strip())
    return grade


def _to_journal(actor: User, grade: Grade, reason: str) -> list[Enrollment]:
    """The mark into the journal of the listener, or of every member of the group it was handed in for."""
    submission = grade.submission
    assignment = submission.assignment
    members = (Enrollment.objects.filter(group_id=submission.group_id, status__in=ACTIVE) if submission.group_id
               else Enrollment.objects.filter(pk=submission.enrollment_id))
    title = _("Assignment “%(title)s”") % {"title": assignment.title}
    marked = list(members.select_related("person__user"))
    for enrollment in marked:
        journal_services.activity_mark_set(actor=actor, enrollment=enrollment, discipline=assignment.discipline, activity=assignment.journal_key,
                                           title=title, points=grade.points, reason=reason or _("Assignment marked (attempt %(n)s)") % {"n": submission.attempt})
    return marked


@transaction.atomic
def release(*, actor: User, assignment: Assignment) -> int:
    """Release every mark that is ready: the listeners see mark and feedback (and, when marking
    was blind, the markers their names), the journal gets the mark. Returns how many."""
    require_course_reach(actor, assignment.offering_id)
    grades = list(Grade.objects.select_for_update(of=("self",)).filter(submission__assignment=assignment, state=Grade.State.READY)
                  .select_related("submission"))
    if not grades:
        raise DomainError(_("No mark is ready for release."))
    now = timezone.now()
    for grade in grades:
        grade.state, grade.released_at = Grade.State.RELEASED, now
        save_by(grade, actor, update_fields=["state", "released_at"])
        for enrollment in _to_journal(actor, grade, ""):
            if enrollment.person.user is not None:
                xapi.record(user=enrollment.person.user, verb="scored", path=assignment.get_absolute_url(), name=assignment.title,
                            course_path=_course_path(assignment), score=grade.points)
            notification_send(user=enrollment.person.user, url=assignment.get_absolute_url(),
                              message=lambda: _("“%(title)s” is marked: see the mark and the feedback.") % {"title": assignment.title})
    return len(grades)


@transaction.atomic
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the listeners who have not handed in an assignment due within two days (once per
    assignment); returns how many were reminded."""
    now = now or timezone.now()
    due = Assignment.objects.select_for_update().filter(reminded_at=None, opens_at__lte=now, due_at__gt=now, due_at__lte=now + datetime.timedelta(days=2))
    reminded = 0
    for assignment in due:
        handed_in = Submission.objects.filter(assignment=assignment, status=Submission.Status.SUBMITTED)
        waiting = (Enrollment.objects.filter(offering_id=assignment.offering_id, status=Enrollment.Status.ENROLLED)
                   .exclude(pk__in=handed_in.values("enrollment_id")).select_related("person__user"))
        if assignment.by_group:
            waiting = waiting.exclude(group_id__in=handed_in.values("group_id"))
        def message(assignment: Assignment = assignment) -> str:
            return _("“%(title)s” is due by %(due)s: your work is not handed in yet.") % {"title": assignment.title, "due": _when(assignment.due_at)}

        for enrollment in waiting:
            reminded += notification_send(user=enrollment.person.user, url=assignment.get_absolute_url(), message=message) is not None
        assignment.reminded_at = now
        save_by(assignment, None, update_fields=["reminded_at"])
    return reminded
