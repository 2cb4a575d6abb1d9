"""Reads of needs and the plan, shared by pages, the API and exports."""

from django.db.models import Count, QuerySet, Sum

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.people.queries import agency_id_of
from eacademy.planning.models import Offering, TrainingNeed
from eacademy.planning.rules import PLAN_READERS


def needs_visible_to(user: User) -> QuerySet[TrainingNeed]:
    needs = TrainingNeed.objects.select_related("agency", "programme", "submitted_by")
    if user.has_role(*PLAN_READERS):
        return needs
    agency_id = agency_id_of(user) if user.has_role(Role.AGENCY_COORDINATOR) else None
    return needs.filter(agency_id=agency_id) if agency_id is not None else needs.none()


def needs_consolidated(year: int) -> list[dict[str, object]]:
    """Needs summed per agency and programme or topic, the methodologists' view for the plan."""
    rows = (
        TrainingNeed.objects.filter(year=year)
        .values("agency__short_name", "programme__code", "programme__name_ru", "topic", "category")
        .annotate(listeners=Sum("quantity"), requests=Count("id"))
        .order_by("agency__short_name", "programme__code", "topic")
    )
    return [dict(row) for row in rows]


def offerings_visible_to(user: User) -> QuerySet[Offering]:
    """Planners see the whole plan; everyone else the published offerings."""
    offerings = Offering.objects.select_related("version__programme", "department")
    if user.has_role(*PLAN_READERS):
        return offerings
    return offerings.filter(status=Offering.Status.PUBLISHED)


def plan(offerings: QuerySet[Offering], year: int) -> QuerySet[Offering]:
    return offerings.filter(starts_on__year=year).annotate(quota_total=Sum("quotas__seats"))
