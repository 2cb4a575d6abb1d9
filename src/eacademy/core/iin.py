"""The individual identification number (IIN) of the Republic of Kazakhstan.

Twelve digits: YYMMDD birth date, one digit for century and sex (1-6: 1800s, 1900s, 2000s,
odd male, even female), a four-digit serial, and a check digit. The check digit is the
weighted sum of the first eleven digits modulo 11 with weights 1..11; when that gives 10 the
weights 3..11,1,2 are used instead; when that gives 10 too, the number is never issued.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}

MALE = "M"
FEMALE = "F"


@dataclass(frozen=True)
class IinFacts:
    birth_date: datetime.date
    sex: str


def check_digit(first_eleven: str) -> int | None:
    """The check digit for eleven digits, or None when both weight sequences give 10."""
    digits = [int(c) for c in first_eleven]
    for weights in (_WEIGHTS_FIRST, _WEIGHTS_SECOND):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def parse_iin(value: str) -> IinFacts:
    """Validate an IIN and return the birth date and sex it encodes; raise ValidationError."""
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("An IIN is exactly 12 digits."), code="iin_format")
    century_digit = int(value[6])
    if century_digit not in _CENTURY:
        raise ValidationError(
            _("The 7th digit of an IIN (century and sex) must be from 1 to 6."), code="iin_century"
        )
    year = _CENTURY[century_digit] + int(value[0:2])
    try:
        birth_date = datetime.date(year, int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise ValidationError(
            _("The IIN encodes an impossible birth date (%(digits)s)."),
            code="iin_birth_date",
            params={"digits": value[0:6]},
        ) from None
    expected = check_digit(value[:11])
    if expected is None:
        raise ValidationError(
            _("This IIN cannot exist: both check sums give 10, so no check digit is possible."),
            code="iin_no_check_digit",
        )
    if expected != int(value[11]):
        raise ValidationError(_("The IIN check digit is wrong: check the number for a typo."), code="iin_check_digit")
    return IinFacts(birth_date=birth_date, sex=MALE if century_digit % 2 else FEMALE)


def validate_iin(value: str) -> None:
    parse_iin(value)


def make_iin(birth_date: datetime.date, sex: str, serial: int) -> str | None:
    """Build a valid IIN, or None when this serial gives no check digit (pick another)."""
    century_base = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100]
    century_digit = century_base + (1 if sex == FEMALE else 0)
    first_eleven = f"{birth_date:%y%m%d}{century_digit}{serial:04d}"
    digit = check_digit(first_eleven)
    return None if digit is None else first_eleven + str(digit)


def validate_bin(value: str) -> None:
    """A business identification number (BIN) of an organisation: twelve digits, the first four
    the year and month of registration, the fifth the kind of body (4 a resident legal entity,
    5 a non-resident one, 6 an individual entrepreneur in joint venture), and the same check
    digit rule as the IIN."""
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A BIN is exactly 12 digits."), code="bin_format")
    if not 1 <= int(value[2:4]) <= 12:
        raise ValidationError(_("The 3rd and 4th digits of a BIN are the month of registration, from 01 to 12."), code="bin_month")
    if value[4] not in "456":
        raise ValidationError(_("The 5th digit of a BIN (the kind of body) must be 4, 5 or 6."), code="bin_kind")
    expected = check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise ValidationError(_("The BIN check digit is wrong: check the number for a typo."), code="bin_check_digit")


def make_bin(year: int, month: int, kind: int, serial: int) -> str | None:
    """A valid BIN for tests and the demo, or None when the serial gives no check digit."""
    first_eleven = f"{year % 100:02d}{month:02d}{kind}0{serial:05d}"
    digit = check_digit(first_eleven)
    return None if digit is None else first_eleven + str(digit)
