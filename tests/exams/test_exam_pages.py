"""Banks and tests are created through the app's services from their pages: who created them is
in the history, and a test with its draw rules is written whole or not at all."""

import pytest

from eacademy.core.roles import Role
from eacademy.exams.models import Bank, BlueprintRule, Exam

pytestmark = pytest.mark.django_db


def _rules(category_id: int, count: str = "3") -> dict[str, str]:
    return {"rules-TOTAL_FORMS": "3", "rules-INITIAL_FORMS": "0", "rules-MIN_NUM_FORMS": "1", "rules-MAX_NUM_FORMS": "1000",
            "rules-0-category": str(category_id), "rules-0-difficulty": "", "rules-0-tag": "", "rules-0-count": count}


def test_a_methodologist_creates_a_bank_and_a_test_with_its_rules(client_as, persona) -> None:
    client = client_as(Role.METHODOLOGIST)
    assert client.post("/exams/banks/", {"name": "Қылмыстық процесс 2027", "description": ""}).status_code == 302
    bank = Bank.objects.get(name="Қылмыстық процесс 2027")
    assert bank.history.get().history_user == persona(Role.METHODOLOGIST)
    model = Exam.objects.get(purpose="input", offering__enrollments__person__user__username="listener")
    category = model.rules.first().category
    form = {"title": "Аралық бақылау", "offering": model.offering_id, "group": "", "purpose": "output", "time_limit_minutes": "20",
            "attempts_allowed": "1", "opens_at": "2027-01-10T09:00", "closes_at": "2027-01-20T18:00", "shuffle_answers": "on", "pass_percent": "60",
            "review_score": "after_submit", "review_responses": "after_submit", "review_correct": "after_close", **_rules(category.pk)}
    assert client.post("/exams/new/", form).status_code == 302
    exam = Exam.objects.get(title="Аралық бақылау")
    assert exam.created_by == persona(Role.METHODOLOGIST) and exam.history.get().history_user == exam.created_by
    assert list(BlueprintRule.objects.filter(exam=exam).values_list("category_id", "count")) == [(category.pk, 3)]
    refused = client.post("/exams/new/", {**form, "title": "Бұзылған", "closes_at": "2027-01-01T09:00"})
    assert refused.status_code == 200 and not Exam.objects.filter(title="Бұзылған").exists()


def test_a_test_s_limits_are_refused_at_their_fields_not_as_constraint_names(client_as) -> None:
    client = client_as(Role.METHODOLOGIST)
    model = Exam.objects.get(purpose="input", offering__enrollments__person__user__username="listener")
    form = {"title": "Шектеулер", "offering": model.offering_id, "group": "", "purpose": "output", "time_limit_minutes": "0",
            "attempts_allowed": "1", "opens_at": "2027-01-10T09:00", "closes_at": "2027-01-20T18:00", "pass_percent": "500",
            "review_score": "after_submit", "review_responses": "after_submit", "review_correct": "after_close", **_rules(model.rules.first().category_id, "0")}
    page = client.post("/exams/new/", form)
    html = page.content.decode()
    assert page.status_code == 200 and not Exam.objects.filter(title="Шектеулер").exists()
    assert set(page.context["form"].errors) == {"time_limit_minutes", "pass_percent"}
    assert page.context["rules"].forms[0].errors["count"]
    assert "exams_exam" not in html and "Please submit" not in html


def _question(category: str, **fields: str) -> dict[str, str]:
    return {"kind": "single", "category": category, "name": "Сот сараптамасы", "text_kk": "Сот сараптамасын кім тағайындайды?",
            "text_ru": "Кто назначает судебную экспертизу?", "text_en": "", "default_mark": "1", "difficulty": "2", "tags": "",
            "answer_0": "Тергеуші", "grade_0": "1.0000000", "answer_1": "Куәгер", "grade_1": "0.0000000", "true_is_correct": "1", "tolerance": "0",
            **{f"grade_{i}": "0.0000000" for i in range(2, 6)}, **fields}


def test_a_methodologist_writes_a_question_and_every_listener_of_the_test_gets_it(client_as) -> None:
    from eacademy.exams.attempts import _draw
    from eacademy.exams.models import Question

    client = client_as(Role.METHODOLOGIST)
    model = Exam.objects.get(purpose="input", offering__enrollments__person__user__username="listener")
    category = model.rules.first().category
    exam = Exam.objects.create(title="Қорытынды тест", offering=model.offering, purpose="output", time_limit_minutes=20, opens_at=model.opens_at,
                               closes_at=model.closes_at, created_by=model.created_by)
    BlueprintRule.objects.create(exam=exam, category=category, count=category.questions.count())  # the whole category, new question included
    page = client.get(f"/exams/banks/{category.bank_id}/questions/new/")
    assert page.status_code == 200 and "Single choice" in page.content.decode() and exam in page.context["form"].fields["exam"].queryset
    assert model not in page.context["form"].fields["exam"].queryset  # listeners have begun it: its questions stay as they were
    saved = client.post(f"/exams/banks/{category.bank_id}/questions/new/", _question(category.path, exam=str(exam.pk)), follow=True)
    question = Question.objects.get(current__name="Сот сараптамасы")
    assert saved.redirect_chain[-1][0] == exam.get_absolute_url() and "Сот сараптамасы" in saved.content.decode()
    assert question.current.get_kind_display() == "Single choice" and question.category == category
    assert question.current.content["answers"][0]["fraction"] == 1.0
    for _ in range(3):  # the narrower rule (this question) is drawn first, the category's rule takes the others
        drawn = _draw(exam)
        assert question in drawn and len(drawn) == len({q.pk for q in drawn}) == category.questions.count()


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"answer_0": "", "answer_1": ""}, "answer_0", "Write the answers"),
    ({"name": ""}, "name", "required"),
    ({"text_kk": "", "text_ru": ""}, None, "at least one language"),
    ({"grade_0": "0.0000000"}, None, "no answer worth the full mark"),
    ({"kind": "numerical", "answer_0": "екі"}, "answer_0", "is a number"),
    ({"kind": "matching"}, "kind", "valid choice"),
    ({"kind": "cloze", "text_kk": "", "text_ru": "Прокурор {1:MC:=протест}"}, "text_ru", "has only one choice"),
])
def test_a_wrong_question_is_refused_with_its_reason_and_nothing_is_saved(client_as, fields, field, message) -> None:
    from eacademy.exams.models import Question

    client = client_as(Role.METHODOLOGIST)
    bank = Bank.objects.get(name__contains="Уголовный процесс")
    before = Question.objects.count()
    page = client.post(f"/exams/banks/{bank.pk}/questions/new/", _question("Тест", **fields))
    assert page.status_code == 422 and Question.objects.count() == before
    errors = page.context["form"].errors
    assert message in " ".join(errors.get(field or "__all__", [])), errors
    assert client_as(Role.LISTENER).get(f"/exams/banks/{bank.pk}/questions/new/").status_code == 403
