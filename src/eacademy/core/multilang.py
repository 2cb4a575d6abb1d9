"""Texts in several languages, held as Moodle holds them (its "multi-language content" filter):
`<span lang="kk" class="multilang">…</span><span lang="ru" class="multilang">…</span>`, so that
they travel unchanged through Moodle XML and GIFT."""

import re

_SPAN = re.compile(r'<span\s+lang="([a-zA-Z_-]+)"\s+class="multilang">(.*?)</span>', re.DOTALL)
_SPAN_REVERSED = re.compile(r'<span\s+class="multilang"\s+lang="([a-zA-Z_-]+)">(.*?)</span>', re.DOTALL)
FALLBACK = ("ru", "kk", "en")


def split_languages(text: str) -> dict[str, str]:
    """{language: text}; a text without language spans is {"": text}."""
    found = _SPAN.findall(text) or _SPAN_REVERSED.findall(text)
    if not found:
        return {"": text}
    return {lang.lower().split("_")[0]: body for lang, body in found}


def join_languages(texts: dict[str, str]) -> str:
    if len(texts) == 1:
        return next(iter(texts.values()))
    return "".join(f'<span lang="{lang}" class="multilang">{body}</span>' for lang, body in texts.items())


def in_language(text: str, language: str) -> str:
    """The text in `language`, else in the first of Russian, Kazakh, English that it has."""
    texts = split_languages(text)
    if "" in texts:
        return texts[""]
    for lang in (language, *FALLBACK):
        if lang in texts:
            return texts[lang]
    return next(iter(texts.values()))
