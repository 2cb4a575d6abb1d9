"""A week of lessons as a grid: days × periods, for a group, a lecturer, a room or a person."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from eacademy.timetable.models import Lesson, Period


@dataclass
class Week:
    monday: datetime.date
    days: list[datetime.date]
    periods: list[Period]
    cells: dict[tuple[int, int], list[Lesson]]  # (day index, period number) → lessons

    @property
    def rows(self) -> list[tuple[Period, list[list[Lesson]]]]:
        return [(period, [self.cells.get((d, period.number), []) for d in range(len(self.days))]) for period in self.periods]

    @property
    def previous(self) -> str:
        return (self.monday - datetime.timedelta(weeks=1)).isoformat()

    @property
    def next(self) -> str:
        return (self.monday + datetime.timedelta(weeks=1)).isoformat()


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week(lessons: Q, monday: datetime.date, days: int = 6) -> Week:
    periods = list(Period.objects.order_by("number"))
    starts = {p.starts: p.number for p in periods}
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    found = (Lesson.objects.filter(lessons, starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=days))
             .select_related("discipline", "room", "lecturer", "group__offering__version__programme").distinct().order_by("starts_at"))
    cells: dict[tuple[int, int], list[Lesson]] = {}
    for lesson in found:
        local = timezone.localtime(lesson.starts_at)
        number = starts.get(local.time(), 0)
        cells.setdefault(((local.date() - monday).days, number), []).append(lesson)
    if any(number == 0 for _day, number in cells):  # lessons entered by hand at other times: one row "other times"
        periods.append(Period(number=0, starts=datetime.time(0), ends=datetime.time(0)))
    return Week(monday, [monday + datetime.timedelta(days=i) for i in range(days)], periods, cells)
