"""The course's completion: the methodologist's rule (the share of required activities), the
listener's mark of a completed course and the lecturer's column; reminders before due dates
to those who have not handed in, once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.models import Notification, User
from eacademy.core.roles import Role
from eacademy.distance import queries, services
from eacademy.distance.models import CompletionRule
from eacademy.distance.services import assignments
from eacademy.enrollment.models import Enrollment
from eacademy.timetable.models import Lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(persona) -> Enrollment:
    enrollment = Enrollment.objects.filter(person__user=persona(Role.LISTENER), status="enrolled").exclude(group=None).select_related("offering__version").first()
    Lesson.objects.create(offering=enrollment.offering, group=enrollment.group, discipline=enrollment.offering.version.modules.first().disciplines.first(),
                          minutes=80, starts_at=timezone.now() + datetime.timedelta(days=1), lecturer=persona(Role.LECTURER))
    return enrollment


def test_the_methodologist_s_rule_decides_when_the_course_is_completed(mine, persona, client_as):
    space = queries.space(mine.offering_id, enrollment=mine, teacher=False)
    assert space.threshold == 100 and not space.complete and 0 < space.done < space.required
    with pytest.raises(NotAllowed):
        services.completion_rule_set(actor=persona(Role.LECTURER), offering_id=mine.offering_id, percent=10)
    for wrong in (0, 101):
        with pytest.raises(DomainError, match="1 to 100"):
            services.completion_rule_set(actor=persona(Role.METHODOLOGIST), offering_id=mine.offering_id, percent=wrong)
    assert not CompletionRule.objects.exists()
    client_as(Role.METHODOLOGIST).post(f"/distance/courses/{mine.offering_id}/completion/", {"percent": str(space.done * 100 // space.required)})
    assert CompletionRule.objects.get(offering=mine.offering).percent == space.done * 100 // space.required
    assert 'data-testid="course-complete"' in client_as(Role.LISTENER).get(f"/distance/courses/{mine.offering_id}/").content.decode()
    grid = {row.enrollment.pk: row.complete for row in queries.progress_grid(mine.offering_id)}
    assert grid[mine.pk] is True and not all(grid.values())


def test_those_who_have_not_handed_in_are_reminded_once_before_the_due_date(mine, persona):
    lecturer, listener = persona(Role.LECTURER), persona(Role.LISTENER)
    now = timezone.now()
    soon = assignments.assignment_add(actor=lecturer, offering_id=mine.offering_id, title="Реферат к семинару", opens_at=now - datetime.timedelta(days=5),
                                      due_at=now + datetime.timedelta(hours=30), discipline=mine.offering.version.modules.first().disciplines.first())
    later = assignments.assignment_add(actor=lecturer, offering_id=mine.offering_id, title="Курсовая работа", opens_at=now - datetime.timedelta(days=5),
                                       due_at=now + datetime.timedelta(days=20), discipline=soon.discipline)
    colleague = Enrollment.objects.filter(offering=mine.offering, status="enrolled").exclude(pk=mine.pk).select_related("person").first()
    if colleague.person.user is None:
        colleague.person.user = User.objects.create(username="colleague")
        colleague.person.save()
    assignments.submission_save(user=listener, assignment=soon, text="Реферат", final=True, statement=True)
    call_command("distance", "daily")
    reminded = set(Notification.objects.filter(message__contains="Реферат к семинару").values_list("user_id", flat=True))
    assert listener.pk not in reminded and colleague.person.user_id in reminded
    assert not Notification.objects.filter(message__contains=later.title).exists()
    count = Notification.objects.filter(message__contains="Реферат к семинару").count()
    assert assignments.reminders_send() == 0 and Notification.objects.filter(message__contains="Реферат к семинару").count() == count
