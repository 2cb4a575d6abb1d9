from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from eacademy.core.access import role_required, signed_in
from eacademy.core.roles import Role
from eacademy.org import queries
from eacademy.org.models import AcademyUnit

AGENCY_READERS = (
    Role.ADMINISTRATOR,
    Role.METHODOLOGIST,
    Role.LEADERSHIP,
    Role.HEAD_OF_DEPARTMENT,
    Role.LECTURER,
    Role.AGENCY_COORDINATOR,
)


@role_required(*AGENCY_READERS)
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = queries.with_latest_headcount(queries.agencies_visible_to(request.user))  # type: ignore[arg-type]
    return render(request, "org/agency_list.html", {"agencies": agencies})


@role_required(*AGENCY_READERS)
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(queries.agencies_visible_to(request.user), pk=pk)  # type: ignore[arg-type]
    return render(
        request,
        "org/agency_detail.html",
        {"agency": agency, "units": queries.units_of(agency), "headcounts": agency.headcounts.order_by("-year")},
    )


@signed_in
def academy_structure(request: HttpRequest) -> HttpResponse:
    return render(request, "org/academy_structure.html", {"units": AcademyUnit.objects.order_by("path")})
