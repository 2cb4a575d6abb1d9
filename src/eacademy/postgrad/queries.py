"""Reads of postgraduate study shared by pages, documents and the dashboard."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from eacademy.catalog.models import Component, Discipline
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.people.models import StaffMember
from eacademy.postgrad import record
from eacademy.postgrad.models import (
    AcademicYear,
    AdmissionRound,
    Applicant,
    Dissertation,
    EntranceExam,
    ImplementationAct,
    Mark,
    Milestone,
    Period,
    Student,
    Teaching,
)
from eacademy.postgrad.rules import READERS


def students_visible_to(user: User) -> QuerySet[Student]:
    """Every student for the academy-wide roles; a student himself; a lecturer those he supervises
    or teaches; a head of department also the students of his department's programmes."""
    students = Student.objects.select_related("person", "version__programme", "admitted_in", "supervisor__person")
    if user.is_academy_wide:
        return students
    if not user.has_role(*READERS):
        return students.none()
    scope = Q(person__user=user)
    if user.has_role(Role.LECTURER, Role.HEAD_OF_DEPARTMENT):
        scope |= Q(supervisor__person__user=user) | Q(plan__lines__teaching__lecturer=user)
    if user.has_role(Role.HEAD_OF_DEPARTMENT):
        scope |= Q(version__programme__department_id__in=StaffMember.objects.filter(person__user=user).values("academy_unit_id"))
    return students.filter(pk__in=Student.objects.filter(scope).values("pk"))


def heads_department(user: User, student: Student) -> bool:
    """Whether the user heads the department of the student's programme (he approves plans after the supervisor)."""
    return user.has_role(Role.HEAD_OF_DEPARTMENT) and StaffMember.objects.filter(
        person__user=user, academy_unit_id=student.version.programme.department_id).exists()


def teachings_visible_to(user: User) -> QuerySet[Teaching]:
    teachings = Teaching.objects.select_related("discipline__module__version__programme", "period__year", "lecturer")
    if user.is_academy_wide:
        return teachings
    scope = Q(lecturer=user)
    if user.has_role(Role.HEAD_OF_DEPARTMENT):
        scope |= Q(discipline__module__version__programme__department_id__in=StaffMember.objects.filter(person__user=user).values("academy_unit_id"))
    return teachings.filter(scope)


def programme_periods(student: Student) -> list[Period]:
    """The semesters of the student's study in order from his admission: the programme's period n
    is the n-th of them (summer periods hold retakes and repeats, not the curriculum)."""
    return list(Period.objects.filter(starts_on__gte=student.admitted_in.starts_on).exclude(kind=Period.Kind.SUMMER).select_related("year"))


def curriculum(student: Student) -> list[Discipline]:
    return list(Discipline.objects.filter(module__version_id=student.version_id).select_related("module").order_by("module__position", "position", "id"))


# --- The record -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A mark as the record reads it."""

    mark: Mark
    discipline: Discipline
    period: Period

    points = property(lambda self: self.mark.points)
    attempt = property(lambda self: self.mark.attempt)
    letter = property(lambda self: self.mark.band.letter)
    credits = property(lambda self: self.discipline.credits or 0)
    grade_point = property(lambda self: Decimal(0) if self.mark.band.grade_point is None else self.mark.band.grade_point)
    passed = property(lambda self: self.mark.band.passed)
    retake_allowed = property(lambda self: self.mark.band.retake_allowed)
    discipline_id = property(lambda self: self.discipline.pk)


@dataclass
class PeriodRecord:
    period: Period
    rows: list[Row]  # every attempt of the period, in order
    counted: list[Row]  # each discipline's last attempt in the period
    credits: int
    earned: int
    gpa: Decimal | None


@dataclass
class Record:
    student: Student
    periods: list[PeriodRecord] = field(default_factory=list)
    final: list[Row] = field(default_factory=list)  # each discipline's counted mark
    credits: int = 0
    earned: int = 0
    gpa: Decimal | None = None
    standing: record.Standing = field(default_factory=lambda: record.Standing("good"))


def student_record(student: Student) -> Record:
    """Every mark of the student by period, with the credits, GPA and standing computed from them
    (record.py). Two queries whatever the number of periods and marks."""
    marks = Mark.objects.filter(student=student).select_related("band", "teaching__discipline__module", "teaching__period__year", "entered_by").order_by(
        "teaching__period__starts_on", "entered_at", "id")
    rows = [Row(m, m.teaching.discipline, m.teaching.period) for m in marks]
    by_period: dict[int, list[Row]] = defaultdict(list)
    periods: dict[int, Period] = {}
    for row in rows:
        by_period[row.period.pk].append(row)
        periods[row.period.pk] = row.period
    result = Record(student)
    for period_id, period_rows in by_period.items():
        last = list(record.counted(period_rows).values())
        result.periods.append(PeriodRecord(periods[period_id], period_rows, last, sum(r.credits for r in last), record.credits_earned(last), record.gpa(last)))
    final = record.counted(rows)
    result.final = list(final.values())
    result.credits = sum(r.credits for r in result.final)
    result.earned = record.credits_earned(result.final)
    result.gpa = record.gpa(result.final)
    result.standing = record.standing(final)
    return result


def latest_marks(student_ids: list[int], discipline_id: int) -> dict[int, Mark]:
    """Each student's latest mark of a discipline, one query."""
    marks = Mark.objects.filter(student_id__in=student_ids, teaching__discipline_id=discipline_id).select_related("band", "teaching__period").order_by(
        "teaching__period__starts_on", "entered_at", "id")
    return {m.student_id: m for m in marks}


def roster(teaching: Teaching) -> list[Student]:
    """Whom the lecturer marks: the students whose approved plans hold the teaching, and those who
    study the discipline again in this period after failing it in an earlier one."""
    planned = Q(plan__status="approved", plan__lines__teaching=teaching)
    failed_before = Mark.objects.filter(student=OuterRef("pk"), teaching__discipline_id=teaching.discipline_id,
                                        teaching__period__starts_on__lt=teaching.period.starts_on, band__passed=False)
    repeating = Exists(failed_before) & Q(version_id=teaching.discipline.module.version_id)
    return list(Student.objects.filter(Q(planned) | repeating).select_related("person").distinct().order_by("person__last_name", "person__first_name", "pk"))


# --- Admission --------------------------------------------------------------------------------------


@dataclass
class Ranked:
    applicant: Applicant
    points: list[tuple[EntranceExam, int | None]]  # each examination, in the round's order, with the points (None: not sat)
    total: int
    eligible: bool
    reason: str


def ranked(admission: AdmissionRound) -> list[Ranked]:
    """The applicants by their total of entrance points, highest first; eligible are those with
    every document and every examination passed. Two queries."""
    exams = list(admission.exams.all())
    applicants = admission.applicants.select_related("person").prefetch_related("marks")
    result = []
    for applicant in applicants:
        points = {m.exam_id: m.points for m in applicant.marks.all()}
        missing = [d for d in admission.documents if d not in applicant.documents]
        failed = [e.name for e in exams if points.get(e.pk, -1) < e.pass_points]
        reason = (_("Documents missing: %(list)s.") % {"list": ", ".join(missing)} if missing
                  else _("Below the pass mark or not sat: %(list)s.") % {"list": ", ".join(failed)} if failed else "")
        result.append(Ranked(applicant, [(e, points.get(e.pk)) for e in exams], sum(points.values()), not reason, reason))
    return sorted(result, key=lambda r: (not r.eligible, -r.total, r.applicant.person.last_name, r.applicant.pk))


# --- Dashboard --------------------------------------------------------------------------------------

# The strategy's target for the share of dissertations whose results are implemented in practice,
# by year of defence (seed 003, goal 3); after 2023 its last target stands.
IMPLEMENTATION_TARGET = {2019: 0.5, 2020: 0.6, 2021: 0.7, 2022: 0.8, 2023: 0.9}


def admitted_in_order(admission: AdmissionRound) -> list[Ranked]:
    """The admitted applicants as the admission order lists them: in the order of the ranked list."""
    return [r for r in ranked(admission) if r.applicant.status == Applicant.Status.ADMITTED]


def implementation_target(year: int) -> float | None:
    if year < min(IMPLEMENTATION_TARGET):
        return None
    return IMPLEMENTATION_TARGET.get(year, IMPLEMENTATION_TARGET[max(IMPLEMENTATION_TARGET)])


@dataclass
class Indicators:
    by_programme: list[tuple[str, int, int]]  # (programme, admission year, students studying)
    gpa_bands: list[tuple[str, int]]  # ("3.50–4.00", students)
    defences: int
    defences_on_time: int
    implemented: int
    implementation_target: float | None

    @property
    def implementation_share(self) -> float | None:
        return self.implemented / self.defences if self.defences else None


GPA_BANDS = [("3.50–4.00", Decimal("3.5")), ("3.00–3.49", Decimal("3.0")), ("2.50–2.99", Decimal("2.5")), ("2.00–2.49", Decimal("2.0")), ("< 2.00", Decimal(0))]


def indicators(year: int) -> Indicators:
    """The dashboard's postgraduate cards for a calendar year: students by programme and year of
    admission, the distribution of overall GPA, the defences of the year (on time: by the due date
    of the defence milestone) and the share of them with an act of implementation. Five queries."""
    by_programme = [(row["version__programme__name_ru"], row["admitted_in__starts_on__year"], row["n"])
                    for row in Student.objects.filter(status=Student.Status.STUDYING).values("version__programme__name_ru", "admitted_in__starts_on__year")
                    .annotate(n=Count("pk")).order_by("version__programme__name_ru", "admitted_in__starts_on__year")]
    gpas = _overall_gpas()
    counts = Counter(next(label for label, low in GPA_BANDS if value >= low) for value in gpas)
    defences = Milestone.objects.filter(kind=Milestone.Kind.DEFENCE, done_on__year=year)
    on_time = defences.filter(done_on__lte=F("due_on")).count()
    implemented = Dissertation.objects.filter(milestones__in=defences).filter(acts__isnull=False).distinct().count()
    return Indicators(by_programme, [(label, counts[label]) for label, _bound in GPA_BANDS], defences.count(), on_time, implemented, implementation_target(year))


def _overall_gpas() -> list[Decimal]:
    """Each studying student's overall GPA over his counted marks (the last attempt of each
    discipline), read in one query."""
    marks = (Mark.objects.filter(student__status=Student.Status.STUDYING)
             .values_list("student_id", "teaching__discipline_id", "teaching__discipline__credits", "band__grade_point")
             .order_by("student_id", "teaching__period__starts_on", "entered_at", "id"))
    last: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    for student_id, discipline_id, credits, grade_point in marks:
        last[student_id][discipline_id] = (credits or 0, grade_point or Decimal(0))
    result = []
    for disciplines in last.values():
        credits = sum(c for c, _gp in disciplines.values())
        if credits:
            result.append(sum((c * gp for c, gp in disciplines.values()), Decimal(0)) / credits)
    return result


def stamp() -> str:
    """Changes when a mark, a student, a milestone or an act does: the dashboard's cached figures are keyed on it."""
    latest = [model.history.aggregate(latest=Max("history_date"))["latest"] for model in (Mark, Student, Milestone, ImplementationAct)]
    return ",".join(str(moment) for moment in latest)


def due_milestones(on: datetime.date, days: int) -> QuerySet[Milestone]:
    """Milestones not yet done that fall due within `days` (or are overdue), not reminded this week."""
    return (Milestone.objects.filter(done_on__isnull=True, due_on__lte=on + datetime.timedelta(days=days))
            .exclude(reminded_on__gt=on - datetime.timedelta(days=7))
            .select_related("dissertation__student__person__user", "dissertation__student__supervisor__person__user"))


def plan_credits(student: Student) -> int:
    return Student.objects.filter(pk=student.pk).aggregate(total=Sum("plan__lines__discipline__credits"))["total"] or 0


def missing_compulsory(student: Student) -> list[Discipline]:
    chosen = set(student.plan.lines.values_list("discipline_id", flat=True)) if hasattr(student, "plan") else set()
    return [d for d in curriculum(student) if d.component == Component.COMPULSORY and d.pk not in chosen]


def current_year(on: datetime.date) -> AcademicYear | None:
    return AcademicYear.objects.filter(starts_on__lte=on, ends_on__gte=on).first()
