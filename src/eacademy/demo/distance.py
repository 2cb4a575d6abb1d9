"""The demo's online lessons: the listener's group has its latest lesson held in a BigBlueButton
room, whose report (as the server sends it when the room ends) took the attendance into the
journal, and its next lesson at a Jitsi link."""

import datetime

from django.utils import timezone

from eacademy.core.models import User
from eacademy.distance import services
from eacademy.distance.models import OnlineMeeting
from eacademy.enrollment.models import Enrollment
from eacademy.timetable.models import Lesson


def load_demo_distance(*, users: dict[str, User]) -> dict[str, int]:
    lecturer, now = users["lecturer"], timezone.now()
    lessons = Lesson.objects.filter(group__enrollments__person__user=users["listener"], lecturer=lecturer).distinct().order_by("starts_at")
    upcoming = lessons.filter(starts_at__gt=now).first()
    if upcoming:
        services.meeting_set(actor=lecturer, lesson=upcoming, system=OnlineMeeting.System.JITSI, url=f"https://meet.jit.si/eacademy-demo-{upcoming.pk}")
    past = lessons.filter(starts_at__lt=now - datetime.timedelta(minutes=80)).last()
    if past is None:  # the demo loaded before the day's first lesson ended
        return {"online_lessons": int(upcoming is not None)}
    # The demo has no BigBlueButton server: the room and its final report are recorded as the server would have sent them.
    meeting = OnlineMeeting.objects.create(lesson=past, system=OnlineMeeting.System.BIGBLUEBUTTON, meeting_id=f"eacademy-demo-{past.pk}")
    group = list(Enrollment.objects.filter(group=past.group, status=Enrollment.Status.ENROLLED).order_by("pk"))
    visits = []
    for n, enrollment in enumerate(group[:-1]):  # the last one never came
        came = past.starts_at + datetime.timedelta(minutes=20 if n == 0 else n % 5)
        visits.append(services.Visit(f"e{enrollment.pk}", came, past.starts_at + datetime.timedelta(minutes=past.minutes), (past.minutes - (came - past.starts_at).seconds // 60) * 60))
    services.attendance_take(meeting=meeting, visits=visits, final=True)
    return {"online_lessons": 1 + int(upcoming is not None)}
