from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from eacademy.catalog import queries as catalog_queries
from eacademy.catalog.models import Component
from eacademy.core.access import role_required, signed_in_user
from eacademy.core.documents import dated_filename, pdf_file_response, pdf_response
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.core.roles import Role
from eacademy.journal import queries as journal_queries
from eacademy.people.models import Person
from eacademy.postgrad import queries, services
from eacademy.postgrad.forms import (
    ActForm,
    ApplicantForm,
    ChooseForm,
    CorrectForm,
    DissertationForm,
    DropForm,
    EntranceMarkForm,
    MarkForm,
    MilestoneDoneForm,
    MilestoneForm,
    PeriodForm,
    PublicationForm,
    ReturnForm,
    RoundForm,
    SupervisorForm,
    TeachingForm,
    YearForm,
)
from eacademy.postgrad.models import (
    AcademicYear,
    AdmissionRound,
    Dissertation,
    Mark,
    Milestone,
    Period,
    Plan,
    PlanLine,
    Student,
    Teaching,
)
from eacademy.postgrad.rules import MARKERS, ORDER_SIGNERS, READERS, REGISTRARS

LANGUAGES = ("kk", "ru", "en")


def _student(request: HttpRequest, pk: int) -> Student:
    return get_object_or_404(queries.students_visible_to(signed_in_user(request)).select_related("plan", "version__programme__department"), pk=pk)


@role_required(*READERS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.has_role(Role.STUDENT) and not user.has_role(*REGISTRARS, Role.LECTURER, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP):
        return redirect("postgrad:my")
    students = queries.students_visible_to(user).select_related("plan")[:500]
    rounds = AdmissionRound.objects.select_related("version__programme", "year", "order").order_by("-year__starts_on")[:20] if user.is_academy_wide else []
    return render(request, "postgrad/index.html", {"students": students, "rounds": rounds, "is_registrar": user.has_role(*REGISTRARS)})


@role_required(Role.STUDENT)
@require_GET
def my_studies(request: HttpRequest) -> HttpResponse:
    student = Student.objects.filter(person__user=signed_in_user(request)).order_by("-admitted_in__starts_on").first()
    if student is None:
        raise Http404(_("You are not a master's or doctoral student."))
    return redirect(student.get_absolute_url())


def _choices(student: Student, user: User) -> QuerySet[Teaching]:
    """What the student may still put in his plan: electives of his programme in the semesters of
    his study whose registration has not closed (the registrar: any of them)."""
    periods = queries.programme_periods(student)
    teachings = Teaching.objects.filter(discipline__module__version_id=student.version_id, discipline__component=Component.ELECTIVE, period__in=periods).exclude(
        discipline_id__in=student.plan.lines.values("discipline_id")).select_related("discipline", "period__year").order_by("period__starts_on", "discipline__position")
    if not user.has_role(*REGISTRARS):
        teachings = teachings.filter(period__registration_closes__gte=timezone.localdate())
    return teachings


def _may(user: User, student: Student) -> dict[str, bool]:
    plan, own = student.plan, student.person.user_id == user.pk
    supervisor = bool(student.supervisor and student.supervisor.person.user_id == user.pk)
    head = queries.heads_department(user, student)
    registrar = user.has_role(*REGISTRARS)
    return {
        "edit": plan.status == Plan.Status.DRAFT and (own or registrar),
        "approve": (plan.status == Plan.Status.SUBMITTED and supervisor) or (plan.status == Plan.Status.SUPERVISOR_APPROVED and head),
        "return": (plan.status == Plan.Status.SUBMITTED and (supervisor or registrar)) or (plan.status == Plan.Status.SUPERVISOR_APPROVED and (head or registrar)),
        "registrar": registrar,
    }


@role_required(*READERS)
@require_GET
def student(request: HttpRequest, pk: int) -> HttpResponse:
    """A student's page: his individual plan by period, the record with GPA and standing, the
    dissertation, and the transcript of his in-service courses beside it."""
    user = signed_in_user(request)
    student = _student(request, pk)
    lines = list(student.plan.lines.select_related("teaching__period__year", "teaching__lecturer", "discipline__module").order_by(
        "teaching__period__starts_on", "discipline__module__position", "discipline__position"))
    periods: dict[object, list[PlanLine]] = {}
    for line in lines:
        periods.setdefault(line.teaching.period, []).append(line)
    may = _may(user, student)
    dissertation = Dissertation.objects.filter(student=student).prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_on")), "publications", "acts").first()
    context = {
        "student": student, "plan": student.plan, "periods": [(p, ls, sum(line.discipline.credits or 0 for line in ls)) for p, ls in periods.items()],
        "credits": sum(line.discipline.credits or 0 for line in lines), "norm": catalog_queries.credit_norm(student.version), "record": queries.student_record(student),
        "choose": ChooseForm(teachings=_choices(student, user)) if may["edit"] else None, "may": may, "dissertation": dissertation,
        "in_service": journal_queries.transcript(student.person), "supervisor_form": SupervisorForm() if may["registrar"] else None,
        "return_form": ReturnForm() if may["return"] else None, "languages": LANGUAGES,
        "registrar_forms": {"dissertation": DissertationForm(initial=model_to_dict(dissertation) if dissertation else None), "milestone": MilestoneForm(),
                            "publication": PublicationForm(), "act": ActForm()} if may["registrar"] else None,
    }
    return render(request, "postgrad/student.html", context)


def _plan_act(request: HttpRequest, pk: int, act: Callable[[User, Student], object], success: str) -> HttpResponse:
    student = _student(request, pk)
    return act_and_return(request, lambda: act(signed_in_user(request), student), success, student.get_absolute_url())


@role_required(*READERS)
@require_POST
def plan_choose(request: HttpRequest, pk: int) -> HttpResponse:
    student = _student(request, pk)
    form = ChooseForm(request.POST, teachings=_choices(student, signed_in_user(request)))
    if not form.is_valid():
        return act_and_return(request, lambda: _refuse(_("Choose a discipline from the list.")), "", student.get_absolute_url())
    return act_and_return(request, lambda: services.plan_choose(actor=signed_in_user(request), student=student, teaching=form.cleaned_data["teaching"]),
                          _("The discipline is in the plan."), student.get_absolute_url())


def _refuse(message: str) -> None:
    raise DomainError(message)


@role_required(*READERS)
@require_POST
def plan_drop(request: HttpRequest, pk: int) -> HttpResponse:
    student = _student(request, pk)
    form = DropForm(request.POST, lines=student.plan.lines.select_related("discipline", "teaching__period"))
    if not form.is_valid():
        return act_and_return(request, lambda: _refuse(_("Choose a discipline from the list.")), "", student.get_absolute_url())
    return act_and_return(request, lambda: services.plan_drop(actor=signed_in_user(request), student=student, line=form.cleaned_data["line"]),
                          _("The discipline is taken out of the plan."), student.get_absolute_url())


@role_required(*READERS)
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_act(request, pk, lambda user, student: services.plan_submit(actor=user, student=student), _("The plan is submitted to the supervisor."))


@role_required(*READERS)
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_act(request, pk, lambda user, student: services.plan_approve(actor=user, student=student), _("The plan is approved."))


@role_required(*READERS)
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _plan_act(request, pk, lambda user, student: services.plan_return(actor=user, student=student, reason=reason), _("The plan is returned to the student."))


@role_required(*REGISTRARS)
@require_POST
def supervisor_assign(request: HttpRequest, pk: int) -> HttpResponse:
    form = SupervisorForm(request.POST)
    if not form.is_valid():
        return _plan_act(request, pk, lambda user, student: _refuse(_("Choose the supervisor from the list.")), "")
    return _plan_act(request, pk, lambda user, student: services.supervisor_assign(actor=user, student=student, supervisor=form.cleaned_data["supervisor"],
                                                                                 co_supervisor=form.cleaned_data["co_supervisor"]), _("The supervisor is assigned."))


def _document(request: HttpRequest, pk: int, template: str, name: str) -> HttpResponse:
    student = _student(request, pk)
    language = request.GET.get("language", translation.get_language() or "ru")[:2]
    if language not in LANGUAGES:
        raise Http404(_("Unknown language."))
    with translation.override(language):
        record = queries.student_record(student)
        context = {"student": student, "record": record, "norm": catalog_queries.credit_norm(student.version), "language": language, "today": timezone.localdate(),
                   "dissertation": getattr(student, "dissertation", None), "in_service": journal_queries.transcript(student.person)}
        return pdf_response(template, context, dated_filename(name, f"student-{student.pk}", language, extension="pdf"), sealed_as=name)


@role_required(*READERS)
@require_GET
def transcript_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The transcript the registrar signs: every mark by period, credits, GPA, in kk, ru or en."""
    return _document(request, pk, "postgrad/transcript.pdf.html", "transcript")


@role_required(*READERS)
@require_GET
def supplement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The Diploma Supplement in the European model's eight sections."""
    return _document(request, pk, "postgrad/supplement.pdf.html", "diploma-supplement")


@role_required(*MARKERS)
@require_GET
def teachings(request: HttpRequest) -> HttpResponse:
    rows = queries.teachings_visible_to(signed_in_user(request)).filter(period__starts_on__lte=timezone.localdate()).order_by("-period__starts_on", "discipline__name_ru")[:300]
    registrar = signed_in_user(request).has_role(*REGISTRARS)
    return render(request, "postgrad/teachings.html", {"teachings": rows, "teaching_form": TeachingForm() if registrar else None})


def _next_attempt(teaching: Teaching, last: Mark | None) -> str:
    """Which attempt the lecturer records next for a student, "" when none is due."""
    if last is None:
        return Mark.Attempt.EXAM
    if last.teaching_id == teaching.pk:
        return Mark.Attempt.RETAKE if last.attempt == Mark.Attempt.EXAM and last.band.retake_allowed else ""
    return Mark.Attempt.REPEAT if not last.band.passed and last.teaching.period.starts_on < teaching.period.starts_on else ""


@role_required(*MARKERS)
def teaching(request: HttpRequest, pk: int) -> HttpResponse:
    """The lecturer's sheet of a discipline in a period: each student's mark, and the next attempt due."""
    teaching = get_object_or_404(queries.teachings_visible_to(signed_in_user(request)), pk=pk)
    if request.method == "POST":
        form = MarkForm(request.POST)
        if not form.is_valid():
            return act_and_return(request, lambda: _refuse(_("Points are whole numbers from 0 to 100.")), "", request.path)
        chosen = get_object_or_404(Student, pk=form.cleaned_data["student"])
        return act_and_return(request, lambda: services.mark_enter(actor=signed_in_user(request), student=chosen, teaching=teaching,
                                                                   points=form.cleaned_data["points"], attempt=form.cleaned_data["attempt"]),
                              _("The mark is saved."), request.path)
    students = queries.roster(teaching)
    last = queries.latest_marks([s.pk for s in students], teaching.discipline_id)
    marks = {m.student_id: m for m in Mark.objects.filter(teaching=teaching).select_related("band").order_by("entered_at")}
    rows = [(s, marks.get(s.pk), last.get(s.pk), _next_attempt(teaching, last.get(s.pk))) for s in students]
    return render(request, "postgrad/teaching.html", {"teaching": teaching, "rows": rows})


@role_required(*MARKERS)
@require_POST
def mark_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the latest attempt's points on the sheet, with the reason kept in the mark's history."""
    teaching = get_object_or_404(queries.teachings_visible_to(signed_in_user(request)), pk=pk)
    back = reverse("postgrad:teaching", args=[pk])
    return _post(request, CorrectForm(request.POST), lambda d: services.mark_correct(
        actor=signed_in_user(request), mark=get_object_or_404(Mark, pk=d["mark"], teaching=teaching), points=d["points"], reason=d["reason"]),
        _("The mark is corrected."), back)


@role_required(*REGISTRARS, *ORDER_SIGNERS)
@require_GET
def admission_round(request: HttpRequest, pk: int) -> HttpResponse:
    admission = get_object_or_404(AdmissionRound.objects.select_related("version__programme", "year", "order"), pk=pk)
    user = signed_in_user(request)
    return render(request, "postgrad/round.html", {"round": admission, "ranked": queries.ranked(admission), "exams": list(admission.exams.all()),
                                                   "is_registrar": user.has_role(*REGISTRARS), "is_signer": user.has_role(*ORDER_SIGNERS),
                                                   "applicant_form": ApplicantForm(documents=admission.documents)})


@role_required(*REGISTRARS, *ORDER_SIGNERS)
@require_GET
def admission_order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The admission order as printed: the admitted applicants in the order of the ranked list."""
    admission = get_object_or_404(AdmissionRound.objects.select_related("version__programme", "year", "order__signed_by"), pk=pk)
    if admission.order is None:
        raise Http404(_("The admission order is not drafted yet."))
    filename = dated_filename("admission-order", admission.order.number or "draft", admission.order.year, extension="pdf")
    if admission.order.signed_pdf:
        return pdf_file_response(bytes(admission.order.signed_pdf), filename)
    return pdf_response("postgrad/admission_order.pdf.html", {"round": admission, "order": admission.order, "admitted": queries.admitted_in_order(admission)}, filename)


@role_required(*REGISTRARS)
@require_POST
def admission_order_draft(request: HttpRequest, pk: int) -> HttpResponse:
    admission = get_object_or_404(AdmissionRound, pk=pk)
    return act_and_return(request, lambda: services.admission_order_draft(actor=signed_in_user(request), admission=admission),
                          _("The admission order is drafted."), admission.get_absolute_url())


@role_required(*ORDER_SIGNERS)
@require_POST
def admission_order_sign(request: HttpRequest, pk: int) -> HttpResponse:
    admission = get_object_or_404(AdmissionRound, pk=pk)
    return act_and_return(request, lambda: services.admission_order_sign(actor=signed_in_user(request), admission=admission),
                          _("The admission order is signed."), admission.get_absolute_url())



# --- The registrar's pages: calendar, teachings, admission rounds, dissertations ---------------------


def _form_refusal(form: forms.Form) -> None:
    raise DomainError([f"{form.fields[name].label}: {error}" if name in form.fields else str(error) for name, errors in form.errors.items() for error in errors])


def _post(request: HttpRequest, form: forms.Form, act: Callable[[dict[str, Any]], object], success: str, back: str) -> HttpResponse:
    """A registrar's form: a garbled one or the service's refusal shows its message, and nothing changes."""
    if not form.is_valid():
        return act_and_return(request, lambda: _form_refusal(form), "", back)
    return act_and_return(request, lambda: act(form.cleaned_data), success, back)


@role_required(*REGISTRARS)
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    years = AcademicYear.objects.prefetch_related(Prefetch("periods", queryset=Period.objects.order_by("starts_on")))
    return render(request, "postgrad/calendar.html", {"years": years, "year_form": YearForm(), "period_form": PeriodForm()})


@role_required(*REGISTRARS)
@require_POST
def year_open(request: HttpRequest) -> HttpResponse:
    return _post(request, YearForm(request.POST), lambda d: services.year_open(actor=signed_in_user(request), **d), _("The academic year is opened."),
                 reverse("postgrad:calendar"))


@role_required(*REGISTRARS)
@require_POST
def period_open(request: HttpRequest) -> HttpResponse:
    def act(d: dict[str, Any]) -> object:
        return services.period_open(actor=signed_in_user(request), year=d["year"], kind=d["kind"], starts_on=d["starts_on"], ends_on=d["ends_on"],
                                    registration=(d["registration_opens"], d["registration_closes"]))
    return _post(request, PeriodForm(request.POST), act, _("The academic period is opened."), reverse("postgrad:calendar"))


@role_required(*REGISTRARS)
@require_POST
def teaching_add(request: HttpRequest) -> HttpResponse:
    return _post(request, TeachingForm(request.POST), lambda d: services.teaching_set(actor=signed_in_user(request), discipline_id=d["discipline"].pk, period=d["period"],
                                                                                      lecturer=d["lecturer"]),
                 _("The lecturer of the discipline is set."), reverse("postgrad:teachings"))


@role_required(*REGISTRARS)
def round_new(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            admission = services.round_open(actor=signed_in_user(request), **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The admission round is opened."))
            return redirect(admission.get_absolute_url())
    return render(request, "postgrad/round_form.html", {"form": form}, status=422 if form.errors else 200)


@role_required(*REGISTRARS)
@require_POST
def applicant_add(request: HttpRequest, pk: int) -> HttpResponse:
    admission = get_object_or_404(AdmissionRound, pk=pk)

    def act(d: dict[str, Any]) -> object:
        person = Person.objects.filter(iin=d["iin"]).first()
        if person is None:
            raise DomainError(_("No person with this IIN: add him to the people first."))
        return services.applicant_register(actor=signed_in_user(request), admission=admission, person=person, documents=d["documents"])
    return _post(request, ApplicantForm(request.POST, documents=admission.documents), act, _("The applicant is registered."), admission.get_absolute_url())


@role_required(*REGISTRARS)
@require_POST
def entrance_mark(request: HttpRequest, pk: int) -> HttpResponse:
    admission = get_object_or_404(AdmissionRound, pk=pk)

    def act(d: dict[str, Any]) -> object:
        applicant = get_object_or_404(admission.applicants, pk=d["applicant"])
        return services.entrance_mark_set(actor=signed_in_user(request), applicant=applicant, exam=get_object_or_404(admission.exams, pk=d["exam"]), points=d["points"])
    return _post(request, EntranceMarkForm(request.POST), act, _("The mark is saved."), admission.get_absolute_url())


def _student_post(request: HttpRequest, pk: int, form: forms.Form, act: Callable[[Student, dict[str, Any]], object], success: str) -> HttpResponse:
    student = _student(request, pk)
    return _post(request, form, lambda d: act(student, d), success, student.get_absolute_url())


def _dissertation(student: Student) -> Dissertation:
    dissertation = Dissertation.objects.filter(student=student).first()
    if dissertation is None:
        raise DomainError(_("Record the dissertation's topic first."))
    return dissertation


@role_required(*REGISTRARS)
@require_POST
def dissertation_set(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_post(request, pk, DissertationForm(request.POST), lambda s, d: services.dissertation_set(
        actor=signed_in_user(request), student=s, topics=(d["topic_kk"], d["topic_ru"], d["topic_en"]), approved_on=d["approved_on"],
        council_decision=d["council_decision"]), _("The dissertation is recorded."))


@role_required(*REGISTRARS)
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_post(request, pk, MilestoneForm(request.POST), lambda s, d: services.milestone_add(
        actor=signed_in_user(request), dissertation=_dissertation(s), kind=d["kind"], due_on=d["due_on"]), _("The milestone is added."))


@role_required(*REGISTRARS)
@require_POST
def milestone_done(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_post(request, pk, MilestoneDoneForm(request.POST), lambda s, d: services.milestone_done(
        actor=signed_in_user(request), milestone=get_object_or_404(Milestone, pk=d["milestone"], dissertation__student=s), done_on=d["done_on"]),
        _("The milestone is marked done."))


@role_required(*REGISTRARS)
@require_POST
def publication_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_post(request, pk, PublicationForm(request.POST), lambda s, d: services.publication_add(
        actor=signed_in_user(request), dissertation=_dissertation(s), **d), _("The publication is listed."))


@role_required(*REGISTRARS)
@require_POST
def act_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_post(request, pk, ActForm(request.POST), lambda s, d: services.implementation_act_add(
        actor=signed_in_user(request), dissertation=_dissertation(s), **d), _("The act of implementation is recorded."))


@role_required(*REGISTRARS)
@require_POST
def graduate(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_post(request, pk, forms.Form(request.POST), lambda s, d: services.student_graduate(actor=signed_in_user(request), student=s),
                         _("The student has graduated."))
