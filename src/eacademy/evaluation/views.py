from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core.access import public, role_required, signed_in, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import services, surveys
from eacademy.evaluation.forms import FollowUpForm, SendForm
from eacademy.evaluation.models import Survey
from eacademy.people.queries import agency_id_of


@public
def follow_up(request: HttpRequest, token: str) -> HttpResponse:
    """The direct head's page: no account, the link is the key, and it works once."""
    try:
        record = services.follow_up_for(token)
    except DomainError as exc:
        return render(request, "evaluation/follow_up_closed.html", {"reason": exc.messages[0]}, status=404)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer(token=token, **form.cleaned_data)
        except DomainError as exc:
            return render(request, "evaluation/follow_up_closed.html", {"reason": exc.messages[0]}, status=409)
        return render(request, "evaluation/follow_up_closed.html", {"reason": _("Thank you: your evaluation is received.")})
    return render(request, "evaluation/follow_up.html", {"record": record, "form": form})


@role_required(*services.SENDERS)
def follow_up_list(request: HttpRequest) -> HttpResponse:
    """Completed listeners with the state of their follow-up; a coordinator sees his agency's."""
    user = signed_in_user(request)
    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED).select_related("person", "offering__version__programme", "follow_up")
    if not user.has_role(Role.ADMINISTRATOR, Role.METHODOLOGIST):
        completed = completed.filter(person__agency_id=agency_id_of(user) or 0)  # no agency: nobody
    form = SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enrollment = get_object_or_404(completed, pk=form.cleaned_data["enrollment"])
        try:
            services.follow_up_send(actor=user, enrollment=enrollment, head_name=form.cleaned_data["head_name"], head_email=form.cleaned_data["head_email"])
        except DomainError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("The link is sent to the direct head."))
        return redirect(request.path)
    if request.method == "POST":
        messages.error(request, _("Give the direct head's name and a valid e-mail."))
    rows = completed.order_by("-offering__ends_on", "person__last_name")[:300]
    return render(request, "evaluation/follow_up_list.html", {"rows": rows, "now": timezone.now()})


RESULT_READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)


@signed_in
def my_surveys(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluation/my_surveys.html", {"surveys": surveys.open_for(signed_in_user(request))})


@signed_in
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a survey one is invited to; the answers are stored without the person."""
    user = signed_in_user(request)
    found = get_object_or_404(Survey.objects.filter(invitations__person__user=user).distinct(), pk=pk)
    questions = list(found.questions.all())
    if request.method == "POST":
        answers = {q.pk: request.POST.get(f"q{q.pk}", "") for q in questions}
        try:
            surveys.survey_answer(user=user, survey=found, answers=answers)
        except DomainError as exc:
            for error in exc.messages:
                messages.error(request, error)
            return redirect(request.path)
        messages.success(request, _("Thank you: your answers are saved anonymously."))
        return redirect("evaluation:my_surveys")
    return render(request, "evaluation/survey.html", {"survey": found, "questions": questions})


@role_required(*RESULT_READERS)
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "evaluation/survey_results.html", {"results": surveys.results(get_object_or_404(Survey, pk=pk))})
