"""The pages of assignments: setting one, a listener's work on it, the teacher's board, marking
and release. The services decide; a refusal comes back as a message and changes nothing."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eacademy.core.access import role_required, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.distance import queries
from eacademy.distance.forms import AssignmentForm, ExtensionForm, GradeForm, SubmissionForm
from eacademy.distance.models import Assignment, Grade, Submission, SubmissionFile
from eacademy.distance.rules import READERS, TEACHERS
from eacademy.distance.services import assignments
from eacademy.distance.views import course_of_user
from eacademy.enrollment.models import Enrollment
from eacademy.journal import queries as journal_queries
from eacademy.library.services import honesty
from eacademy.planning.models import Offering


def _assignment(request: HttpRequest, pk: int) -> tuple[Assignment, bool]:
    """An assignment of a course the user teaches or listens to (404 otherwise), and whether he teaches it."""
    assignment = get_object_or_404(Assignment.objects.select_related("offering__version__programme", "section", "discipline"), pk=pk)
    _offering, _enrollment, teacher = course_of_user(request, assignment.offering_id)
    return assignment, teacher


@role_required(*TEACHERS)
@require_http_methods(["GET", "POST"])
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering.objects.select_related("version__programme"), pk=pk)
    _offering, _enrollment, teacher = course_of_user(request, offering.pk)
    if not teacher:
        raise Http404(_("No such course of yours."))
    form = AssignmentForm(request.POST or None, offering=offering)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            data["rubric"] = assignments.rubric_from_text(data["rubric"])
            assignment = assignments.assignment_add(actor=signed_in_user(request), offering_id=offering.pk, **data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The assignment is set."))
            return redirect(assignment)
    return render(request, "distance/assignment_form.html", {"offering": offering, "form": form})


@role_required(*READERS)
@require_GET
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    """A listener's work on the assignment; the teacher's board of everyone's."""
    assignment, teacher = _assignment(request, pk)
    criteria = list(assignment.criteria.all())
    if teacher:
        return render(request, "distance/assignment_board.html", {
            "assignment": assignment, "criteria": criteria, "rows": queries.board(assignment),
            "extension_form": ExtensionForm(offering=assignment.offering)})
    try:
        enrollment = assignments.listener_of(signed_in_user(request), assignment)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("distance:course", assignment.offering_id)
    submission = assignments.latest(assignment, enrollment)
    grade = getattr(submission, "grade", None) if submission else None
    released = grade if grade is not None and grade.state == Grade.State.RELEASED else None
    can_retry = bool(released and released.points < assignment.pass_points and (not assignment.attempts or submission.attempt < assignment.attempts))  # type: ignore[union-attr]
    return render(request, "distance/assignment.html", {
        "assignment": assignment, "criteria": criteria, "submission": submission, "grade": released, "can_retry": can_retry,
        "lines": [(c, released.scores.get(str(c.pk))) for c in criteria] if released else [],
        "until": assignments.accepted_until(assignment, enrollment), "now": timezone.now(),
        "form": SubmissionForm(initial={"text": submission.text if submission else ""})})


@role_required(*READERS)
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment, _teacher = _assignment(request, pk)
    form = SubmissionForm(request.POST)
    form.is_valid()
    final = request.POST.get("action") == "submit"
    remove = [int(v) for v in request.POST.getlist("remove") if v.isdigit()]
    return act_and_return(request, lambda: assignments.submission_save(
        user=signed_in_user(request), assignment=assignment, text=form.cleaned_data.get("text", ""), uploads=request.FILES.getlist("files"),
        remove=remove, final=final, statement=bool(form.cleaned_data.get("statement"))),
        _("Your work is submitted for marking.") if final else _("The draft is saved."), assignment.get_absolute_url())


@role_required(*READERS)
@require_POST
def reattempt(request: HttpRequest, pk: int) -> HttpResponse:
    assignment, _teacher = _assignment(request, pk)
    return act_and_return(request, lambda: assignments.reattempt_start(user=signed_in_user(request), assignment=assignment),
                          _("A new attempt is open."), assignment.get_absolute_url())


@role_required(*TEACHERS)
@require_POST
def extension_grant(request: HttpRequest, pk: int) -> HttpResponse:
    assignment, teacher = _assignment(request, pk)
    form = ExtensionForm(request.POST, offering=assignment.offering)
    if not teacher or not form.is_valid():
        messages.error(request, _("Choose the listener, the moment and the reason."))
        return redirect(assignment)
    return act_and_return(request, lambda: assignments.extension_grant(actor=signed_in_user(request), assignment=assignment, **form.cleaned_data),
                          _("The extension is granted."), assignment.get_absolute_url())


@role_required(*TEACHERS)
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    assignment, _teacher = _assignment(request, pk)
    return act_and_return(request, lambda: assignments.release(actor=signed_in_user(request), assignment=assignment),
                          _("The marks that were ready are released and are in the journal."), assignment.get_absolute_url())


def _submission(request: HttpRequest, pk: int) -> tuple[Submission, bool]:
    submission = get_object_or_404(Submission.objects.select_related("assignment__offering", "enrollment__person", "group"), pk=pk)
    _offering, enrollment, teacher = course_of_user(request, submission.assignment.offering_id)
    own = enrollment is not None and (submission.enrollment_id == enrollment.pk or (submission.group_id and submission.group_id == enrollment.group_id))
    if not teacher and not own:
        raise Http404(_("No such work of yours."))
    return submission, teacher


@role_required(*TEACHERS)
@require_http_methods(["GET", "POST"])
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    """Marking one submission: the work, the rubric, the feedback; the name hidden while blind."""
    submission, teacher = _submission(request, pk)
    if not teacher:
        raise Http404(_("No such work of yours."))
    assignment = submission.assignment
    grade = Grade.objects.filter(submission=submission).first()
    criteria = list(assignment.criteria.all())
    form = GradeForm(request.POST or None, request.FILES or None,
                     initial={"points": grade.points if grade else "", "feedback": grade.feedback if grade else "",
                              "ready": grade is not None and grade.state != Grade.State.MARKING})
    if request.method == "POST" and form.is_valid():
        scores = {str(c.pk): request.POST.get(f"criterion-{c.pk}", "") for c in criteria}
        try:
            assignments.grade_save(actor=signed_in_user(request), submission=submission, points=form.cleaned_data["points"], scores=scores,
                                   feedback=form.cleaned_data["feedback"], feedback_upload=form.cleaned_data["feedback_file"],
                                   ready=form.cleaned_data["ready"], reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The marking is saved."))
            return redirect(assignment)
    hidden = assignment.blind and not (grade and grade.state == Grade.State.RELEASED)
    who = queries.participant_label(submission.participant) if hidden else (str(submission.group) if submission.group_id else submission.enrollment.person.full_name)
    in_journal = []
    if grade is not None and grade.state == Grade.State.RELEASED:
        members = list(Enrollment.objects.filter(group_id=submission.group_id).values_list("pk", flat=True)) if submission.group_id else [submission.enrollment_id]
        in_journal = journal_queries.activity_marks(assignment.journal_key, members)
    given = grade.scores if grade else {}
    lines = [(c, request.POST.get(f"criterion-{c.pk}", given.get(str(c.pk), ""))) for c in criteria]
    return render(request, "distance/mark.html", {"submission": submission, "assignment": assignment, "grade": grade, "lines": lines, "who": who,
                                                  "form": form, "in_journal": in_journal, "similarity": honesty.latest_check(f"distance.submission:{submission.pk}")})


@role_required(*READERS)
@require_GET
def submission_file(request: HttpRequest, pk: int) -> FileResponse:
    stored = get_object_or_404(SubmissionFile, pk=pk)
    _submission(request, stored.submission_id)
    return FileResponse(stored.file.open("rb"), content_type=stored.media_type, as_attachment=True, filename=stored.name)


@role_required(*READERS)
@require_GET
def feedback_file(request: HttpRequest, pk: int) -> FileResponse:
    submission, teacher = _submission(request, pk)
    grade = Grade.objects.filter(submission=submission).first()
    if grade is None or not grade.feedback_file or (not teacher and grade.state != Grade.State.RELEASED):
        raise Http404(_("No feedback file."))
    return FileResponse(grade.feedback_file.open("rb"), as_attachment=True, filename=grade.feedback_file_name)
