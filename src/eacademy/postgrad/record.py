"""The arithmetic of credit technology: which mark of a discipline counts, credits earned, GPA
weighted by credits, and academic standing. Pure functions over marks already read."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, TypeVar


class MarkLike(Protocol):
    points: int
    attempt: str

    @property
    def credits(self) -> int: ...
    @property
    def grade_point(self) -> Decimal: ...
    @property
    def passed(self) -> bool: ...
    @property
    def retake_allowed(self) -> bool: ...
    @property
    def discipline_id(self) -> int: ...


M = TypeVar("M", bound=MarkLike)


def counted(marks: Iterable[M]) -> dict[int, M]:
    """Each discipline's counted mark: its last attempt (marks come in the order they were made),
    so a retake replaces its FX and a repeat replaces the F."""
    return {mark.discipline_id: mark for mark in marks}


def gpa(marks: Iterable[MarkLike]) -> Decimal | None:
    """Σ(grade point × credits) / Σ credits, to two places (half up); None without marks."""
    weighted, credits = Decimal(0), 0
    for mark in marks:
        weighted += mark.grade_point * mark.credits
        credits += mark.credits
    return (weighted / credits).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if credits else None


def credits_earned(marks: Iterable[MarkLike]) -> int:
    return sum(mark.credits for mark in marks if mark.passed)


@dataclass(frozen=True)
class Standing:
    code: str  # "good", "retake", "repeat"
    disciplines: tuple[int, ...] = ()


def standing(final: Mapping[int, MarkLike]) -> Standing:
    """Good standing when every counted mark passes; otherwise the disciplines still to retake (an
    FX never retaken) or to study again (an F, or an FX whose retake failed)."""
    repeat = tuple(d for d, m in final.items() if not m.passed and not (m.retake_allowed and m.attempt == "exam"))
    if repeat:
        return Standing("repeat", repeat)
    retake = tuple(d for d, m in final.items() if not m.passed)
    return Standing("retake", retake) if retake else Standing("good")
