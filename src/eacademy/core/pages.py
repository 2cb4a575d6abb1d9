"""Helpers the apps' views share."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from eacademy.core.errors import DomainError


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
