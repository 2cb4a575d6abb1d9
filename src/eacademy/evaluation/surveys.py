"""Anonymous surveys: the invitation (who is asked, whether he answered) and the response (what
was answered) are written in one transaction but never point to each other, and the response
carries no time and a random id, so even the database cannot tell whose answers they are."""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.multilang import join_languages
from eacademy.core.services import notification_send
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation.models import Answer, Invitation, Response, Survey, SurveyQuestion
from eacademy.evaluation.rules import BUILDERS
from eacademy.evaluation.tasks import refresh_course
from eacademy.people.models import Person
from eacademy.planning.models import Offering

OPEN_DAYS = 14
REMIND_DAYS_BEFORE_CLOSING = 3
SMALLEST_GROUP = 3  # results of fewer responses are not shown: a handful of answers can be recognised


def _t(kk: str, ru: str, en: str) -> str:
    return join_languages({"kk": kk, "ru": ru, "en": en})


# The standard course-quality survey (seed 002's second indicator): relevance to practice,
# usefulness for current problems, organisation, then a block per lecturer, then what to improve.
COURSE_QUESTIONS = [
    _t("Курс мазмұны практикалық жұмысыңызға қаншалықты сәйкес?", "Насколько содержание курса соответствует вашей практической работе?",
       "How relevant was the course to your practical work?"),
    _t("Курс ағымдағы міндеттерді шешуге қаншалықты пайдалы?", "Насколько курс полезен для решения текущих задач?",
       "How useful is the course for solving current problems?"),
    _t("Оқуды ұйымдастыру", "Организация обучения", "Organisation of the course"),
    _t("Оқу материалдарының сапасы", "Качество учебных материалов", "Quality of the teaching materials"),
    _t("Оқу жағдайлары (аудиториялар, жабдықтар)", "Условия обучения (аудитории, оборудование)", "Learning conditions (classrooms, equipment)"),
]
LECTURER_QUESTIONS = [  # kk, ru, en: the lecturer's name is added to each
    ("Оқытушының құзыреттілігі", "Компетентность преподавателя", "Lecturer's competence"),
    ("Түсіндірудің анықтығы", "Ясность изложения", "Clarity of explanation"),
    ("Практикалық мысалдарды пайдалану", "Использование практических примеров", "Use of practical cases"),
]
IMPROVE = _t("Нені жақсарту керек?", "Что следует улучшить?", "What should be improved?")


def course_questions(survey: Survey, lecturers: "list[User]") -> list[SurveyQuestion]:
    """The standard questionnaire of a course, unsaved: general questions, a block per lecturer, what to improve."""
    questions = [SurveyQuestion(survey=survey, position=i, kind=SurveyQuestion.Kind.LIKERT, text=text) for i, text in enumerate(COURSE_QUESTIONS, start=1)]
    for lecturer in lecturers:
        name = lecturer.get_full_name() or lecturer.username
        for kk, ru, en in LECTURER_QUESTIONS:
            questions.append(SurveyQuestion(survey=survey, position=len(questions) + 1, kind=SurveyQuestion.Kind.LIKERT, lecturer=lecturer,
                                            text=_t(f"{kk}: {name}", f"{ru}: {name}", f"{en}: {name}")))
    questions.append(SurveyQuestion(survey=survey, position=len(questions) + 1, kind=SurveyQuestion.Kind.TEXT, text=IMPROVE, required=False))
    return questions


@transaction.atomic
def course_survey_open(offering: Offering) -> Survey:
    """The course-quality survey of an offering, with a block per lecturer who taught it."""
    survey = Survey.objects.filter(offering=offering, kind=Survey.Kind.COURSE).first()
    if survey is not None:
        return survey
    now = timezone.now()
    survey = Survey.objects.create(title=offering.version.programme.name_ru, kind=Survey.Kind.COURSE, offering=offering, opens_at=now,
                                   closes_at=now + datetime.timedelta(days=OPEN_DAYS))
    lecturers = list(User.objects.filter(lessons__offering=offering).distinct().order_by("last_name", "username"))
    SurveyQuestion.objects.bulk_create(course_questions(survey, lecturers))
    return survey


def _please_rate(course: str) -> str:
    return _("Please rate the course “%(course)s”: the survey is anonymous.") % {"course": course}


def invite_all(survey: Survey, people: Sequence[Person]) -> int:
    """Ask everyone not yet asked (in bulk); those with a login are told. Returns how many were asked."""
    asked = set(Invitation.objects.filter(survey=survey, person__in=[p.pk for p in people]).values_list("person_id", flat=True))
    new = [p for p in people if p.pk not in asked]
    Invitation.objects.bulk_create([Invitation(survey=survey, person=p) for p in new])
    for person in new:
        if person.user_id is not None:
            notification_send(user=person.user, message=partial(_please_rate, survey.title), url=survey.get_absolute_url())
    return len(new)


def _require_builder(actor: User) -> None:
    if not actor.has_role(*BUILDERS):
        raise DomainError(_("Your role does not allow this."))


def _require_unanswered(survey: Survey) -> None:
    if survey.responses.exists():
        raise DomainError(_("The survey already has answers: its questions can no longer change."))


@transaction.atomic
def survey_create(*, actor: User, title: str, kind: str, audience: str, opens_at: datetime.datetime, closes_at: datetime.datetime,
                  offering: Offering | None = None) -> Survey:
    """A survey built by hand: a course's (with its offering), the educational process's or the staff climate's."""
    _require_builder(actor)
    title = title.strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the survey a title.")]
    if closes_at <= opens_at:
        errors["closes_at"] = [_("The survey must close after it opens.")]
    if (audience == Survey.Audience.OFFERING) != (offering is not None):
        errors["offering"] = [_("Choose the course exactly when the course's listeners are asked.")]
    if kind not in Survey.Kind.values or audience not in Survey.Audience.values:
        errors["kind"] = [_("Choose one of the kinds offered.")]
    if offering is not None and Survey.objects.filter(offering=offering, kind=kind).exists():
        errors["offering"] = [_("This course already has a survey of this kind.")]
    if errors:
        raise DomainError(errors)
    survey = Survey(title=title[:300], kind=kind, audience=audience, offering=offering, opens_at=opens_at, closes_at=closes_at)
    save_by(survey, actor)
    return survey


@transaction.atomic
def question_add(*, actor: User, survey: Survey, kind: str, text: str, choices: list[str] | None = None, lecturer: User | None = None,
                 required: bool = True) -> SurveyQuestion:
    _require_builder(actor)
    _require_unanswered(survey)
    text = text.strip()
    choices = [c.strip()[:200] for c in (choices or []) if c.strip()]
    if not text:
        raise DomainError({"text": [_("Write the question.")]})
    if kind not in SurveyQuestion.Kind.values:
        raise DomainError({"kind": [_("Choose one of the kinds offered.")]})
    if kind == SurveyQuestion.Kind.CHOICE and len(choices) < 2:
        raise DomainError({"choices": [_("A question with choices needs at least two, one per line.")]})
    if kind != SurveyQuestion.Kind.CHOICE:
        choices = []
    if lecturer is not None and kind != SurveyQuestion.Kind.LIKERT:
        raise DomainError({"lecturer": [_("A lecturer is rated on the scale from 1 to 5.")]})
    last = survey.questions.order_by("-position").values_list("position", flat=True).first() or 0
    return SurveyQuestion.objects.create(survey=survey, position=last + 1, kind=kind, text=text[:500], choices=choices, lecturer=lecturer,
                                         required=required and kind != SurveyQuestion.Kind.TEXT)


@transaction.atomic
def question_remove(*, actor: User, question: SurveyQuestion) -> None:
    _require_builder(actor)
    _require_unanswered(question.survey)
    question.delete()


def audience_of(survey: Survey) -> "list[Person]":
    if survey.audience == Survey.Audience.OFFERING:
        people = Person.objects.filter(enrollments__offering=survey.offering, enrollments__status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED])
    elif survey.audience == Survey.Audience.LISTENERS:
        today = timezone.localdate()
        people = Person.objects.filter(enrollments__status=Enrollment.Status.ENROLLED, enrollments__offering__starts_on__lte=today,
                                       enrollments__offering__ends_on__gte=today)
    else:
        people = Person.objects.filter(staff__isnull=False)
    return list(people.select_related("user").distinct())


@transaction.atomic
def survey_invite(*, actor: User, survey: Survey) -> int:
    """Ask the survey's audience (again: those already asked are left alone); returns how many are new."""
    _require_builder(actor)
    if not survey.questions.exists():
        raise DomainError(_("Add questions before asking anyone."))
    if survey.closes_at <= timezone.now():
        raise DomainError(_("The survey is closed."))
    asked = set(survey.invitations.values_list("person_id", flat=True))
    new = [p for p in audience_of(survey) if p.pk not in asked]
    Invitation.objects.bulk_create([Invitation(survey=survey, person=p) for p in new])
    for person in new:
        if person.user is not None:
            notification_send(user=person.user, message=lambda: _("Please answer the survey “%(survey)s”: it is anonymous.") % {"survey": survey.title},
                              url=survey.get_absolute_url())
    return len(new)


def _closes_soon(title: str) -> str:
    return _("The survey “%(survey)s” closes soon: your answers are anonymous.") % {"survey": title}


def surveys_remind(now: datetime.datetime | None = None) -> int:
    """Once, a few days before a survey closes, remind those who have not answered."""
    now = now or timezone.now()
    waiting = (Invitation.objects.filter(answered=False, reminders=0, survey__opens_at__lte=now, survey__closes_at__gt=now,
                                         survey__closes_at__lte=now + datetime.timedelta(days=REMIND_DAYS_BEFORE_CLOSING))
               .select_related("survey", "person__user"))
    reminded = []
    for invitation in waiting:
        title = invitation.survey.title
        notification_send(user=invitation.person.user, message=partial(_closes_soon, title), url=invitation.survey.get_absolute_url())
        reminded.append(invitation.pk)
    Invitation.objects.filter(pk__in=reminded).update(reminders=1)
    return len(reminded)


def _value(question: SurveyQuestion, raw: str) -> tuple[int | None, str]:
    raw = (raw or "").strip()
    if question.kind == SurveyQuestion.Kind.TEXT:
        return None, raw[:5000]
    if question.kind == SurveyQuestion.Kind.LIKERT and raw in {"1", "2", "3", "4", "5"}:
        return int(raw), ""
    if question.kind == SurveyQuestion.Kind.CHOICE and raw.isdigit() and int(raw) < len(question.choices):
        return int(raw), ""
    raise DomainError(_("Answer every question with one of its choices."))


@transaction.atomic
def survey_answer(*, user: User, survey: Survey, answers: dict[int, str]) -> None:
    person = Person.objects.filter(user=user).first()
    invitation = Invitation.objects.select_for_update().filter(survey=survey, person=person).first() if person else None
    if invitation is None:
        raise DomainError(_("This survey is not for you."))
    if invitation.answered:
        raise DomainError(_("You have already answered this survey."))
    now = timezone.now()
    if not survey.opens_at <= now < survey.closes_at:
        raise DomainError(_("The survey is closed."))
    rows = []
    for question in survey.questions.all():
        raw = answers.get(question.pk, "")
        if not raw and not question.required:
            continue
        number, text = _value(question, raw)
        rows.append((question, number, text))
    response = Response.objects.create(survey=survey)
    Answer.objects.bulk_create([Answer(response=response, question=q, number=n, text=t) for q, n, t in rows])
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    if survey.offering_id:
        offering_id = survey.offering_id
        transaction.on_commit(lambda: refresh_course.enqueue(offering_id))


@dataclass
class QuestionResult:
    question: SurveyQuestion
    count: int = 0
    mean: float | None = None
    distribution: dict[int, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    survey: Survey
    responses: int
    invited: int
    shown: bool
    questions: list[QuestionResult]


def results(survey: Survey) -> Results:
    responses = survey.responses.count()
    invited = survey.invitations.count()
    by_question = {q.pk: QuestionResult(q) for q in survey.questions.all()}
    shown = responses >= SMALLEST_GROUP
    if shown:
        counts: dict[int, Counter[int]] = {}
        for question_id, number, text in Answer.objects.filter(question__survey=survey).values_list("question_id", "number", "text").order_by("question_id", "text"):
            item = by_question[question_id]
            item.count += 1
            if number is not None:
                counts.setdefault(question_id, Counter())[number] += 1
            elif text:
                item.texts.append(text)
        for question_id, counter in counts.items():
            item = by_question[question_id]
            item.distribution = dict(sorted(counter.items()))
            item.mean = sum(k * v for k, v in counter.items()) / sum(counter.values())
    return Results(survey, responses, invited, shown, list(by_question.values()))


def open_for(user: User) -> list[Survey]:
    now = timezone.now()
    return list(Survey.objects.filter(invitations__person__user=user, invitations__answered=False, opens_at__lte=now, closes_at__gt=now).order_by("closes_at"))

