"""Teaching load by lecturer: planned from the teachings (each lesson a period of two academic
hours) and actual from the lessons held, both weighted by the time norms per kind of work
(`settings.TEACHING_LOAD_NORMS`: hours of load per academic hour taught)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from eacademy.core.models import User
from eacademy.timetable.models import Lesson, Teaching

ACADEMIC_HOUR_MINUTES = 40  # a lesson of 80 minutes is two academic hours


@dataclass
class Load:
    lecturer: User
    planned: Decimal
    actual: Decimal

    @property
    def done_share(self) -> float | None:
        return float(self.actual / self.planned) if self.planned else None


def _norm(kind: str) -> Decimal:
    return Decimal(str(settings.TEACHING_LOAD_NORMS.get(kind, 1)))


def loads(starts_on: datetime.date, ends_on: datetime.date, now: datetime.datetime | None = None) -> list[Load]:
    """Each lecturer's planned load of the courses starting in the window and his actual load
    of their lessons held by `now` (three queries whatever the number of lecturers)."""
    now = now or timezone.now()
    planned: dict[int, Decimal] = {}
    for lecturer_id, kind, lessons in (Teaching.objects.filter(offering__starts_on__gte=starts_on, offering__starts_on__lte=ends_on)
                                       .values_list("lecturer_id", "kind").annotate(n=Sum("lessons")).values_list("lecturer_id", "kind", "n")):
        planned[lecturer_id] = planned.get(lecturer_id, Decimal(0)) + lessons * 2 * _norm(kind)
    actual: dict[int, Decimal] = {}
    held = (Lesson.objects.filter(offering__starts_on__gte=starts_on, offering__starts_on__lte=ends_on, lecturer__isnull=False, starts_at__lt=now)
            .values_list("lecturer_id", "kind", "minutes").annotate(n=Count("pk")).values_list("lecturer_id", "kind", "minutes", "n"))
    for lecturer_id, kind, minutes, count in held:
        actual[lecturer_id] = actual.get(lecturer_id, Decimal(0)) + Decimal(count * minutes) / ACADEMIC_HOUR_MINUTES * _norm(kind)
    people = User.objects.in_bulk(set(planned) | set(actual))
    return sorted((Load(people[pk], planned.get(pk, Decimal(0)), actual.get(pk, Decimal(0))) for pk in people),
                  key=lambda load: (-load.planned, load.lecturer.last_name, load.lecturer.username))
