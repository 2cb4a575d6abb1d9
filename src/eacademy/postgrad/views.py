from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from eacademy.catalog.models import Component
from eacademy.core.access import role_required, signed_in_user
from eacademy.core.documents import dated_filename, pdf_response
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.pages import act_and_return
from eacademy.core.roles import Role
from eacademy.journal import queries as journal_queries
from eacademy.postgrad import queries, services
from eacademy.postgrad.forms import ChooseForm, DropForm, MarkForm, ReturnForm, SupervisorForm
from eacademy.postgrad.models import AdmissionRound, Dissertation, Mark, Milestone, Plan, PlanLine, Student, Teaching
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
        "credits": sum(line.discipline.credits or 0 for line in lines), "norm": queries.norm(student), "record": queries.student_record(student),
        "choose": ChooseForm(teachings=_choices(student, user)) if may["edit"] else None, "may": may, "dissertation": dissertation,
        "in_service": journal_queries.transcript(student.person), "supervisor_form": SupervisorForm() if may["registrar"] else None,
        "return_form": ReturnForm() if may["return"] else None, "languages": LANGUAGES,
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
        context = {"student": student, "record": record, "norm": queries.norm(student), "language": language, "today": timezone.localdate(),
                   "dissertation": getattr(student, "dissertation", None), "programme_credits": queries.plan_credits(student)}
        return pdf_response(template, context, dated_filename(name, f"student-{student.pk}", language, extension="pdf"))


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
    return render(request, "postgrad/teachings.html", {"teachings": rows})


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


@role_required(*REGISTRARS, *ORDER_SIGNERS)
@require_GET
def admission_round(request: HttpRequest, pk: int) -> HttpResponse:
    admission = get_object_or_404(AdmissionRound.objects.select_related("version__programme", "year", "order"), pk=pk)
    user = signed_in_user(request)
    return render(request, "postgrad/round.html", {"round": admission, "ranked": queries.ranked(admission), "exams": list(admission.exams.all()),
                                                   "is_registrar": user.has_role(*REGISTRARS), "is_signer": user.has_role(*ORDER_SIGNERS)})


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

