"""Rules every imported question must satisfy, whatever the file format: the grades Moodle
allows, and a key that can be answered correctly."""

from django.utils.translation import gettext as _

from eacademy.exams.formats import FormatError, Kind, QuestionData, cloze

# Moodle accepts only these fractions of the mark (and their negatives): a file with any
# other value is one Moodle itself refuses, so we refuse it too.
GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)
_TOLERANCE = 0.00001


def grade(fraction: float) -> float | None:
    """The allowed grade equal to `fraction`, or None."""
    for allowed in GRADES:
        if abs(abs(fraction) - allowed) < _TOLERANCE:
            return allowed if fraction >= 0 else -allowed
    return None


def percent(fraction: float) -> str:
    return f"{fraction * 100:.7g}%"


def nearest_grade(fraction: float) -> float:
    return min((g * s for g in GRADES for s in (1, -1)), key=lambda g: abs(g - fraction))


def check(question: QuestionData) -> None:
    where = question.position
    for answer in question.answers:
        if grade(answer.fraction) is None:
            raise FormatError(
                where,
                _("the grade %(grade)s of an answer in “%(name)s” is not one Moodle allows (nearest: %(nearest)s).")
                % {"grade": percent(answer.fraction), "name": question.name, "nearest": percent(nearest_grade(answer.fraction))},
            )
    best = max((a.fraction for a in question.answers), default=0.0)
    if question.kind in (Kind.SINGLE, Kind.TRUE_FALSE, Kind.SHORT, Kind.NUMERICAL) and abs(best - 1) > _TOLERANCE:
        raise FormatError(where, _("“%(name)s” has no answer worth the full mark.") % {"name": question.name})
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE) and len(question.answers) < 2:
        raise FormatError(where, _("“%(name)s” needs at least two choices.") % {"name": question.name})
    if question.kind == Kind.MULTIPLE:
        total = sum(a.fraction for a in question.answers if a.fraction > 0)
        if abs(total - 1) > 0.001:
            raise FormatError(where, _("the correct choices of “%(name)s” add up to %(total)s, not 100%%.") % {"name": question.name, "total": percent(total)})
    if question.kind == Kind.MATCHING and sum(1 for p in question.pairs if p.prompt) < 2:
        raise FormatError(where, _("“%(name)s” needs at least two pairs to match.") % {"name": question.name})
    if question.kind == Kind.TRUE_FALSE and sorted(a.text for a in question.answers) != ["false", "true"]:
        raise FormatError(where, _("“%(name)s” must have the answers true and false.") % {"name": question.name})
    if question.kind == Kind.CLOZE:
        fault = cloze.markers_problem(question.text, question.gaps) if question.gaps else _("the embedded-answers question has no embedded answers.")
        fault = fault or next((p for number, gap in enumerate(question.gaps, start=1) if (p := cloze.problem(gap, number))), None)
        if fault:
            raise FormatError(where, _("“%(name)s”: %(fault)s") % {"name": question.name, "fault": fault})
    if question.default_mark < 0:
        raise FormatError(where, _("the mark of “%(name)s” is negative.") % {"name": question.name})
    if not question.name.strip():
        raise FormatError(where, _("a question has no name."))
