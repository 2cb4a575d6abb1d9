"""Words reduced to stems for search, in Russian and Kazakh.

Russian: the Snowball stemmer (the algorithm PostgreSQL's `russian` configuration uses), run
here so that SQLite and PostgreSQL index exactly the same stems. Kazakh has no Snowball
stemmer; ours strips the inflections a noun takes, outermost first — case, then possessive,
then plural — keeping a stem of at least three letters, and undoes the voicing of a final
consonant (құқығы → құқық). Derivational suffixes are left alone: "қылмыстық" (criminal) is
a word of its own, as a dictionary has it. Written by hand because no maintained library does
Kazakh; tested on real words in tests/library/test_search.py."""

import re
from functools import lru_cache

import snowballstemmer

from eacademy.library.similarity import LOOK_ALIKES

WORD = re.compile(r"[^\W_]+", re.UNICODE)
KAZAKH_LETTERS = frozenset("әғқңөұүһі")

_CASES = sorted(["ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді", "ты", "ті",
                 "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "ын", "ін"],
                key=len, reverse=True)
_POSSESSIVES = sorted(["ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "ым", "ім", "ың", "ің", "сы", "сі", "ы", "і"],
                      key=len, reverse=True)
_PLURALS = ["лар", "лер", "дар", "дер", "тар", "тер"]
_DEVOICED = str.maketrans("ғгб", "қкп")
_MIN_STEM = 3

_russian = snowballstemmer.stemmer("russian")


def normalised(word: str) -> str:
    return word.lower().translate(LOOK_ALIKES).replace("ё", "е")


@lru_cache(maxsize=65536)
def kazakh_stem(word: str) -> str:
    for suffixes in (_CASES, _POSSESSIVES, _PLURALS):
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
    return word[:-1] + word[-1].translate(_DEVOICED)


@lru_cache(maxsize=65536)
def russian_stem(word: str) -> str:
    return _russian.stemWord(word)


def stem(word: str, language: str) -> str:
    """A normalised word's stem: Kazakh when the word has a Kazakh letter or its text is Kazakh."""
    if language == "kk" or KAZAKH_LETTERS.intersection(word):
        return kazakh_stem(word)
    return russian_stem(word)


def stems(text: str, language: str) -> list[str]:
    """The stems of a text's words in order."""
    return [stem(normalised(m.group()), language) for m in WORD.finditer(text)]


def query_stems(word: str) -> set[str]:
    """What a word of a query may be indexed as: its Russian and its Kazakh stem (the query
    does not say its language)."""
    word = normalised(word)
    return {russian_stem(word), kazakh_stem(word)} if not KAZAKH_LETTERS.intersection(word) else {kazakh_stem(word)}
