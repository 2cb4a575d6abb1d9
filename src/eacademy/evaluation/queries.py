"""The Institute's three indicators of a course (seed 002), their combined index and the
strategy's KPIs (seed 003), added up from the rollups (`evaluation.rollups`).

- (a) learning: Hake's normalised gain of the class averages, input vs output control (from
  `exams`: each listener's best result of each, only listeners who took both), clipped to
  [0, 1]; several courses together pool their listeners;
- (b) listeners: the mean of the course survey's 1–5 answers (relevance, usefulness, each
  lecturer, organisation), mapped to [0, 1] as (mean − 1) / 4;
- (c) heads: the mean of the direct heads' three 1–5 answers, mapped the same way.

Kirkpatrick level 1 is (b), level 2 is (a), level 3 is (c); level 4 (`level_four`) where
agencies enter inspections and appointments. The combined index weighs the three 0.4 / 0.3 /
0.3 (`WEIGHTS`); an indicator without data drops out and the others are weighed in
proportion, so a course is never punished for a survey nobody has answered yet.

The KPIs leave out the Ministry of Internal Affairs, as the strategy does ("except for the
Ministry of Internal Affairs"): at least 1,750 officers trained a year, and 50 % of each
agency's officers trained (here: distinct officers in the last five years, against the
year's headcount)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Min, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog.models import Programme, ProgrammeKind, StudyFormat
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation.models import (
    AgencyYearFigures,
    Answer,
    CourseFigures,
    CourseRating,
    FollowUp,
    InspectionDeficiencies,
    ReserveAppointment,
    RollupStamp,
    Survey,
    SurveyQuestion,
)
from eacademy.org.models import AcademyUnit, Agency, AgencyHeadcount
from eacademy.planning.models import Offering

WEIGHTS = {"learning": 0.4, "listeners": 0.3, "heads": 0.3}
TRAINED_PER_YEAR_TARGET = 1750  # seed 003, task 1: "at least 1,750 employees" a year
AGENCY_SHARE_TARGET = 0.5  # seed 003: "will amount to 50 %"
KPI_EXCLUDED_AGENCIES = ("internal-affairs",)
DIMENSIONS = ("offering", "programme", "lecturer", "department", "agency", "year")


def from_likert(mean: float | None) -> float | None:
    return None if mean is None else (mean - 1) / 4


def hake(pre: float, post: float) -> float:
    """Normalised gain of class averages given as fractions of the maximum, clipped to [0, 1]."""
    if pre >= 1:
        return 1.0 if post >= 1 else 0.0
    return min(1.0, max(0.0, (post - pre) / (1 - pre)))


def combined_index(values: dict[str, float | None], weights: dict[str, float] = WEIGHTS) -> float | None:
    present = {k: v for k, v in values.items() if v is not None}
    total = sum(weights[k] for k in present)
    return sum(weights[k] * v for k, v in present.items()) / total if total else None


@dataclass
class Sums:
    """What a row of the rollups adds up to; the indicators divide only at the end."""

    completed: int = 0
    paired: int = 0
    input_sum: float = 0.0
    output_sum: float = 0.0
    heads_n: int = 0
    heads_sum: float = 0.0
    answers: int = 0
    answers_total: int = 0
    responses: int = 0

    def add_figures(self, other: "Sums") -> None:
        self.completed += other.completed
        self.paired += other.paired
        self.input_sum += other.input_sum
        self.output_sum += other.output_sum
        self.heads_n += other.heads_n
        self.heads_sum += other.heads_sum

    @property
    def input_mean(self) -> float | None:
        return self.input_sum / self.paired if self.paired else None

    @property
    def output_mean(self) -> float | None:
        return self.output_sum / self.paired if self.paired else None

    @property
    def learning(self) -> float | None:
        return hake(self.input_sum / self.paired, self.output_sum / self.paired) if self.paired else None

    @property
    def rating(self) -> float | None:  # the listeners' mean on the 1–5 scale
        return self.answers_total / self.answers if self.answers else None

    @property
    def listeners(self) -> float | None:
        return from_likert(self.rating)

    @property
    def heads_rating(self) -> float | None:
        return self.heads_sum / self.heads_n if self.heads_n else None

    @property
    def heads(self) -> float | None:
        return from_likert(self.heads_rating)

    @property
    def index(self) -> float | None:
        return combined_index({"learning": self.learning, "listeners": self.listeners, "heads": self.heads})


@dataclass
class Row:
    key: int
    label: str
    sums: Sums


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    agency_id: int | None = None
    programme_id: int | None = None
    department_id: int | None = None

    def figures(self) -> "QuerySet[CourseFigures]":
        rows = CourseFigures.objects.all()
        if self.year:
            rows = rows.filter(year=self.year)
        if self.agency_id:
            rows = rows.filter(agency_id=self.agency_id)
        if self.programme_id:
            rows = rows.filter(programme_id=self.programme_id)
        if self.department_id:
            rows = rows.filter(department_id=self.department_id)
        return rows

    def completions(self) -> "QuerySet[Enrollment]":
        """Completed enrollments of the agency, programme and department chosen, in any year."""
        rows = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED)
        if self.agency_id:
            rows = rows.filter(person__agency_id=self.agency_id)
        if self.programme_id:
            rows = rows.filter(offering__version__programme_id=self.programme_id)
        if self.department_id:
            rows = rows.filter(offering__department_id=self.department_id)
        return rows

    def officers_trained(self) -> "QuerySet[Enrollment]":
        """Completions that count for the strategy's "officers trained" (seed 003, task 1.2): officers
        of the Republic's law-enforcement agencies, internal affairs left out; no CIS or foreign
        listener, nobody without an agency (a recruit is not an officer yet). Any year."""
        return self.completions().filter(person__agency__kind=Agency.Kind.DOMESTIC).exclude(person__agency__code__in=KPI_EXCLUDED_AGENCIES)

    def ratings(self) -> "QuerySet[CourseRating]":
        rows = CourseRating.objects.all()
        if self.year:
            rows = rows.filter(year=self.year)
        if self.programme_id:
            rows = rows.filter(programme_id=self.programme_id)
        if self.department_id:
            rows = rows.filter(department_id=self.department_id)
        if self.agency_id:  # answers are anonymous: an agency's view takes the courses its officers attended
            rows = rows.filter(offering_id__in=CourseFigures.objects.filter(agency_id=self.agency_id).values("offering_id"))
        return rows


_FIGURE_SUMS = {"completed": Sum("completed"), "paired": Sum("paired"), "input_sum": Sum("input_sum"), "output_sum": Sum("output_sum"),
                "heads_n": Sum("heads_n"), "heads_sum": Sum("heads_sum")}
_RATING_SUMS = {"answers": Sum("answers"), "answers_total": Sum("total"), "responses": Sum("responses")}


def _labels(dimension: str, keys: Iterable[int]) -> dict[int, str]:
    keys = [k for k in keys if k is not None]
    if dimension == "offering":
        return {o.pk: str(o) for o in Offering.objects.filter(pk__in=keys).select_related("version__programme")}
    if dimension == "programme":
        return {p.pk: str(p) for p in Programme.objects.filter(pk__in=keys)}
    if dimension == "department":
        return {u.pk: str(u) for u in AcademyUnit.objects.filter(pk__in=keys)}
    if dimension == "agency":
        return {a.pk: a.short_name for a in Agency.objects.filter(pk__in=keys)}
    if dimension == "lecturer":
        return {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=keys)}
    return {k: str(k) for k in keys}


def effectiveness(dimension: str, filters: Filters = Filters()) -> list[Row]:
    """The three indicators and the index per course, programme, lecturer, department, agency or
    year: two grouped queries over the rollups, whatever the years of data."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    sums: dict[int, Sums] = defaultdict(Sums)
    if dimension == "lecturer":
        # A lecturer's (b) is his own block's rating; his (a) and (c) are those of the courses he taught.
        per_course: dict[int, Sums] = {}
        for offering_id, *values in filters.figures().values_list("offering_id").annotate(**_FIGURE_SUMS).values_list("offering_id", *_FIGURE_SUMS):
            per_course[offering_id] = Sums(*values)
        taught = filters.ratings().filter(lecturer__isnull=False).values_list("lecturer_id", "offering_id", "answers", "total", "responses")
        for lecturer_id, offering_id, answers, total, responses in taught:
            row = sums[lecturer_id]
            row.answers += answers
            row.answers_total += total
            row.responses += responses
            if offering_id in per_course:
                row.add_figures(per_course[offering_id])
    else:
        field = f"{dimension}_id" if dimension != "year" else "year"
        for key, *values in filters.figures().values_list(field).annotate(**_FIGURE_SUMS).values_list(field, *_FIGURE_SUMS).order_by():
            sums[key].add_figures(Sums(*values))
        if dimension != "agency":  # anonymous answers cannot be split by the listeners' agency
            ratings = filters.ratings().values_list(field).annotate(**_RATING_SUMS).values_list(field, *_RATING_SUMS).order_by()
            for key, answers, total, responses in ratings:
                row = sums[key]
                row.answers, row.answers_total, row.responses = answers or 0, total or 0, responses or 0
    labels = _labels(dimension, sums.keys())
    rows = [Row(key, labels.get(key, "—"), s) for key, s in sums.items() if key is not None]
    return sorted(rows, key=lambda r: r.key if dimension == "year" else r.label)


def overall(filters: Filters = Filters()) -> Sums:
    total = Sums()
    values = filters.figures().aggregate(**_FIGURE_SUMS)
    total.add_figures(Sums(**{k: v or 0 for k, v in values.items()}))
    ratings = filters.ratings().aggregate(**_RATING_SUMS)
    total.answers, total.answers_total, total.responses = ratings["answers"] or 0, ratings["answers_total"] or 0, ratings["responses"] or 0
    return total


# The strategy's KPIs


def officers_trained_in(year: int, filters: Filters = Filters()) -> "QuerySet[Enrollment]":
    """The officers behind the year's figure, each once (by his first completion of the year)."""
    in_year = filters.officers_trained().filter(offering__ends_on__year=year)
    return Enrollment.objects.filter(pk__in=in_year.values("person_id").annotate(first=Min("pk")).values("first"))


def trained_by_year(filters: Filters = Filters()) -> dict[int, tuple[int, int]]:
    """Year → (distinct officers trained, of them by distance learning): an officer who completes
    two courses in a year is one officer trained (one grouped query)."""
    rows = (filters.officers_trained().annotate(year=ExtractYear("offering__ends_on")).values("year")
            .annotate(n=Count("person_id", distinct=True), distance=Count("person_id", distinct=True, filter=Q(offering__study_format=StudyFormat.DISTANCE)))
            .values_list("year", "n", "distance").order_by("year"))
    return {year: (n, distance) for year, n, distance in rows}


@dataclass(frozen=True)
class AgencyShare:
    agency_id: int
    name: str
    trained: int  # distinct officers in the year
    trained_five_years: int
    headcount: int | None

    @property
    def share(self) -> float | None:
        return self.trained_five_years / self.headcount if self.headcount else None


def agency_shares(year: int) -> list[AgencyShare]:
    """Each domestic agency's officers trained against its headcount of the year."""
    agencies = Agency.objects.filter(kind=Agency.Kind.DOMESTIC).exclude(code__in=KPI_EXCLUDED_AGENCIES).order_by("pk")
    figures = {f.agency_id: f for f in AgencyYearFigures.objects.filter(year=year)}
    headcounts = dict(AgencyHeadcount.objects.filter(year=year).values_list("agency_id", "headcount"))
    result = []
    for agency in agencies:
        f = figures.get(agency.pk)
        result.append(AgencyShare(agency.pk, agency.short_name, f.trained if f else 0, f.trained_five_years if f else 0, headcounts.get(agency.pk)))
    return result


def by_agency_and_kind(filters: Filters = Filters()) -> tuple[list[tuple[str, int, dict[str, int], int]], dict[str, int], int]:
    """Seed 002's table: completions per agency and kind of programme, with totals."""
    cells: dict[int, dict[str, int]] = defaultdict(dict)
    for agency_id, kind, n in filters.figures().values_list("agency_id", "programme__kind").annotate(n=Sum("completed")).values_list(
            "agency_id", "programme__kind", "n").order_by():
        cells[agency_id][kind] = cells[agency_id].get(kind, 0) + n
    names = dict(Agency.objects.filter(pk__in=[k for k in cells if k]).values_list("pk", "short_name"))
    rows = sorted(((names.get(a, _("No agency")) if a else _("No agency"), a or 0, kinds, sum(kinds.values())) for a, kinds in cells.items()),
                  key=lambda r: -r[3])
    totals = {kind: sum(r[2].get(kind, 0) for r in rows) for kind in ProgrammeKind.values}
    return rows, totals, sum(totals.values())


# Kirkpatrick level 4


@dataclass(frozen=True)
class LevelFour:
    units: int  # units with trained officers and inspections the year before and after
    before: int
    after: int
    reserve_trained: int
    reserve_appointed: int

    @property
    def deficiencies_change(self) -> float | None:
        return (self.after - self.before) / self.before if self.before else None

    @property
    def reserve_share(self) -> float | None:
        return self.reserve_appointed / self.reserve_trained if self.reserve_trained else None


def level_four(year: int, agency_id: int | None = None) -> LevelFour:
    """Deficiencies found in the units whose officers completed a course in `year`, the year
    before against the year after; and the Presidential Reserve's graduates (all years to
    `year`) later appointed to senior posts."""
    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED)
    if agency_id:
        completed = completed.filter(person__agency_id=agency_id)
    units = completed.filter(offering__ends_on__year=year, person__unit__isnull=False).values("person__unit_id")
    found = dict(InspectionDeficiencies.objects.filter(unit_id__in=units, year__in=[year - 1, year + 1]).values_list("unit_id")
                 .annotate(n=Count("year")).filter(n=2).values_list("unit_id", "n"))
    by_year = dict(InspectionDeficiencies.objects.filter(unit_id__in=list(found)).filter(year__in=[year - 1, year + 1]).values_list("year")
                   .annotate(s=Sum("deficiencies")).values_list("year", "s"))
    reserve = completed.filter(offering__version__programme__kind=ProgrammeKind.RESERVE, offering__ends_on__year__lte=year)
    return LevelFour(units=len(found), before=by_year.get(year - 1, 0), after=by_year.get(year + 1, 0), reserve_trained=reserve.count(),
                     reserve_appointed=ReserveAppointment.objects.filter(enrollment__in=reserve).count())


def years() -> list[int]:
    """The years with completions, oldest first."""
    return sorted(set(CourseFigures.objects.filter(completed__gt=0).values_list("year", flat=True).distinct().order_by()))


def stamp() -> str:
    """The rollups' version: it changes whenever they do."""
    return str(RollupStamp.objects.filter(pk=1).values_list("version", flat=True).first())


def follow_ups_addressed_to(user: User) -> QuerySet[FollowUp]:
    """The open follow-ups sent to a signed-in direct head's e-mail address."""
    if not user.email or not user.has_role(Role.DIRECT_HEAD):
        return FollowUp.objects.none()
    return FollowUp.objects.filter(head_email__iexact=user.email, answered_at__isnull=True, expires_at__gt=timezone.now()).select_related(
        "enrollment__person", "enrollment__offering__version__programme").order_by("sent_at", "pk")


CLIMATE_FAVOURABLE = 3.5  # seed 003, task 3.1 asks for a climate "assessed as favourable" each year: a mean above the scale's middle, with room


def climate_by_year() -> dict[int, tuple[float, int]]:
    """The staff's mean answer (1–5) to the moral and psychological climate survey of each year,
    and how many answered."""
    rows = (
        Answer.objects.filter(question__survey__kind=Survey.Kind.CLIMATE, question__kind=SurveyQuestion.Kind.LIKERT, number__isnull=False)
        .annotate(year=ExtractYear("question__survey__closes_at"))
        .values("year")
        .annotate(mean=Avg("number"), answered=Count("response", distinct=True))
    )
    return {row["year"]: (float(row["mean"]), row["answered"]) for row in rows}
