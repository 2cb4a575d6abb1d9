"""Knowledge control's writes: the surface the pages, the API, the command line and other apps
call. Banks and tests are created here; the import of question files, attempts and grading
keep their own modules and are named here, so that nobody reaches into those."""

from typing import Any

from django.db import transaction

from eacademy.catalog.models import Programme
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.exams.attempts import make_slot
from eacademy.exams.bank import bank_import, questions_add
from eacademy.exams.formats import Answer, Criterion, Kind, Pair, QuestionData, TextFormat
from eacademy.exams.formats.cloze import parse as gaps_parse
from eacademy.exams.grading import fraction, gap_fractions
from eacademy.exams.models import Bank, BlueprintRule, Exam
from eacademy.exams.rules import require_author

# The question's shape (`QuestionData` and its parts) is what `questions_add` takes.
# An embedded-answers question's text and gaps come from Moodle's syntax (`gaps_parse`).
__all__ = ["Answer", "Criterion", "Kind", "Pair", "QuestionData", "TextFormat",
           "bank_create", "bank_import", "exam_create", "fraction", "gap_fractions", "gaps_parse", "make_slot", "questions_add"]


@transaction.atomic
def bank_create(*, actor: User, name: str, programme: Programme | None, description: str = "") -> Bank:
    require_author(actor)
    return save_by(Bank(name=name.strip(), programme=programme, description=description.strip()), actor)


@transaction.atomic
def exam_create(*, actor: User, rules: list[dict[str, Any]], **fields: Any) -> Exam:
    """A test on a course with the rules its questions are drawn by (each: category, difficulty,
    tag, count), written whole or not at all."""
    require_author(actor)
    exam = save_by(Exam(created_by=actor, **fields), actor)
    BlueprintRule.objects.bulk_create([BlueprintRule(exam=exam, **rule) for rule in rules])
    return exam
