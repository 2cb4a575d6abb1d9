"""Question texts as safe HTML in the reader's language: Moodle's text formats, multi-language
spans, embedded files served by our own URL, the inputs of embedded answers in their places,
and nothing a question author could inject."""

import re

import markdown
import nh3
from django.utils.html import escape, format_html, format_html_join, linebreaks, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eacademy.core.multilang import in_language
from eacademy.exams.formats import GAP_MARKER


def as_html(text: str, text_format: str, version_id: int) -> SafeString:
    text = in_language(text, (get_language() or "ru")[:2])
    if text_format == "markdown":
        html = markdown.markdown(text)
    elif text_format == "html":
        html = text
    else:
        html = linebreaks(escape(text))
    html = html.replace("@@PLUGINFILE@@/", f"/exams/files/{version_id}/")
    return mark_safe(nh3.clean(html, attribute_filter=_own_files_only))  # noqa: S308 - sanitised by nh3 (ammonia) just above


def _own_files_only(_element: str, attribute: str, value: str) -> str | None:
    """An image or sound comes from the question's own files: a remote `src` would tell another
    server who opened the question and when (and an air-gapped network reaches none)."""
    if attribute in ("src", "srcset", "poster") and not value.startswith("/exams/files/"):
        return None
    return value


def _choice_text(text: str, language: str) -> str:
    return " ".join(strip_tags(in_language(text, language)).split())


def _gap_widget(gap: dict, number: int, order: list[int], name: str, disabled: bool, language: str) -> SafeString:
    """The input a listener answers gap `number` with, in its place in the text."""
    off = mark_safe(" disabled") if disabled else ""
    label = _("Gap %(n)s") % {"n": number}
    field = f"{name}-{number}"
    if gap["kind"] == "single" and gap["display"] == "dropdown":
        options = format_html_join("", '<option value="{}">{}</option>', ((i, _choice_text(gap["answers"][i]["text"], language)) for i in order))
        return format_html('<select class="gap" name="{}" data-gap="{}" aria-label="{}"{}><option value="">—</option>{}</select>', field, number, label, off, options)
    if gap["kind"] in ("single", "multiple"):
        input_type = "radio" if gap["kind"] == "single" else "checkbox"
        choices = format_html_join(
            "", '<label class="choice"><input type="{}" name="{}" data-gap="{}" value="{}"{}> {}</label>',
            ((input_type, field, number, i, off, _choice_text(gap["answers"][i]["text"], language)) for i in order),
        )
        return format_html('<span class="gap-choices {}" role="group" aria-label="{}">{}</span>', gap["display"], label, choices)
    width = max([6, *(len(a["text"]) + 2 for a in gap["answers"])])
    numeric = mark_safe(' inputmode="decimal"') if gap["kind"] == "numerical" else ""
    return format_html('<input type="text" class="gap" name="{}" data-gap="{}" size="{}" autocomplete="off" aria-label="{}"{}{}>',
                       field, number, min(width, 40), label, numeric, off)


def with_gaps(text: str, text_format: str, version_id: int, gaps: list[dict], order: list[list[int]], name: str, disabled: bool) -> SafeString:
    """An embedded-answers question's text with an input in the place of each gap."""
    language = (get_language() or "ru")[:2]
    html = as_html(text, text_format, version_id)

    def widget(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 0 < number <= len(gaps):
            return match.group(0)
        return _gap_widget(gaps[number - 1], number, order[number - 1] if number <= len(order) else [], name, disabled, language)

    return mark_safe(GAP_MARKER.sub(widget, html))  # noqa: S308 - the text was sanitised, the inputs built with format_html
