"""Who changed what, for the audit history (django-simple-history). Every save or delete made on
someone's behalf goes through here, so that no record of a mark, an enrollment, an attempt or
an order is left nameless: work of the task worker and of scheduled commands is done by the
named system user."""

from typing import TypeVar

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

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


def bulk_create_recorded(objs: list[M], model: type[M], actor: User | None, *, reason: str = "", batch_size: int = 900) -> list[M]:
    """Insert `objs` and their "created" history records, the records copied by the database
    itself (INSERT … SELECT from the rows just written, a batch at a time).

    Why by hand: django-simple-history's bulk_create_with_history builds a historical object per
    row in Python, which takes longer than the insert itself; a statement import of ten
    thousand payments spent two thirds of its time there. The records are the same: every
    tracked column, the date, the user, the reason and the type "+"."""
    with transaction.atomic():
        created = model._default_manager.bulk_create(objs, batch_size=batch_size)
        pks = [obj.pk for obj in created]
        if None in pks:  # a backend that does not return the keys of a bulk insert
            raise NotImplementedError("bulk_create_recorded needs the keys of the inserted rows")
        history = model.history.model  # type: ignore[attr-defined]
        quote = connection.ops.quote_name
        kept = {field.column for field in history._meta.concrete_fields}
        columns = ", ".join(quote(column) for field in model._meta.concrete_fields if (column := field.column) and column in kept)  # less excluded_fields
        marks = ", ".join(quote(column) for column in ("history_date", "history_change_reason", "history_type", "history_user_id"))
        stamp = [connection.ops.adapt_datetimefield_value(timezone.now()), reason[:100] or None, "+", actor_or_system(actor).pk]
        sql = (f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {marks}) "  # noqa: S608 (names from the models, quoted; values are parameters)
               f"SELECT {columns}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} WHERE {quote(str(model._meta.pk.column))} IN ")
        with connection.cursor() as cursor:
            for start in range(0, len(pks), batch_size):
                batch = pks[start:start + batch_size]
                cursor.execute(sql + f"({', '.join(['%s'] * len(batch))})", [*stamp, *batch])
    return created
