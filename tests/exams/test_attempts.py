"""Attempts: server-kept time, acknowledged and idempotent saves, closing at the deadline,
grading, review policy, regrading after a key correction — enforced on the server."""

import datetime
import json

import pytest
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.exams import attempts, bank
from eacademy.exams.formats import Answer, Kind
from eacademy.exams.models import Attempt, Exam, Slot
from eacademy.exams.tasks import close_attempt
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam():
    return Exam.objects.get(purpose="input", offering__enrollments__person__user__username="listener")


@pytest.fixture
def listener_client(client_as):
    return client_as(Role.LISTENER)


def _start(client, exam) -> Attempt:
    response = client.post(f"/exams/{exam.pk}/start/")
    assert response.status_code == 302
    return Attempt.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def _save(client, attempt, position, seq, response):
    return client.post(f"/exams/attempts/{attempt.pk}/answers/{position}/", json.dumps({"seq": seq, "response": response}), content_type="application/json")


def _right(slot: Slot) -> dict:
    return _right_answer(slot.kind, slot.version.content)


def _right_answer(kind: str, content: dict) -> dict:
    answers = content.get("answers", [])
    if kind == Kind.CLOZE:
        return {"gaps": {str(n): _right_answer(gap["kind"], gap) for n, gap in enumerate(content["gaps"], start=1)}}
    if kind == Kind.SINGLE:
        return {"choice": max(range(len(answers)), key=lambda i: answers[i]["fraction"])}
    if kind == Kind.MULTIPLE:
        return {"choices": [i for i, a in enumerate(answers) if a["fraction"] > 0]}
    if kind == Kind.TRUE_FALSE:
        return {"value": next(a["text"] == "true" for a in answers if a["fraction"] == 1)}
    if kind == Kind.MATCHING:
        return {"pairs": {str(i): p["answer"] for i, p in enumerate(p for p in content["pairs"] if p["prompt"])}}
    if kind == Kind.ESSAY:
        return {"text": "Следственный судья санкционирует меры пресечения."}
    return {"text": answers[0]["text"] if kind == Kind.SHORT else "2"}


def test_the_page_never_carries_the_key_before_review(listener_client, exam):
    attempt = _start(listener_client, exam)
    page = listener_client.get(attempt.get_absolute_url()).content.decode()
    assert attempt.slots.count() == 13
    assert "fraction" not in page and "tolerance" not in page and "Correct answer" not in page
    assert 'data-remaining="' in page


def test_every_acknowledged_answer_is_kept_and_an_older_save_never_wins(listener_client, exam):
    attempt = _start(listener_client, exam)
    slot = attempt.slots.get(kind=Kind.SINGLE, version__name="УПК: принятие")
    assert _save(listener_client, attempt, slot.position, 1, {"choice": 1}).json() == {"seq": 1, "stale": False}
    assert _save(listener_client, attempt, slot.position, 2, {"choice": 0}).json() == {"seq": 2, "stale": False}
    assert _save(listener_client, attempt, slot.position, 2, {"choice": 0}).json() == {"seq": 2, "stale": False}  # repeated: idempotent
    assert _save(listener_client, attempt, slot.position, 1, {"choice": 1}).json() == {"seq": 2, "stale": True}  # late: ignored
    slot.refresh_from_db()
    assert (slot.seq, slot.response) == (2, {"choice": 0})


@pytest.mark.parametrize(
    "body",
    [b"not json", b'{"seq": 1}', b'{"seq": "1", "response": {"choice": 0}}', b'{"seq": 1, "response": {"choice": 99}}',
     b'{"seq": 1, "response": {"text": "wrong family"}}', b'{"seq": 1, "response": {"choice": 0, "choices": [1]}}', b'{"seq": -4, "response": {"choice": 0}}'],
)
def test_garbage_is_refused_with_a_message_and_nothing_changes(listener_client, exam, body):
    attempt = _start(listener_client, exam)
    slot = attempt.slots.get(version__name="УПК: принятие")
    response = listener_client.post(f"/exams/attempts/{attempt.pk}/answers/{slot.position}/", body, content_type="application/json")
    assert response.status_code == 422 and response.json()["error"]
    slot.refresh_from_db()
    assert (slot.seq, slot.response) == (0, None)


def test_nobody_answers_for_another(client_as, listener_client, exam):
    attempt = _start(listener_client, exam)
    for role in (Role.LECTURER, Role.ADMINISTRATOR, Role.METHODOLOGIST):
        assert _save(client_as(role), attempt, 1, 1, {"choice": 0}).status_code == 404
        assert client_as(role).get(attempt.get_absolute_url()).status_code == 404
    assert attempt.slots.filter(seq__gt=0).count() == 0


def test_the_server_keeps_time_and_refuses_a_late_save(listener_client, exam, settings):
    attempt = _start(listener_client, exam)
    assert 29 * 60 <= listener_client.get(f"/exams/attempts/{attempt.pk}/clock/").json()["remaining"] <= 30 * 60
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=settings.EXAM_GRACE_SECONDS - 5))
    assert _save(listener_client, attempt, 1, 1, _right(attempt.slots.get(position=1))).status_code == 200  # within the grace period
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=settings.EXAM_GRACE_SECONDS + 1))
    late = _save(listener_client, attempt, 2, 1, {"choice": 0})
    assert late.status_code == 409 and "Time is over" in late.json()["error"]


def test_the_worker_closes_and_grades_at_the_deadline_and_never_early(listener_client, exam, settings):
    attempt = _start(listener_client, exam)
    for slot in attempt.slots.select_related("version"):
        _save(listener_client, attempt, slot.position, 1, _right(slot))
    assert close_attempt.call(attempt.pk) == Attempt.Status.IN_PROGRESS  # woke before the deadline: nothing happens
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=settings.EXAM_GRACE_SECONDS + 1))
    assert attempts.close_overdue() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.AWAITING_GRADING and attempt.closed_by_deadline  # the essay waits for a grader
    assert attempt.slots.exclude(kind=Kind.ESSAY).filter(fraction=1.0).count() == 12
    # the worker's change names the system user, never nobody
    assert attempt.history.latest().history_user.username == "e-academy"
    assert {s.history.latest().history_user.username for s in attempt.slots.exclude(kind=Kind.ESSAY)} == {"e-academy"}
    reopened = _save(listener_client, attempt, 1, 2, {"choice": 0})
    assert reopened.status_code == 409 and "closed" in reopened.json()["error"]


def test_finish_grade_the_essay_by_rubric_and_review_as_the_policy_says(listener_client, client_as, persona, exam):
    attempt = _start(listener_client, exam)
    for slot in attempt.slots.select_related("version"):
        _save(listener_client, attempt, slot.position, 1, _right(slot))
    listener_client.post(f"/exams/attempts/{attempt.pk}/finish/")
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.AWAITING_GRADING
    essay = attempt.slots.get(kind=Kind.ESSAY)
    lecturer = client_as(Role.LECTURER)
    assert f"/exams/grading/{essay.pk}/" in lecturer.get("/exams/grading/").content.decode()
    assert lecturer.post(f"/exams/grading/{essay.pk}/", {"points": "1 0.5 9", "comment": ""}).status_code == 200  # 9 > 1: refused
    essay.refresh_from_db()
    assert essay.fraction is None
    assert lecturer.post(f"/exams/grading/{essay.pk}/", {"points": "1 0.5 1", "comment": "Хорошо"}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.score == pytest.approx(attempt.max_score - 0.5)
    assert essay.history.first().history_user == persona(Role.LECTURER)
    review = listener_client.get(attempt.get_absolute_url()).content.decode()
    assert 'data-testid="score"' in review  # after submit
    assert "Correct answer" not in review  # only after the test closes
    Exam.objects.filter(pk=exam.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1), opens_at=timezone.now() - datetime.timedelta(days=2))
    assert "Correct answer" in listener_client.get(attempt.get_absolute_url()).content.decode()


def test_a_key_correction_regrades_with_history(listener_client, persona, exam):
    attempt = _start(listener_client, exam)
    slot = attempt.slots.select_related("version").get(version__name="УПК: принятие")
    _save(listener_client, attempt, slot.position, 1, {"choice": 1})  # "1997": wrong under the key
    listener_client.post(f"/exams/attempts/{attempt.pk}/finish/")
    slot.refresh_from_db()
    assert slot.fraction == 0.0
    answers = [Answer(a["text"], 1.0 if i == 1 else 0.0) for i, a in enumerate(slot.version.content["answers"])]
    methodologist = persona(Role.METHODOLOGIST)
    assert bank.key_correct(slot.version, answers, methodologist) >= 1  # ours, and the demo attempts on this version
    slot.refresh_from_db()
    assert slot.fraction == 1.0
    assert slot.history.first().history_user == methodologist
    with pytest.raises(DomainError):
        bank.key_correct(slot.version, [Answer("changed text", 1.0), *answers[1:]], methodologist)


def test_editing_a_used_question_makes_a_new_version(listener_client, persona, exam):
    attempt = _start(listener_client, exam)
    slot = attempt.slots.select_related("version__question").get(version__name="УПК: принятие")
    data = bank.question_data(slot.version)
    data.text = "Когда принят действующий УПК Республики Казахстан?"
    new = bank.question_revise(slot.version.question, data, persona(Role.METHODOLOGIST))
    assert new.number == 2 and new.pk != slot.version_id
    slot.refresh_from_db()
    assert slot.version.number == 1  # the attempt keeps what the listener saw


def test_only_enrolled_listeners_take_the_test_and_attempts_are_counted(client_as, listener_client, persona, exam):
    refused = client_as(Role.EXPERT).post(f"/exams/{exam.pk}/start/", follow=True)
    assert refused.status_code == 404  # not among the tests he may see
    first = _start(listener_client, exam)
    assert _start(listener_client, exam) == first  # an open attempt resumes
    listener_client.post(f"/exams/attempts/{first.pk}/finish/")
    second = _start(listener_client, exam)
    assert second.number == 2
    listener_client.post(f"/exams/attempts/{second.pk}/finish/")
    with pytest.raises(DomainError, match="all 2 attempts"):
        attempts.attempt_start(exam, persona(Role.LISTENER))


def test_the_exam_page_shows_item_analysis_and_gains(client_as, exam):
    page = client_as(Role.METHODOLOGIST).get(exam.get_absolute_url()).content.decode()
    assert "Rasch" in page and "Normalised gain of the group" in page and "Cronbach" in page


def test_page_queries_do_not_grow_with_questions(listener_client, client_as, exam):
    attempt = _start(listener_client, exam)
    few = page_queries(listener_client, attempt.get_absolute_url())
    exam_page = page_queries(client_as(Role.METHODOLOGIST), exam.get_absolute_url())
    Exam.objects.filter(pk=exam.pk).update(attempts_allowed=3)
    listener_client.post(f"/exams/attempts/{attempt.pk}/finish/")
    assert attempt.slots.count() == 13
    # More attempts in the analysis, and the listener's second attempt: same counts.
    second = _start(listener_client, exam)
    assert page_queries(listener_client, second.get_absolute_url()) == few
    assert page_queries(client_as(Role.METHODOLOGIST), exam.get_absolute_url()) == exam_page


def test_a_late_save_is_refused_in_the_listeners_language(listener_client, persona, exam, settings):
    user = persona(Role.LISTENER)
    user.language = "kk"
    user.save(update_fields=["language"])
    attempt = _start(listener_client, exam)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=settings.EXAM_GRACE_SECONDS + 1))
    late = _save(listener_client, attempt, 1, 1, {"choice": 0})
    assert late.status_code == 409 and late.json()["error"] == "Уақыт бітті: бұл жауап мерзімнен кейін келді және сақталмады."


@pytest.mark.parametrize(("language", "message"), [("ru", "Напишите здесь число"), ("kk", "Мұнда сан жазыңыз"), ("en", "Write a number here")])
def test_a_numerical_answer_that_is_not_a_number_is_refused_in_the_listeners_language(listener_client, persona, exam, language, message):
    user = persona(Role.LISTENER)
    user.language = language
    user.save(update_fields=["language"])
    attempt = _start(listener_client, exam)
    slot = attempt.slots.filter(kind="numerical").first()
    assert slot is not None, "the demo's test draws a numerical question"
    refused = _save(listener_client, attempt, slot.position, 1, {"text": "abc"})
    assert refused.status_code == 422 and refused.json()["error"].startswith(message)
    slot.refresh_from_db()
    assert (slot.seq, slot.response) == (0, None)
    for seq, text in enumerate(["12,5", " 1 250 ", ""], start=2):  # a decimal comma, a thousands space, a cleared answer
        assert _save(listener_client, attempt, slot.position, seq, {"text": text}).status_code == 200


def test_a_blueprint_draws_by_tag_and_difficulty(listener_client, persona, exam):
    rule = exam.rules.first()
    rule.difficulty, rule.count = 2, 1
    rule.save()
    exam.rules.exclude(pk=rule.pk).delete()
    attempt = _start(listener_client, exam)
    (slot,) = attempt.slots.select_related("version")
    assert slot.version.difficulty == 2 and slot.version.question.category_id == rule.category_id
    rule.tag, rule.difficulty = "no-such-tag", None
    rule.save()
    listener_client.post(f"/exams/attempts/{attempt.pk}/finish/")
    with pytest.raises(DomainError, match="the test asks for 1"):
        attempts.attempt_start(exam, persona(Role.LISTENER))


def test_the_question_page_edits_into_a_new_version_and_corrects_the_key(listener_client, client_as, exam):
    attempt = _start(listener_client, exam)
    slot = attempt.slots.select_related("version__question").get(version__name="УПК: принятие")
    _save(listener_client, attempt, slot.position, 1, {"choice": 1})
    listener_client.post(f"/exams/attempts/{attempt.pk}/finish/")
    question = slot.version.question
    methodologist = client_as(Role.METHODOLOGIST)
    assert 'name="grade_0"' in methodologist.get(question.get_absolute_url()).content.decode()
    grades = {f"grade_{i}": "0.0000000" for i in range(4)} | {"grade_1": "1.0000000"}
    methodologist.post(question.get_absolute_url(), grades)
    slot.refresh_from_db()
    assert slot.fraction == 1.0
    refused = methodologist.post(question.get_absolute_url(), {"name": "x", "default_mark": "1", "text_kk": "", "text_ru": "", "text_en": ""})
    assert "at least one language" in refused.content.decode()
    methodologist.post(question.get_absolute_url(), {"name": "УПК", "default_mark": "2", "difficulty": "2", "tags": "law, upk",
                                                     "text_kk": "ҚПК қашан қабылданды?", "text_ru": "Когда принят УПК?", "text_en": ""})
    question.refresh_from_db()
    assert (question.current.number, question.current.default_mark, question.current.tags) == (2, 2.0, ["law", "upk"])
    assert question.current.text == '<span lang="kk" class="multilang">ҚПК қашан қабылданды?</span><span lang="ru" class="multilang">Когда принят УПК?</span>'


def test_the_api_lists_tests_attempts_and_analysis(client_as, exam):
    listener = client_as(Role.LISTENER).get("/api/v1/exams/").json()
    assert {e["purpose"] for e in listener} == {"input", "output", "current"}  # his course's tests, the one being prepared included
    analysed = client_as(Role.LECTURER).get(f"/api/v1/exams/{exam.pk}/analysis/").json()
    assert analysed["test"]["attempts"] == 14 and len(analysed["items"]) == 13 and analysed["gains"]["listeners"] == 14
    assert len(client_as(Role.LECTURER).get(f"/api/v1/exams/{exam.pk}/attempts/").json()) == 14
    assert client_as(Role.LISTENER).get(f"/api/v1/exams/{exam.pk}/attempts/").status_code == 403


def test_the_analysis_page_does_not_query_per_question(client_as, exam):
    from eacademy.exams.models import BlueprintRule

    methodologist = client_as(Role.METHODOLOGIST)
    with_all = page_queries(methodologist, exam.get_absolute_url())
    # The same test analysed over fewer questions: as many queries.
    kept = exam.rules.order_by("pk").first()
    Slot.objects.filter(attempt__exam=exam).exclude(version__question__category=kept.category).delete()
    BlueprintRule.objects.filter(exam=exam).exclude(pk=kept.pk).delete()
    assert page_queries(methodologist, exam.get_absolute_url()) == with_all
