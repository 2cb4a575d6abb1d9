"""Rewrite the effectiveness rollups from the source tables, for some courses or for all.

Each figure is a sum (never a mean) so that a dashboard can add courses, agencies and years
together and divide only at the end. The task worker refreshes a course when one of its
listeners completes, answers its survey or is evaluated by his head, and everything once a
night (`eacademy daily`)."""

import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear

from eacademy.enrollment.models import Enrollment
from eacademy.evaluation.models import (
    AgencyYearFigures,
    Answer,
    CourseFigures,
    CourseRating,
    FollowUp,
    RollupStamp,
    SurveyQuestion,
)
from eacademy.exams.models import Attempt, Exam
from eacademy.exams.queries import FINISHED
from eacademy.planning.models import Offering

WINDOW_YEARS = 5  # the share of an agency's officers trained counts the last five years


def _scope(field: str, offering_ids: list[int] | None) -> Q:
    return Q() if offering_ids is None else Q(**{f"{field}__in": offering_ids})


def _course_figures(offerings: dict[int, Offering], offering_ids: list[int] | None) -> list[CourseFigures]:
    Key = tuple[int, int | None]
    rows: dict[Key, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for offering_id, agency_id, n in (Enrollment.objects.filter(_scope("offering_id", offering_ids), status=Enrollment.Status.COMPLETED)
                                      .values_list("offering_id", "person__agency_id").annotate(n=Count("id")).values_list("offering_id", "person__agency_id", "n")):
        rows[(offering_id, agency_id)]["completed"] += n
    # (a) each listener's best input and best output result, as a fraction of the maximum
    best: dict[tuple[int, int, int | None], dict[str, float]] = defaultdict(dict)
    for offering_id, person_id, agency_id, purpose, score, max_score in Attempt.objects.filter(
            _scope("exam__offering_id", offering_ids), exam__purpose__in=[Exam.Purpose.INPUT, Exam.Purpose.OUTPUT], status__in=FINISHED).values_list(
            "exam__offering_id", "person_id", "person__agency_id", "exam__purpose", "score", "max_score"):
        value = (score or 0.0) / max_score if max_score else 0.0
        mine = best[(offering_id, person_id, agency_id)]
        mine[purpose] = max(value, mine.get(purpose, 0.0))
    for (offering_id, _person, person_agency), mine in best.items():
        if len(mine) == 2:
            row = rows[(offering_id, person_agency)]
            row["paired"] += 1
            row["input_sum"] += mine["input"]
            row["output_sum"] += mine["output"]
    # (c) the heads' answers
    for offering_id, head_agency, n, total in (FollowUp.objects.filter(_scope("enrollment__offering_id", offering_ids), answered_at__isnull=False)
                                             .values_list("enrollment__offering_id", "enrollment__person__agency_id")
                                             .annotate(n=Count("id"), total=Sum((F("work_quality") + F("deficiencies") + F("applies_topics")) / 3.0))
                                             .values_list("enrollment__offering_id", "enrollment__person__agency_id", "n", "total")):
        rows[(offering_id, head_agency)]["heads_n"] += n
        rows[(offering_id, head_agency)]["heads_sum"] += float(total or 0)
    figures = []
    for (offering_id, row_agency), row in rows.items():
        offering = offerings[offering_id]
        figures.append(CourseFigures(
            offering_id=offering_id, agency_id=row_agency, year=offering.ends_on.year, programme_id=offering.version.programme_id,
            department_id=offering.department_id, distance=offering.study_format == "distance", completed=int(row["completed"]),
            paired=int(row["paired"]), input_sum=row["input_sum"], output_sum=row["output_sum"], heads_n=int(row["heads_n"]), heads_sum=row["heads_sum"]))
    return figures


def _course_ratings(offerings: dict[int, Offering], offering_ids: list[int] | None) -> list[CourseRating]:
    ratings = (Answer.objects.filter(_scope("question__survey__offering_id", offering_ids), question__survey__offering__isnull=False,
                                     question__kind=SurveyQuestion.Kind.LIKERT, number__isnull=False)
               .values_list("question__survey__offering_id", "question__lecturer_id")
               .annotate(responses=Count("response_id", distinct=True), answers=Count("id"), total=Sum("number"))
               .values_list("question__survey__offering_id", "question__lecturer_id", "responses", "answers", "total"))
    result = []
    for offering_id, lecturer_id, responses, answers, total in ratings:
        offering = offerings[offering_id]
        result.append(CourseRating(offering_id=offering_id, lecturer_id=lecturer_id, year=offering.ends_on.year, programme_id=offering.version.programme_id,
                                   department_id=offering.department_id, responses=responses, answers=answers, total=total))
    return result


def _agency_years(years: Iterable[int]) -> list[AgencyYearFigures]:
    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, person__agency__isnull=False)
    result: list[AgencyYearFigures] = []
    for year in sorted(set(years)):
        in_year = dict(completed.filter(offering__ends_on__year=year).values_list("person__agency_id").annotate(n=Count("person_id", distinct=True))
                       .values_list("person__agency_id", "n"))
        window = (completed.filter(offering__ends_on__year__gt=year - WINDOW_YEARS, offering__ends_on__year__lte=year)
                  .values_list("person__agency_id").annotate(n=Count("person_id", distinct=True)).values_list("person__agency_id", "n"))
        result.extend(AgencyYearFigures(agency_id=agency_id, year=year, trained=in_year.get(agency_id, 0), trained_five_years=n) for agency_id, n in window)
    return result


@transaction.atomic
def refresh(offering_ids: list[int] | None = None) -> None:
    """Rewrite the rollups of these courses (all when None) and the agency figures of the years they touch."""
    offerings = Offering.objects.select_related("version").only("ends_on", "study_format", "department_id", "version__programme_id")
    if offering_ids is not None:
        offerings = offerings.filter(pk__in=offering_ids)
    by_id = {o.pk: o for o in offerings}
    figures = _course_figures(by_id, offering_ids)
    ratings = _course_ratings(by_id, offering_ids)
    if offering_ids is None:
        CourseFigures.objects.all().delete()
        CourseRating.objects.all().delete()
        years = list(Enrollment.objects.filter(status=Enrollment.Status.COMPLETED).annotate(y=ExtractYear("offering__ends_on"))
                     .values_list("y", flat=True).distinct())
        years = [y + shift for y in years for shift in range(WINDOW_YEARS)]
    else:
        CourseFigures.objects.filter(offering_id__in=offering_ids).delete()
        CourseRating.objects.filter(offering_id__in=offering_ids).delete()
        years = [o.ends_on.year + shift for o in by_id.values() for shift in range(WINDOW_YEARS)]
    CourseFigures.objects.bulk_create(figures, batch_size=2000)
    CourseRating.objects.bulk_create(ratings, batch_size=2000)
    agency_years = _agency_years(years)
    AgencyYearFigures.objects.filter(year__in=set(years)).delete()
    AgencyYearFigures.objects.bulk_create(agency_years, batch_size=2000)
    RollupStamp.objects.update_or_create(pk=1, defaults={"version": uuid.uuid4()})

