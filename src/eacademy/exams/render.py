"""Question texts as safe HTML in the reader's language: Moodle's text formats, multi-language
spans, embedded files served by our own URL, and nothing a question author could inject."""

import markdown
import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from eacademy.core.multilang import in_language


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
