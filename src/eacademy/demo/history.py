"""Five past years of the demo academy, so that every chart shows something real: completed
courses with input and output control, the course surveys' anonymous answers, the direct
heads' follow-ups, a yearly satisfaction survey of listeners and a staff-climate survey,
inspections' deficiencies per unit and the Presidential Reserve's appointments.

History is recorded as it was, in bulk (the services refuse courses that have ended); about
1.1 completions per registered officer over the five years, so the large scale makes over
100,000 enrollments and 2,000,000 answers."""

import datetime
import hashlib
import random
import uuid
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from eacademy.catalog.models import ProgrammeKind, ProgrammeVersion, StudyFormat
from eacademy.core import services as core_services
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.enrollment.models import Application, Enrollment
from eacademy.evaluation import services as evaluation_services
from eacademy.evaluation.models import (
    Answer,
    FollowUp,
    InspectionDeficiencies,
    Invitation,
    ReserveAppointment,
    Response,
    Survey,
    SurveyQuestion,
)
from eacademy.exams.models import Attempt, Exam
from eacademy.org.models import AcademyUnit, Agency, AgencyUnit
from eacademy.people.models import Person, StaffMember
from eacademy.planning.models import Offering

YEARS = 5
_BATCH = 5_000
_IMPROVE = ["Больше практических занятий", "Больше разбора реальных дел", "Көбірек практикалық сабақ", "Увеличить продолжительность курса",
            "Раздаточные материалы заранее", "Оқу материалдарын алдын ала беру", "Больше времени на обсуждение", ""]
_SATISFACTION = [
    ("Расписание занятий удобно", "Сабақ кестесі ыңғайлы", "The timetable is convenient"),
    ("Библиотека и электронные ресурсы доступны", "Кітапхана мен электрондық ресурстар қолжетімді", "The library and e-resources are available"),
    ("Условия проживания в общежитии", "Жатақханадағы тұрмыс жағдайы", "Living conditions in the dormitory"),
    ("Питание", "Тамақтану", "Catering"),
    ("Работа учебного отдела", "Оқу бөлімінің жұмысы", "Work of the academic office"),
    ("Доступность дистанционного обучения", "Қашықтықтан оқытудың қолжетімділігі", "Availability of distance learning"),
    ("Качество преподавания в целом", "Жалпы оқыту сапасы", "Quality of teaching overall"),
    ("Информирование о курсах", "Курстар туралы хабардар ету", "Information about courses"),
    ("Оснащение аудиторий", "Аудиториялардың жабдықталуы", "Equipment of classrooms"),
    ("Спортивная и физическая подготовка", "Спорттық және дене дайындығы", "Sports and physical training"),
    ("Работа столовой и буфета", "Асхана мен буфеттің жұмысы", "Canteen"),
    ("Рекомендовали бы вы Академию коллегам?", "Академияны әріптестеріңізге ұсынар ма едіңіз?", "Would you recommend the Academy to colleagues?"),
]
_CLIMATE = [
    ("В коллективе доверительная атмосфера", "Ұжымда сенімді ахуал бар", "There is trust in the team"),
    ("Руководство открыто для обращений", "Басшылық өтініштерге ашық", "The management is open to requests"),
    ("Нагрузка распределяется справедливо", "Жүктеме әділ бөлінеді", "The workload is shared fairly"),
    ("Я вижу возможности для роста", "Өсу мүмкіндіктерін көремін", "I see chances to grow"),
]


def _t(kk: str, ru: str, en: str) -> str:
    return f'<span lang="kk" class="multilang">{kk}</span><span lang="ru" class="multilang">{ru}</span><span lang="en" class="multilang">{en}</span>'


def _likert(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _lecturers(rng: random.Random) -> dict[int, list[User]]:
    """Logins for the teaching staff (no password: they are shown, not used), by department."""
    by_department: dict[int, list[User]] = {}
    staff = StaffMember.objects.filter(person__user__isnull=True, academy_unit__kind=AcademyUnit.Kind.DEPARTMENT).select_related("person").order_by("pk")
    for member in staff:
        user = core_services.user_create(username=f"lecturer{member.pk}", password=None, roles=[Role.LECTURER])
        user.first_name, user.last_name = member.person.first_name, member.person.last_name
        user.save(update_fields=["first_name", "last_name"])
        member.person.user = user
        member.person.save(update_fields=["user"])
        by_department.setdefault(member.academy_unit_id, []).append(user)
    return by_department


def _answers(rows: list[Answer]) -> Iterator[list[Answer]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start:start + _BATCH]


@transaction.atomic
def load_demo_history(*, rng: random.Random, methodologist: User) -> dict[str, int]:
    this_year = timezone.localdate().year
    officers = list(Person.objects.filter(user=None, agency__kind=Agency.Kind.DOMESTIC, staff__isnull=True).values_list("pk", "agency_id", flat=False).order_by("pk"))
    versions = list(ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.APPROVED).select_related("programme", "programme__department"))
    advanced = [v for v in versions if v.programme.kind in (ProgrammeKind.ADVANCED, ProgrammeKind.RETRAINING)]
    reserve = [v for v in versions if v.programme.kind == ProgrammeKind.RESERVE]
    lecturers = _lecturers(rng)
    total = round(len(officers) * 1.1)
    weights = [0.16, 0.18, 0.2, 0.22, 0.24]
    quality = {v.pk: rng.uniform(3.6, 4.5) for v in versions}  # how well each programme is liked
    gain = {v.pk: rng.uniform(0.25, 0.6) for v in versions}
    counts = {"history_enrollments": 0, "answers": 0}
    follow_ups: list[FollowUp] = []
    for index, year in enumerate(range(this_year - YEARS, this_year)):
        wanted = round(total * weights[index])
        studying = rng.sample(officers, min(len(officers), wanted))
        distance_share = 0.15 + 0.05 * index
        cohort: list[tuple[ProgrammeVersion, datetime.date, datetime.date, str, list[tuple[int, int]]]] = []
        position = 0
        while position < len(studying):
            version = rng.choice(reserve) if reserve and rng.random() < 0.02 else rng.choice(advanced)
            size = rng.randint(14, 32)
            starts = datetime.date(year, 1, 15) + datetime.timedelta(days=rng.randrange(320))
            days = 20 if version.programme.kind == ProgrammeKind.RESERVE else rng.choice([5, 10, 12])
            study_format = StudyFormat.DISTANCE if rng.random() < distance_share else StudyFormat.FULL_TIME
            cohort.append((version, starts, starts + datetime.timedelta(days=days), study_format, studying[position:position + size]))
            position += size
        offerings = [Offering(version=v, starts_on=s, ends_on=e, place="Қосшы" if f != StudyFormat.DISTANCE else "E-Academy", capacity=max(25, len(p)),
                              language=rng.choice(v.languages), study_format=f, department=v.programme.department, status=Offering.Status.PUBLISHED)
                     for v, s, e, f, p in cohort]
        bulk_create_with_history(offerings, Offering, batch_size=_BATCH, default_change_reason="demo history")
        applications = [Application(offering=o, person_id=pk, status=Application.Status.ACCEPTED, source=Application.Source.NOMINATION,
                                    decided_at=_aware(o.starts_on - datetime.timedelta(days=20)))
                        for o, (_v, _s, _e, _f, people) in zip(offerings, cohort, strict=True) for pk, _agency in people]
        bulk_create_with_history(applications, Application, batch_size=_BATCH, default_change_reason="demo history")
        enrollments = [Enrollment(application=a, offering=a.offering, person_id=a.person_id, status=Enrollment.Status.COMPLETED) for a in applications]
        bulk_create_with_history(enrollments, Enrollment, batch_size=_BATCH, default_change_reason="demo history")
        counts["history_enrollments"] += len(enrollments)

        # (a) input and output control
        exams = []
        for offering in offerings:
            for purpose, day in (("input", offering.starts_on), ("output", offering.ends_on)):
                exams.append(Exam(title=f"{offering.version.programme.name_ru}: {'входной' if purpose == 'input' else 'выходной'} контроль", offering=offering,
                                  purpose=purpose, time_limit_minutes=30, opens_at=_aware(day, 9), closes_at=_aware(day, 18), created_by=methodologist))
        Exam.objects.bulk_create(exams, batch_size=_BATCH)
        exam_of = {(e.offering_id, e.purpose): e for e in exams}
        attempts = []
        for enrollment in enrollments:
            offering = enrollment.offering
            before = min(0.95, max(0.1, rng.gauss(0.5, 0.13)))
            after = min(1.0, before + (1 - before) * max(0.0, rng.gauss(gain[offering.version_id], 0.15)))
            for purpose, value, day in (("input", before, offering.starts_on), ("output", after, offering.ends_on)):
                if rng.random() < 0.04:
                    continue  # missed this control
                started = _aware(day, 9)
                attempts.append(Attempt(exam=exam_of[(offering.pk, purpose)], person_id=enrollment.person_id, number=1, status=Attempt.Status.GRADED,
                                        started_at=started, deadline=started + datetime.timedelta(minutes=30), finished_at=started + datetime.timedelta(minutes=22),
                                        score=round(value * 20, 1), max_score=20.0))
        Attempt.objects.bulk_create(attempts, batch_size=_BATCH)

        # (b) the course surveys: anonymous answers, invitations kept apart
        by_offering: dict[int, list[Enrollment]] = {}
        for enrollment in enrollments:
            by_offering.setdefault(enrollment.offering_id, []).append(enrollment)
        surveys = [Survey(title=o.version.programme.name_ru, kind=Survey.Kind.COURSE, offering=o, opens_at=_aware(o.ends_on, 15),
                          closes_at=_aware(o.ends_on + datetime.timedelta(days=14), 15)) for o in offerings]
        Survey.objects.bulk_create(surveys, batch_size=_BATCH)
        questions: list[SurveyQuestion] = []
        for survey, offering in zip(surveys, offerings, strict=True):
            pool = lecturers.get(offering.department_id) or [u for users in lecturers.values() for u in users]
            questions.extend(evaluation_services.standard_questions(survey, rng.sample(pool, min(len(pool), rng.randint(2, 4)))))
        SurveyQuestion.objects.bulk_create(questions, batch_size=_BATCH)
        questions_of: dict[int, list[SurveyQuestion]] = {}
        for question in questions:
            questions_of.setdefault(question.survey_id, []).append(question)
        invitations, responses, answers = [], [], []
        lecturer_mood: dict[int, float] = {}
        for survey, offering in zip(surveys, offerings, strict=True):
            mean = quality[offering.version_id]
            for enrollment in by_offering[offering.pk]:
                answered = rng.random() < 0.9
                invitations.append(Invitation(survey=survey, person_id=enrollment.person_id, answered=answered))
                if not answered:
                    continue
                response = Response(id=uuid.UUID(int=rng.getrandbits(128), version=4), survey=survey)
                responses.append(response)
                for question in questions_of[survey.pk]:
                    if question.kind == SurveyQuestion.Kind.TEXT:
                        text = rng.choice(_IMPROVE) if rng.random() < 0.3 else ""
                        if text:
                            answers.append(Answer(id=uuid.UUID(int=rng.getrandbits(128), version=4), response=response, question=question, text=text))
                        continue
                    bias = lecturer_mood.setdefault(question.lecturer_id, rng.uniform(-0.4, 0.3)) if question.lecturer_id else 0.0
                    answers.append(Answer(id=uuid.UUID(int=rng.getrandbits(128), version=4), response=response, question=question,
                                          number=_likert(rng, mean + bias)))
        rng.shuffle(responses)  # the order of arrival is not kept either
        Invitation.objects.bulk_create(invitations, batch_size=_BATCH)
        Response.objects.bulk_create(responses, batch_size=_BATCH)

        # the yearly survey of listeners' satisfaction with the educational process
        satisfaction = Survey.objects.create(title=f"Удовлетворённость образовательным процессом, {year}", kind=Survey.Kind.SATISFACTION,
                                             audience=Survey.Audience.LISTENERS, opens_at=_aware(datetime.date(year, 11, 1)),
                                             closes_at=_aware(datetime.date(year, 12, 1)))
        items = SurveyQuestion.objects.bulk_create([SurveyQuestion(survey=satisfaction, position=i, kind=SurveyQuestion.Kind.LIKERT, text=_t(kk, ru, en))
                                                    for i, (ru, kk, en) in enumerate(_SATISFACTION, start=1)])
        people = sorted({e.person_id for e in enrollments})
        satisfaction_responses = []
        satisfaction_invitations = []
        for person_id in people:
            answered = rng.random() < 0.55
            satisfaction_invitations.append(Invitation(survey=satisfaction, person_id=person_id, answered=answered))
            if answered:
                response = Response(id=uuid.UUID(int=rng.getrandbits(128), version=4), survey=satisfaction)
                satisfaction_responses.append(response)
                answers.extend(Answer(id=uuid.UUID(int=rng.getrandbits(128), version=4), response=response, question=q, number=_likert(rng, 3.9 + 0.05 * index))
                               for q in items)
        Invitation.objects.bulk_create(satisfaction_invitations, batch_size=_BATCH)
        Response.objects.bulk_create(satisfaction_responses, batch_size=_BATCH)
        for chunk in _answers(answers):
            Answer.objects.bulk_create(chunk)
        counts["answers"] += len(answers)

        # (c) the direct heads, 75 days after the course: most answer, some never do
        for enrollment in enrollments:
            sent = _aware(enrollment.offering.ends_on + datetime.timedelta(days=75), 9)
            if rng.random() < 0.55 or sent > timezone.now():
                continue
            follow_up = FollowUp(enrollment=enrollment, head_name="Руководитель подразделения", head_email=f"head{enrollment.person_id}@example.kz",
                                 token_digest=hashlib.sha256(rng.getrandbits(256).to_bytes(32, "big")).hexdigest(), sent_at=sent,
                                 expires_at=sent + datetime.timedelta(days=30))
            if rng.random() < 0.8 and sent + datetime.timedelta(days=20) < timezone.now():
                mean = quality[enrollment.offering.version_id] - 0.3
                follow_up.answered_at = sent + datetime.timedelta(days=rng.randint(1, 20))
                follow_up.work_quality, follow_up.deficiencies, follow_up.applies_topics = (_likert(rng, mean) for _ in range(3))
            follow_ups.append(follow_up)
    FollowUp.objects.bulk_create(follow_ups, batch_size=_BATCH)

    # the staff climate, once a year
    staff = list(Person.objects.filter(staff__isnull=False).values_list("pk", flat=True))
    for year in range(this_year - YEARS, this_year):
        climate = Survey.objects.create(title=f"Морально-психологический климат, {year}", kind=Survey.Kind.CLIMATE, audience=Survey.Audience.STAFF,
                                        opens_at=_aware(datetime.date(year, 6, 1)), closes_at=_aware(datetime.date(year, 6, 20)))
        items = SurveyQuestion.objects.bulk_create([SurveyQuestion(survey=climate, position=i, kind=SurveyQuestion.Kind.LIKERT, text=_t(kk, ru, en))
                                                    for i, (ru, kk, en) in enumerate(_CLIMATE, start=1)])
        asked = [rng.random() < 0.7 for _ in staff]
        Invitation.objects.bulk_create([Invitation(survey=climate, person_id=p, answered=a) for p, a in zip(staff, asked, strict=True)])
        responses = Response.objects.bulk_create([Response(id=uuid.UUID(int=rng.getrandbits(128), version=4), survey=climate) for a in asked if a])
        Answer.objects.bulk_create([Answer(id=uuid.UUID(int=rng.getrandbits(128), version=4), response=r, question=q, number=_likert(rng, 3.8))
                                    for r in responses for q in items], batch_size=_BATCH)

    # Kirkpatrick level 4: deficiencies found per unit, falling as officers are trained; reserve appointments (seed 002: 23 of 74)
    deficiencies = []
    for unit_id in AgencyUnit.objects.filter(agency__kind=Agency.Kind.DOMESTIC).values_list("pk", flat=True).order_by("pk"):
        level = float(rng.randint(4, 40))
        for year in range(this_year - YEARS - 1, this_year):
            deficiencies.append(InspectionDeficiencies(unit_id=unit_id, year=year, deficiencies=max(0, round(level))))
            level *= rng.uniform(0.8, 1.02)
    bulk_create_with_history(deficiencies, InspectionDeficiencies, batch_size=_BATCH, default_change_reason="demo history")
    graduates = list(Enrollment.objects.filter(offering__version__programme__kind=ProgrammeKind.RESERVE, status=Enrollment.Status.COMPLETED,
                                               offering__ends_on__year__lt=this_year).select_related("offering").order_by("pk"))
    appointed = [ReserveAppointment(enrollment=e, appointed_on=min(timezone.localdate(), e.offering.ends_on + datetime.timedelta(days=rng.randint(60, 500))),
                                    post="Руководитель структурного подразделения") for e in graduates if rng.random() < 23 / 74]
    bulk_create_with_history(appointed, ReserveAppointment, batch_size=_BATCH, default_change_reason="demo history")
    evaluation_services.figures_refresh()
    return counts
