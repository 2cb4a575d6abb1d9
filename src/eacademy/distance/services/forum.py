"""The course's forum: threads of the whole course or of a topic, questions to the lecturer, a
thread locked by a teacher. Whoever took part in a thread hears of a new post; a question goes
to the course's lecturers. Only the course's listeners and teachers read and write."""

import nh3
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.services import notification_send
from eacademy.distance import queries
from eacademy.distance.models import Post, Section, Thread
from eacademy.distance.services import course_lecturers, xapi
from eacademy.enrollment.models import Enrollment


def require_member(actor: User, offering_id: int) -> bool:
    """The actor is a listener or a teacher of the course (returns whether a teacher), or is refused."""
    if queries.teaches(actor, offering_id):
        return True
    if Enrollment.objects.filter(person__user=actor, offering_id=offering_id, status=Enrollment.Status.ENROLLED).exists():
        return False
    raise NotAllowed(_("This forum is not of a course of yours."))


def _clean(body: str) -> str:
    cleaned = nh3.clean(body).strip()
    if not nh3.clean(body, tags=set()).strip():
        raise DomainError({"body": [_("Write the message.")]})
    return cleaned


def _commented(actor: User, thread: Thread) -> None:
    xapi.record(user=actor, verb="commented", path=thread.get_absolute_url(), name=thread.title,
                course_path=reverse("distance:course", args=[thread.offering_id]))


@transaction.atomic
def thread_start(*, actor: User, offering_id: int, title: str, body: str, kind: str = Thread.Kind.DISCUSSION, section: Section | None = None) -> Thread:
    require_member(actor, offering_id)
    if kind not in Thread.Kind.values:
        raise DomainError({"kind": [_("Choose the kind from the list.")]})
    if not title.strip():
        raise DomainError({"title": [_("This field is required.")]})
    if section is not None and section.offering_id != offering_id:
        raise DomainError({"section": [_("The section is of another course.")]})
    text = _clean(body)
    now = timezone.now()
    thread = save_by(Thread(offering_id=offering_id, section=section, kind=kind, title=title.strip()[:300], author=actor, last_post_at=now), actor)
    save_by(Post(thread=thread, author=actor, body=text), actor)
    _commented(actor, thread)
    if kind == Thread.Kind.QUESTION:
        for lecturer in course_lecturers(offering_id):
            if lecturer != actor:
                notification_send(user=lecturer, url=thread.get_absolute_url(),
                                  message=lambda: _("A question in the course forum: “%(title)s”.") % {"title": thread.title})
    return thread


@transaction.atomic
def post_add(*, actor: User, thread: Thread, body: str) -> Post:
    """A reply; refused in a locked thread. A teacher's reply answers a question."""
    teacher = require_member(actor, thread.offering_id)
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    if locked.locked_at is not None:
        raise DomainError(_("The thread is locked: nothing more is posted in it."))
    post = save_by(Post(thread=locked, author=actor, body=_clean(body)), actor)
    _commented(actor, locked)
    locked.last_post_at = post.created_at
    if teacher and locked.kind == Thread.Kind.QUESTION and locked.answered_at is None:
        locked.answered_at = post.created_at
    save_by(locked, actor, update_fields=["last_post_at", "answered_at"])
    taking_part = User.objects.filter(Q(pk=locked.author_id) | Q(pk__in=Post.objects.filter(thread=locked).values("author_id")), is_active=True).exclude(pk=actor.pk)
    for user in taking_part:
        notification_send(user=user, url=locked.get_absolute_url(),
                          message=lambda: _("A new post in “%(title)s”.") % {"title": locked.title})
    return post


@transaction.atomic
def thread_lock(*, actor: User, thread: Thread, locked: bool) -> Thread:
    if not require_member(actor, thread.offering_id):
        raise NotAllowed(_("Only a teacher of the course locks a thread."))
    thread.locked_at = timezone.now() if locked else None
    return save_by(thread, actor, update_fields=["locked_at"])
