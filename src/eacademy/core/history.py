"""Who changed what, for the audit history (django-simple-history). Every save or delete made on
someone's behalf goes through here, so that no record of a mark, an enrollment, an attempt or
an order is left nameless: work of the task worker and of scheduled commands is done by the
named system user."""

from typing import TypeVar

from django.db.models import Model

from eacademy.core.models import User

SYSTEM_USERNAME = "e-academy"
M = TypeVar("M", bound=Model)


def system_user() -> User:
    """The login that the worker's and the scheduler's changes are recorded under; it cannot sign in."""
    user, created = User.objects.get_or_create(username=SYSTEM_USERNAME, defaults={"is_active": False, "first_name": "E-Academy"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def actor_or_system(actor: User | None) -> User:
    return actor if actor is not None else system_user()


def attribute(obj: Model, actor: User | None, reason: str = "") -> None:
    """Name who makes the next save of `obj`, and why (kept beside the change)."""
    obj._history_user = actor_or_system(actor)  # type: ignore[attr-defined]
    obj._change_reason = reason[:100] or None  # type: ignore[attr-defined]


def save_by(obj: M, actor: User | None, *, reason: str = "", update_fields: list[str] | None = None) -> M:
    attribute(obj, actor, reason)
    obj.save(update_fields=update_fields)
    return obj


def delete_by(obj: Model, actor: User | None, *, reason: str = "") -> None:
    attribute(obj, actor, reason)
    obj.delete()
