"""`{{ text|in_my_language }}`: a text written in several languages (core.multilang spans) in
the reader's language; where it lacks that one, another, marked with its language: "Text (RU)"."""

from django import template
from django.utils.translation import get_language

from eacademy.core.multilang import in_language, split_languages

register = template.Library()


@register.filter
def in_my_language(text: object) -> str:
    language = (get_language() or "ru").split("-")[0]
    texts = split_languages(str(text or ""))
    shown = in_language(str(text or ""), language)
    if "" in texts or language in texts:
        return shown
    other = next(lang for lang, body in texts.items() if body == shown)
    return f"{shown} ({other.upper()})"
