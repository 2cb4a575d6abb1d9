"""Figures for the home page of each role. Counted once a minute, not on every request."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import OuterRef, Subquery, Sum

from eacademy.org.models import AcademyUnit, Agency, AgencyHeadcount
from eacademy.people.models import Person, StaffMember

_TTL = 60
T = TypeVar("T")


def _cached(key: str, compute: Callable[[], T]) -> T:
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, _TTL)
    return value


def academy_figures() -> dict[str, int]:
    def compute() -> dict[str, int]:
        latest = AgencyHeadcount.objects.filter(agency=OuterRef("agency")).order_by("-year").values("year")[:1]
        officers = AgencyHeadcount.objects.filter(year=Subquery(latest)).aggregate(total=Sum("headcount"))["total"]
        return {
            "agencies": Agency.objects.filter(is_active=True).count(),
            "people": Person.objects.count(),
            "staff": StaffMember.objects.count(),
            "departments": AcademyUnit.objects.filter(kind=AcademyUnit.Kind.DEPARTMENT).count(),
            "officers": officers or 0,
        }

    return _cached("analytics:academy_figures", compute)


def agency_people_count(agency_id: int) -> int:
    return _cached(f"analytics:agency_people:{agency_id}", lambda: Person.objects.filter(agency_id=agency_id).count())
