"""Reads that governance's pages, other apps and the dashboards share."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from eacademy.core.models import User
from eacademy.governance.models import (
    Appeal,
    CalendarDay,
    Council,
    Decision,
    Measure,
    Meeting,
    Order,
    Progress,
    Recommendation,
    Visa,
)
from eacademy.governance.rules import READERS

# --- Councils ----------------------------------------------------------------------------------


def has_quorum(meeting: Meeting, present: int) -> bool:
    """At least the council's quorum share of its members present (integer arithmetic: 67 % of 9
    members is 6.03, so 7 are needed)."""
    return meeting.members_count > 0 and present * 100 >= meeting.council.quorum_percent * meeting.members_count


def councils() -> QuerySet[Council]:
    return Council.objects.annotate(member_count=Count("members", distinct=True))


def meetings_of(council: Council) -> QuerySet[Meeting]:
    return council.meetings.annotate(present_count=Count("present", distinct=True), item_count=Count("items", distinct=True)).order_by("-held_on", "-number")


def decisions_on(subject: str, council: str = Council.Kind.ACADEMIC) -> QuerySet[Decision]:
    """Adopted decisions of a council on questions of a kind, the latest first (to choose from)."""
    return Decision.objects.filter(adopted=True, item__subject=subject, item__meeting__council__kind=council).select_related(
        "item__meeting__council").order_by("-item__meeting__held_on", "-item__position")


# --- Orders ------------------------------------------------------------------------------------


def orders_visible_to(user: User) -> QuerySet[Order]:
    """The orders a user may read: the office and the leadership read every order except those
    "for official use" whose list of roles leaves them out; anyone reads an order he drafted,
    signs, gives a visa on or is to be acquainted with. An order for official use is read only
    by the roles on its list and by those named on it."""
    named = Q(drafted_by=user) | Q(signed_by=user) | Q(visas__visor=user) | Q(concerned=user)
    roles = user.roles
    if roles & set(READERS):
        readable = Q(official_use=False)
        for role in roles:  # the list as JSON text: the same test on SQLite and PostgreSQL
            readable |= Q(readers__icontains=f'"{role}"')
        ids = Order.objects.filter(named | readable).values("pk")
    else:
        ids = Order.objects.filter(named).values("pk")
    return Order.objects.filter(pk__in=ids).select_related("drafted_by", "signed_by")


def awaiting_signature() -> QuerySet[Order]:
    """Drafts the leadership can sign now: every visa of the route given (an order on the
    movement of listeners needs none); admission orders are signed on their round's page."""
    unfinished = Visa.objects.filter(order=OuterRef("pk")).exclude(status=Visa.Status.AGREED)
    routed = Visa.objects.filter(order=OuterRef("pk"))
    return (Order.objects.filter(status=Order.Status.DRAFT).exclude(kind=Order.Kind.ADMISSION).exclude(Exists(unfinished))
            .filter(Q(kind=Order.Kind.MOVEMENT) | Exists(routed)).order_by("pk"))


def visas_asked_of(user: User) -> QuerySet[Order]:
    """Draft orders whose route waits for the user's visa."""
    return Order.objects.filter(status=Order.Status.DRAFT, visas__visor=user, visas__status=Visa.Status.PENDING).order_by("pk")


# --- Working days and appeals ------------------------------------------------------------------


def working_day_after(start: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `start` (the day itself not counted): weekdays, less the
    public holidays and moved days off, plus the weekends made working days."""
    horizon = start + datetime.timedelta(days=count * 3 + 40)
    marked = dict(CalendarDay.objects.filter(date__gt=start, date__lte=horizon).values_list("date", "kind"))
    day, left = start, count
    while left:
        day += datetime.timedelta(days=1)
        kind = marked.get(day)
        if kind == CalendarDay.Kind.WORKING or (day.weekday() < 5 and kind is None):
            left -= 1
    return day


def calendar_years() -> list[int]:
    return sorted({d.year for d in CalendarDay.objects.dates("date", "year")})


def appeals_visible_to(user: User) -> QuerySet[Appeal]:
    appeals = Appeal.objects.select_related("unit", "assignee")
    return appeals if user.has_role(*READERS) else appeals.filter(assignee=user)


def overdue(today: datetime.date) -> QuerySet[Appeal]:
    """Appeals still unanswered after their deadline, and those answered late (the report's two
    parts are told apart by `status`)."""
    return Appeal.objects.select_related("unit", "assignee").filter(
        Q(status=Appeal.Status.OPEN, deadline__lt=today) | Q(status=Appeal.Status.ANSWERED, answered_on__gt=F("deadline"))
    ).order_by("deadline", "number")


# --- Quality and strategy ----------------------------------------------------------------------

IQAA_TARGET = (0.90, 0.95)  # seed 003: recommendations fulfilled by 90-95 % in the post-accreditation period


@dataclass(frozen=True)
class Fulfilment:
    done: int
    total: int

    @property
    def share(self) -> float | None:
        return self.done / self.total if self.total else None


def iqaa_fulfilment() -> Fulfilment:
    """The share of the accreditation's recommendations fulfilled (a measure under way counts as
    not fulfilled)."""
    counts = Recommendation.objects.aggregate(done=Count("id", filter=Q(status=Progress.DONE)), total=Count("id"))
    return Fulfilment(counts["done"], counts["total"])


def action_plan_fulfilment(year: int) -> Fulfilment:
    """The measures due in a year and those done."""
    counts = Measure.objects.filter(deadline__year=year).aggregate(done=Count("id", filter=Q(status=Progress.DONE)), total=Count("id"))
    return Fulfilment(counts["done"], counts["total"])
