import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

Handler = Callable[[HttpRequest], HttpResponse]

# Refresh the idle clock at most once a minute so that not every request writes the session.
_TOUCH_INTERVAL = 60


class SessionTimeoutMiddleware:
    """Ends a session after `SESSION_IDLE_TIMEOUT` without requests, and in any case
    `SESSION_ABSOLUTE_TIMEOUT` after sign-in, whatever the activity."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("signed_in_at", now)
            last_seen = session.get("last_seen_at", now)
            if now - started > settings.SESSION_ABSOLUTE_TIMEOUT or now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= _TOUCH_INTERVAL or "last_seen_at" not in session:
                session["last_seen_at"] = now
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user sees the language he chose last, on any device."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = getattr(request.user, "language", "")
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """When two-factor authentication is required, a staff user who has not passed it this
    session can reach only the two-factor pages, sign-out and the language switch."""

    _open_prefixes = ("/static/", "/health")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.REQUIRE_STAFF_2FA
            and user.is_authenticated
            and user.needs_two_factor
            and not user.is_verified()  # type: ignore[attr-defined]  # added by django-otp's middleware
            and not request.path.startswith(self._open_prefixes)
            and request.path not in self._open_paths()
        ):
            if request.path.startswith("/api/"):
                return HttpResponse(status=403)
            return redirect("two_factor")
        return self.get_response(request)

    @staticmethod
    def _open_paths() -> set[str]:
        return {reverse("two_factor"), reverse("two_factor_setup"), reverse("logout"), reverse("set_language")}


class PasswordChangeRequiredMiddleware:
    """A user whose password an administrator reset reaches only the password change (and
    sign-out, the language switch) until he has chosen his own."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (getattr(user, "must_change_password", False) and not request.path.startswith(("/static/", "/health"))
                and request.path not in {reverse("password_change"), reverse("logout"), reverse("set_language")}):
            if request.path.startswith("/api/"):
                return HttpResponse(status=403)
            messages.info(request, _("Choose your own password before you go on."))
            return redirect("password_change")
        return self.get_response(request)
