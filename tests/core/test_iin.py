import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from eacademy.core.iin import FEMALE, MALE, check_digit, make_iin, parse_iin


def _iin_without_check_digit() -> str:
    """Eleven digits for which both weight sequences give 10 (such IINs are never issued)."""
    for serial in range(10_000):
        first_eleven = f"8501153{serial:04d}"
        if check_digit(first_eleven) is None:
            return first_eleven + "0"
    raise AssertionError("no such serial")


NO_CHECK_DIGIT = _iin_without_check_digit()


def test_a_valid_iin_gives_birth_date_and_sex() -> None:
    iin = make_iin(datetime.date(1985, 1, 15), MALE, 1234)
    assert iin is not None and iin.startswith("8501153")
    facts = parse_iin(iin)
    assert facts.birth_date == datetime.date(1985, 1, 15)
    assert facts.sex == MALE


def test_a_wrong_check_digit_is_rejected() -> None:
    iin = make_iin(datetime.date(1990, 6, 30), FEMALE, 77)
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        parse_iin(wrong)
    assert error.value.code == "iin_check_digit"


@pytest.mark.parametrize("digits", ["850230", "851301", "850000", "850431"])
def test_an_impossible_birth_date_is_rejected(digits: str) -> None:
    eleven = f"{digits}30001"
    with pytest.raises(ValidationError) as error:
        parse_iin(eleven + "0")
    assert error.value.code == "iin_birth_date"


def test_a_number_whose_both_check_sums_are_ten_is_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        parse_iin(NO_CHECK_DIGIT)
    assert error.value.code == "iin_no_check_digit"
    # whatever the last digit, the number cannot exist
    for last in "0123456789":
        with pytest.raises(ValidationError):
            parse_iin(NO_CHECK_DIGIT[:11] + last)


@pytest.mark.parametrize("value", ["", "12345678901", "1234567890123", "85011530001a", "８５０１１５３０００１２", "850115 30001"])
def test_anything_but_twelve_ascii_digits_is_rejected(value: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_iin(value)
    assert error.value.code == "iin_format"


@pytest.mark.parametrize("century_digit", ["0", "7", "8", "9"])
def test_a_century_digit_outside_one_to_six_is_rejected(century_digit: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_iin(f"850115{century_digit}00010")
    assert error.value.code == "iin_century"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Неверная контрольная цифра ИИН"),
        ("kk", "ЖСН-нің бақылау цифры қате"),
        ("en", "The IIN check digit is wrong"),
    ],
)
def test_the_message_is_in_the_users_language(language: str, text: str) -> None:
    iin = make_iin(datetime.date(1990, 6, 30), FEMALE, 77)
    with translation.override(language), pytest.raises(ValidationError) as error:
        parse_iin(iin[:11] + str((int(iin[11]) + 1) % 10))
    with translation.override(language):
        assert text in error.value.messages[0]


@given(
    birth_date=st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2099, 12, 31)),
    sex=st.sampled_from([MALE, FEMALE]),
    serial=st.integers(min_value=0, max_value=9999),
)
def test_every_made_iin_parses_back_to_what_was_encoded(birth_date: datetime.date, sex: str, serial: int) -> None:
    iin = make_iin(birth_date, sex, serial)
    if iin is None:  # this serial has no check digit: the maker says so instead of inventing one
        return
    facts = parse_iin(iin)
    assert (facts.birth_date, facts.sex) == (birth_date, sex)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_twelve_digits_are_either_valid_or_refused_with_a_reason(value: str) -> None:
    try:
        parse_iin(value)
    except ValidationError as error:
        assert error.code in {"iin_century", "iin_birth_date", "iin_no_check_digit", "iin_check_digit"}
