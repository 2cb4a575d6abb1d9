"""Who may open a view. Every view of the project carries exactly one of these decorators;
a test checks that no URL lacks one, and the role × URL matrix test checks what they answer.

- `public`: anyone, signed in or not (login page, health check).
- `signed_in`: any active user.
- `role_required(*roles)`: users with at least one of the roles; others get 403.
Anonymous users are sent to the login page by the last two.
"""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

if TYPE_CHECKING:
    from eacademy.core.models import User

View = Callable[..., HttpResponseBase]
ACCESS_ATTRIBUTE = "eacademy_access"


def _mark(view: View, policy: str) -> View:
    setattr(view, ACCESS_ATTRIBUTE, policy)
    return view


def public(view: View) -> View:
    return _mark(view, "public")


def role_required(*roles: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if roles and not user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapper, "roles:" + ",".join(sorted(roles)) if roles else "signed_in")

    return decorator


signed_in = role_required()


def signed_in_user(request: HttpRequest) -> "User":
    """The user of a view behind `signed_in` or `role_required`, typed as our User."""
    from eacademy.core.models import User

    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def access_policy(view: object) -> str | None:
    """The policy a view was marked with (`functools.wraps` carries it through other decorators)."""
    return getattr(view, ACCESS_ATTRIBUTE, None)
