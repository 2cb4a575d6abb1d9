"""Reads of applications, enrollments and orders shared by pages, the API and reports."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, Q, QuerySet, Sum

from eacademy.catalog.models import ListenerCategory
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.enrollment.models import Application, Enrollment, OrderLine
from eacademy.enrollment.rules import ROSTER_READERS
from eacademy.governance import queries as governance_queries
from eacademy.governance.models import Order
from eacademy.people.models import Person
from eacademy.people.queries import agency_id_of
from eacademy.planning.models import Offering

_MANAGER_POSITIONS = {"head-of-division"}


def listener_category(person: Person) -> str:
    """Which category of listeners a person belongs to, as programmes name their target."""
    if person.citizenship != "KZ":
        return ListenerCategory.FOREIGN
    if person.agency_id is None or person.position_id is None:
        return ListenerCategory.RECRUITS
    if person.position is not None and person.position.code in _MANAGER_POSITIONS:
        return ListenerCategory.MANAGERS
    return ListenerCategory.OFFICERS


def in_categories(categories: list[str]) -> Q:
    """People of these categories, as `listener_category` tells them, for the database."""
    kazakh = Q(citizenship="KZ")
    placed = kazakh & Q(agency__isnull=False, position__isnull=False)
    conditions: dict[str, Q] = {
        ListenerCategory.FOREIGN: ~kazakh,
        ListenerCategory.RECRUITS: kazakh & (Q(agency__isnull=True) | Q(position__isnull=True)),
        ListenerCategory.MANAGERS: placed & Q(position__code__in=_MANAGER_POSITIONS),
        ListenerCategory.OFFICERS: placed & ~Q(position__code__in=_MANAGER_POSITIONS),
    }
    return reduce(operator.or_, (conditions[c] for c in categories if c in conditions), Q(pk__in=[]))


def applications_visible_to(user: User) -> QuerySet[Application]:
    """Academy roles see every application; a coordinator his agency's; anyone his own."""
    applications = Application.objects.select_related("person__agency", "offering__version__programme")
    if user.has_role(*ROSTER_READERS):
        return applications
    scope = Q(person__user=user)
    agency_id = agency_id_of(user) if user.has_role(Role.AGENCY_COORDINATOR) else None
    if agency_id is not None:
        scope |= Q(person__agency_id=agency_id)
    return applications.filter(scope)


def my_courses(user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(person__user=user)
        .select_related("offering__version__programme", "enrollment__group")
        .order_by("-offering__starts_on", "-id")
    )


def roster(offering: Offering) -> QuerySet[Enrollment]:
    return offering.enrollments.select_related("person__agency", "person__position", "group").order_by("group__number", "person__last_name", "id")


@dataclass(frozen=True)
class Seats:
    """Who holds the offering's seats: read once, then asked for any agency."""

    capacity: int
    taken: dict[int | None, int]
    quotas: dict[int | None, int]

    def count_for(self, agency_id: int | None) -> int:
        """The seats still open to the agency: its quota's unused part and the seats no quota
        reserves that others have not taken, within the seats left at all."""
        left = self.capacity - sum(self.taken.values())
        own = max(0, self.quotas.get(agency_id, 0) - self.taken.get(agency_id, 0))
        beyond_quotas = sum(max(0, n - self.quotas.get(agency, 0)) for agency, n in self.taken.items())
        unreserved = max(0, self.capacity - sum(self.quotas.values()) - beyond_quotas)
        return max(0, min(left, own + unreserved))

    def free_for(self, agency_id: int | None) -> bool:
        return self.count_for(agency_id) > 0


def seats(offering: Offering) -> Seats:
    taken = (Enrollment.objects.filter(offering=offering, status__in=(Enrollment.Status.ENROLLED, Enrollment.Status.ON_LEAVE))
             .values("person__agency_id").annotate(n=Count("id")).values_list("person__agency_id", "n"))
    return Seats(offering.capacity, dict(taken), dict(offering.quotas.values_list("agency_id", "seats")))


def waitlist(offering: Offering) -> QuerySet[Application]:
    return offering.applications.filter(status=Application.Status.WAITLISTED).select_related("person__agency").order_by("decided_at", "id")


def pending(offering: Offering) -> QuerySet[Application]:
    return offering.applications.filter(
        status__in=[Application.Status.SUBMITTED, Application.Status.AGENCY_APPROVED]
    ).select_related("person__agency").order_by("created_at", "id")


def quota_use(offering: Offering) -> list[dict[str, object]]:
    """Per agency: seats reserved, listeners enrolled, waiting."""
    quotas = dict(offering.quotas.values_list("agency__short_name", "seats"))
    counts = (
        offering.applications.values("person__agency__short_name")
        .annotate(
            enrolled=Count("id", filter=Q(status=Application.Status.ACCEPTED, enrollment__status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.ON_LEAVE])),
            waiting=Count("id", filter=Q(status=Application.Status.WAITLISTED)),
        )
    )
    rows: dict[str, dict[str, int]] = {
        row["person__agency__short_name"]: {"enrolled": row["enrolled"], "waiting": row["waiting"]} for row in counts
    }
    empty = {"enrolled": 0, "waiting": 0}
    return [
        {"agency": name, "seats": quotas.get(name, 0), **rows.get(name, empty)}
        for name in sorted(set(quotas) | set(rows), key=str)
    ]


SEAT_HOLDING = (Enrollment.Status.ENROLLED, Enrollment.Status.ON_LEAVE, Enrollment.Status.COMPLETED, Enrollment.Status.UNFINISHED)


def agency_quota_use(agency_id: int, year: int) -> list[dict[str, object]]:
    """For a coordinator: each course of the year with seats for his agency, and how they are used."""
    offerings = (
        Offering.objects.filter(quotas__agency_id=agency_id, starts_on__year=year, status=Offering.Status.PUBLISHED)
        .select_related("version__programme")
        .annotate(
            seats=Sum("quotas__seats", filter=Q(quotas__agency_id=agency_id)),
        )
        .order_by("starts_on")
    )
    counts: dict[int, dict[str, int]] = {
        row["offering_id"]: {"enrolled": row["enrolled"], "waiting": row["waiting"], "pending": row["pending"]}
        for row in Application.objects.filter(offering__in=offerings, person__agency_id=agency_id)
        .values("offering_id")
        .annotate(
            # those studying now: an accepted application whose listener left or was expelled frees the seat
            enrolled=Count("id", filter=Q(status=Application.Status.ACCEPTED, enrollment__status__in=SEAT_HOLDING)),
            waiting=Count("id", filter=Q(status=Application.Status.WAITLISTED)),
            pending=Count("id", filter=Q(status__in=[Application.Status.SUBMITTED, Application.Status.AGENCY_APPROVED])),
        )
    }
    empty = {"enrolled": 0, "waiting": 0, "pending": 0}
    return [{"offering": o, "seats": o.seats, **counts.get(o.pk, empty)} for o in offerings]


def orders(user: User) -> QuerySet[Order]:
    """Orders on the movement of listeners that the user may read."""
    return governance_queries.orders_visible_to(user).filter(kind=Order.Kind.MOVEMENT).annotate(line_count=Count("lines"))


def order_lines(order: Order) -> QuerySet[OrderLine]:
    return order.lines.select_related("enrollment__person", "enrollment__offering__version__programme").order_by("position")
