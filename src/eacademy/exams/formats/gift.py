"""GIFT, Moodle's text format for questions (https://docs.moodle.org/en/GIFT_format), read and
written by our own code: no maintained Python library reads it with positions for errors.

Besides Moodle's `// [id:…]` and `// [tag:…]` comments, we write what GIFT itself cannot hold
(mark, penalty, rubric, combined feedback…) as `// [key:value]` comments, which Moodle ignores
and we read back, so a GIFT export of ours imports again unchanged."""

import re

from django.utils.translation import gettext as _

from eacademy.exams.formats import (
    GAP_KINDS,
    KIND_LABELS,
    Answer,
    Criterion,
    Display,
    FormatError,
    Gap,
    Kind,
    Pair,
    QuestionData,
    ReadResult,
    TextFormat,
    Unsupported,
    category_path,
    cloze,
    moodle_category,
    split_difficulty,
    with_difficulty,
)
from eacademy.exams.formats.checks import check

_ESCAPABLE = "\\~=#{}:"
_PLACEHOLDER = {c: chr(0xE000 + i) for i, c in enumerate(_ESCAPABLE)}
_RESTORE = {v: k for k, v in _PLACEHOLDER.items()}
_FORMATS = {"html": TextFormat.HTML, "plain": TextFormat.PLAIN, "markdown": TextFormat.MARKDOWN, "moodle": TextFormat.MOODLE}
_FORMAT_PREFIX = re.compile(r"^\s*\[(html|plain|markdown|moodle)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = re.compile(r"^(TRUE|FALSE|T|F)\s*(#.*)?$", re.IGNORECASE | re.DOTALL)
_META = re.compile(r"\[([a-z-]+):((?:[^\]\\]|\\.)*)\]")
_BLANK = "_____"


def _protect(text: str) -> str:
    """Turn escaped control characters into placeholders, and `\\n` into a newline."""
    out = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _PLACEHOLDER:
            out.append(_PLACEHOLDER[text[i + 1]])
            i += 2
        elif text[i] == "\\" and text[i + 1 : i + 2] == "n":
            out.append("\n")
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(c, c) for c in text)


def _clean(text: str) -> str:
    return _restore(text).strip()


def _format_of(text: str, default: TextFormat) -> tuple[TextFormat, str]:
    match = _FORMAT_PREFIX.match(text)
    if match:
        return _FORMATS[match.group(1).lower()], text[match.end() :]
    return default, text


def _blocks(lines: list[str]) -> list[tuple[int, list[str], list[str]]]:
    """(first line number, comment lines, question lines) of each blank-line separated block."""
    blocks: list[tuple[int, list[str], list[str]]] = []
    start, comments, body = 0, [], []  # type: ignore[var-annotated]
    for number, line in enumerate([*lines, ""], start=1):
        if not line.strip():
            if body:
                blocks.append((start, comments, body))
            comments, body = [], []
            continue
        if line.lstrip().startswith("//"):
            if not body:
                comments.append(line.lstrip()[2:])
            continue
        if not body:
            start = number
        body.append(line)
    return blocks


def _meta(comments: list[str]) -> list[tuple[str, str]]:
    found = []
    for comment in comments:
        for key, value in _META.findall(comment):
            found.append((key, re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value)))
    return found


def _items(text: str, where: str) -> list[tuple[str, str]]:
    """Split an answer block at `~` and `=` into (marker, body); `~=x` counts as `=x`."""
    parts = [p for p in re.split(r"(?=[~=])", text) if p.strip()]
    if parts and parts[0][0] not in "~=":
        raise FormatError(where, _("the answer “%(text)s” must start with = or ~.") % {"text": _clean(parts[0])[:60]})
    items = [(p[0], p[1:]) for p in parts]
    merged: list[tuple[str, str]] = []
    for marker, body in items:
        if merged and merged[-1][0] == "~" and not merged[-1][1].strip() and marker == "=":
            merged.pop()
        merged.append((marker, body))
    return merged


def _weighted(marker: str, body: str, where: str) -> tuple[float, str, str]:
    """(fraction, text, feedback) of one answer item."""
    fraction = 1.0 if marker == "=" else 0.0
    match = _WEIGHT.match(body)
    if match:
        fraction = float(match.group(1)) / 100
        body = body[match.end() :]
    text, _hash, feedback = body.partition("#")
    return fraction, text, _format_of(feedback.strip(), TextFormat.HTML)[1]


def _number(text: str, where: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise FormatError(where, _("“%(text)s” is not a number.") % {"text": _clean(text)}) from None


def _numerical(block: str, where: str) -> list[Answer]:
    body = block[1:].strip()
    if body and body[0] not in "~=":
        body = "=" + body  # `{#3:2 ~#wrong}`: the first answer's = may be left out
    raw = _items(body, where)
    answers = []
    for marker, item in raw:
        fraction, text, feedback = _weighted(marker, item, where)
        text = text.strip()
        if not text:
            answers.append(Answer("*", 0.0, _clean(feedback), TextFormat.PLAIN))
            continue
        if ".." in text:
            low, high = (_number(t, where) for t in text.split("..", 1))
            value, tolerance = float(f"{(low + high) / 2:.12g}"), float(f"{abs(high - low) / 2:.12g}")  # 3.141..3.142 → 3.1415 ± 0.0005
        elif ":" in text:
            value_text, tolerance_text = text.split(":", 1)
            value, tolerance = _number(value_text, where), _number(tolerance_text, where)
        else:
            value, tolerance = _number(text, where), 0.0
        answers.append(Answer(repr(value), fraction, _clean(feedback), TextFormat.PLAIN, tolerance))
    return answers


def _spans(text: str, where: str) -> list[tuple[int, int]]:
    """(opening, closing) of each answer block `{…}` in a question."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        opening, closing = text.find("{", position), text.find("}", position)
        if opening < 0:
            if closing >= 0:
                raise FormatError(where, _("a closing brace } has no opening brace {."))
            return spans
        nested = text.find("{", opening + 1)
        if closing < opening or 0 <= nested < closing:
            raise FormatError(where, _("the answer block opened with { is never closed."))
        spans.append((opening, closing))
        position = closing + 1


def _block(block: str, where: str, text_format: TextFormat) -> tuple[Kind, list[Answer], list[Pair]]:
    """The kind and key one answer block gives its question."""
    answers: list[Answer] = []
    pairs: list[Pair] = []
    if not block:
        return Kind.ESSAY, answers, pairs
    if block.startswith("#"):
        return Kind.NUMERICAL, _numerical(block, where), pairs
    if _TRUE_FALSE.match(block):
        value, *feedbacks = block.split("#")
        wrong, right = (feedbacks + ["", ""])[:2]
        correct = value.strip().upper().startswith("T")
        answers = [
            Answer("true", 1.0 if correct else 0.0, _clean(right if correct else wrong), TextFormat.MOODLE),
            Answer("false", 0.0 if correct else 1.0, _clean(wrong if correct else right), TextFormat.MOODLE),
        ]
        return Kind.TRUE_FALSE, answers, pairs
    if "~" in block:
        items = _items(block, where)
        for marker, body in items:
            fraction, answer_text, feedback = _weighted(marker, body, where)
            answer_format, answer_text = _format_of(answer_text.strip(), text_format)
            answers.append(Answer(_clean(answer_text), fraction, _clean(feedback), answer_format))
        return (Kind.SINGLE if any(marker == "=" for marker, _body in items) else Kind.MULTIPLE), answers, pairs
    if "->" in block:
        for marker, body in _items(block, where):
            if marker != "=" or "->" not in body:
                raise FormatError(where, _("every pair of a matching question is written “=prompt -> answer”."))
            prompt, answer = body.split("->", 1)
            pair_format, prompt = _format_of(prompt.strip(), text_format)
            pairs.append(Pair(_clean(prompt), _clean(answer), pair_format))
        return Kind.MATCHING, answers, pairs
    if block[0] not in "=~%":  # `{Grant}`: the one accepted answer, written without = (as the GIFT grammar allows)
        block = "=" + block
    for marker, body in _items(block, where):
        if marker != "=":
            raise FormatError(where, _("a short-answer question lists its accepted answers with =."))
        fraction, answer_text, feedback = _weighted(marker, body, where)
        answers.append(Answer(_clean(answer_text), fraction, _clean(feedback), TextFormat.PLAIN))
    return Kind.SHORT, answers, pairs


def _escaped(text: str) -> str:
    """Placeholders back to their backslash escapes, for Moodle's own syntax inside a block."""
    return "".join("\\" + _RESTORE[c] if c in _RESTORE else c for c in text)


def _gap(block: str, where: str) -> tuple[Kind, str | None]:
    """A GIFT answer block's kind, and the block as a gap in Moodle's embedded-answers syntax
    (None when a gap cannot be of that kind)."""
    kind, answers, _pairs = _block(block.partition("####")[0].strip(), where, TextFormat.HTML)
    if kind not in GAP_KINDS:
        return kind, None
    return kind, cloze.write_gap(Gap(kind=kind, answers=answers, display=Display.VERTICAL if kind == Kind.MULTIPLE else Display.DROPDOWN))


def _cloze(question: QuestionData, text: str, spans: list[tuple[int, int]]) -> QuestionData | Unsupported:
    """A question with several answer blocks, or written with Moodle's embedded answers: each block
    a gap. The text is put in Moodle's syntax and read as Moodle reads it."""
    pieces: list[str] = []
    previous = 0
    for opening, closing in spans:
        block = text[opening + 1 : closing]
        written = "{" + _escaped(block) + "}"
        if not cloze.GAP_BODY.fullmatch(block):
            kind, as_gap = _gap(block, question.position)
            if as_gap is None:
                return Unsupported(question.position, question.name, _("a gap of the type “%(type)s” among several gaps") % {"type": KIND_LABELS[kind]})
            written = as_gap
            question.general_feedback = question.general_feedback or _clean(block.partition("####")[2])
        pieces += [_restore(text[previous:opening]), written]
        previous = closing + 1
    try:
        marked, question.gaps = cloze.parse(("".join(pieces) + _restore(text[previous:])).strip())
    except cloze.ClozeError as exc:
        raise FormatError(question.position, _("“%(name)s”: %(fault)s") % {"name": question.name, "fault": exc}) from None
    question.kind, question.text = Kind.CLOZE, marked
    question.default_mark = sum(g.mark for g in question.gaps)  # Moodle's rule: the weights make the mark
    check(question)
    return question


def _question(text: str, where: str, category: str, meta: list[tuple[str, str]]) -> QuestionData | Unsupported:
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise FormatError(where, _("the question name opened with :: is never closed."))
        name, text = _clean(text[2:end]), text[end + 2 :]
    text_format, text = _format_of(text.lstrip(), TextFormat.MOODLE)
    spans = _spans(text, where)
    # untitled: named by its first words, the text around the gaps when the question opens with one
    bounds = [-1, *(i for span in spans for i in span), len(text)]
    words = text[: spans[0][0]] if spans and spans[0][0] > 0 else " ".join(text[bounds[i] + 1 : bounds[i + 1]] for i in range(0, len(bounds), 2))
    name = name or re.sub(r"<[^>]+>|\s+", " ", _clean(words)).strip()[:60].rstrip()
    question = QuestionData(kind=Kind.DESCRIPTION, name=name, text="", text_format=text_format, category=category, position=where)
    _apply_meta(question, meta)
    if not spans:
        question.text = _clean(text)
        question.default_mark = 0.0
        return question
    (opening, closing), *others = spans
    if others or cloze.GAP_BODY.fullmatch(text[opening + 1 : closing]):
        return _cloze(question, text, spans)
    before, block, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    question.text = _clean(before) if not after.strip() else _clean(before + _BLANK + after)
    block, _sep, general = block.partition("####")
    question.general_feedback = _clean(general)
    question.kind, question.answers, question.pairs = _block(block.strip(), where, text_format)
    check(question)
    return question


def _apply_meta(question: QuestionData, meta: list[tuple[str, str]]) -> None:
    tags = []
    for key, value in meta:
        if key == "id":
            question.idnumber = value
        elif key == "tag":
            tags.append(value)
        elif key == "mark":
            question.default_mark = float(value)
        elif key == "penalty":
            question.penalty = float(value)
        elif key == "shuffle":
            question.shuffle = value == "1"
        elif key == "case":
            question.case_sensitive = value == "1"
        elif key == "rubric":
            points, _sep, text = value.partition("|")
            question.rubric.append(Criterion(text, float(points)))
        elif key == "grader":
            question.grader_info = value
        elif key == "general":  # an embedded-answers question's general feedback: its gaps cannot carry it
            question.general_feedback = value
        elif key in ("fb-correct", "fb-partial", "fb-incorrect"):
            setattr(question, {"fb-correct": "feedback_correct", "fb-partial": "feedback_partial", "fb-incorrect": "feedback_incorrect"}[key], value)
    question.difficulty, question.tags = split_difficulty(tags)


def read(data: bytes) -> ReadResult:
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(_("byte %(offset)s") % {"offset": exc.start}, _("the file is not UTF-8 text.")) from None
    result = ReadResult()
    category = ""
    for start, comments, body in _blocks(source.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        where = _("line %(line)s") % {"line": start}
        if body[0].strip().startswith("$CATEGORY:"):
            category = category_path(body[0].strip()[len("$CATEGORY:") :])
            body = body[1:]
            if not body:
                continue
        try:
            item = _question(_protect("\n".join(body).strip()), where, category, _meta(comments))
        except ValueError as exc:  # a bad number in a [mark:…] comment
            raise FormatError(where, str(exc)) from None
        if isinstance(item, Unsupported):
            result.unsupported.append(item)
        else:
            result.questions.append(item)
    if not result.questions and not result.unsupported:
        raise FormatError(_("line 1"), _("the file holds no questions."))
    return result


# --- writing ---------------------------------------------------------------------------


def _escape(text: str) -> str:
    out = "".join("\\" + c if c in _ESCAPABLE else c for c in text)
    return out.replace("\n", "\\n")


def _meta_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace("]", "\\]").replace("\n", "\\n")


def _weight(fraction: float, default: float) -> str:
    return "" if abs(fraction - default) < 1e-9 else f"%{fraction * 100:.7g}%"


def _feedback(text: str) -> str:
    return f"#{_escape(text)}" if text else ""


def _prefix(answer_format: TextFormat, question_format: TextFormat) -> str:
    return "" if answer_format == question_format else f"[{answer_format.value}]"


def _answers(q: QuestionData) -> str:
    if q.kind == Kind.ESSAY:
        return "{" + (f"####{_escape(q.general_feedback)}" if q.general_feedback else "") + "}"
    if q.kind == Kind.TRUE_FALSE:
        true, false = sorted(q.answers, key=lambda a: a.text != "true")
        correct = true.fraction > 0
        right, wrong = (true, false) if correct else (false, true)
        body = ("TRUE" if correct else "FALSE") + f"#{_escape(wrong.feedback)}#{_escape(right.feedback)}"
    elif q.kind in (Kind.SINGLE, Kind.MULTIPLE):
        items: list[str] = []
        for a in q.answers:
            # one "=" makes it single choice; a second full answer is written ~%100%, or the block would read as short answers
            full = q.kind == Kind.SINGLE and abs(a.fraction - 1) < 1e-9 and not any(item.startswith("=") for item in items)
            items.append(("=" if full else "~" + _weight(a.fraction, 0.0)) + _prefix(a.format, q.text_format) + _escape(a.text) + _feedback(a.feedback))
        body = "\n".join(items)
    elif q.kind == Kind.SHORT:
        body = "\n".join("=" + _weight(a.fraction, 1.0) + _escape(a.text) + _feedback(a.feedback) for a in q.answers)
    elif q.kind == Kind.NUMERICAL:
        items = []
        for a in q.answers:
            if a.text == "*":
                items.append("~" + _feedback(a.feedback))
            else:
                items.append("=" + _weight(a.fraction, 1.0) + f"{float(a.text)!r}:{a.tolerance!r}" + _feedback(a.feedback))
        body = "#\n" + "\n".join(items)
    else:  # matching
        body = "\n".join("=" + _prefix(p.format, q.text_format) + _escape(p.prompt) + " -> " + _escape(p.answer) for p in q.pairs)
    general = f"\n####{_escape(q.general_feedback)}" if q.general_feedback else ""
    return "{\n" + body + general + "\n}"


def _meta_lines(q: QuestionData) -> list[str]:
    meta = [("id", q.idnumber)] if q.idnumber else []
    meta += [("tag", tag) for tag in with_difficulty(q)]
    if q.kind not in (Kind.DESCRIPTION, Kind.CLOZE) and q.default_mark != 1.0:  # a cloze's mark is its gaps' weights
        meta.append(("mark", f"{q.default_mark:.15g}"))
    if q.penalty:
        meta.append(("penalty", f"{q.penalty:.15g}"))
    if not q.shuffle:
        meta.append(("shuffle", "0"))
    if q.case_sensitive:
        meta.append(("case", "1"))
    meta += [("rubric", f"{c.points:.15g}|{c.text}") for c in q.rubric]
    if q.grader_info:
        meta.append(("grader", q.grader_info))
    if q.kind == Kind.CLOZE and q.general_feedback:
        meta.append(("general", q.general_feedback))
    for key, value in (("fb-correct", q.feedback_correct), ("fb-partial", q.feedback_partial), ("fb-incorrect", q.feedback_incorrect)):
        if value:
            meta.append((key, value))
    return [f"// [{key}:{_meta_value(value)}]" for key, value in meta]


def write(questions: list[QuestionData]) -> tuple[str, list[Unsupported]]:
    """The GIFT text, and what it could not carry (embedded files), by question."""
    lost: list[Unsupported] = []
    out: list[str] = []
    category = None
    for q in questions:
        if q.category != category:
            category = q.category
            out.append(f"$CATEGORY: {moodle_category(category)}\n")
        if q.files:
            lost.append(Unsupported(q.position, q.name, _("files cannot travel in GIFT: %(names)s") % {"names": ", ".join(sorted(q.files))}))
        lines = _meta_lines(q)
        text = f"::{_escape(q.name)}::[{q.text_format.value}]"
        if q.kind == Kind.CLOZE:  # each gap in Moodle's embedded-answers syntax, which carries its weight and display
            composed, position = cloze.compose(q.text, q.gaps), 0
            for match in cloze.GAP.finditer(composed):
                text += _escape(composed[position : match.start()]) + match.group(0)
                position = match.end()
            text += _escape(composed[position:])
        else:
            text += _escape(q.text)
        if q.kind not in (Kind.DESCRIPTION, Kind.CLOZE):
            text += _answers(q)
        out.append("\n".join([*lines, text]) + "\n")
    return "\n".join(out), lost
