"""Each role's home page is its working day on the freshly loaded demo: something to do today,
counted, with a link to where it is done; the page's queries do not grow with the work."""

import datetime

import pytest
from django.utils import timezone

from eacademy.core.roles import Role
from eacademy.timetable.models import Lesson
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db

# (role, tasks that must have work waiting on the day the demo is loaded)
WORK = [
    (Role.LISTENER, ["tests", "lessons", "certificates"]),
    (Role.LECTURER, ["teaching"]),
    (Role.METHODOLOGIST, ["academy-applications", "banks"]),
    (Role.HEAD_OF_DEPARTMENT, ["drafts", "visas"]),
    (Role.AGENCY_COORDINATOR, ["nominate"]),
    (Role.DIRECT_HEAD, ["follow-ups"]),
    (Role.EXPERT, ["ratings"]),
    (Role.DORMITORY_OFFICER, ["arrivals", "tonight"]),
    (Role.LIBRARIAN, ["overdue"]),
    (Role.LEADERSHIP, ["orders", "leave"]),
    (Role.ADMINISTRATOR, ["users"]),
]


@pytest.mark.parametrize(("role", "keys"), WORK)
def test_every_role_finds_today_s_work_on_its_home_page(client_as, role, keys):
    page = client_as(role).get("/")
    tasks = {task.key: task for task in page.context["tasks"]}
    html = page.content.decode()
    for key in keys:
        assert tasks[key].count > 0, key
        assert f'data-testid="task-{key}"' in html
        assert tasks[key].url or tasks[key].items  # it leads to the work


def test_the_listener_s_open_test_can_be_started_from_home_and_leaves_it_once_done(client_as, persona):
    client = client_as(Role.LISTENER)
    (first, *_others) = client.get("/").context["tasks"][0].items
    attempt = client.post(first.action)
    assert attempt.status_code == 302 and "/exams/attempts/" in attempt["Location"]
    client.post(attempt["Location"] + "finish/")
    assert first.label not in [item.label for item in client.get("/").context["tasks"][0].items]


def test_the_home_page_s_queries_do_not_grow_with_the_day_s_lessons(client_as, persona):
    client = client_as(Role.LECTURER)
    before = page_queries(client, "/")
    counted = client.get("/").context["tasks"][0].count
    lesson = Lesson.objects.filter(lecturer=persona(Role.LECTURER), starts_at__date__gte=timezone.localdate()).first()
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(16, 0)))
    Lesson.objects.bulk_create([Lesson(offering_id=lesson.offering_id, group_id=lesson.group_id, discipline_id=lesson.discipline_id, lecturer=lesson.lecturer,
                                       starts_at=start + datetime.timedelta(minutes=5 * i)) for i in range(12)])
    assert page_queries(client, "/") == before
    teaching = client.get("/").context["tasks"][0]
    assert teaching.count == counted + 12 and len(teaching.items) == 5  # all of them counted, the first five listed


def test_a_task_counts_all_its_work_and_lists_the_first_five(client_as, persona):
    from eacademy.people.queries import agency_id_of
    from eacademy.planning.models import Offering

    nominate = {t.key: t for t in client_as(Role.AGENCY_COORDINATOR).get("/").context["tasks"]}["nominate"]
    open_courses = Offering.objects.filter(status="published", starts_on__gt=timezone.localdate(), quotas__agency_id=agency_id_of(persona(Role.AGENCY_COORDINATOR)),
                                           quotas__seats__gt=0).count()
    assert open_courses > 5 and nominate.count == open_courses and len(nominate.items) == 5
