"""Must show 1 (indicators so far): each figure on a small hand-made data set, against values
worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import indicators, rollups, services
from eacademy.evaluation.models import Answer, FollowUp, Response, Survey
from eacademy.exams.models import Attempt, Exam
from eacademy.org.models import AgencyHeadcount

pytestmark = pytest.mark.django_db


def test_the_combined_index_by_hand():
    # 0.4·0.5 + 0.3·0.75 + 0.3·0.25 = 0.2 + 0.225 + 0.075 = 0.5
    assert indicators.combined_index({"learning": 0.5, "listeners": 0.75, "heads": 0.25}) == pytest.approx(0.5)
    # Without the heads' answers: (0.4·0.5 + 0.3·0.75) / 0.7 = 0.425 / 0.7
    assert indicators.combined_index({"learning": 0.5, "listeners": 0.75, "heads": None}) == pytest.approx(0.425 / 0.7)
    assert indicators.combined_index({"learning": None, "listeners": None, "heads": None}) is None
    assert [indicators.from_likert(v) for v in (1, 3, 5, 4.2)] == pytest.approx([0.0, 0.5, 1.0, 0.8])


def test_a_course_s_three_indicators_on_hand_made_data(persona, django_capture_on_commit_callbacks):
    offering = Survey.objects.get(offering__enrollments__person__user=persona(Role.LISTENER), offering__enrollments__status="completed").offering
    enrollments = list(Enrollment.objects.filter(offering=offering, status="completed").order_by("pk")[:2])
    # (a) input 40 % and 50 %, output 70 % and 90 %: Hake's class gain (0.8 - 0.45) / (1 - 0.45) = 0.35 / 0.55
    now = timezone.now()
    for purpose, scores in (("input", (4, 5)), ("output", (7, 9))):
        exam = Exam.objects.create(title=purpose, offering=offering, purpose=purpose, time_limit_minutes=10, opens_at=now - datetime.timedelta(days=2),
                                   closes_at=now - datetime.timedelta(days=1), created_by=persona(Role.METHODOLOGIST))
        for enrollment, score in zip(enrollments, scores, strict=True):
            Attempt.objects.create(exam=exam, person=enrollment.person, number=1, started_at=now - datetime.timedelta(days=2), deadline=now,
                                   status="graded", score=score, max_score=10)
    # (b) two responses to the survey's first two scale questions: 4, 5 and 3, 4 → mean 4 → 0.75
    survey = Survey.objects.get(offering=offering)
    Response.objects.filter(survey=survey).delete()
    scale = list(survey.questions.filter(kind="likert").order_by("position")[:2])
    for values in ((4, 5), (3, 4)):
        response = Response.objects.create(survey=survey)
        for question, value in zip(scale, values, strict=True):
            Answer.objects.create(response=response, question=question, number=value)
    # (c) one head: 5, 4, 3 → mean 4 → 0.75; an unanswered follow-up does not count
    for i, enrollment in enumerate(enrollments):
        with django_capture_on_commit_callbacks(execute=True):
            token = services.follow_up_send(actor=persona(Role.METHODOLOGIST), enrollment=enrollment, head_name="Н", head_email=f"h{i}@example.kz")
        if i == 0:
            services.follow_up_answer(token=token, work_quality=5, deficiencies=4, applies_topics=3)
    rollups.refresh([offering.pk])
    (row,) = indicators.effectiveness("offering", indicators.Filters(year=offering.ends_on.year, programme_id=offering.version.programme_id))
    figures = row.sums
    assert (figures.input_mean, figures.output_mean) == (pytest.approx(0.45), pytest.approx(0.8))
    assert figures.learning == pytest.approx(0.35 / 0.55)
    assert figures.listeners == pytest.approx(0.75)
    assert figures.heads == pytest.approx(0.75)
    assert figures.index == pytest.approx(0.4 * 0.35 / 0.55 + 0.3 * 0.75 + 0.3 * 0.75)
    assert FollowUp.objects.filter(enrollment__offering=offering, answered_at__isnull=True).count() == 1


def test_kpi_shares_by_hand(persona):
    year = 2031  # a year of its own: nothing else ends then
    offering = Survey.objects.get(offering__enrollments__person__user=persona(Role.LISTENER), offering__enrollments__status="completed").offering
    completed = list(Enrollment.objects.filter(offering=offering, status="completed").select_related("person"))
    type(offering).objects.filter(pk=offering.pk).update(starts_on=datetime.date(year, 3, 1), ends_on=datetime.date(year, 3, 12))
    agency_id = completed[0].person.agency_id
    AgencyHeadcount.objects.update_or_create(agency_id=agency_id, year=year, defaults={"headcount": 200})
    AgencyHeadcount.objects.update_or_create(agency_id=agency_id, year=year + 4, defaults={"headcount": 100})
    rollups.refresh()
    assert indicators.trained_by_year()[year] == (len(completed), 0)
    (share,) = [s for s in indicators.agency_shares(year) if s.agency_id == agency_id]
    mine = len({e.person_id for e in completed if e.person.agency_id == agency_id})
    assert (share.trained, share.trained_five_years, share.headcount) == (mine, mine, 200) and share.share == pytest.approx(mine / 200)
    # Four years on the same officers still count (five-year window) against that year's headcount; five years on they do not.
    (later,) = [s for s in indicators.agency_shares(year + 4) if s.agency_id == agency_id]
    assert (later.trained, later.trained_five_years, later.share) == (0, mine, pytest.approx(mine / 100))
    assert all(s.trained_five_years == 0 for s in indicators.agency_shares(year + 5))
    type(offering).objects.filter(pk=offering.pk).update(study_format="distance")
    rollups.refresh([offering.pk])
    assert indicators.trained_by_year()[year] == (len(completed), len(completed))
    assert Decimal(indicators.trained_by_year().get(year + 1, (0, 0))[1]) == 0
