"""Question banks: import (all or nothing, with a report), export, revision into new versions,
key correction with regrading."""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.uploads import check_size
from eacademy.exams.attempts import regrade_version
from eacademy.exams.formats import (
    Answer,
    CategoryInfo,
    Criterion,
    Display,
    Gap,
    Kind,
    Pair,
    QuestionData,
    ReadResult,
    TextFormat,
    Unsupported,
    files,
)
from eacademy.exams.formats.checks import check
from eacademy.exams.models import Bank, BlueprintRule, Category, Exam, Question, QuestionFile, QuestionVersion
from eacademy.exams.rules import require_author

_COLUMNS = ("kind", "name", "text", "default_mark", "difficulty", "tags", "files", "position", "category")


def version_fields(data: QuestionData) -> dict[str, object]:
    content = {k: v for k, v in dataclasses.asdict(data).items() if k not in _COLUMNS}
    return {"kind": data.kind.value, "name": data.name[:300], "text": data.text, "default_mark": data.default_mark,
            "difficulty": data.difficulty, "tags": data.tags, "content": content}


def _answers(rows: list[dict]) -> list[Answer]:
    return [Answer(**{**a, "format": TextFormat(a["format"])}) for a in rows]


def question_data(version: QuestionVersion, category: str = "", with_files: bool = True) -> QuestionData:
    c = dict(version.content)
    return QuestionData(
        kind=Kind(version.kind), name=version.name, text=version.text, default_mark=version.default_mark, difficulty=version.difficulty,
        tags=list(version.tags), category=category, text_format=TextFormat(c.get("text_format", "html")),
        general_feedback=c.get("general_feedback", ""), penalty=c.get("penalty", 0.0),
        answers=_answers(c.get("answers", [])),
        gaps=[Gap(**{**g, "kind": Kind(g["kind"]), "display": Display(g["display"]), "answers": _answers(g["answers"])}) for g in c.get("gaps", [])],
        pairs=[Pair(**{**p, "format": TextFormat(p["format"])}) for p in c.get("pairs", [])],
        shuffle=c.get("shuffle", True), case_sensitive=c.get("case_sensitive", False),
        feedback_correct=c.get("feedback_correct", ""), feedback_partial=c.get("feedback_partial", ""),
        feedback_incorrect=c.get("feedback_incorrect", ""), rubric=[Criterion(**r) for r in c.get("rubric", [])],
        grader_info=c.get("grader_info", ""), idnumber=c.get("idnumber", ""),
        files={f.name: bytes(f.content) for f in version.files.all()} if with_files else {},
        position=_("question %(id)s") % {"id": version.question_id},
    )


@dataclass
class ImportReport:
    imported: int = 0
    categories_created: int = 0
    unsupported: list[Unsupported] = field(default_factory=list)


def _categories(bank: Bank, paths: Iterable[str], infos: dict[str, CategoryInfo]) -> tuple[dict[str, Category], int]:
    """Every category on the paths, parents included, created when missing."""
    wanted: set[str] = set()
    for path in paths:
        parts = path.replace("//", "\x00").split("/") if path else []
        wanted.update("/".join(parts[:i]).replace("\x00", "//") for i in range(len(parts) + 1))
    existing = {c.path: c for c in bank.categories.filter(path__in=wanted)}
    new = [Category(bank=bank, path=p, info=infos.get(p, CategoryInfo(p)).info, idnumber=infos.get(p, CategoryInfo(p)).idnumber)
           for p in sorted(wanted - existing.keys())]
    Category.objects.bulk_create(new)
    created = {c.path: c for c in bank.categories.filter(path__in=[c.path for c in new])}
    return existing | created, len(new)


def questions_add(bank: Bank, questions: list[QuestionData], actor: User, infos: dict[str, CategoryInfo] | None = None) -> tuple[list[Question], int]:
    """Bulk-create questions with their first versions and files."""
    categories, created = _categories(bank, (q.category for q in questions), infos or {})
    start = (bank.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    rows = Question.objects.bulk_create(
        [Question(bank=bank, category=categories[q.category], position=start + i) for i, q in enumerate(questions)]
    )
    versions = [QuestionVersion(question=row, number=1, created_by=actor, **version_fields(q)) for row, q in zip(rows, questions, strict=True)]
    versions = bulk_create_with_history(versions, QuestionVersion, default_user=actor)
    if not all(v.pk for v in versions):  # backends that do not return ids (none of ours, but be sure)
        versions = list(QuestionVersion.objects.filter(question__in=rows).order_by("question_id"))
    for row, version in zip(rows, versions, strict=True):
        row.current = version
    Question.objects.bulk_update(rows, ["current"])
    QuestionFile.objects.bulk_create(
        [QuestionFile(version=v, name=name, content=content) for v, q in zip(versions, questions, strict=True) for name, content in q.files.items()]
    )
    return rows, created


def upload_kind(file_format: str) -> str:
    """Which upload limit a question file falls under."""
    return "spreadsheet" if file_format == "xlsx" else "questions"


def bank_import(bank: Bank, data: bytes, file_format: str, actor: User) -> ImportReport:
    """Read the whole file first: a malformed file changes nothing and names the fault."""
    require_author(actor)
    return questions_import(bank, questions_read(data, file_format), actor)


def questions_read(data: bytes, file_format: str) -> ReadResult:
    """A question file checked and read whole, without the database: its size first, then
    every question (a fault names its line)."""
    check_size(len(data), upload_kind(file_format))
    return files.read(data, file_format)


def questions_import(bank: Bank, result: ReadResult, actor: User) -> ImportReport:
    require_author(actor)
    with transaction.atomic():
        rows, created = questions_add(bank, result.questions, actor, {c.path: c for c in result.categories})
    return ImportReport(len(rows), created, result.unsupported)


def bank_questions(bank: Bank) -> list[QuestionData]:
    questions = bank.questions.filter(archived=False).select_related("current", "category").prefetch_related("current__files")
    return [question_data(q.current, q.category.path) for q in questions.order_by("category__path", "position", "id") if q.current]


def bank_export(bank: Bank, file_format: str) -> tuple[bytes, list[Unsupported]]:
    infos = {c.path: CategoryInfo(c.path, c.info, c.idnumber) for c in bank.categories.all()}
    return files.write(bank_questions(bank), file_format, infos)


@transaction.atomic
def question_write(*, actor: User, bank: Bank, data: QuestionData, exam: Exam | None = None) -> Question:
    """A question written in the browser, in its bank; with `exam`, every listener of that test
    gets it (a test someone has begun keeps the questions it had)."""
    require_author(actor)
    check(data)
    if exam is not None and exam.attempts.exists():
        raise DomainError(_("Listeners have begun this test: its questions can no longer change."))
    (question,), _created = questions_add(bank, [data], actor)
    if exam is not None:
        BlueprintRule.objects.create(exam=exam, category=question.category, question=question, count=1)
    return question


def question_revise(question: Question, data: QuestionData, actor: User) -> QuestionVersion:
    """Save a changed question: a version no attempt has used is changed in place; otherwise a
    new version is made, and attempts keep the version they saw."""
    require_author(actor)
    check(data)
    current = QuestionVersion.objects.select_for_update().get(question=question, pk=question.current_id or 0)
    fields = version_fields(data)
    if not current.slots.exists():
        for name, value in fields.items():
            setattr(current, name, value)
        save_by(current, actor)
        return current
    version = QuestionVersion(question=question, number=current.number + 1, created_by=actor, **fields)
    save_by(version, actor)
    QuestionFile.objects.bulk_create([QuestionFile(version=version, name=f.name, content=f.content) for f in current.files.all()])
    question.current = version
    question.save(update_fields=["current"])
    return version


@transaction.atomic
def key_correct(version: QuestionVersion, answers: list[Answer], actor: User) -> int:
    """Correct the key of a version attempts have used (the shares of the mark, accepted
    answers, tolerances): what listeners saw stays as it was, and their attempts are regraded,
    with history. Returns how many graded answers changed."""
    require_author(actor)
    data = question_data(version, with_files=False)
    if data.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE) and [a.text for a in answers] != [a.text for a in data.answers]:
        raise DomainError(_("A key correction may change the grades of the choices, not their texts."))
    if data.kind in (Kind.ESSAY, Kind.MATCHING, Kind.DESCRIPTION, Kind.CLOZE):
        raise DomainError(_("This type of question has no key to correct here: edit the question instead."))
    data.answers = answers
    check(data)
    version.content = version_fields(data)["content"]
    save_by(version, actor, update_fields=["content"])
    return regrade_version(version.pk, actor)
