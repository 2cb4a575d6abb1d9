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
