"""Moodle XML (https://docs.moodle.org/en/Moodle_XML_format), read with lxml so that an error
names the line and element at fault, and written back the way Moodle writes it. External
entities and network access are off: an uploaded file cannot make us read anything else."""

import base64
import binascii

from django.utils.translation import gettext as _
from lxml import etree

from eacademy.core.file_types import QUESTION_MEDIA, content_type
from eacademy.exams.formats import (
    Answer,
    CategoryInfo,
    Criterion,
    FormatError,
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
from eacademy.exams.formats.checks import check, grade, nearest_grade, percent

_FORMATS = {"html": TextFormat.HTML, "plain_text": TextFormat.PLAIN, "markdown": TextFormat.MARKDOWN, "moodle_auto_format": TextFormat.MOODLE}
_FORMAT_NAMES = {v: k for k, v in _FORMATS.items()}
_KINDS = {"truefalse": Kind.TRUE_FALSE, "matching": Kind.MATCHING, "shortanswer": Kind.SHORT, "numerical": Kind.NUMERICAL,
          "essay": Kind.ESSAY, "description": Kind.DESCRIPTION}


def _where(element: etree._Element) -> str:
    attributes = "".join(f' {k}="{v}"' for k, v in element.attrib.items())
    return _("line %(line)s, <%(tag)s%(attributes)s>") % {"line": element.sourceline, "tag": element.tag, "attributes": attributes}


def _text(element: etree._Element | None, path: str = "text") -> str:
    if element is None:
        return ""
    found = element.find(path)
    return (found.text or "") if found is not None else ""


def _format(element: etree._Element | None, default: TextFormat = TextFormat.HTML) -> TextFormat:
    if element is None:
        return default
    name = element.get("format", "")
    if name and name not in _FORMATS:
        raise FormatError(_where(element), _("unknown text format “%(format)s”.") % {"format": name})
    return _FORMATS.get(name, default)


def _float(element: etree._Element | None, default: float, value: str | None = None) -> float:
    raw = value if value is not None else (element.text if element is not None else None)
    if raw is None or not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError:
        assert element is not None
        raise FormatError(_where(element), _("“%(value)s” is not a number.") % {"value": raw.strip()}) from None


def _flag(element: etree._Element | None, default: bool) -> bool:
    if element is None or not (element.text or "").strip():
        return default
    return element.text.strip().lower() in ("1", "true")


def _files(question: etree._Element, question_name: str) -> dict[str, bytes]:
    """The files embedded in a question: images, sounds and PDFs only, judged by their content
    (a question's files are served from our own site, so HTML or SVG there would run scripts)."""
    files: dict[str, bytes] = {}
    for file in question.iter("file"):
        name = file.get("name", "")
        if file.get("encoding", "base64") != "base64" or not name or "/" in name or "\\" in name:
            raise FormatError(_where(file), _("an embedded file needs a plain name and base64 encoding."))
        try:
            content = base64.b64decode((file.text or "").strip(), validate=True)
        except binascii.Error:
            raise FormatError(_where(file), _("the embedded file “%(name)s” is not valid base64.") % {"name": name}) from None
        if content_type(content) not in QUESTION_MEDIA:
            raise FormatError(_where(file), _("“%(question)s”: the embedded file “%(name)s” is not an image, a sound or a PDF; "
                                             "only those may be embedded.") % {"question": question_name, "name": name})
        files.setdefault(name, content)
    return files


def _answers(question: etree._Element, data: QuestionData) -> None:
    for element in question.findall("answer"):
        raw = element.get("fraction")
        fraction = round(_float(element, 0.0, raw) / 100, 7)
        if grade(fraction) is None:
            raise FormatError(
                _where(element),
                _("the grade %(grade)s is not one Moodle allows (nearest: %(nearest)s).") % {"grade": percent(fraction), "nearest": percent(nearest_grade(fraction))},
            )
        feedback = element.find("feedback")
        default_format = TextFormat.PLAIN if data.kind in (Kind.SHORT, Kind.NUMERICAL) else TextFormat.HTML
        data.answers.append(
            Answer(_text(element), fraction, _text(feedback), _format(element, default_format), _float(element.find("tolerance"), 0.0))
        )


def _common(element: etree._Element, data: QuestionData) -> None:
    """What every type carries beside its text and key."""
    data.general_feedback = _text(element.find("generalfeedback"))
    data.penalty = _float(element.find("penalty"), 0.0)
    data.idnumber = (element.findtext("idnumber") or "").strip()
    data.files = _files(element, data.name)
    data.difficulty, data.tags = split_difficulty([t.strip() for t in element.xpath("tags/tag/text/text()")])


def _cloze(element: etree._Element, name: str, category: str) -> QuestionData:
    """Moodle writes the gaps inside the text and takes the mark from their weights."""
    where = _where(element)
    text_element = element.find("questiontext")
    try:
        text, gaps = cloze.parse(_text(text_element))
    except cloze.ClozeError as exc:
        raise FormatError(where, _("“%(name)s”: %(fault)s") % {"name": name, "fault": exc}) from None
    data = QuestionData(kind=Kind.CLOZE, name=name, text=text, text_format=_format(text_element), category=category, position=where, gaps=gaps,
                        default_mark=sum(g.mark for g in gaps))
    _common(element, data)
    if not data.name:
        raise FormatError(where, _("the question has no <name>."))
    check(data)
    return data


def _question(element: etree._Element, category: str) -> QuestionData | Unsupported:
    kind_name = element.get("type", "")
    name = _text(element.find("name")).strip()
    where = _where(element)
    if kind_name == "cloze":
        return _cloze(element, name, category)
    if kind_name == "multichoice":
        kind = Kind.SINGLE if _flag(element.find("single"), True) else Kind.MULTIPLE
    elif kind_name in _KINDS:
        kind = _KINDS[kind_name]
    else:
        return Unsupported(where, name, _("the question type “%(type)s” is not supported") % {"type": kind_name})
    text_element = element.find("questiontext")
    data = QuestionData(
        kind=kind, name=name, text=_text(text_element), text_format=_format(text_element), category=category, position=where,
        default_mark=_float(element.find("defaultgrade"), 0.0 if kind == Kind.DESCRIPTION else 1.0),
        shuffle=_flag(element.find("shuffleanswers"), True), case_sensitive=_flag(element.find("usecase"), False),
        feedback_correct=_text(element.find("correctfeedback")), feedback_partial=_text(element.find("partiallycorrectfeedback")),
        feedback_incorrect=_text(element.find("incorrectfeedback")), grader_info=_text(element.find("graderinfo")),
    )
    _common(element, data)
    if kind != Kind.MATCHING:
        _answers(element, data)
    for sub in element.findall("subquestion"):
        data.pairs.append(Pair(_text(sub), _text(sub.find("answer")), _format(sub)))
    for criterion in element.findall("rubric/criterion"):
        data.rubric.append(Criterion(_text(criterion), _float(criterion, 0.0, criterion.get("points"))))
    if kind == Kind.TRUE_FALSE:
        for answer in data.answers:
            answer.text = answer.text.strip().lower()
    if not data.name:
        raise FormatError(where, _("the question has no <name>."))
    check(data)
    return data


def read(data: bytes) -> ReadResult:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(_("line %(line)s") % {"line": exc.lineno}, _("the XML is malformed: %(error)s") % {"error": exc.msg}) from None
    if root.tag != "quiz":
        raise FormatError(_where(root), _("a Moodle XML file starts with <quiz>."))
    result = ReadResult()
    category = ""
    for element in root:
        if element.tag != "question":
            raise FormatError(_where(element), _("only <question> elements may stand inside <quiz>."))
        if element.get("type") == "category":
            category = category_path(_text(element.find("category")))
            info = element.find("info")
            result.categories.append(CategoryInfo(category, _text(info), (element.findtext("idnumber") or "").strip()))
            continue
        item = _question(element, category)
        (result.unsupported if isinstance(item, Unsupported) else result.questions).append(item)  # type: ignore[arg-type]
    if not result.questions and not result.unsupported:
        raise FormatError(_where(root), _("the file holds no questions."))
    return result


# --- writing ---------------------------------------------------------------------------


def _text_child(parent: etree._Element, tag: str, text: str, text_format: TextFormat | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text_format is not None:
        element.set("format", _FORMAT_NAMES[text_format])
    etree.SubElement(element, "text").text = etree.CDATA(text) if any(c in text for c in "<>&") else text
    return element


def _value(parent: etree._Element, tag: str, value: str) -> None:
    etree.SubElement(parent, tag).text = value


def _embed(element: etree._Element, text: str, files: dict[str, bytes]) -> None:
    for name, content in sorted(files.items()):
        if f"@@PLUGINFILE@@/{name}" in text:
            file = etree.SubElement(element, "file", name=name, encoding="base64")
            file.text = base64.b64encode(content).decode()


def _question_element(quiz: etree._Element, q: QuestionData) -> None:
    kind = {Kind.SINGLE: "multichoice", Kind.MULTIPLE: "multichoice", Kind.CLOZE: "cloze"}.get(q.kind) or {v: k for k, v in _KINDS.items()}[q.kind]
    element = etree.SubElement(quiz, "question", type=kind)
    _text_child(element, "name", q.name)
    text = cloze.compose(q.text, q.gaps) if q.kind == Kind.CLOZE else q.text
    _embed(_text_child(element, "questiontext", text, q.text_format), text, q.files)
    _embed(_text_child(element, "generalfeedback", q.general_feedback, TextFormat.HTML), q.general_feedback, q.files)
    _value(element, "defaultgrade", f"{q.default_mark:.7f}")
    _value(element, "penalty", f"{q.penalty:.7f}")
    _value(element, "hidden", "0")
    _value(element, "idnumber", q.idnumber)
    if q.kind in (Kind.SINGLE, Kind.MULTIPLE):
        _value(element, "single", "true" if q.kind == Kind.SINGLE else "false")
    if q.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.MATCHING):
        _value(element, "shuffleanswers", "true" if q.shuffle else "false")
        for tag, text in (("correctfeedback", q.feedback_correct), ("partiallycorrectfeedback", q.feedback_partial), ("incorrectfeedback", q.feedback_incorrect)):
            _text_child(element, tag, text, TextFormat.HTML)
    if q.kind == Kind.SHORT:
        _value(element, "usecase", "1" if q.case_sensitive else "0")
    if q.kind == Kind.ESSAY:
        _value(element, "responseformat", "editor")
        _text_child(element, "graderinfo", q.grader_info, TextFormat.HTML)
        rubric = etree.SubElement(element, "rubric")  # ours; Moodle ignores elements it does not know
        for criterion in q.rubric:
            _text_child(rubric, "criterion", criterion.text).set("points", f"{criterion.points:.15g}")
    for answer in q.answers:
        answer_element = _text_child(element, "answer", answer.text, answer.format)
        answer_element.set("fraction", f"{answer.fraction * 100:.7g}")
        _embed(answer_element, answer.text, q.files)
        _embed(_text_child(answer_element, "feedback", answer.feedback, TextFormat.HTML), answer.feedback, q.files)
        if q.kind == Kind.NUMERICAL:
            _value(answer_element, "tolerance", repr(answer.tolerance))
    for pair in q.pairs:
        sub = _text_child(element, "subquestion", pair.prompt, pair.format)
        _text_child(sub, "answer", pair.answer)
    tags = with_difficulty(q)
    if tags:
        tags_element = etree.SubElement(element, "tags")
        for tag in tags:
            _text_child(tags_element, "tag", tag)


def write(questions: list[QuestionData], categories: dict[str, CategoryInfo] | None = None) -> bytes:
    quiz = etree.Element("quiz")
    category = None
    for q in questions:
        if q.category != category:
            category = q.category
            info = (categories or {}).get(category, CategoryInfo(category))
            element = etree.SubElement(quiz, "question", type="category")
            _text_child(element, "category", moodle_category(category))
            _text_child(element, "info", info.info, TextFormat.HTML)
            _value(element, "idnumber", info.idnumber)
        _question_element(quiz, q)
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
