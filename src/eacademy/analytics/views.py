from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from eacademy.analytics import queries
from eacademy.core.access import signed_in
from eacademy.core.roles import Role
from eacademy.people.models import Person

# The home page body is cached per user and language for this long (analytics/home.html): the
# figures are counted once a minute anyway, and the page is the one every user opens first.
HOME_CACHE_SECONDS = 60


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start page: the figures and links that role works with. Everything is lazy:
    on a cache hit of the page body nothing below is queried."""
    user = request.user
    person = SimpleLazyObject(lambda: Person.objects.filter(user=user).select_related("agency", "position", "rank").first())

    def agency_people() -> int | None:
        if user.has_role(Role.AGENCY_COORDINATOR) and person and person.agency_id:  # type: ignore[union-attr]
            return queries.agency_people_count(person.agency_id)
        return None

    context = {
        "cache_seconds": HOME_CACHE_SECONDS,
        "person": person,
        "roles": lambda: [Role(r).label for r in sorted(user.roles)],  # type: ignore[union-attr]
        "figures": lambda: queries.academy_figures() if user.is_academy_wide else None,  # type: ignore[union-attr]
        "by_agency": lambda: queries.people_by_agency() if user.is_academy_wide else None,  # type: ignore[union-attr]
        "agency_people": agency_people,
    }
    return render(request, "analytics/home.html", context)
