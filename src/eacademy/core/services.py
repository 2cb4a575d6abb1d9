"""Changes to logins, roles and tokens."""

import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.models import ApiToken, Notification, User
from eacademy.core.roles import Role
from eacademy.core.tasks import email_notification


def require_role(actor: User, roles: Iterable[str]) -> None:
    """The one refusal of a service called by a user whose roles do not allow it."""
    if not actor.has_role(*roles):
        raise NotAllowed(_("Your role does not allow this."))


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str]) -> None:
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise DomainError(_("Unknown role: %(roles)s.") % {"roles": ", ".join(sorted(unknown))})
    user.groups.set(Group.objects.filter(name__in=wanted))
    user.__dict__.pop("roles", None)


@transaction.atomic
def user_create(*, username: str, password: str | None, roles: Iterable[str] = (), language: str = "") -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError({"username": [_("This login is already taken.")]})
    user = User(username=username, language=language)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


def notification_send(*, user: User | None, message: Callable[[], str], url: str = "") -> Notification | None:
    """Tell a user about a change, in his own language; the e-mail goes out from the task worker
    once the change is committed. `message` is called with his language active."""
    if user is None or not user.is_active:
        return None
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = str(message())[:500]
    notification = Notification.objects.create(user=user, message=text, url=url)
    transaction.on_commit(lambda: email_notification.enqueue(notification.pk))
    return notification


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token; the secret is returned once and only its digest is kept."""
    name = name.strip()
    if not name:
        raise DomainError({"name": [_("Name the token so that you can recognise it later.")]})
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(user=user, name=name, digest=ApiToken.digest_of(secret))
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    token.delete()


@transaction.atomic
def user_password_reset(*, actor: User, user: User) -> str:
    """An administrator gives a user a temporary password, shown to him once; the user must
    choose his own at the next sign-in. His sessions end (the password's hash signs them)."""
    require_role(actor, [Role.ADMINISTRATOR])
    temporary = secrets.token_urlsafe(12)
    user.set_password(temporary)
    user.must_change_password = True
    user._history_user = actor  # type: ignore[attr-defined]
    user._change_reason = "password reset by an administrator"  # type: ignore[attr-defined]
    user.save(update_fields=["password", "must_change_password"])
    return temporary


def user_password_changed(*, user: User) -> None:
    """The user has chosen his own password: nothing more is asked of him."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
