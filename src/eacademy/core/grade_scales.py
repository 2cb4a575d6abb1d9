"""Grading scales: the seeded reference data and the conversion of points to a band."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Model
from django.utils.translation import get_language

from eacademy.core.models import GradeBand, GradeScale

# (letter, from, to, grade point, kk, ru, en, passed)
Band = tuple[str, int, int, str | None, str, str, str, bool]
POINT_LETTER: list[Band] = [
    ("A", 95, 100, "4.00", "өте жақсы", "отлично", "excellent", True),
    ("A-", 90, 94, "3.67", "өте жақсы", "отлично", "excellent", True),
    ("B+", 85, 89, "3.33", "жақсы", "хорошо", "good", True),
    ("B", 80, 84, "3.00", "жақсы", "хорошо", "good", True),
    ("B-", 75, 79, "2.67", "жақсы", "хорошо", "good", True),
    ("C+", 70, 74, "2.33", "қанағаттанарлық", "удовлетворительно", "satisfactory", True),
    ("C", 65, 69, "2.00", "қанағаттанарлық", "удовлетворительно", "satisfactory", True),
    ("C-", 60, 64, "1.67", "қанағаттанарлық", "удовлетворительно", "satisfactory", True),
    ("D+", 55, 59, "1.33", "қанағаттанарлық", "удовлетворительно", "satisfactory", True),
    ("D", 50, 54, "1.00", "қанағаттанарлық", "удовлетворительно", "satisfactory", True),
    ("FX", 25, 49, "0.50", "қанағаттанарлықсыз", "неудовлетворительно", "fail", False),
    ("F", 0, 24, "0.00", "қанағаттанарлықсыз", "неудовлетворительно", "fail", False),
]
RETAKE_LETTERS = {"FX"}  # FX: a retake is allowed; F: the discipline is studied again
# The current table: FX 25-49 and F 0-24 (older tables had F for all of 0-49).
POINT_LETTER_SOURCE = ("Rules for organising the educational process on credit technology, order of the Minister of Education and Science "
                       "No. 152 of 20.04.2011 as amended: A 95-100 … D 50-54, FX 25-49, F 0-24")
POINT_LETTER_CHECKED = datetime.date(2026, 12, 2)
_FIVE_POINT_MARKS = {"excellent": "5", "good": "4", "satisfactory": "3", "fail": "2"}


def _five_point(point_letter: list[Band]) -> list[Band]:
    """The five-point marks are the point-letter table's words (A and A- are "excellent", 5; B+
    to B- "good", 4; ...): derived from it, so the two scales never tell a point differently."""
    bands: list[Band] = []
    for _letter, low, high, _gp, kk, ru, en, passed in point_letter:  # highest first
        if bands and bands[-1][6] == en:
            mark, _low, top, gp, wkk, wru, wen, ok = bands[-1]
            bands[-1] = (mark, low, top, gp, wkk, wru, wen, ok)
        else:
            bands.append((_FIVE_POINT_MARKS[en], low, high, None, kk, ru, en, passed))
    return bands


FIVE_POINT: list[Band] = _five_point(POINT_LETTER)
PASS_FAIL: list[Band] = [
    ("P", 50, 100, None, "сынақтан өтті", "зачтено", "pass", True),
    ("NP", 0, 49, None, "сынақтан өтпеді", "не зачтено", "fail", False),
]
SCALES: dict[str, tuple[tuple[str, str, str], bool, list[Band]]] = {
    "point-letter": (("Әріптік-балдық жүйе", "Балльно-буквенная система", "Point-letter scale"), True, POINT_LETTER),
    "five-point": (("Бес балдық жүйе", "Пятибалльная система", "Five-point scale"), False, FIVE_POINT),
    "pass-fail": (("Сынақ", "Зачёт", "Pass/fail"), False, PASS_FAIL),
}
SOURCES = {"point-letter": (POINT_LETTER_SOURCE, POINT_LETTER_CHECKED), "five-point": (f"derived from the point-letter scale ({POINT_LETTER_SOURCE})", POINT_LETTER_CHECKED)}


def _known(model: type[Model], values: dict[str, object]) -> dict[str, object]:
    """Only the fields the model has: migrations pass the historical model of their moment."""
    names = {f.name for f in model._meta.get_fields()}
    return {k: v for k, v in values.items() if k in names}


def load_grade_scales(scale_model: type[GradeScale] = GradeScale, band_model: type[GradeBand] = GradeBand) -> None:
    """Seed the scales (the migrations pass their historical models)."""
    for code, ((kk, ru, en), has_gpa, bands) in SCALES.items():
        source, checked = SOURCES.get(code, ("", None))
        scale, _created = scale_model.objects.update_or_create(code=code, defaults=_known(scale_model, {
            "name_kk": kk, "name_ru": ru, "name_en": en, "has_gpa": has_gpa, "source": source, "checked_on": checked}))
        band_model.objects.filter(scale=scale).delete()
        band_model.objects.bulk_create([
            band_model(scale=scale, **_known(band_model, {
                "letter": letter, "min_points": low, "max_points": high, "grade_point": Decimal(gp) if gp else None,
                "word_kk": wkk, "word_ru": wru, "word_en": wen, "passed": passed, "retake_allowed": code == "point-letter" and letter in RETAKE_LETTERS}))
            for letter, low, high, gp, wkk, wru, wen, passed in bands
        ])


def band_for(bands: list[GradeBand], points: float) -> GradeBand:
    """The band of `points` (rounded half up to a whole point, as grade sheets are kept)."""
    whole = Decimal(str(points)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if not 0 <= whole <= 100:
        raise ValueError(f"points must be from 0 to 100, not {points}")
    for band in bands:
        if band.min_points <= whole <= band.max_points:
            return band
    raise ValueError(f"the scale has no band for {whole} points")


def band_word(band: GradeBand) -> str:
    language = (get_language() or "ru")[:2]
    return getattr(band, f"word_{language}", "") or band.word_ru
