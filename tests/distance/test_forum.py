"""The course's forum: a question to the lecturer reaches him and his reply answers it, whoever
took part hears of a new post, a topic has a forum of its own, a teacher locks a thread and
nothing more is posted; strangers, listeners locking and empty messages are refused."""

import datetime

import pytest
from django.utils import timezone

from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.models import Notification
from eacademy.core.roles import Role
from eacademy.distance import queries, services
from eacademy.distance.models import Post, Thread
from eacademy.distance.services import forum
from eacademy.enrollment.models import Enrollment
from eacademy.timetable.models import Lesson
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(persona) -> Enrollment:
    enrollment = Enrollment.objects.filter(person__user=persona(Role.LISTENER), status="enrolled").exclude(group=None).select_related("offering__version").first()
    Lesson.objects.create(offering=enrollment.offering, group=enrollment.group, discipline=enrollment.offering.version.modules.first().disciplines.first(),
                          minutes=80, starts_at=timezone.now() + datetime.timedelta(days=1), lecturer=persona(Role.LECTURER))
    return enrollment


def test_a_question_reaches_the_lecturer_and_his_reply_answers_it(mine, persona, client_as):
    listener, lecturer = persona(Role.LISTENER), persona(Role.LECTURER)
    listener_client = client_as(Role.LISTENER)
    response = listener_client.post(f"/distance/courses/{mine.offering_id}/forum/", {
        "kind": "question", "title": "Срок регистрации заявления", "body": "<p>Какой срок? <script>alert(1)</script><b>ұстау</b></p>"})
    thread = Thread.objects.get(title="Срок регистрации заявления")
    assert response.status_code == 302 and thread.kind == "question" and thread.answered_at is None
    assert "<script" not in thread.posts.get().body and "<b>ұстау</b>" in thread.posts.get().body
    assert Notification.objects.filter(user=lecturer, message__contains="Срок регистрации заявления").exists()

    teacher = client_as(Role.LECTURER)
    teacher.post(f"/distance/threads/{thread.pk}/reply/", {"body": "Незамедлительно, не позднее суток (ст. 180 УПК)."})
    thread.refresh_from_db()
    assert thread.answered_at is not None and thread.posts.count() == 2
    assert Notification.objects.filter(user=listener, message__contains="A new post").exists()
    page = listener_client.get(thread.get_absolute_url()).content.decode()
    assert "ст. 180 УПК" in page and "alert(1)" not in page
    assert "answered" in listener_client.get(f"/distance/courses/{mine.offering_id}/forum/").content.decode()


def test_a_topic_has_its_own_forum_and_a_locked_thread_takes_nothing_more(mine, persona, client_as):
    listener, lecturer = persona(Role.LISTENER), persona(Role.LECTURER)
    topic = services.section_add(actor=lecturer, offering_id=mine.offering_id, title="Тема 3. Меры пресечения")
    on_topic = forum.thread_start(actor=listener, offering_id=mine.offering_id, section=topic, title="Домашний арест", body="Когда применяется?")
    forum.thread_start(actor=listener, offering_id=mine.offering_id, title="Общий вопрос", body="О курсе")
    assert [t.title for t in queries.threads_of(mine.offering_id, topic.pk)] == ["Домашний арест"]
    assert {"Домашний арест", "Общий вопрос"} <= {t.title for t in queries.threads_of(mine.offering_id)}

    with pytest.raises(NotAllowed):
        forum.thread_lock(actor=listener, thread=on_topic, locked=True)
    client_as(Role.LECTURER).post(f"/distance/threads/{on_topic.pk}/lock/", {"locked": "1"})
    on_topic.refresh_from_db()
    assert on_topic.locked_at is not None
    response = client_as(Role.LISTENER).post(f"/distance/threads/{on_topic.pk}/reply/", {"body": "А если…"}, follow=True)
    assert "The thread is locked" in response.content.decode() and on_topic.posts.count() == 1
    forum.thread_lock(actor=lecturer, thread=on_topic, locked=False)
    forum.post_add(actor=listener, thread=on_topic, body="А если нарушен?")
    assert on_topic.posts.count() == 2


def test_strangers_and_garbage_are_refused_and_nothing_is_saved(mine, persona, client_as):
    listener = persona(Role.LISTENER)
    other = Enrollment.objects.filter(status="enrolled").exclude(offering=mine.offering).first()
    before = (Thread.objects.count(), Post.objects.count())
    with pytest.raises(NotAllowed):
        forum.thread_start(actor=listener, offering_id=other.offering_id, title="Чужой", body="Текст")
    with pytest.raises(DomainError, match="Write the message"):
        forum.thread_start(actor=listener, offering_id=mine.offering_id, title="Пусто", body="<p> <script>x</script></p>")
    with pytest.raises(DomainError):
        forum.thread_start(actor=listener, offering_id=mine.offering_id, title="Вид", body="Текст", kind="poll")
    assert client_as(Role.LISTENER).get(f"/distance/courses/{other.offering_id}/forum/").status_code == 404
    assert (Thread.objects.count(), Post.objects.count()) == before
    thread = forum.thread_start(actor=persona(Role.ADMINISTRATOR), offering_id=other.offering_id, title="Чужой курс", body="Текст")
    assert client_as(Role.LISTENER).get(thread.get_absolute_url()).status_code == 404
    assert client_as(Role.LISTENER).post(f"/distance/threads/{thread.pk}/reply/", {"body": "Влезу"}).status_code == 404
    assert thread.posts.count() == 1


def test_the_forum_and_a_thread_keep_their_query_counts(mine, persona, client_as):
    listener = persona(Role.LISTENER)
    first = forum.thread_start(actor=listener, offering_id=mine.offering_id, title="Вопрос 0", body="Текст")
    client = client_as(Role.LISTENER)
    forum_url, thread_url = f"/distance/courses/{mine.offering_id}/forum/", first.get_absolute_url()
    few = page_queries(client, forum_url), page_queries(client, thread_url)
    for n in range(1, 8):
        forum.thread_start(actor=listener, offering_id=mine.offering_id, title=f"Вопрос {n}", body="Текст")
        forum.post_add(actor=persona(Role.LECTURER), thread=first, body=f"Ответ {n}")
    assert (page_queries(client, forum_url), page_queries(client, thread_url)) == few
