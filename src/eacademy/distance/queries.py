"""Reads of distance learning shared by pages."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from eacademy.core.models import User
from eacademy.distance.models import Material, MaterialView, OnlineMeeting, Section
from eacademy.distance.rules import TEACHERS
from eacademy.enrollment.models import Enrollment
from eacademy.journal import queries as journal_queries
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson


def meetings_of(user: User, *, days_back: int = 14) -> QuerySet[OnlineMeeting]:
    """The user's online lessons from two weeks ago on: a listener's by his courses and groups;
    a teacher's those of the groups whose journal he keeps."""
    since = timezone.now() - datetime.timedelta(days=days_back)
    meetings = OnlineMeeting.objects.filter(lesson__starts_at__gte=since).select_related("lesson__discipline", "lesson__offering__version__programme",
                                                                                         "lesson__group", "lesson__lecturer").order_by("lesson__starts_at")
    if user.is_academy_wide:
        return meetings
    mine = Enrollment.objects.filter(person__user=user, status=Enrollment.Status.ENROLLED)
    scope = Q(lesson__offering__in=mine.values("offering")) & (Q(lesson__group=None) | Q(lesson__group__in=mine.values("group")))
    groups = journal_queries.groups_visible_to(user)
    scope |= Q(lesson__lecturer=user) | Q(lesson__group__in=groups.values("pk")) | Q(lesson__group=None, lesson__offering__in=groups.values("offering"))
    return meetings.filter(scope)


def listener_enrollment(user: User, lesson: Lesson) -> Enrollment | None:
    """The user's enrollment as a listener of the lesson (its course, and its group if it has one)."""
    enrollments = Enrollment.objects.filter(person__user=user, offering_id=lesson.offering_id, status=Enrollment.Status.ENROLLED)
    return (enrollments.filter(group_id=lesson.group_id) if lesson.group_id else enrollments).first()


@dataclass
class Space:
    sections: list[Section]
    opened: set[int]  # the listener's opened materials
    required: int
    done: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.required) if self.required else 100


def _visible(materials: QuerySet[Material], today: datetime.date) -> QuerySet[Material]:
    return materials.filter(Q(visible_from=None) | Q(visible_from__lte=today), Q(section__visible_from=None) | Q(section__visible_from__lte=today))


def space(offering_id: int, *, enrollment: Enrollment | None, teacher: bool) -> Space:
    """The course's sections and materials (a listener sees those visible today), what he has
    opened and his progress: required materials opened of those visible. Three queries."""
    today = timezone.localdate()
    materials = Material.objects.filter(section__offering_id=offering_id).order_by("position", "id")
    if not teacher:
        materials = _visible(materials, today)
    sections = Section.objects.filter(offering_id=offering_id).prefetch_related(Prefetch("materials", queryset=materials))
    if not teacher:
        sections = sections.filter(Q(visible_from=None) | Q(visible_from__lte=today))
    shown = list(sections)
    opened = set(MaterialView.objects.filter(enrollment=enrollment).values_list("material_id", flat=True)) if enrollment else set()
    required = [m.pk for section in shown for m in section.materials.all() if m.required]
    return Space(shown, opened, len(required), len(opened & set(required)))


@dataclass
class Behind:
    enrollment: Enrollment
    done: int
    required: int


def progress_grid(offering_id: int) -> list[Behind]:
    """Each listener of the course with the required materials visible today he has opened, the
    furthest behind first: the lecturer's view. Two queries."""
    required = _visible(Material.objects.filter(section__offering_id=offering_id, required=True), timezone.localdate())
    total = required.count()
    enrollments = Enrollment.objects.filter(offering_id=offering_id, status=Enrollment.Status.ENROLLED).select_related("person", "group")
    done = dict(MaterialView.objects.filter(material__in=required, enrollment__offering_id=offering_id).values("enrollment_id").annotate(n=Count("pk"))
                .values_list("enrollment_id", "n"))
    rows = [Behind(e, done.get(e.pk, 0), total) for e in enrollments]
    return sorted(rows, key=lambda r: (r.done, r.enrollment.person.last_name, r.enrollment.pk))


def courses_of(user: User) -> QuerySet[Offering]:
    """The courses whose space the user opens: those he listens to, and those whose journal he
    keeps; the running ones first, then those to come, then the past."""
    listening = Enrollment.objects.filter(person__user=user, status=Enrollment.Status.ENROLLED).values("offering")
    taught = journal_queries.groups_visible_to(user).values("offering") if not user.is_academy_wide else None
    today = timezone.localdate()
    running_first = Case(When(starts_on__lte=today, ends_on__gte=today, then=Value(0)), When(starts_on__gt=today, then=Value(1)), default=Value(2))
    offerings = Offering.objects.select_related("version__programme").order_by(running_first, "starts_on")
    if user.is_academy_wide:
        return offerings.filter(starts_on__lte=today + datetime.timedelta(days=60), ends_on__gte=today - datetime.timedelta(days=60))
    return offerings.filter(Q(pk__in=listening) | Q(pk__in=taught))


def teaches(user: User, offering_id: int, group_id: int | None = None) -> bool:
    """Whether the user keeps the journal of the course (or of the lesson's group): he sets its
    online lessons and its space up, and sees every listener's progress."""
    return user.has_role(*TEACHERS) and journal_queries.within_reach(user, offering_id=offering_id, group_id=group_id)
