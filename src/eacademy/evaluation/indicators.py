"""The Institute's three indicators of a course (seed 002), their combined index and the
strategy's KPIs (seed 003), aggregated in SQL.

- (a) learning: Hake's normalised gain of the class averages, input vs output control (from
  `exams`), clipped to [0, 1];
- (b) listeners: the mean of the course survey's 1–5 answers (relevance, usefulness, each
  lecturer, organisation), mapped to [0, 1] as (mean − 1) / 4;
- (c) heads: the mean of the direct heads' three 1–5 answers, mapped the same way.

Kirkpatrick level 1 is (b), level 2 is (a), level 3 is (c). The combined index weighs them
0.4 / 0.3 / 0.3 (`WEIGHTS`); an indicator without data drops out and the others are weighed
in proportion, so a course is never punished for a survey nobody has answered yet."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F

from eacademy.enrollment.models import Enrollment
from eacademy.evaluation.models import Answer, FollowUp, SurveyQuestion
from eacademy.exams import queries as exam_queries
from eacademy.org.models import AgencyHeadcount
from eacademy.planning.models import Offering

WEIGHTS = {"learning": 0.4, "listeners": 0.3, "heads": 0.3}


def from_likert(mean: float | None) -> float | None:
    return None if mean is None else (mean - 1) / 4


def combined_index(values: dict[str, float | None], weights: dict[str, float] = WEIGHTS) -> float | None:
    present = {k: v for k, v in values.items() if v is not None}
    total = sum(weights[k] for k in present)
    return sum(weights[k] * v for k, v in present.items()) / total if total else None


@dataclass(frozen=True)
class CourseIndicators:
    learning: float | None  # Hake's gain, clipped to [0, 1]
    listeners: float | None
    heads: float | None
    index: float | None


def offering_indicators(offering: Offering) -> CourseIndicators:
    gains = exam_queries.input_output(offering.pk)
    gain = gains["class_gain"] if gains else None
    learning = None if gain is None else min(1.0, max(0.0, float(gain)))
    listeners_mean = Answer.objects.filter(question__survey__offering=offering, question__kind=SurveyQuestion.Kind.LIKERT).aggregate(m=Avg("number"))["m"]
    heads = FollowUp.objects.filter(enrollment__offering=offering, answered_at__isnull=False).aggregate(
        m=Avg((F("work_quality") + F("deficiencies") + F("applies_topics")) / 3.0))["m"]
    values = {"learning": learning, "listeners": from_likert(listeners_mean), "heads": from_likert(heads)}
    return CourseIndicators(**values, index=combined_index(values))


@dataclass(frozen=True)
class AgencyShare:
    agency_id: int
    trained: int
    headcount: int | None
    share: float | None


def trained_in(year: int) -> int:
    """Listeners who completed a course ending in `year` (a person twice counts twice, as courses do)."""
    return Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, offering__ends_on__year=year).count()


def agency_shares(year: int) -> list[AgencyShare]:
    """Each agency's officers trained in the year (distinct people) against its headcount."""
    trained = dict(Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, offering__ends_on__year=year, person__agency__isnull=False)
                   .values_list("person__agency_id").annotate(n=Count("person", distinct=True)).values_list("person__agency_id", "n"))
    headcounts = dict(AgencyHeadcount.objects.filter(year=year).values_list("agency_id", "headcount"))
    return [AgencyShare(agency, trained.get(agency, 0), headcounts.get(agency), trained.get(agency, 0) / headcounts[agency] if headcounts.get(agency) else None)
            for agency in sorted(trained.keys() | headcounts.keys())]


def distance_share(year: int) -> float | None:
    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, offering__ends_on__year=year)
    total = completed.count()
    return completed.filter(offering__study_format="distance").count() / total if total else None
