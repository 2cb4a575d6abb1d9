from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.core.access import role_required, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.graduation import queries, services
from eacademy.graduation.rules import GRADUATORS, READERS
from eacademy.planning.models import Offering


@role_required(*READERS)
def offering(request: HttpRequest, pk: int) -> HttpResponse:
    """What graduating the course would decide for each listener still enrolled, and the outcomes recorded so far."""
    course = get_object_or_404(Offering.objects.select_related("version__programme"), pk=pk)
    try:
        pending, refusal = services.decisions(course), ""
    except DomainError as exc:
        pending, refusal = [], " ".join(exc.messages)
    return render(request, "graduation/offering.html", {
        "offering": course, "decisions": pending, "refusal": refusal, "outcomes": queries.outcomes(course.pk),
        "can_graduate": signed_in_user(request).has_role(*GRADUATORS),
    })


@role_required(*GRADUATORS)
@require_POST
def graduate(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Offering, pk=pk)
    try:
        done = services.offering_graduate(actor=signed_in_user(request), offering=course)
    except DomainError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Graduated: %(graduated)d; not admitted: %(not_admitted)d; failed: %(failed)d, of whom %(retake)d await a retake. "
                                    "The certificates are being issued.") % {
            "graduated": done.graduated, "not_admitted": done.not_admitted, "failed": done.failed, "retake": done.awaiting_retake})
    return redirect(f"/graduation/offerings/{pk}/")
