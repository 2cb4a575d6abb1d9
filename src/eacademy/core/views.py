from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from eacademy.core import health, services, two_factor
from eacademy.core.access import public, signed_in, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.forms import ApiTokenForm, LanguageForm, LoginForm, TokenForm
from eacademy.core.models import ApiToken, Notification
from eacademy.core.pages import next_url

login = public(auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True))
logout = public(auth_views.LogoutView.as_view())


class _PasswordChange(auth_views.PasswordChangeView):
    """The user's own change, with his current password; his other sessions end, this one stays."""

    success_url = reverse_lazy("account")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        services.user_password_changed(user=form.user)
        messages.success(self.request, _("Your password is changed."))
        return response


password_change = signed_in(_PasswordChange.as_view())
# A forgotten password: a single-use link (it stops working once the password changes) that
# expires after PASSWORD_RESET_TIMEOUT, sent to the user's e-mail address. The page says the
# same whether or not the address is known; the link does not sign in: the lockout and
# two-factor authentication apply at the next sign-in as always.
password_reset = public(auth_views.PasswordResetView.as_view(
    success_url=reverse_lazy("password_reset_done"), email_template_name="registration/password_reset_email.txt"))
password_reset_done = public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public(auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")))
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view())


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A 400 that says which parameter was wrong when our own check refused it (core.numbers);
    other refusals (a bad Host, a broken upload) say nothing of their cause."""
    reason = str(exception) if isinstance(exception, BadRequest) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the user, so it follows him to any device."""
    form = LanguageForm(request.POST)
    response = redirect(next_url(request, "/"))
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


@public
@require_GET
@never_cache
def health_check(request: HttpRequest) -> JsonResponse:
    checks = {"database": health.check_database(), "tasks": health.check_task_queue()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "failing", **{k: "ok" if v else "failing" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)


@signed_in
def account(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=signed_in_user(request)).order_by("-created_at")
    has_device = TOTPDevice.objects.filter(user=signed_in_user(request), confirmed=True).exists()
    return render(
        request,
        "core/account.html",
        {"tokens": tokens, "token_form": ApiTokenForm(), "has_device": has_device, "new_secret": request.session.pop("new_api_token", None)},
    )


@signed_in
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            _token, secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            request.session["new_api_token"] = secret
    else:
        messages.error(request, _("Name the token so that you can recognise it later."))
    return redirect("account")


@signed_in
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.api_token_revoke(token=get_object_or_404(ApiToken, pk=pk, user=request.user))
    messages.success(request, _("The token is revoked."))
    return redirect("account")


@signed_in
@never_cache
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask a user with a confirmed authenticator for the current code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(next_url(request, reverse("home")))
        form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "core/two_factor_verify.html", {"form": form})


@signed_in
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the QR code, confirm with the first code."""
    device = two_factor.unconfirmed_device(request.user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("account")
        form.add_error("token", _("The code is wrong or has expired."))
    return render(
        request,
        "core/two_factor_setup.html",
        {"form": form, "qr_svg": two_factor.qr_svg(device), "secret": two_factor.base32_secret(device)},
    )


@signed_in
def notifications(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if request.method == "POST":
        services.notifications_mark_read(user=user)
        return redirect("notifications")
    return render(request, "core/notifications.html", {"notifications": Notification.objects.filter(user=user)[:50]})
