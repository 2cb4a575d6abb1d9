"""Must show 1 (indicators so far): each figure on a small hand-made data set, against values
worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import queries as indicators
from eacademy.evaluation import rollups, services
from eacademy.evaluation.models import Answer, FollowUp, Response, Survey, SurveyQuestion
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
    (row,) = [r for r in indicators.effectiveness("offering", indicators.Filters(year=offering.ends_on.year, programme_id=offering.version.programme_id))
              if r.key == offering.pk]
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


YEAR = 2034  # a year of its own: nothing else ends then


def _course(version, agency_people, *, department=None, distance=False, starts=datetime.date(YEAR, 3, 1)):
    """A finished course of these people (completed), recorded as it was."""
    from eacademy.enrollment.models import Application
    from eacademy.planning.models import Offering

    offering = Offering.objects.create(version=version, starts_on=starts, ends_on=starts + datetime.timedelta(days=10), place="Қосшы", capacity=30,
                                       language="ru", study_format="distance" if distance else "full_time",
                                       department=department or version.programme.department, status="published")
    enrollments = []
    for person in agency_people:
        application = Application.objects.create(offering=offering, person=person, status="accepted", source="nomination")
        enrollments.append(Enrollment.objects.create(application=application, offering=offering, person=person, status="completed"))
    return offering, enrollments


def _controls(offering, enrollments, inputs, outputs, methodologist):
    now = timezone.now()
    for purpose, scores in (("input", inputs), ("output", outputs)):
        exam = Exam.objects.create(title=purpose, offering=offering, purpose=purpose, time_limit_minutes=10, opens_at=now, closes_at=now + datetime.timedelta(hours=1),
                                   created_by=methodologist)
        for enrollment, score in zip(enrollments, scores, strict=True):
            Attempt.objects.create(exam=exam, person=enrollment.person, number=1, started_at=now, deadline=now, status="graded", score=score, max_score=10)


def _ratings(offering, rows, lecturer=None):
    """rows: one tuple of answers per response; the last question rates `lecturer` when given."""
    survey = Survey.objects.create(title="t", kind="course", offering=offering, opens_at=timezone.now(), closes_at=timezone.now())
    questions = [SurveyQuestion.objects.create(survey=survey, position=i, kind="likert", text=f"q{i}", lecturer=lecturer if i == len(rows[0]) - 1 else None)
                 for i in range(len(rows[0]))]
    for values in rows:
        response = Response.objects.create(survey=survey)
        for question, value in zip(questions, values, strict=True):
            Answer.objects.create(response=response, question=question, number=value)


def _heads(enrollment, *values):
    now = timezone.now()
    FollowUp.objects.create(enrollment=enrollment, head_name="h", head_email="h@example.kz", token_digest=f"{enrollment.pk:064d}", sent_at=now, expires_at=now,
                            answered_at=now, work_quality=values[0], deficiencies=values[1], applies_topics=values[2])


def test_indicators_by_programme_lecturer_department_agency_and_year_by_hand(persona):
    from eacademy.catalog.models import ProgrammeVersion
    from eacademy.people.models import Person

    versions = list(ProgrammeVersion.objects.filter(status="approved", programme__kind="advanced").select_related("programme").order_by("pk")[:2])
    prosecutors = list(Person.objects.filter(agency__code="prosecutor", user=None)[:3])
    anticorruption = list(Person.objects.filter(agency__code="anticorruption", user=None)[:1])
    lecturer = persona(Role.LECTURER)
    methodologist = persona(Role.METHODOLOGIST)
    # Course A: two prosecutors and one anti-corruption officer; input 4, 5, 6 of 10, output 7, 8, 9.
    a, a_people = _course(versions[0], prosecutors[:2] + anticorruption)
    _controls(a, a_people, (4, 5, 6), (7, 8, 9), methodologist)
    _ratings(a, [(5, 4), (4, 3)], lecturer=lecturer)  # general 5 and 4; the lecturer 4 and 3
    _heads(a_people[0], 5, 5, 5)
    _heads(a_people[2], 3, 3, 3)
    # Course B, another programme: one prosecutor, input 2, output 6; no survey, no heads.
    b, b_people = _course(versions[1], prosecutors[2:3], starts=datetime.date(YEAR, 9, 1))
    _controls(b, b_people, (2,), (6,), methodologist)
    rollups.refresh([a.pk, b.pk])

    only = indicators.Filters(year=YEAR)
    by_programme = {row.key: row.sums for row in indicators.effectiveness("programme", only)}
    pa, pb = by_programme[versions[0].programme_id], by_programme[versions[1].programme_id]
    # A: input mean 0.5, output 0.8 → (0.8 − 0.5) / 0.5 = 0.6; listeners (5+4+4+3)/4 = 4 → 0.75; heads (5+3)/2 = 4 → 0.75
    assert (pa.completed, pa.learning, pa.rating, pa.listeners, pa.heads_rating) == (3, pytest.approx(0.6), 4.0, 0.75, 4.0)
    assert pa.index == pytest.approx(0.4 * 0.6 + 0.3 * 0.75 + 0.3 * 0.75)
    # B: (0.6 − 0.2) / 0.8 = 0.5, nothing else: the index is the learning gain alone
    assert (pb.learning, pb.listeners, pb.heads, pb.index) == (pytest.approx(0.5), None, None, pytest.approx(0.5))
    # The year pools both courses' listeners: input (0.4+0.5+0.6+0.2)/4 = 0.425, output (0.7+0.8+0.9+0.6)/4 = 0.75
    (year,) = indicators.effectiveness("year", only)
    assert (year.key, year.sums.completed, year.sums.learning) == (YEAR, 4, pytest.approx((0.75 - 0.425) / 0.575))
    # The lecturer: his own block (4 and 3 → 3.5 → 0.625) and course A's learning and heads
    (mine,) = indicators.effectiveness("lecturer", only)
    assert (mine.key, mine.sums.rating, mine.sums.listeners, mine.sums.learning, mine.sums.heads_rating) == (lecturer.pk, 3.5, 0.625, pytest.approx(0.6), 4.0)
    # Agencies: prosecutors in A (0.4, 0.5 → 0.7, 0.8) and B (0.2 → 0.6): input 1.1/3, output 2.1/3; heads 5; no listeners (anonymous)
    by_agency = {row.label: row.sums for row in indicators.effectiveness("agency", only)}
    prosecutor = by_agency["ГП РК"]
    assert (prosecutor.completed, prosecutor.heads_rating, prosecutor.rating) == (3, 5.0, None)
    assert prosecutor.learning == pytest.approx((2.1 / 3 - 1.1 / 3) / (1 - 1.1 / 3))
    assert by_agency["АПК"].heads_rating == 3.0
    # Departments add up like programmes
    departments = indicators.effectiveness("department", only)
    assert sum(row.sums.completed for row in departments) == 4
    # Filtered by an agency, the listeners' ratings are those of the courses its officers attended
    assert indicators.overall(indicators.Filters(year=YEAR, agency_id=anticorruption[0].agency_id)).rating == 4.0


def test_the_kpis_leave_out_internal_affairs_and_the_table_adds_up(persona):
    from eacademy.catalog.models import ProgrammeVersion
    from eacademy.people.models import Person

    version = ProgrammeVersion.objects.filter(status="approved", programme__kind="advanced").order_by("pk").first()
    police = list(Person.objects.filter(agency__code="internal-affairs", user=None)[:2])
    prosecutors = list(Person.objects.filter(agency__code="prosecutor", user=None)[:3])
    a, _ = _course(version, police + prosecutors[:1])
    b, _ = _course(version, prosecutors[1:], distance=True)
    rollups.refresh([a.pk, b.pk])
    assert indicators.trained_by_year()[YEAR] == (3, 2)  # 3 prosecutors, 2 by distance; the 2 police officers left out
    rows, totals, grand = indicators.by_agency_and_kind(indicators.Filters(year=YEAR))
    assert grand == 5 and totals["advanced"] == 5  # seed 002's table counts everyone
    assert {name: total for name, _id, _cells, total in rows} == {"ГП РК": 3, "МВД": 2}


def test_level_four_by_hand(persona):
    """Seed 002: 74 trained in the Presidential Reserve, 23 appointed to senior posts; and a
    unit whose officers trained: 40 deficiencies the year before, 30 the year after."""
    from eacademy.catalog.models import ProgrammeVersion
    from eacademy.evaluation.models import InspectionDeficiencies, ReserveAppointment
    from eacademy.people.models import Person

    reserve = ProgrammeVersion.objects.filter(status="approved", programme__kind="reserve").first()
    people = list(Person.objects.filter(agency__kind="domestic", user=None, unit__isnull=False).order_by("pk")[:74])
    baseline = indicators.level_four(YEAR)
    _offering, graduates = _course(reserve, people)
    for enrollment in graduates[:23]:
        ReserveAppointment.objects.create(enrollment=enrollment, appointed_on=datetime.date(YEAR, 12, 1), post="Начальник управления")
    unit = people[0].unit
    InspectionDeficiencies.objects.filter(unit=unit).delete()
    InspectionDeficiencies.objects.create(unit=unit, year=YEAR - 1, deficiencies=40)
    InspectionDeficiencies.objects.create(unit=unit, year=YEAR + 1, deficiencies=30)
    figures = indicators.level_four(YEAR)
    assert (figures.reserve_trained - baseline.reserve_trained, figures.reserve_appointed - baseline.reserve_appointed) == (74, 23)
    assert figures.units == 1 and (figures.before, figures.after) == (40, 30) and figures.deficiencies_change == pytest.approx(-0.25)
    assert indicators.level_four(YEAR, agency_id=people[0].agency_id).units == 1
