"""Helpers the apps' views share."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from eacademy.core.errors import DomainError


def form_errors_from(form: object, exc: DomainError) -> None:
    """Put a service's refusal on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)  # type: ignore[attr-defined]
    else:
        form.add_error(None, exc.messages)  # type: ignore[attr-defined]


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
    return redirect(request.POST.get("next") or back)
