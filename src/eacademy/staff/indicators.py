"""The strategy's staff indicators (seed 003): the share of scientists (an academic degree or
title) and practitioners (a special title of at least Counsellor of Justice) among the teaching
staff, the share of the teaching staff trained in a year, and the Regional Hub's national trainers."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import ExtractYear

from eacademy.people.models import StaffMember
from eacademy.staff.models import Development, HubTrainer
from eacademy.staff.queries import teaching_staff

# Counsellor of Justice and above; of the special ranks, lieutenant colonel and above, its equal.
PRACTITIONER_RANKS = ("counsellor", "senior-counsellor", "state-counsellor-3", "lieutenant-colonel", "colonel")
# Targets by year; after the strategy's last year its last target stands.
SCIENTISTS_PRACTITIONERS_TARGET = {2019: 0.40, 2020: 0.45, 2021: 0.50, 2022: 0.55, 2023: 0.60}
TRAINED_SHARE_TARGET = {2021: 0.10, 2022: 0.15, 2023: 0.20}


def target(targets: dict[int, float], year: int) -> float | None:
    if year < min(targets):
        return None
    return targets[min(year, max(targets))]


@dataclass(frozen=True)
class Composition:
    teaching: int
    scientists: int
    practitioners: int
    either: int

    @property
    def share(self) -> float | None:
        return self.either / self.teaching if self.teaching else None


def _teaching(department_id: int | None) -> QuerySet[StaffMember]:
    staff = teaching_staff()
    return staff.filter(academy_unit_id=department_id) if department_id else staff


def composition(department_id: int | None = None) -> Composition:
    """The teaching staff as it stands, in one query."""
    scientist = ~Q(academic_degree="") | ~Q(academic_title="")
    practitioner = Q(person__rank__code__in=PRACTITIONER_RANKS)
    sums = _teaching(department_id).aggregate(teaching=Count("pk"), scientists=Count("pk", filter=scientist),
                                      practitioners=Count("pk", filter=practitioner), either=Count("pk", filter=scientist | practitioner))
    return Composition(**sums)


def trained_by_year(department_id: int | None = None) -> dict[int, int]:
    """Teaching staff members with some professional development finished in each year."""
    rows = (Development.objects.filter(member__in=_teaching(department_id)).annotate(year=ExtractYear("ends_on")).values("year")
            .annotate(n=Count("member", distinct=True)))
    return {row["year"]: row["n"] for row in rows}


def stamp() -> str:
    """Changes when a staff record does: the dashboard's cached figures are keyed on it."""
    latest = [model.history.aggregate(latest=Max("history_date"))["latest"] for model in (StaffMember, Development, HubTrainer)]
    return ",".join(str(moment) for moment in latest)


def hub_trainers_by_year(years: list[int]) -> dict[int, int]:
    """National trainers qualified up to the end of each year (the strategy counts the total)."""
    rows = HubTrainer.objects.annotate(year=ExtractYear("qualified_on")).values("year").annotate(n=Count("pk"))
    qualified = {row["year"]: row["n"] for row in rows}
    return {year: sum(n for y, n in qualified.items() if y <= year) for year in years}
