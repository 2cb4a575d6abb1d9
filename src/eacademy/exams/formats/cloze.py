"""Moodle's embedded-answers ("cloze") syntax, checked but not held: a well-formed cloze
question is reported as unsupported, a broken one refuses the file like Moodle does."""

import re

from django.utils.translation import gettext as _

_SUBQUESTION = re.compile(r"\{(\d*):([A-Z_]+)(?::((?:[^{}\\]|\\.)*))?\}")
_CHOICE_TYPES = {"MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH", "MULTICHOICE_S", "MCS", "MULTICHOICE_VS", "MCVS",
                 "MULTICHOICE_HS", "MCHS", "MULTIRESPONSE", "MR", "MULTIRESPONSE_H", "MRH", "MULTIRESPONSE_S", "MRS", "MULTIRESPONSE_HS", "MRHS"}
_SHORT_TYPES = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
_NUMERICAL_TYPES = {"NUMERICAL", "NM"}


def _answers(body: str) -> list[tuple[float, str]]:
    out = []
    for item in re.split(r"(?<!\\)~", body):
        if not item.strip():
            continue
        fraction = 0.0
        if item.startswith("="):
            fraction, item = 1.0, item[1:]
        elif match := re.match(r"%(-?\d+(?:\.\d+)?)%", item):
            fraction, item = float(match.group(1)) / 100, item[match.end() :]
        out.append((fraction, re.split(r"(?<!\\)#", item, maxsplit=1)[0]))
    return out


def problem(text: str) -> str | None:
    """What is wrong with a cloze question's text, or None when it is well-formed."""
    found = _SUBQUESTION.findall(text)
    if not found:
        return _("the embedded-answers question has no embedded answers.")
    for number, (_weight, kind, body) in enumerate(found, start=1):
        answers = _answers(body or "")
        if kind not in _CHOICE_TYPES | _SHORT_TYPES | _NUMERICAL_TYPES:
            return _("embedded answer %(n)s has an unknown type %(type)s.") % {"n": number, "type": kind}
        if not answers:
            return _("embedded answer %(n)s (%(type)s) has no answers.") % {"n": number, "type": kind}
        if kind in _CHOICE_TYPES and len(answers) < 2:
            return _("embedded answer %(n)s (%(type)s) has only one choice.") % {"n": number, "type": kind}
        if not kind.startswith(("MULTIRESPONSE", "MR")) and not any(abs(f - 1) < 1e-6 for f, _t in answers):
            return _("embedded answer %(n)s (%(type)s) has no completely correct answer.") % {"n": number, "type": kind}
        if kind in _NUMERICAL_TYPES:
            for _fraction, value in answers:
                try:
                    float(value.split(":", 1)[0])
                except ValueError:
                    if value.strip() != "*":
                        return _("embedded answer %(n)s (NUMERICAL) has the answer “%(value)s”, which is not a number.") % {"n": number, "value": value}
    return None
