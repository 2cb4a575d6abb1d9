"""The Excel template for methodologists: one question per row. The question text may be
given in Kazakh, Russian and English (it is then stored as Moodle's multi-language text);
up to eight answers, each with its share of the mark in percent."""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from eacademy.core.documents import sheet_append
from eacademy.core.errors import DomainError
from eacademy.core.multilang import join_languages, split_languages
from eacademy.core.uploads import read_rows
from eacademy.exams.formats import (
    Answer,
    FormatError,
    Kind,
    Pair,
    QuestionData,
    ReadResult,
    TextFormat,
    Unsupported,
    cloze,
    split_difficulty,
    with_difficulty,
)
from eacademy.exams.formats.checks import check

MAX_ANSWERS = 8
COLUMNS = ["category", "name", "type", "text_kk", "text_ru", "text_en", "mark", "difficulty", "tags", "general_feedback"]
COLUMNS += [f"{part}_{i}" for i in range(1, MAX_ANSWERS + 1) for part in ("answer", "percent")]
MAX_ROWS = 5_000  # questions in one file
MAX_COLUMNS = 64
_KIND_NAMES = {k.value for k in Kind}
_LANGUAGES = ("kk", "ru", "en")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(text: str, where: str, column: str, default: float) -> float:
    if not text:
        return default
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise FormatError(where, _("column %(column)s: “%(value)s” is not a number.") % {"column": column, "value": text}) from None


def _row(cells: dict[str, str], where: str) -> QuestionData:
    kind_name = cells["type"].lower()
    if kind_name not in _KIND_NAMES:
        raise FormatError(where, _("column type: “%(value)s” is not one of %(kinds)s.") % {"value": cells["type"], "kinds": ", ".join(sorted(_KIND_NAMES))})
    kind = Kind(kind_name)
    texts = {lang: cells[f"text_{lang}"] for lang in _LANGUAGES if cells[f"text_{lang}"]}
    if not texts:
        raise FormatError(where, _("the question has no text in any language."))
    difficulty = int(_number(cells["difficulty"], where, "difficulty", 0)) or None
    if difficulty is not None and not 1 <= difficulty <= 5:
        raise FormatError(where, _("column difficulty: from 1 (easy) to 5 (hard)."))
    question = QuestionData(
        kind=kind, name=cells["name"], text=join_languages(texts), text_format=TextFormat.HTML if len(texts) > 1 else TextFormat.PLAIN,
        category=cells["category"].strip("/"), default_mark=_number(cells["mark"], where, "mark", 0.0 if kind == Kind.DESCRIPTION else 1.0),
        difficulty=difficulty, tags=[t.strip() for t in cells["tags"].split(",") if t.strip()], general_feedback=cells["general_feedback"],
        position=where,
    )
    if kind == Kind.CLOZE:
        _gaps(question, where)
    for i in range(1, MAX_ANSWERS + 1 if kind != Kind.CLOZE else 1):
        text, percent = cells[f"answer_{i}"], cells[f"percent_{i}"]
        if not text:
            continue
        if kind == Kind.MATCHING:
            prompt, arrow, answer = text.partition("->")
            if not arrow:
                raise FormatError(where, _("column answer_%(i)s: a matching pair is written “prompt -> answer”.") % {"i": i})
            question.pairs.append(Pair(prompt.strip(), answer.strip(), TextFormat.PLAIN))
            continue
        fraction = _number(percent, where, f"percent_{i}", 0.0) / 100
        if kind == Kind.NUMERICAL:
            value, _colon, tolerance = text.partition(":")
            number = _number(value, where, f"answer_{i}", 0.0)
            question.answers.append(Answer(repr(number), fraction, "", TextFormat.PLAIN, _number(tolerance, where, f"answer_{i}", 0.0)))
        elif kind == Kind.TRUE_FALSE:
            question.answers.append(Answer(text.lower(), fraction, "", TextFormat.MOODLE))
        else:
            question.answers.append(Answer(text, round(fraction, 7), "", TextFormat.PLAIN))
    if not question.name:
        question.name = re.sub(r"\s+", " ", next(iter(texts.values())))[:60]
    check(question)
    return question


def _gaps(question: QuestionData, where: str) -> None:
    """An embedded-answers question: its gaps are written in its text, in Moodle's syntax (the
    same gaps in each language's column)."""
    try:
        question.text, question.gaps = cloze.parse(question.text)
    except cloze.ClozeError as exc:
        raise FormatError(where, str(exc)) from None
    question.default_mark = sum(g.mark for g in question.gaps)


def read(data: bytes) -> ReadResult:
    try:
        sheet = read_rows(data, max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
    except DomainError as exc:
        raise FormatError(_("the file"), exc.messages[0]) from None
    if not sheet:
        raise FormatError(_("row 1"), _("the sheet is empty."))
    header = [_cell(v).lower() for v in sheet[0]]
    missing = [c for c in ("type", "text_ru") if c not in header]
    if missing:
        raise FormatError(_("row 1"), _("the header lacks the columns %(columns)s; download the template.") % {"columns": ", ".join(missing)})
    result = ReadResult()
    for number, values in enumerate(sheet[1:], start=2):
        cells = {column: "" for column in COLUMNS}
        for column, value in zip(header, values, strict=False):
            if column in cells:
                cells[column] = _cell(value)
        if not any(cells.values()):
            continue
        result.questions.append(_row(cells, _("row %(row)s") % {"row": number}))
    if not result.questions:
        raise FormatError(_("row 2"), _("the sheet holds no questions."))
    return result


def write(questions: list[QuestionData]) -> tuple[bytes, list[Unsupported]]:
    """A workbook in the template's layout; what it cannot carry is reported by question."""
    book = Workbook()
    sheet = book.active
    sheet.title = "questions"
    sheet_append(sheet, COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    lost: list[Unsupported] = []
    for q in questions:
        texts = split_languages(cloze.compose(q.text, q.gaps) if q.kind == Kind.CLOZE else q.text)
        answers: list[str] = []
        for a in q.answers:
            value = f"{float(a.text):.15g}:{a.tolerance:.15g}" if q.kind == Kind.NUMERICAL and a.text != "*" else a.text
            answers += [value, f"{a.fraction * 100:.7g}"]
        answers += [v for p in q.pairs for v in (f"{p.prompt} -> {p.answer}", "")]
        if len(answers) > 2 * MAX_ANSWERS or q.files or any(a.feedback for a in q.answers) or q.rubric:
            lost.append(Unsupported(q.position, q.name, _("the template holds up to eight answers, without files, feedback or rubric")))
        difficulty, tags = split_difficulty(with_difficulty(q))
        row = [q.category, q.name, q.kind.value, texts.get("kk", ""), texts.get("ru", texts.get("", "")), texts.get("en", ""),
               q.default_mark, difficulty or "", ", ".join(tags), q.general_feedback, *answers[: 2 * MAX_ANSWERS]]
        sheet_append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), lost
