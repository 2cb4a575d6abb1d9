from django import template
from django.utils.safestring import SafeString

from eacademy.exams.render import as_html

register = template.Library()


@register.simple_tag
def question_html(text: str, text_format: str, version_id: int) -> SafeString:
    return as_html(text, text_format, version_id)
