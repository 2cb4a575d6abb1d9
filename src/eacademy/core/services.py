"""Changes to logins, roles and tokens."""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.models import ApiToken, User
from eacademy.core.roles import Role


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
