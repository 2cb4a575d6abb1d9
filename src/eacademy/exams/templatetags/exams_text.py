from django import template
from django.utils.safestring import SafeString

from eacademy.exams.models import QuestionVersion, Slot
from eacademy.exams.render import as_html, with_gaps

register = template.Library()


@register.simple_tag
def question_html(text: str, text_format: str, version_id: int) -> SafeString:
    return as_html(text, text_format, version_id)


@register.simple_tag
def question_with_gaps(slot: Slot, text_format: str, disabled: bool = False) -> SafeString:
    return with_gaps(slot.version.text, text_format, slot.version_id, slot.version.content.get("gaps", []), slot.order, f"q{slot.position}", disabled)


@register.simple_tag
def question_gaps_preview(version: QuestionVersion) -> SafeString:
    """The text as listeners see it, choices in the author's order and nothing to answer."""
    gaps = version.content.get("gaps", [])
    order = [list(range(len(gap["answers"]))) for gap in gaps]
    return with_gaps(version.text, version.content.get("text_format", "html"), version.pk, gaps, order, "preview", True)
