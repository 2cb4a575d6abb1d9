from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from eacademy.analytics import queries
from eacademy.core.access import signed_in, signed_in_user
from eacademy.core.page_cache import per_session_page_cache
from eacademy.core.roles import Role
from eacademy.people.models import Person


@signed_in
@per_session_page_cache(60)  # the figures are counted once a minute anyway
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start page: the figures and links that role works with."""
    user = signed_in_user(request)
    person = Person.objects.filter(user=user).select_related("agency", "position", "rank").first()
    context: dict[str, object] = {"person": person, "roles": [Role(r).label for r in sorted(user.roles)]}
    if user.is_academy_wide:
        context["figures"] = queries.academy_figures()
        context["by_agency"] = queries.people_by_agency()
    if user.has_role(Role.AGENCY_COORDINATOR) and person is not None and person.agency_id:
        context["agency_people"] = queries.agency_people_count(person.agency_id)
    return render(request, "analytics/home.html", context)
