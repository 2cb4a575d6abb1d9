import datetime

import pytest
from django.utils import timezone

from eacademy.catalog.models import Discipline
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.exams.models import Exam
from eacademy.journal.models import Attendance
from eacademy.timetable.models import Lesson


@pytest.fixture
def course(db, persona):
    """The demo listener's course and group, a discipline and four lessons already held."""
    exam = Exam.objects.get(purpose="input", offering__enrollments__person__user__username="listener")
    mine = Enrollment.objects.get(offering=exam.offering, person__user=persona(Role.LISTENER))
    discipline = Discipline.objects.filter(module__version_id=exam.offering.version_id).order_by("module__position", "position").first()
    Attendance.objects.filter(lesson__group=mine.group).delete()  # the demo's lessons of this week: the tests count from four of their own
    Lesson.objects.filter(group=mine.group).delete()
    start = timezone.now() - datetime.timedelta(days=10)
    lessons = [Lesson.objects.create(offering=exam.offering, group=mine.group, discipline=discipline, starts_at=start + datetime.timedelta(days=i),
                                     lecturer=persona(Role.LECTURER), topic=f"Тақырып {i + 1}") for i in range(4)]
    enrollments = list(Enrollment.objects.filter(group=mine.group, status="enrolled").select_related("person").order_by("pk"))
    return {"exam": exam, "offering": exam.offering, "group": mine.group, "discipline": discipline, "lessons": lessons, "enrollments": enrollments, "mine": mine}
