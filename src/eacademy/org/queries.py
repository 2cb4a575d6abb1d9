"""Reads of organisations shared by pages, the API and reports."""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from eacademy.core.models import User
from eacademy.org.models import Agency, AgencyHeadcount, AgencyUnit
from eacademy.org.rules import AGENCY_READERS


def agencies_visible_to(user: User) -> QuerySet[Agency]:
    """Academy-wide roles see every agency; a coordinator or officer only his own."""
    agencies = Agency.objects.all()
    if not user.is_authenticated or not user.is_active:
        return agencies.none()
    if user.is_academy_wide or user.has_role(*AGENCY_READERS):
        return agencies
    return agencies.filter(people__user=user)


def with_latest_headcount(agencies: QuerySet[Agency]) -> QuerySet[Agency]:
    latest = AgencyHeadcount.objects.filter(agency=OuterRef("pk")).order_by("-year")
    return agencies.annotate(
        latest_headcount=Subquery(latest.values("headcount")[:1]),
        latest_headcount_year=Subquery(latest.values("year")[:1]),
        unit_count=Count("units", distinct=True),
    )


def units_of(agency: Agency) -> QuerySet[AgencyUnit]:
    """The agency's units in tree order (materialised path), depth gives the indent."""
    return AgencyUnit.objects.filter(agency=agency).order_by("path")
