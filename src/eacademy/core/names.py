"""What a person's name may contain."""

import re
from typing import Protocol

from django.utils.translation import gettext_lazy as _

# Russian and Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і), plus hyphen, apostrophe and inner spaces.
_CYRILLIC_NAME = re.compile(r"^[А-ЯЁа-яёӘәҒғҚқҢңӨөҰұҮүҺһІі]+(?:[ '\-][А-ЯЁа-яёӘәҒғҚқҢңӨөҰұҮүҺһІі]+)*$")
_LATIN_NAME = re.compile(r"^[A-Za-z]+(?:[ '\-][A-Za-z]+)*$")

CYRILLIC_MESSAGE = _("Write the name in Cyrillic letters (hyphen and apostrophe allowed).")
LATIN_MESSAGE = _("Write the transliteration in Latin letters (hyphen and apostrophe allowed).")
ANY_NAME_MESSAGE = _("Use letters only (hyphen and apostrophe allowed).")
_ANY_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")


def normalise(value: str) -> str:
    return " ".join(value.split())


def search_key(last_name: str, first_name: str, middle_name: str = "") -> str:
    return " ".join(part for part in (last_name, first_name, middle_name) if part).casefold()


def is_cyrillic_name(value: str) -> bool:
    return bool(_CYRILLIC_NAME.match(value))


def is_latin_name(value: str) -> bool:
    return bool(_LATIN_NAME.match(value))


def is_any_name(value: str) -> bool:
    return bool(_ANY_NAME.match(value))


# Cyrillic to Latin as in Kazakh passports (ICAO Doc 9303 with Kazakh letters).
_TO_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f",
    "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "",
    "э": "e", "ю": "iu", "я": "ia",
}


def transliterate(value: str) -> str:
    out = []
    for char in value:
        latin = _TO_LATIN.get(char.lower(), char)
        out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def masked_name(person: "PersonLike") -> str:
    """For public pages: the first name and the initial of the last name ("Әлібек А."),
    enough to recognise a certificate, not enough to find the person."""
    return f"{person.first_name} {person.last_name[:1]}." if person.last_name else person.first_name


class PersonLike(Protocol):
    first_name: str
    last_name: str
