"""Moodle's embedded-answers ("cloze") syntax, `{weight:TYPE:=right#feedback~wrong}` inside a
question's text (https://docs.moodle.org/en/Embedded_Answers_(Cloze)_question_type), read
into gaps and written back. The text keeps `{#n}` where gap n stood, as Moodle stores it.

The rules are Moodle's (question/type/multianswer): answers and feedback are HTML-decoded and
`\\}` `\\#` unescaped; a weight left out is 1; the question's mark is the sum of the weights;
the correct choices of a multiple-response gap share the mark, and when no choice has an
explicit percentage each wrong one cancels a correct one. A text in several languages
(Moodle's multi-language spans) has the same gaps in each language, answered in one's own."""

import html
import re

from django.utils.translation import gettext as _

from eacademy.core.multilang import in_language, join_languages, split_languages
from eacademy.exams.formats import GAP_MARKER, Answer, Display, Gap, Kind, TextFormat, gap_marker

GAP = re.compile(r"\{(\d*):([A-Z_]+)(?::((?:[^{}\\]|\\.)*))?\}")
GAP_BODY = re.compile(r"\s*(\d*):([A-Z_]+)(?::(.*))?", re.DOTALL)  # a gap's inside, for formats that find the braces themselves
_PERCENT = re.compile(r"%(-?\d+(?:[.,]\d*)?)%")
_NUMBER = r"-?(?:\d+[.,]?\d*|[.,]\d+)(?:[eE][-+]?\d+)?"
_NUMERICAL = re.compile(rf"^({_NUMBER})(?::({_NUMBER}))?$")

# Moodle's type names (the long one first: it is the one we write) → kind, display, shuffled, case-sensitive.
_TYPES: list[tuple[tuple[str, ...], tuple[Kind, Display, bool, bool]]] = [
    (("MULTICHOICE", "MC"), (Kind.SINGLE, Display.DROPDOWN, False, False)),
    (("MULTICHOICE_S", "MCS"), (Kind.SINGLE, Display.DROPDOWN, True, False)),
    (("MULTICHOICE_V", "MCV"), (Kind.SINGLE, Display.VERTICAL, False, False)),
    (("MULTICHOICE_VS", "MCVS"), (Kind.SINGLE, Display.VERTICAL, True, False)),
    (("MULTICHOICE_H", "MCH"), (Kind.SINGLE, Display.HORIZONTAL, False, False)),
    (("MULTICHOICE_HS", "MCHS"), (Kind.SINGLE, Display.HORIZONTAL, True, False)),
    (("MULTIRESPONSE", "MR"), (Kind.MULTIPLE, Display.VERTICAL, False, False)),
    (("MULTIRESPONSE_S", "MRS"), (Kind.MULTIPLE, Display.VERTICAL, True, False)),
    (("MULTIRESPONSE_H", "MRH"), (Kind.MULTIPLE, Display.HORIZONTAL, False, False)),
    (("MULTIRESPONSE_HS", "MRHS"), (Kind.MULTIPLE, Display.HORIZONTAL, True, False)),
    (("SHORTANSWER", "SA", "MW"), (Kind.SHORT, Display.DROPDOWN, False, False)),
    (("SHORTANSWER_C", "SAC", "MWC"), (Kind.SHORT, Display.DROPDOWN, False, True)),
    (("NUMERICAL", "NM"), (Kind.NUMERICAL, Display.DROPDOWN, False, False)),
]
_BY_NAME = {name: spec for names, spec in _TYPES for name in names}
_NAME_OF = {spec: names[0] for names, spec in _TYPES}


class ClozeError(ValueError):
    """What is wrong with an embedded-answers text, said for its author."""


def _split(body: str, separator: str, keep_after_ampersand: bool = False) -> list[str]:
    """Split at `separator` unless escaped with a backslash (or, for `#`, part of an `&#…;` entity)."""
    parts, current, i = [], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            current.append(body[i : i + 2])
            i += 2
            continue
        if char == separator and not (keep_after_ampersand and current and current[-1].endswith("&")):
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def _decode(text: str) -> str:
    return re.sub(r"\\([{}#~=:\\/\"])", r"\1", html.unescape(text))


def _encode(text: str) -> str:
    """The text as an answer or feedback inside a gap: an entity wherever Moodle's syntax would read a control character."""
    for char, entity in (("&", "&amp;"), ("#", "&#35;"), ("\\", "&#92;"), ("{", "&#123;"), ("}", "&#125;"), ("~", "&#126;"), ("<", "&lt;"), (">", "&gt;"), ("\n", "&#10;")):
        text = text.replace(char, entity)
    return text


def _alternatives(body: str) -> tuple[list[tuple[float | None, str, str]], bool]:
    """([(fraction or None when none was given, answer, feedback)], whether a percentage other than 0 was written)."""
    found, specific = [], False
    for item in _split(body, "~"):
        if not item.strip():
            continue
        fraction: float | None = None
        if item.startswith("="):
            fraction, item = 1.0, item[1:]
        elif match := _PERCENT.match(item):
            fraction, item = float(match.group(1).replace(",", ".")) / 100, item[match.end() :]
            specific = specific or match.group(1) != "0"  # Moodle (PHP) reads "%0%" as no percentage at all
        answer, *feedback = _split(item, "#", keep_after_ampersand=True)
        found.append((fraction, answer, "#".join(feedback)))
    return found, specific


def gap(weight: str, type_name: str, body: str, number: int) -> Gap:
    """One `{weight:TYPE:body}`; `number` names it in a message."""
    if type_name not in _BY_NAME:
        raise ClozeError(_("embedded answer %(n)s has an unknown type %(type)s.") % {"n": number, "type": type_name})
    kind, display, shuffle, case_sensitive = _BY_NAME[type_name]
    alternatives, specific = _alternatives(body)
    result = Gap(kind=kind, mark=float(weight) if weight else 1.0, display=display, shuffle=shuffle, case_sensitive=case_sensitive)
    for fraction, raw, feedback in alternatives:
        text = raw.strip() if kind in (Kind.SHORT, Kind.NUMERICAL) else raw
        tolerance = 0.0
        if kind == Kind.NUMERICAL and text != "*":
            match = _NUMERICAL.match(text)
            if not match:
                raise ClozeError(_("embedded answer %(n)s (NUMERICAL) has the answer “%(value)s”, which is not a number.") % {"n": number, "value": text})
            text = repr(float(match.group(1).replace(",", ".")))
            tolerance = float(match.group(2).replace(",", ".")) if match.group(2) else 0.0
        format_ = TextFormat.HTML if kind in (Kind.SINGLE, Kind.MULTIPLE) else TextFormat.PLAIN
        result.answers.append(Answer(_decode(text), fraction or 0.0, _decode(feedback), format_, tolerance))
    if kind == Kind.MULTIPLE:  # the correct choices share the mark
        total = sum(a.fraction for a in result.answers if a.fraction > 0)
        for answer in result.answers:
            if answer.fraction > 0:
                answer.fraction = round(answer.fraction / total, 7)
            elif total and not specific:
                answer.fraction = round(-1 / total, 7)
    fault = problem(result, number)
    if fault:
        raise ClozeError(fault)
    return result


def problem(item: Gap, number: int) -> str | None:
    """What keeps gap `number` from being answered correctly, or None."""
    names = {"n": number, "type": type_name(item)}
    if not item.answers:
        return _("embedded answer %(n)s (%(type)s) has no answers.") % names
    if item.kind in (Kind.SINGLE, Kind.MULTIPLE) and len(item.answers) < 2:
        return _("embedded answer %(n)s (%(type)s) has only one choice.") % names
    if item.kind == Kind.MULTIPLE:
        if not any(a.fraction > 0 for a in item.answers):
            return _("embedded answer %(n)s (%(type)s) has no correct choice.") % names
    elif not any(abs(a.fraction - 1) < 1e-6 for a in item.answers):
        return _("embedded answer %(n)s (%(type)s) has no completely correct answer.") % names
    if item.mark < 0:
        return _("embedded answer %(n)s (%(type)s) has a negative weight.") % names
    return None


def _parse_one(text: str) -> tuple[str, list[Gap]]:
    gaps: list[Gap] = []

    def replace(match: re.Match[str]) -> str:
        gaps.append(gap(match.group(1), match.group(2), match.group(3) or "", len(gaps) + 1))
        return gap_marker(len(gaps))

    result = GAP.sub(replace, text)
    if not gaps:
        raise ClozeError(_("the embedded-answers question has no embedded answers."))
    return result, gaps


def _shape(item: Gap) -> tuple[object, ...]:
    """What must agree between the languages of one gap (a short answer may accept other words in each)."""
    key = [] if item.kind == Kind.SHORT else [(a.fraction, a.text if item.kind == Kind.NUMERICAL else "", a.tolerance) for a in item.answers]
    return item.kind, item.mark, item.display, item.shuffle, item.case_sensitive, key


def _merged(gaps_by_language: dict[str, list[Gap]]) -> list[Gap]:
    """One gap from its versions in each language: a choice's text and each feedback in every
    language; a short answer accepts what any language accepts."""
    merged = []
    for versions in zip(*gaps_by_language.values(), strict=True):
        by_language = dict(zip(gaps_by_language, versions, strict=True))
        first = versions[0]
        if first.kind == Kind.SHORT:
            answers: list[Answer] = []
            for version in versions:
                answers += [a for a in version.answers if all(a.text != b.text for b in answers)]
        else:
            answers = [
                Answer(join_languages({lang: v.answers[i].text for lang, v in by_language.items()}) if first.kind != Kind.NUMERICAL else a.text,
                       a.fraction, join_languages({lang: v.answers[i].feedback for lang, v in by_language.items()}) if a.feedback else "", a.format, a.tolerance)
                for i, a in enumerate(first.answers)
            ]
        merged.append(Gap(first.kind, answers, first.mark, first.display, first.shuffle, first.case_sensitive))
    return merged


def parse(text: str) -> tuple[str, list[Gap]]:
    """(the text with `{#n}` for each gap, the gaps); ClozeError names the first fault. A text in
    several languages has the same gaps in each: a listener answers them in his language."""
    texts = split_languages(text)
    if len(texts) == 1:
        return _parse_one(text)
    parsed = {lang: _parse_one(body) for lang, body in texts.items()}
    shapes = {lang: [_shape(g) for g in gaps] for lang, (_marked, gaps) in parsed.items()}
    if len({repr(shape) for shape in shapes.values()}) > 1:
        raise ClozeError(_("the languages of the text have different gaps: each language needs the same gaps, of the same types, weights and "
                           "grades, in the same order."))
    return join_languages({lang: marked for lang, (marked, _gaps) in parsed.items()}), _merged({lang: gaps for lang, (_marked, gaps) in parsed.items()})


def type_name(item: Gap) -> str:
    if item.kind in (Kind.SINGLE, Kind.MULTIPLE):
        return _NAME_OF[(item.kind, item.display, item.shuffle, False)]
    return _NAME_OF[(item.kind, Display.DROPDOWN, False, item.case_sensitive)]


def _percent(fraction: float) -> str:
    return f"%{fraction * 100:.7g}%"


def write_gap(item: Gap) -> str:
    alternatives = []
    for a in item.answers:
        if item.kind == Kind.MULTIPLE:  # always a percentage: "=" there would make Moodle penalise the wrong choices
            prefix = _percent(a.fraction)
        else:
            prefix = "=" if abs(a.fraction - 1) < 1e-9 else "" if a.fraction == 0 else _percent(a.fraction)
        if item.kind == Kind.NUMERICAL and a.text != "*":
            answer = f"{float(a.text)!r}:{a.tolerance!r}"
        else:
            answer = _encode(a.text)
        alternatives.append(prefix + answer + (f"#{_encode(a.feedback)}" if a.feedback else ""))
    return f"{{{item.mark:g}:{type_name(item)}:{'~'.join(alternatives)}}}"


def _in_language(item: Gap, language: str) -> Gap:
    if item.kind == Kind.SHORT:
        return item
    answers = [Answer(in_language(a.text, language), a.fraction, in_language(a.feedback, language), a.format, a.tolerance) for a in item.answers]
    return Gap(item.kind, answers, item.mark, item.display, item.shuffle, item.case_sensitive)


def _compose_one(text: str, gaps: list[Gap]) -> str:
    return GAP_MARKER.sub(lambda m: write_gap(gaps[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(gaps) else m.group(0), text)


def compose(text: str, gaps: list[Gap]) -> str:
    """The text in Moodle's syntax: each `{#n}` replaced by its gap, in each language."""
    texts = split_languages(text)
    if len(texts) == 1:
        return _compose_one(text, gaps)
    return join_languages({lang: _compose_one(body, [_in_language(g, lang) for g in gaps]) for lang, body in texts.items()})


def markers_problem(text: str, gaps: list[Gap]) -> str | None:
    """Each language's text must hold each gap's place once, in order."""
    for body in split_languages(text).values():
        numbers = [int(n) for n in GAP_MARKER.findall(body)]
        if numbers != list(range(1, len(gaps) + 1)):
            return _("the text does not hold the places of its %(count)s gaps in order.") % {"count": len(gaps)}
    return None
