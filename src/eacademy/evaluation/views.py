from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.catalog.models import ProgrammeKind
from eacademy.core.access import public, role_required, signed_in, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import queries, services, surveys
from eacademy.evaluation.forms import AppointmentForm, DeficienciesForm, FollowUpForm, QuestionForm, SendForm, SurveyForm
from eacademy.evaluation.models import InspectionDeficiencies, ReserveAppointment, Survey, SurveyQuestion
from eacademy.evaluation.rules import ACADEMY_WIDE, LEVEL_FOUR_EDITORS, RESULT_READERS, SENDERS
from eacademy.org.models import AgencyUnit
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


@role_required(Role.DIRECT_HEAD)
def follow_up_mine(request: HttpRequest, pk: int) -> HttpResponse:
    """The same questions for a direct head signed in with the address the follow-up was sent to."""
    user = signed_in_user(request)
    record = get_object_or_404(queries.follow_ups_addressed_to(user), pk=pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer_signed_in(actor=user, follow_up=record, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you: your evaluation of %(name)s is received.") % {"name": record.enrollment.person.full_name})
            return redirect("home")
    return render(request, "evaluation/follow_up.html", {"record": record, "form": form}, status=422 if form.errors else 200)


@signed_in
def index(request: HttpRequest) -> HttpResponse:
    """/evaluation/ leads to the user's work there: the surveys he manages or reads, the heads'
    follow-ups he sends, or the surveys he is asked to answer."""
    user = signed_in_user(request)
    if user.has_role(*surveys.BUILDERS, *RESULT_READERS):
        return redirect("evaluation:survey_list")
    return redirect("evaluation:follow_up_list" if user.has_role(*SENDERS) else "evaluation:my_surveys")


@role_required(*SENDERS)
def follow_up_list(request: HttpRequest) -> HttpResponse:
    """Completed listeners with the state of their follow-up; a coordinator sees his agency's."""
    user = signed_in_user(request)
    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED).select_related("person", "offering__version__programme", "follow_up")
    if not user.has_role(*ACADEMY_WIDE):
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


@role_required(*surveys.BUILDERS, *RESULT_READERS)
def survey_list(request: HttpRequest) -> HttpResponse:
    """Every survey with how many were asked and answered (the answers themselves stay apart)."""
    rows = Survey.objects.select_related("offering__version__programme").annotate(
        invited=Count("invitations", distinct=True), answered=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
        questions_count=Count("questions", distinct=True)).order_by("-opens_at")[:300]
    return render(request, "evaluation/survey_list.html", {"rows": rows, "can_build": signed_in_user(request).has_role(*surveys.BUILDERS)})


@role_required(*surveys.BUILDERS)
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None, initial={"audience": Survey.Audience.LISTENERS, "kind": Survey.Kind.SATISFACTION})
    if request.method == "POST" and form.is_valid():
        try:
            created = surveys.survey_create(actor=signed_in_user(request), **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The survey is created: add its questions."))
            return redirect("evaluation:survey_edit", pk=created.pk)
    return render(request, "evaluation/survey_form.html", {"form": form})


@role_required(*surveys.BUILDERS)
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The builder: questions in order, a form to add one, and the button that asks the audience."""
    found = get_object_or_404(Survey.objects.select_related("offering__version__programme"), pk=pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            surveys.question_add(actor=signed_in_user(request), survey=found, kind=data["kind"], text=data["text"], choices=data["choices"].splitlines(),
                                 lecturer=data["lecturer"], required=data["required"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The question is added."))
            return redirect(request.path)
    questions = list(found.questions.select_related("lecturer"))
    context = {"survey": found, "questions": questions, "form": form, "invited": found.invitations.count(), "answered": found.responses.exists()}
    return render(request, "evaluation/survey_edit.html", context)


@role_required(*surveys.BUILDERS)
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(SurveyQuestion.objects.select_related("survey"), pk=pk)
    return act_and_return(request, lambda: surveys.question_remove(actor=signed_in_user(request), question=question), _("The question is removed."),
                          f"/evaluation/surveys/{question.survey_id}/edit/")


@role_required(*surveys.BUILDERS)
@require_POST
def survey_invite(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Survey, pk=pk)
    try:
        count = surveys.survey_invite(actor=signed_in_user(request), survey=found)
    except DomainError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("%(count)s people are asked to answer.") % {"count": count})
    return redirect("evaluation:survey_edit", pk=found.pk)


@role_required(*LEVEL_FOUR_EDITORS)
def level_four(request: HttpRequest) -> HttpResponse:
    """Level 4 results entered by the agencies: deficiencies found in inspections per unit and
    year, and appointments of the Presidential Reserve's graduates to senior posts."""
    user = signed_in_user(request)
    units = AgencyUnit.objects.select_related("agency").order_by("path")
    reserve = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, offering__version__programme__kind=ProgrammeKind.RESERVE,
                                        reserve_appointment__isnull=True).select_related("person", "offering__version__programme")
    found = InspectionDeficiencies.objects.select_related("unit__agency").order_by("-year", "unit__path")
    appointed = ReserveAppointment.objects.select_related("enrollment__person", "enrollment__offering")
    if not user.has_role(*ACADEMY_WIDE):
        agency_id = agency_id_of(user) or 0
        units, reserve = units.filter(agency_id=agency_id), reserve.filter(person__agency_id=agency_id)
        found, appointed = found.filter(unit__agency_id=agency_id), appointed.filter(enrollment__person__agency_id=agency_id)
    deficiencies_form = DeficienciesForm(request.POST if request.POST.get("form") == "deficiencies" else None, units=units)
    appointment_form = AppointmentForm(request.POST if request.POST.get("form") == "appointment" else None, enrollments=reserve)
    if request.method == "POST":
        for form, act, done in ((deficiencies_form, lambda d: services.deficiencies_set(actor=user, **d), _("The figure is saved.")),
                                (appointment_form, lambda d: services.reserve_appoint(actor=user, **d), _("The appointment is recorded."))):
            if form.is_bound and form.is_valid():
                try:
                    act(form.cleaned_data)
                except DomainError as exc:
                    form_errors_from(form, exc)
                else:
                    messages.success(request, done)
                    return redirect(request.path)
    context = {"deficiencies_form": deficiencies_form, "appointment_form": appointment_form, "found": found[:200], "appointed": appointed[:200]}
    return render(request, "evaluation/level_four.html", context)
