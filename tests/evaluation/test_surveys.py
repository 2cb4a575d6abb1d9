"""Must show 2: survey anonymity — no query path links an answer to a person. Checked on the
schema (every relation reachable from an answer), on what is stored (no time, random ids, no
history), and on behaviour (the results page shows aggregates only, from three responses)."""

import pytest
from django.apps import apps
from django.db import models

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.evaluation import surveys
from eacademy.evaluation.models import Answer, Invitation, Response, Survey

pytestmark = pytest.mark.django_db
# Respondents are people (through their invitation or enrollment). A forward path can reach
# staff users (the course's approver, a lecturer rated), never who answered.
IDENTIFYING = {"people.person", "evaluation.invitation", "enrollment.enrollment", "enrollment.application", "exams.attempt"}


def _reachable(model: type[models.Model]) -> set[str]:
    """Every model a query can reach from `model` by following foreign keys forward."""
    seen: set[str] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        for field in current._meta.get_fields():
            if field.is_relation and field.many_to_one or (field.is_relation and field.one_to_one and field.concrete):
                target = field.related_model
                label = target._meta.label_lower
                if label not in seen:
                    seen.add(label)
                    todo.append(target)
    return seen


def test_no_query_path_leads_from_an_answer_to_a_person():
    for model in (Response, Answer):
        reachable = _reachable(model)
        # A survey may point to its course, and the course to its listeners' records only by reverse relations.
        assert not (reachable & IDENTIFYING), (model, reachable & IDENTIFYING)
    # Nor does anything identifying point to a response or an answer.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in (Response, Answer):
                assert model in (Answer,), f"{model._meta.label} points to {field.related_model._meta.label}"


def test_what_is_stored_carries_no_time_no_order_and_no_history():
    for model in (Response, Answer, Invitation):
        assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in model._meta.concrete_fields), model
        assert not hasattr(model, "history"), model
    for model in (Response, Answer):
        assert isinstance(model._meta.pk, models.UUIDField)  # random: the order of arrival is not kept
    assert not any(m._meta.app_label == "evaluation" and m.__name__.removeprefix("Historical") in {"Response", "Answer", "Invitation"} and "Historical" in m.__name__
                   for m in apps.get_models())


def test_answers_are_kept_without_the_person_and_results_show_from_three(client_as, persona):
    survey = Survey.objects.get(offering__enrollments__person__user=persona(Role.LISTENER), offering__enrollments__status="completed")
    questions = list(survey.questions.all())
    client = client_as(Role.LISTENER)
    assert survey.title in client.get("/evaluation/surveys/").content.decode()
    form = {f"q{q.pk}": ("Больше практики" if q.kind == "text" else "4") for q in questions}
    client.post(survey.get_absolute_url(), form)
    assert survey.responses.count() == 1 and Invitation.objects.get(survey=survey, person__user=persona(Role.LISTENER)).answered
    again = client.post(survey.get_absolute_url(), form, follow=True)
    assert "already answered" in again.content.decode() and survey.responses.count() == 1
    results = client_as(Role.METHODOLOGIST).get(f"{survey.get_absolute_url()}results/").content.decode()
    assert "from three responses" in results and "Больше практики" not in results  # one response: nothing shown
    for invitation in Invitation.objects.filter(survey=survey, answered=False).select_related("person")[:2]:
        surveys.survey_answer(user=_user_for(invitation.person), survey=survey, answers={q.pk: "5" if q.kind == "likert" else "" for q in questions})
    shown = surveys.results(survey)
    assert shown.shown and shown.responses == 3
    first = shown.questions[0]
    assert first.count == 3 and first.mean == pytest.approx((4 + 5 + 5) / 3) and first.distribution == {4: 1, 5: 2}


def _user_for(person):
    from eacademy.core.models import User

    user = User.objects.create(username=f"p{person.pk}")
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.mark.parametrize("value", ["0", "6", "abc", ""])
def test_garbage_answers_are_refused_and_nothing_is_stored(client_as, persona, value):
    survey = Survey.objects.get(offering__enrollments__person__user=persona(Role.LISTENER), offering__enrollments__status="completed")
    answers = {q.pk: value if q.kind == "likert" else "" for q in survey.questions.all()}
    with pytest.raises(DomainError):
        surveys.survey_answer(user=persona(Role.LISTENER), survey=survey, answers=answers)
    assert survey.responses.count() == 0 and not Invitation.objects.get(survey=survey, person__user=persona(Role.LISTENER)).answered


def test_only_the_invited_answer(persona):
    survey = Survey.objects.filter(kind="course").first()
    with pytest.raises(DomainError, match="not for you"):
        surveys.survey_answer(user=persona(Role.LECTURER), survey=survey, answers={})
