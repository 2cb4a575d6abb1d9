"""Automatic grading of closed question types: the fraction of the mark a response earns,
from 0 to 1 (a question's negative choices lower its own grade, never below zero)."""

import math
import re

from eacademy.exams.formats import Kind

MAX_TEXT = 20_000
MAX_GAP_TEXT = 500


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


def _normalise(text: str, case_sensitive: bool) -> str:
    text = " ".join(text.split())
    return text if case_sensitive else text.casefold()


def _matches(pattern: str, text: str, case_sensitive: bool) -> bool:
    """Moodle's short-answer rule: `*` stands for any run of characters."""
    pattern, text = _normalise(pattern, case_sensitive), _normalise(text, case_sensitive)
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, text, re.DOTALL) is not None


def gap_fractions(content: dict, response: dict | None) -> list[float]:
    """Each gap of an embedded-answers question graded like a question of its kind."""
    given = response.get("gaps", {}) if isinstance(response, dict) else {}
    return [fraction(gap["kind"], gap, given.get(str(number))) or 0.0 for number, gap in enumerate(content.get("gaps", []), start=1)]


def fraction(kind: str, content: dict, response: dict | None) -> float | None:
    """None when a person must grade it (an answered essay)."""
    answers = content.get("answers", [])
    if response is None:
        return 0.0
    if kind == Kind.CLOZE:  # the gaps' grades weighted by their marks
        weights = [gap["mark"] for gap in content.get("gaps", [])]
        total = sum(weights)
        return sum(w * f for w, f in zip(weights, gap_fractions(content, response), strict=True)) / total if total else 0.0
    if kind == Kind.SINGLE:
        index = response.get("choice")
        return _clamp(answers[index]["fraction"]) if isinstance(index, int) and 0 <= index < len(answers) else 0.0
    if kind == Kind.MULTIPLE:
        chosen = {i for i in response.get("choices", []) if isinstance(i, int) and 0 <= i < len(answers)}
        return _clamp(sum(answers[i]["fraction"] for i in chosen))
    if kind == Kind.TRUE_FALSE:
        value = response.get("value")
        return next((_clamp(a["fraction"]) for a in answers if a["text"] == ("true" if value is True else "false")), 0.0) if isinstance(value, bool) else 0.0
    if kind == Kind.MATCHING:
        prompts = [p for p in content.get("pairs", []) if p["prompt"]]
        given = response.get("pairs", {})
        right = sum(1 for i, p in enumerate(prompts) if given.get(str(i)) == p["answer"])
        return right / len(prompts) if prompts else 0.0
    text = str(response.get("text", ""))
    if kind == Kind.SHORT:
        case_sensitive = content.get("case_sensitive", False)
        return next((_clamp(a["fraction"]) for a in answers if _matches(a["text"], text, case_sensitive)), 0.0) if text.strip() else 0.0
    if kind == Kind.NUMERICAL:
        value = _number(text)
        if value is None:
            return 0.0
        for a in answers:
            if a["text"] == "*" or abs(value - float(a["text"])) <= a["tolerance"] + 1e-12:
                return _clamp(a["fraction"])
        return 0.0
    if kind == Kind.ESSAY:
        return None if text.strip() else 0.0
    return 0.0


def rubric_fraction(rubric: list[dict], points: list[float]) -> float:
    total = sum(c["points"] for c in rubric)
    return _clamp(sum(points) / total) if total else 0.0


def valid_shape(response: object) -> tuple[str, int] | None:
    """(the family of question the response fits, the highest index it uses), or None for
    garbage. The family is checked against the slot in the same UPDATE that saves it."""
    if not isinstance(response, dict) or len(response) != 1:
        return None
    (key, value), = response.items()
    if key == "choice" and type(value) is int and value >= 0:
        return "choice", value
    if key == "choices" and isinstance(value, list) and len(value) <= 50 and all(type(i) is int and i >= 0 for i in value):
        return "choices", max(value, default=-1)
    if key == "value" and isinstance(value, bool):
        return "value", -1
    if key == "text" and isinstance(value, str) and len(value) <= MAX_TEXT:
        return ("number" if is_number_or_blank(value) else "text"), -1
    if (key == "pairs" and isinstance(value, dict) and len(value) <= 50
            and all(k.isdigit() and isinstance(v, str) and len(v) <= 2000 for k, v in value.items())):
        return "pairs", max((int(k) for k in value), default=-1)
    if key == "gaps" and isinstance(value, dict) and len(value) <= 50 and all(k.isdigit() for k in value):
        # a gap is answered as a question of its kind, a word or a phrase long
        shapes = [valid_shape(v) if isinstance(v, dict) and len(str(v.get("text", ""))) <= MAX_GAP_TEXT else None for v in value.values()]
        if all(shape is not None and shape[0] in _GAP_FAMILIES for shape in shapes):
            return "gaps", max((shape[1] for shape in shapes if shape), default=-1)
    return None


def is_number_or_blank(text: str) -> bool:
    """A numerical answer as a listener may write it (12.5, 12,5, 1 250), or a cleared one."""
    if not text.strip():
        return True
    number = _number(text)
    return number is not None and math.isfinite(number)


_GAP_FAMILIES = ("choice", "choices", "text", "number")

# Which kinds of question each family of response fits: a text that is not a number does not
# fit a numerical question, and is refused instead of being saved and marked wrong.
SHAPES = {"choice": [Kind.SINGLE], "choices": [Kind.MULTIPLE], "value": [Kind.TRUE_FALSE], "pairs": [Kind.MATCHING],
          "text": [Kind.SHORT, Kind.ESSAY], "number": [Kind.SHORT, Kind.NUMERICAL, Kind.ESSAY], "gaps": [Kind.CLOZE]}
