"""Reads of distance learning shared by pages."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from eacademy.core.models import User
from eacademy.distance.models import OnlineMeeting
from eacademy.enrollment.models import Enrollment
from eacademy.journal import queries as journal_queries
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
