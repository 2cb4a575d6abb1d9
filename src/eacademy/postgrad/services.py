"""Every change of postgraduate study: one function, one transaction, validated; each refusal
says why in words and changes nothing."""

import datetime
from collections.abc import Callable, Sequence
from functools import partial

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog import queries as catalog_queries
from eacademy.catalog.models import CREDIT_KINDS, Component, Discipline, ProgrammeVersion
from eacademy.core.documents import pdf_bytes_bilingual
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.grade_scales import band_for
from eacademy.core.history import delete_by, save_by
from eacademy.core.models import GradeBand, User
from eacademy.core.roles import Role
from eacademy.core.services import notification_send, require_role
from eacademy.governance import services as governance_services
from eacademy.governance.models import Order
from eacademy.people.models import Person, StaffMember
from eacademy.postgrad import queries
from eacademy.postgrad.models import (
    AcademicYear,
    AdmissionRound,
    Applicant,
    Dissertation,
    EntranceExam,
    EntranceMark,
    ImplementationAct,
    Mark,
    Milestone,
    Period,
    Plan,
    PlanLine,
    Publication,
    Student,
    Teaching,
)
from eacademy.postgrad.rules import MARKERS, REGISTRARS
from eacademy.staff import queries as staff_queries

POINT_LETTER = "point-letter"


# --- Calendar and teachings --------------------------------------------------------------------------


@transaction.atomic
def year_open(*, actor: User, starts_on: datetime.date, ends_on: datetime.date) -> AcademicYear:
    require_role(actor, REGISTRARS)
    if ends_on <= starts_on or (ends_on - starts_on).days > 400:
        raise DomainError(_("An academic year ends after it starts, within thirteen months."))
    if AcademicYear.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise DomainError(_("The dates overlap another academic year."))
    return AcademicYear.objects.create(starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def period_open(*, actor: User, year: AcademicYear, kind: str, starts_on: datetime.date, ends_on: datetime.date,
                registration: tuple[datetime.date, datetime.date]) -> Period:
    """A semester or the summer period of a year, with the window of registration before or at
    its start."""
    require_role(actor, REGISTRARS)
    if kind not in Period.Kind.values:
        raise DomainError({"kind": [_("Choose a period from the list.")]})
    if not year.starts_on <= starts_on < ends_on <= year.ends_on:
        raise DomainError(_("The period lies within its academic year and ends after it starts."))
    opens, closes = registration
    if closes < opens or closes > ends_on:
        raise DomainError(_("Registration closes after it opens and before the period ends."))
    if Period.objects.filter(year=year, kind=kind).exists():
        raise DomainError(_("This academic year already has that period."))
    if Period.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise DomainError(_("The dates overlap another academic period."))
    return Period.objects.create(year=year, kind=kind, starts_on=starts_on, ends_on=ends_on, registration_opens=opens, registration_closes=closes)


@transaction.atomic
def teaching_set(*, actor: User, discipline_id: int, period: Period, lecturer: User) -> Teaching:
    """Who gives a discipline of an approved postgraduate programme in a period (Rules §36 for
    the lecturer)."""
    require_role(actor, REGISTRARS)
    discipline = _credit_discipline(discipline_id)
    if refusal := staff_queries.refusal(lecturer):
        raise DomainError({"lecturer": [refusal]})
    teaching = Teaching.objects.filter(discipline=discipline, period=period).first() or Teaching(discipline=discipline, period=period)
    teaching.lecturer = lecturer
    return save_by(teaching, actor)


def _credit_discipline(discipline_id: int) -> Discipline:
    discipline = Discipline.objects.select_related("module__version__programme").filter(pk=discipline_id).first()
    if discipline is None or discipline.module.version.programme.kind not in CREDIT_KINDS:
        raise DomainError(_("Only a discipline of a master's or doctoral programme is taught on credit technology."))
    if discipline.module.version.status != ProgrammeVersion.Status.APPROVED:
        raise DomainError(_("Only the disciplines of an approved version are taught."))
    return discipline


# --- Admission (order No. 45 of 27.01.2023) -----------------------------------------------------------


@transaction.atomic
def round_open(*, actor: User, version: ProgrammeVersion, year: AcademicYear, places: int, documents: Sequence[str],
               exams: Sequence[tuple[str, int, int]], rules: str) -> AdmissionRound:
    """Admission to an approved programme for a year: the places, the documents to bring and the
    entrance examinations (name, pass mark, maximum), as the admission rules in force set them."""
    require_role(actor, REGISTRARS)
    if version.programme.kind not in CREDIT_KINDS or version.status != ProgrammeVersion.Status.APPROVED:
        raise DomainError(_("Admission is to an approved master's or doctoral programme."))
    if places < 1:
        raise DomainError({"places": [_("There is at least one place.")]})
    if not exams or any(not name.strip() or not 0 < pass_points <= top for name, pass_points, top in exams):
        raise DomainError({"exams": [_("Name each entrance examination with a pass mark above zero and not above its maximum.")]})
    if not rules.strip():
        raise DomainError({"rules": [_("Name the admission rules in force.")]})
    if AdmissionRound.objects.filter(version=version, year=year).exists():
        raise DomainError(_("The programme already has an admission round this year."))
    admission = save_by(AdmissionRound(version=version, year=year, places=places, documents=[d.strip() for d in documents if d.strip()], rules=rules.strip()), actor)
    EntranceExam.objects.bulk_create([EntranceExam(round=admission, name=n.strip(), pass_points=p, max_points=m, position=i) for i, (n, p, m) in enumerate(exams)])
    return admission


def _open_round(admission: AdmissionRound) -> AdmissionRound:
    admission = AdmissionRound.objects.select_for_update().get(pk=admission.pk)
    if admission.order_id:
        raise DomainError(_("The admission order is drafted: the round is closed."))
    return admission


@transaction.atomic
def applicant_register(*, actor: User, admission: AdmissionRound, person: Person, documents: Sequence[str]) -> Applicant:
    require_role(actor, REGISTRARS)
    admission = _open_round(admission)
    unknown = set(documents) - set(admission.documents)
    if unknown:
        raise DomainError({"documents": [_("Not among the documents of this round: %(list)s.") % {"list": ", ".join(sorted(unknown))}]})
    if Applicant.objects.filter(round=admission, person=person).exists():
        raise DomainError(_("%(name)s has already applied in this round.") % {"name": person.full_name})
    return save_by(Applicant(round=admission, person=person, documents=list(documents)), actor)


@transaction.atomic
def entrance_mark_set(*, actor: User, applicant: Applicant, exam: EntranceExam, points: int) -> EntranceMark:
    require_role(actor, REGISTRARS)
    _open_round(applicant.round)
    if exam.round_id != applicant.round_id:
        raise DomainError(_("The examination belongs to another admission round."))
    if not 0 <= points <= exam.max_points:
        raise DomainError({"points": [_("Points are from 0 to %(max)s.") % {"max": exam.max_points}]})
    mark = EntranceMark.objects.filter(applicant=applicant, exam=exam).first() or EntranceMark(applicant=applicant, exam=exam)
    mark.points = points
    return save_by(mark, actor)


@transaction.atomic
def admission_order_draft(*, actor: User, admission: AdmissionRound) -> Order:
    """Draft the admission order from the ranked list: the eligible applicants with the highest
    totals, as many as there are places; the others are not admitted."""
    require_role(actor, REGISTRARS)
    admission = _open_round(admission)
    ranked = queries.ranked(admission)
    admitted = [r.applicant for r in ranked if r.eligible][: admission.places]
    if not admitted:
        raise DomainError(_("No applicant has every document and every examination passed."))
    order = governance_services.order_open(actor=actor, kind=Order.Kind.ADMISSION)
    for r in ranked:
        r.applicant.status = Applicant.Status.ADMITTED if r.applicant in admitted else Applicant.Status.NOT_ADMITTED
        save_by(r.applicant, actor, update_fields=["status"])
    admission.order = order
    save_by(admission, actor, update_fields=["order"])
    return order


@transaction.atomic
def admission_order_sign(*, actor: User, admission: AdmissionRound) -> list[Student]:
    """Sign the admission order (governance numbers it and signs its PDF); the admitted become students
    with an individual plan holding the programme's compulsory disciplines."""
    admission = AdmissionRound.objects.select_for_update(of=("self",)).select_related("order", "version").get(pk=admission.pk)
    if admission.order is None:
        raise DomainError(_("Draft the admission order first."))
    admitted = list(admission.applicants.filter(status=Applicant.Status.ADMITTED).select_related("person__user"))
    printed = queries.admitted_in_order(admission)
    order = governance_services.order_sign(
        actor=actor, order=admission.order, named=len(admitted),
        render=lambda signed: pdf_bytes_bilingual("postgrad/admission_order.pdf.html", {"round": admission, "order": signed, "admitted": printed}),
    )
    students = []
    role = Group.objects.get(name=Role.STUDENT)
    for applicant in admitted:
        student = save_by(Student(person=applicant.person, version=admission.version, admitted_in=admission.year, order=order), actor)
        save_by(Plan(student=student), actor)
        _plan_compulsory(actor, student)
        if applicant.person.user:
            applicant.person.user.groups.add(role)
        students.append(student)
    return students


# --- Supervision ------------------------------------------------------------------------------------


@transaction.atomic
def supervisor_assign(*, actor: User, student: Student, supervisor: StaffMember, co_supervisor: str = "") -> Student:
    """Only the posts that Rules §36 name (Rector to lecturer) supervise dissertations; a
    co-supervisor abroad is named in words."""
    require_role(actor, REGISTRARS)
    supervisor = StaffMember.objects.select_related("position", "person").get(pk=supervisor.pk)
    if supervisor.is_invited or not supervisor.position.may_lecture:
        raise DomainError({"supervisor": [_("%(name)s holds the post of %(position)s, which is not among the posts that supervise dissertations "
                                            "(Rules §36: Rector, vice-rector, director of the institute and his deputy, head of department, "
                                            "professor, associate professor, senior lecturer, lecturer).") % {"name": supervisor.person.full_name, "position": supervisor.position}]})
    student.supervisor, student.co_supervisor = supervisor, co_supervisor.strip()
    return save_by(student, actor, update_fields=["supervisor", "co_supervisor"])


@transaction.atomic
def dissertation_set(*, actor: User, student: Student, topics: tuple[str, str, str], approved_on: datetime.date | None = None,
                     council_decision: str = "") -> Dissertation:
    """The topic in three languages; approved by the Academic Council's decision (named)."""
    require_role(actor, REGISTRARS)
    if not topics[1].strip():
        raise DomainError({"topic_ru": [_("This field is required.")]})
    if approved_on and not council_decision.strip():
        raise DomainError({"council_decision": [_("Name the decision of the Academic Council that approved the topic.")]})
    dissertation = Dissertation.objects.filter(student=student).first() or Dissertation(student=student)
    dissertation.topic_kk, dissertation.topic_ru, dissertation.topic_en = (t.strip() for t in topics)
    dissertation.approved_on, dissertation.council_decision = approved_on, council_decision.strip()
    return save_by(dissertation, actor)


@transaction.atomic
def milestone_add(*, actor: User, dissertation: Dissertation, kind: str, due_on: datetime.date) -> Milestone:
    require_role(actor, REGISTRARS)
    if kind not in Milestone.Kind.values:
        raise DomainError({"kind": [_("Choose a milestone from the list.")]})
    return save_by(Milestone(dissertation=dissertation, kind=kind, due_on=due_on), actor)


@transaction.atomic
def milestone_done(*, actor: User, milestone: Milestone, done_on: datetime.date) -> Milestone:
    require_role(actor, REGISTRARS)
    if done_on > timezone.localdate():
        raise DomainError({"done_on": [_("A milestone is marked done on a day that has come.")]})
    milestone.done_on = done_on
    return save_by(milestone, actor, update_fields=["done_on"])


@transaction.atomic
def publication_add(*, actor: User, dissertation: Dissertation, title: str, venue: str, year: int) -> Publication:
    require_role(actor, REGISTRARS)
    if not title.strip() or not venue.strip() or not 1990 <= year <= timezone.localdate().year + 1:
        raise DomainError(_("A publication has a title, a journal or proceedings and a year."))
    return Publication.objects.create(dissertation=dissertation, title=title.strip(), venue=venue.strip(), year=year)


@transaction.atomic
def implementation_act_add(*, actor: User, dissertation: Dissertation, organisation: str, dated: datetime.date) -> ImplementationAct:
    require_role(actor, REGISTRARS)
    if not organisation.strip() or dated > timezone.localdate():
        raise DomainError(_("An act of implementation names the organisation and a date that has come."))
    return save_by(ImplementationAct(dissertation=dissertation, organisation=organisation.strip(), dated=dated), actor)


def _reminder(kind: str, due_on: datetime.date, name: str) -> str:
    return _("%(milestone)s of %(name)s is due on %(date)s.") % {"milestone": Milestone.Kind(kind).label, "name": name, "date": due_on.strftime("%d.%m.%Y")}


@transaction.atomic
def milestone_reminders_send(*, on: datetime.date, days: int = 14) -> int:
    """Remind the student and his supervisor of a milestone due within `days`; at most weekly."""
    milestones = list(queries.due_milestones(on, days))
    for milestone in milestones:
        student = milestone.dissertation.student
        message = partial(_reminder, milestone.kind, milestone.due_on, student.person.full_name)
        notification_send(user=student.person.user, message=message, url=student.get_absolute_url())
        if student.supervisor:
            notification_send(user=student.supervisor.person.user, message=message, url=student.get_absolute_url())
        milestone.reminded_on = on
        save_by(milestone, None, update_fields=["reminded_on"])
    return len(milestones)


# --- The individual plan ------------------------------------------------------------------------------


def _plan_compulsory(actor: User, student: Student) -> None:
    """Put in the plan each compulsory discipline in the semester the curriculum names, where it is taught."""
    periods = queries.programme_periods(student)
    chosen = set(student.plan.lines.values_list("discipline_id", flat=True))
    for discipline in queries.curriculum(student):
        if discipline.component != Component.COMPULSORY or discipline.pk in chosen or not discipline.period or discipline.period > len(periods):
            continue
        teaching = Teaching.objects.filter(discipline=discipline, period=periods[discipline.period - 1]).first()
        if teaching:
            save_by(PlanLine(plan=student.plan, teaching=teaching, discipline=discipline), actor)


def _is_student(actor: User, student: Student) -> bool:
    return student.person.user_id == actor.pk


def _editable_plan(actor: User, student: Student, period: Period | None) -> Plan:
    if not (_is_student(actor, student) or actor.has_role(*REGISTRARS)):
        raise NotAllowed(_("Only the student himself or the registrar changes his plan."))
    plan = Plan.objects.select_for_update().get(student=student)
    if plan.status != Plan.Status.DRAFT:
        raise DomainError(_("The plan is with the approvers: it changes only after they return it."))
    # A student plans later periods at any time; a period's choice closes with its registration.
    if period and not actor.has_role(*REGISTRARS) and timezone.localdate() > period.registration_closes:
        raise DomainError(_("Registration for %(period)s closed on %(date)s.") % {"period": period, "date": period.registration_closes.strftime("%d.%m.%Y")})
    return plan


@transaction.atomic
def plan_choose(*, actor: User, student: Student, teaching: Teaching) -> PlanLine:
    """Add an elective (or a compulsory discipline not yet in the plan) in the period it is taught.
    Each discipline is studied during one academic period (Rules §39)."""
    plan = _editable_plan(actor, student, teaching.period)
    discipline = teaching.discipline
    if discipline.module.version_id != student.version_id:
        raise DomainError(_("“%(discipline)s” is not a discipline of the student's programme.") % {"discipline": discipline})
    placed = plan.lines.select_related("teaching__period__year").filter(discipline=discipline).first()
    if placed:
        raise DomainError(_("“%(discipline)s” is already in the plan in %(period)s: each discipline is studied during one academic period (Rules §39).")
                          % {"discipline": discipline, "period": placed.teaching.period})
    return save_by(PlanLine(plan=plan, teaching=teaching, discipline=discipline), actor)


@transaction.atomic
def plan_drop(*, actor: User, student: Student, line: PlanLine) -> None:
    plan = _editable_plan(actor, student, line.teaching.period)
    if line.plan_id != plan.pk:
        raise DomainError(_("The line belongs to another plan."))
    if line.discipline.component == Component.COMPULSORY:
        raise DomainError(_("A compulsory discipline stays in the plan."))
    delete_by(line, actor)


def _plan_errors(student: Student) -> list[str]:
    """Why the plan does not cover the programme: compulsory disciplines left out, or fewer credits
    than the norm for the programme's kind and length."""
    errors = []
    missing = queries.missing_compulsory(student)
    if missing:
        errors.append(_("Compulsory disciplines missing from the plan: %(list)s.") % {"list": ", ".join(str(d) for d in missing)})
    norm = catalog_queries.credit_norm(student.version)
    credits = queries.plan_credits(student)
    if norm is None:
        errors.append(_("No norm of credits is recorded for the programme's kind and length."))
    elif credits < norm.min_credits:
        errors.append(_("The plan carries %(credits)s credits; the programme requires at least %(norm)s.") % {"credits": credits, "norm": norm.min_credits})
    return errors


def _submitted(name: str) -> str:
    return _("%(name)s submitted the individual plan.") % {"name": name}


def _plan_now(status: str) -> str:
    return _("Your individual plan: %(status)s.") % {"status": Plan.Status(status).label}


def _returned(reason: str) -> str:
    return _("Your individual plan is returned: %(reason)s") % {"reason": reason}


def _tell_plan(user: User | None, student: Student, message: Callable[[], str]) -> None:
    notification_send(user=user, message=message, url=student.get_absolute_url())


@transaction.atomic
def plan_submit(*, actor: User, student: Student) -> Plan:
    plan = _editable_plan(actor, student, None)
    if errors := _plan_errors(student):
        raise DomainError(errors)
    plan.status, plan.returned_because = Plan.Status.SUBMITTED, ""
    save_by(plan, actor, update_fields=["status", "returned_because"])
    if student.supervisor:
        _tell_plan(student.supervisor.person.user, student, partial(_submitted, student.person.full_name))
    return plan


@transaction.atomic
def plan_approve(*, actor: User, student: Student) -> Plan:
    """The supervisor approves a submitted plan, then the head of the programme's department."""
    plan = Plan.objects.select_for_update().get(student=student)
    if plan.status == Plan.Status.SUBMITTED:
        if student.supervisor is None or student.supervisor.person.user_id != actor.pk:
            raise NotAllowed(_("The student's supervisor approves the plan first."))
        plan.status = Plan.Status.SUPERVISOR_APPROVED
    elif plan.status == Plan.Status.SUPERVISOR_APPROVED:
        if not queries.heads_department(actor, student):
            raise NotAllowed(_("The head of the programme's department approves the plan after the supervisor."))
        plan.status = Plan.Status.APPROVED
    else:
        raise DomainError(_("Only a submitted plan is approved."))
    if errors := _plan_errors(student):
        raise DomainError(errors)
    save_by(plan, actor, update_fields=["status"])
    _tell_plan(student.person.user, student, partial(_plan_now, plan.status))
    return plan


@transaction.atomic
def plan_return(*, actor: User, student: Student, reason: str) -> Plan:
    plan = Plan.objects.select_for_update().get(student=student)
    may = (plan.status == Plan.Status.SUBMITTED and student.supervisor and student.supervisor.person.user_id == actor.pk) or (
        plan.status == Plan.Status.SUPERVISOR_APPROVED and queries.heads_department(actor, student)) or actor.has_role(*REGISTRARS)
    if not may or plan.status == Plan.Status.DRAFT:
        raise NotAllowed(_("Only the approver whose turn it is returns the plan."))
    if not reason.strip():
        raise DomainError({"reason": [_("Say what to change.")]})
    plan.status, plan.returned_because = Plan.Status.DRAFT, reason.strip()[:500]
    save_by(plan, actor, update_fields=["status", "returned_because"])
    _tell_plan(student.person.user, student, partial(_returned, plan.returned_because))
    return plan


# --- Marks ----------------------------------------------------------------------------------------


def _bands() -> list[GradeBand]:
    return list(GradeBand.objects.filter(scale__code=POINT_LETTER))


def _check_marker(actor: User, teaching: Teaching) -> None:
    require_role(actor, MARKERS)
    if teaching.lecturer_id != actor.pk and not actor.has_role(*REGISTRARS):
        raise NotAllowed(_("Only the discipline's lecturer or the registrar enters its marks."))


@transaction.atomic
def mark_enter(*, actor: User, student: Student, teaching: Teaching, points: int, attempt: str) -> Mark:
    """A new attempt's mark. The examination: the discipline is in the student's approved plan
    in this period. A retake: once, after an FX of the same period. A repeat: in a later period,
    after an F or a retake that did not pass."""
    _check_marker(actor, teaching)
    if not isinstance(points, int) or not 0 <= points <= 100:
        raise DomainError({"points": [_("Points are whole numbers from 0 to 100.")]})
    if teaching.period.starts_on > timezone.localdate():
        raise DomainError(_("The marks of %(period)s are entered once it has begun.") % {"period": teaching.period})
    student = Student.objects.select_for_update(of=("self",)).select_related("person").get(pk=student.pk)
    name, discipline = student.person.full_name, teaching.discipline
    previous = list(Mark.objects.filter(student=student, teaching__discipline=discipline).select_related("band", "teaching__period").order_by(
        "teaching__period__starts_on", "entered_at", "id"))
    last = previous[-1] if previous else None
    if attempt == Mark.Attempt.EXAM:
        if not PlanLine.objects.filter(plan__student=student, plan__status=Plan.Status.APPROVED, teaching=teaching).exists():
            raise DomainError(_("“%(discipline)s” in %(period)s is not in the approved plan of %(name)s.") % {"discipline": discipline, "period": teaching.period, "name": name})
        if last:
            raise DomainError(_("%(name)s already has the examination mark of “%(discipline)s”: correct it, with the reason, instead.") % {"name": name, "discipline": discipline})
    elif attempt == Mark.Attempt.RETAKE:
        if last is None or last.teaching_id != teaching.pk:
            raise DomainError(_("A retake follows an examination of the same period."))
        if last.attempt == Mark.Attempt.RETAKE:
            raise DomainError(_("%(name)s has already retaken “%(discipline)s”: an FX is retaken once, then the discipline is studied again.") % {"name": name, "discipline": discipline})
        if not last.band.retake_allowed:
            raise DomainError(_("%(name)s has %(letter)s in “%(discipline)s”: only an FX is retaken; an F means the discipline is studied again.") % {
                "name": name, "letter": last.band.letter, "discipline": discipline})
    elif attempt == Mark.Attempt.REPEAT:
        if last is None or last.band.passed:
            raise DomainError(_("Only a failed discipline is studied again."))
        if last.attempt == Mark.Attempt.EXAM and last.band.retake_allowed:
            raise DomainError(_("An FX is retaken first, in the same period."))
        if teaching.period.starts_on <= last.teaching.period.starts_on:
            raise DomainError(_("A discipline is studied again in a later period than the one it was failed in."))
    else:
        raise DomainError({"attempt": [_("Choose the attempt from the list.")]})
    band = band_for(_bands(), points)
    return save_by(Mark(student=student, teaching=teaching, attempt=attempt, points=points, band=band, entered_by=actor, entered_at=timezone.now()), actor)


@transaction.atomic
def mark_correct(*, actor: User, mark: Mark, points: int, reason: str) -> Mark:
    """Correct the latest attempt's points, with the reason kept in its history."""
    _check_marker(actor, mark.teaching)
    if not isinstance(points, int) or not 0 <= points <= 100:
        raise DomainError({"points": [_("Points are whole numbers from 0 to 100.")]})
    if not reason.strip():
        raise DomainError({"reason": [_("Say why the mark is corrected.")]})
    later = Mark.objects.filter(student_id=mark.student_id, teaching__discipline_id=mark.teaching.discipline_id, entered_at__gt=mark.entered_at)
    if later.exists():
        raise DomainError(_("A later attempt follows this mark: it can no longer change."))
    band = band_for(_bands(), points)
    mark.points, mark.band, mark.entered_by = points, band, actor
    return save_by(mark, actor, reason=reason.strip(), update_fields=["points", "band", "entered_by"])


@transaction.atomic
def student_graduate(*, actor: User, student: Student) -> Student:
    """A student graduates with every discipline passed and the programme's credits earned."""
    require_role(actor, REGISTRARS)
    record = queries.student_record(student)
    norm = catalog_queries.credit_norm(student.version)
    if record.standing.code != "good" or norm is None or record.earned < norm.min_credits:
        raise DomainError(_("%(name)s is not yet a graduate: %(earned)s credits of %(norm)s are earned, and every discipline must be passed.")
                          % {"name": student.person.full_name, "earned": record.earned, "norm": norm.min_credits if norm else "—"})
    student.status = Student.Status.GRADUATED
    return save_by(student, actor, update_fields=["status"])
