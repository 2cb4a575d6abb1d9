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


def occupancy(starts_on: datetime.date, ends_on: datetime.date) -> list[Night]:
    """Beds occupied and free each night of the range (one query whatever its length)."""
    beds = Bed.objects.filter(is_active=True).count()
    taken = dict(BedNight.objects.filter(night__gte=starts_on, night__lt=ends_on).values_list("night").annotate(n=Count("pk")).values_list("night", "n"))
    nights = [starts_on + datetime.timedelta(days=n) for n in range((ends_on - starts_on).days)]
    return [Night(night, taken.get(night, 0), beds - taken.get(night, 0)) for night in nights]
