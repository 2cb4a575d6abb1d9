"""Reads of the campus shared by pages and reports: who is out now and who is late back, and the
dormitory's occupancy over a range of nights."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from eacademy.campus.models import Bed, BedNight, LeaveRequest


def out_now(now: datetime.datetime | None = None) -> QuerySet[LeaveRequest]:
    """Listeners out on approved leave, not yet back, whose return time has not passed."""
    now = now or timezone.now()
    return (LeaveRequest.objects.filter(status=LeaveRequest.Status.APPROVED, kind=LeaveRequest.Kind.LEAVE, returned_at=None,
                                        leaves_at__lte=now, returns_at__gt=now)
            .select_related("person__agency").order_by("returns_at"))


def late_back(now: datetime.datetime | None = None) -> QuerySet[LeaveRequest]:
    """Listeners whose approved leave has ended and who are not registered back."""
    now = now or timezone.now()
    return (LeaveRequest.objects.filter(status=LeaveRequest.Status.APPROVED, kind=LeaveRequest.Kind.LEAVE, returned_at=None, returns_at__lte=now)
            .select_related("person__agency").order_by("returns_at"))


@dataclass
class Night:
    night: datetime.date
    occupied: int
    free: int
    free_by_wing: list[int]  # free beds in each of `wings()`, in its order


def wings() -> list[tuple[int, str, str]]:
    """(building id, its name, the sex its rooms are for): the dormitory's parts a listener can be
    housed in, in a stable order."""
    return list(Bed.objects.filter(is_active=True).values_list("room__building_id", "room__building__name", "room__sex").distinct()
                .order_by("room__building__name", "room__sex"))


def occupancy(starts_on: datetime.date, ends_on: datetime.date) -> list[Night]:
    """Beds occupied and free each night of the range, in all and by building and sex (three
    queries whatever its length)."""
    parts = [(building, sex) for building, _name, sex in wings()]
    counts = Bed.objects.filter(is_active=True).values("room__building_id", "room__sex").annotate(n=Count("pk")).order_by()
    beds = {(row["room__building_id"], row["room__sex"]): row["n"] for row in counts}
    taken: dict[tuple[datetime.date, int, str], int] = {
        (row["night"], row["bed__room__building_id"], row["bed__room__sex"]): row["n"]
        for row in BedNight.objects.filter(night__gte=starts_on, night__lt=ends_on).values("night", "bed__room__building_id", "bed__room__sex")
        .annotate(n=Count("pk")).order_by()
    }
    occupied: dict[datetime.date, int] = {}
    for (night, _building, _sex), n in taken.items():
        occupied[night] = occupied.get(night, 0) + n
    nights = [starts_on + datetime.timedelta(days=offset) for offset in range((ends_on - starts_on).days)]
    return [Night(night, occupied.get(night, 0), sum(beds.values()) - occupied.get(night, 0),
                  [beds.get(part, 0) - taken.get((night, *part), 0) for part in parts]) for night in nights]
