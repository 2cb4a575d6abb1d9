"""Helpers the apps' views share."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from eacademy.core.errors import DomainError


def next_url(request: HttpRequest, default: str) -> str:
    """Where a form or a sign-in step asks to go next (`next` in the POST, else the query), if
    that is a page of this site; otherwise `default`. Every `next` the project follows goes
    through here, so that no link can send a signed-in user to another site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def form_errors_from(form: object, exc: DomainError) -> None:
    """Put a service's refusal on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)  # type: ignore[attr-defined]
    else:
        form.add_error(None, exc.messages)  # type: ignore[attr-defined]


def messages_from_form(request: HttpRequest, form: forms.Form) -> None:
    """A form posted from a page that shows no form (a panel of a list): its errors as messages."""
    for name, errors in form.errors.items():
        for error in errors:
            messages.error(request, f"{form.fields[name].label}: {error}" if name in form.fields else str(error))


def act_on_form(request: HttpRequest, form: forms.Form, act: Callable[[dict[str, Any]], object], success: str, back: str) -> HttpResponse:
    """A form posted from a panel of another page: its errors as messages, or the service run
    with its cleaned data (`act_and_return`); either way back to the page."""
    if not form.is_valid():
        messages_from_form(request, form)
        return redirect(next_url(request, back))
    return act_and_return(request, lambda: act(form.cleaned_data), success, back)


def act_and_return(request: HttpRequest, act: Callable[[], object], success: str, back: str) -> HttpResponse:
    """Run a service for a form's POST; its refusal is shown as a message and nothing has
    changed. Returns to the form's `next` or to `back`."""
    try:
        act()
    except DomainError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect(next_url(request, back))
