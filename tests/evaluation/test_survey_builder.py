"""The survey builder: the methodologist makes a survey of any kind, asks its audience, and
the listeners who have not answered are reminded once before it closes."""

import datetime

import pytest
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.models import Notification
from eacademy.core.roles import Role
from eacademy.evaluation import surveys
from eacademy.evaluation.models import Invitation, Survey, SurveyQuestion

pytestmark = pytest.mark.django_db


def _climate(persona) -> Survey:
    now = timezone.now()
    return surveys.survey_create(actor=persona(Role.METHODOLOGIST), title="Климат в коллективе", kind="climate", audience="staff",
                                 opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=2))


def test_the_builder_makes_a_staff_climate_survey_and_asks_the_staff(persona, client_as):
    survey = _climate(persona)
    methodologist = persona(Role.METHODOLOGIST)
    page = client_as(Role.METHODOLOGIST)
    url = f"/evaluation/surveys/{survey.pk}/edit/"
    page.post(url, {"kind": "likert", "text": "В коллективе доверительная атмосфера", "required": "on"})
    page.post(url, {"kind": "choice", "text": "Ваш стаж в Академии", "choices": "до 3 лет\n3–10 лет\nболее 10 лет", "required": "on"})
    page.post(url, {"kind": "text", "text": "Что изменить?"})
    assert [(q.kind, q.choices) for q in survey.questions.all()] == [("likert", []), ("choice", ["до 3 лет", "3–10 лет", "более 10 лет"]), ("text", [])]
    assert not survey.questions.get(kind="text").required
    before = Notification.objects.count()
    response = page.post(f"/evaluation/surveys/{survey.pk}/invite/", follow=True)
    staff_count = survey.invitations.count()
    assert staff_count > 10 and f"{staff_count} people are asked" in response.content.decode()
    assert Notification.objects.count() - before == survey.invitations.filter(person__user__isnull=False).count()
    assert surveys.survey_invite(actor=methodologist, survey=survey) == 0  # asking again adds no one
    # A staff member answers the choice question with the index of a choice
    head = persona(Role.HEAD_OF_DEPARTMENT)
    answers = {q.pk: {"likert": "4", "choice": "1", "text": ""}[q.kind] for q in survey.questions.all()}
    surveys.survey_answer(user=head, survey=survey, answers=answers)
    with pytest.raises(DomainError, match="can no longer change"):
        surveys.question_add(actor=methodologist, survey=survey, kind="likert", text="Ещё вопрос")
    assert page.post(f"/evaluation/questions/{survey.questions.first().pk}/remove/", follow=True).status_code == 200
    assert survey.questions.count() == 3  # nothing removed once answered


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": ""}, "This field is required."),
    ({"closes_at": "2020-01-01T10:00"}, "must close after it opens"),
    ({"audience": "offering"}, "Choose the course exactly when"),
    ({"kind": "gossip"}, "Select a valid choice"),
])
def test_garbage_surveys_are_refused_with_a_message_and_nothing_is_created(client_as, fields, message):
    data = {"title": "Удовлетворённость", "kind": "satisfaction", "audience": "listeners", "opens_at": "2026-01-01T10:00", "closes_at": "2026-02-01T10:00", **fields}
    before = Survey.objects.count()
    response = client_as(Role.METHODOLOGIST).post("/evaluation/surveys/new/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert Survey.objects.count() == before


@pytest.mark.parametrize(("fields", "message"), [
    ({"text": ""}, "This field is required."),
    ({"kind": "choice", "choices": "только один"}, "at least two"),
    ({"kind": "text", "lecturer": "LECTURER"}, "rated on the scale"),
    ({"kind": "essay"}, "Select a valid choice"),
])
def test_garbage_questions_are_refused_and_nothing_is_added(persona, client_as, fields, message):
    survey = _climate(persona)
    if fields.get("lecturer") == "LECTURER":
        fields = {**fields, "lecturer": str(persona(Role.LECTURER).pk)}
    response = client_as(Role.METHODOLOGIST).post(f"/evaluation/surveys/{survey.pk}/edit/", {"kind": "likert", "text": "Вопрос", **fields})
    assert response.status_code == 200 and message in response.content.decode()
    assert not SurveyQuestion.objects.filter(survey=survey).exists()


def test_an_empty_survey_asks_no_one_and_only_builders_build(persona):
    survey = _climate(persona)
    with pytest.raises(DomainError, match="Add questions"):
        surveys.survey_invite(actor=persona(Role.METHODOLOGIST), survey=survey)
    with pytest.raises(DomainError, match="does not allow"):
        surveys.question_add(actor=persona(Role.LECTURER), survey=survey, kind="likert", text="?")
    assert not Invitation.objects.filter(survey=survey).exists()


def test_those_who_have_not_answered_are_reminded_once_before_closing(persona):
    survey = _climate(persona)
    surveys.question_add(actor=persona(Role.METHODOLOGIST), survey=survey, kind="likert", text="Доверие")
    surveys.survey_invite(actor=persona(Role.METHODOLOGIST), survey=survey)
    head = persona(Role.HEAD_OF_DEPARTMENT)
    surveys.survey_answer(user=head, survey=survey, answers={survey.questions.get().pk: "5"})
    waiting = survey.invitations.filter(answered=False).count()
    assert surveys.surveys_remind(timezone.now() - datetime.timedelta(days=2)) == 0  # not yet: closes in more than three days
    assert surveys.surveys_remind() == waiting
    assert not Notification.objects.filter(user=head, message__contains="closes soon").exists()
    assert surveys.surveys_remind() == 0  # once
