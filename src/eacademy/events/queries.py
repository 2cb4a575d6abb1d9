"""What pages, exports and dashboards read about international events: every figure of the
statistics is counted from rows, so the Hub's reported figures can be reproduced."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from eacademy.core import ical
from eacademy.core.models import User
from eacademy.events.models import RETENTION_DAYS, Agreement, CheckIn, Event, Expert, Registration
from eacademy.events.rules import READERS

ACTIVITY_YEAR = 365  # an agreement without activity for this many days is flagged


def events_visible_to(user: User) -> QuerySet[Event]:
    events = Event.objects.annotate(
        approved=Count("registrations", filter=Q(registrations__status=Registration.Status.APPROVED)),
        waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
    )
    return events if user.has_role(*READERS) else events.none()


def participants(event: Event) -> QuerySet[Registration]:
    """The event's participants with what the list shows, in one query."""
    came = CheckIn.objects.filter(registration=OuterRef("pk"))
    return (Registration.objects.filter(event=event).select_related("agency", "invitation").annotate(came=Exists(came))
            .order_by("status", "last_name", "first_name", "pk"))


@dataclass
class Statistics:
    hub_events: int
    cis_events: int
    events_by_format: list[tuple[str, int]]
    events_by_area: list[tuple[str, int]]
    participants: int
    by_country: list[tuple[str, int]]  # (ISO code, participants), most first
    by_year: list[tuple[int, int]]
    by_agency: list[tuple[str, int]]
    hub_countries: int  # countries other than Kazakhstan that sent participants to the Hub
    experts: int  # international experts who spoke at a Hub event
    national_trainers: int  # national trainers who spoke at a Hub event
    trained_abroad: int  # officers of Kazakhstan's agencies who took part in events held abroad


def statistics(*, since: datetime.date | None = None, until: datetime.date | None = None) -> Statistics:
    """Counted from the rows: events by kind, approved participants by country, year, agency,
    and the experts who spoke at Hub events. A constant number of queries."""
    events = Event.objects.exclude(status=Event.Status.CANCELLED)
    if since:
        events = events.filter(starts_on__gte=since)
    if until:
        events = events.filter(starts_on__lte=until)
    kinds = list(events.values_list("format", "hub_area", "cis_council"))
    by_format = Counter(k[0] for k in kinds)
    by_area = Counter(k[1] for k in kinds if k[1])
    approved = Registration.objects.filter(event__in=events, status=Registration.Status.APPROVED)
    rows = list(approved.values_list("nationality", "event__starts_on__year", "agency__short_name", "event__hub_area"))
    by_country = Counter(r[0] for r in rows)
    hub_countries = {r[0] for r in rows if r[3] and r[0] != "KZ"}
    international = Counter(Expert.objects.filter(sessions__event__in=events.exclude(hub_area="")).distinct().values_list("international", flat=True))
    return Statistics(
        hub_events=sum(1 for k in kinds if k[1]), cis_events=sum(1 for k in kinds if k[2]),
        events_by_format=by_format.most_common(), events_by_area=by_area.most_common(),
        participants=len(rows), by_country=by_country.most_common(), by_year=sorted(Counter(r[1] for r in rows).items()),
        by_agency=Counter(r[2] for r in rows if r[2]).most_common(), hub_countries=len(hub_countries),
        experts=international.get(True, 0), national_trainers=international.get(False, 0),
        trained_abroad=approved.filter(person__isnull=False).exclude(event__country="KZ").values("person").distinct().count(),
    )


def agreements_overview() -> QuerySet[Agreement]:
    """Agreements with their activities: `active` when one was held in the last year (the page
    also flags those ending within their reminder period)."""
    year_ago = timezone.localdate() - datetime.timedelta(days=ACTIVITY_YEAR)
    recent = Agreement.objects.filter(pk=OuterRef("pk"), activities__held_on__gte=year_ago)
    return Agreement.objects.select_related("partner").annotate(active=Exists(recent), activities_count=Count("activities")).order_by("partner__name_ru", "-signed_on")


def expert_pool() -> QuerySet[Expert]:
    return Expert.objects.select_related("person").annotate(events=Count("sessions__event", distinct=True)).order_by("-international", "person__last_name")


def programme_ical(event: Event) -> str:
    sessions = event.sessions.all()
    name = event.name_en or event.name_ru
    return ical.calendar(name, (ical.Entry(f"event-session-{s.pk}", s.starts_at, s.ends_at, s.title, s.room or event.place) for s in sessions), timezone.now())


def retention_periods() -> list[tuple[str, int]]:
    """(field's name, days kept after the event), as the registration form tells the participant."""
    return [(str(getattr(Registration._meta.get_field(field), "verbose_name", field)), days) for field, days in RETENTION_DAYS.items()]


def stamp() -> str:
    """Changes whenever a registration is added or decided: cached figures built from events are keyed by it."""
    figures = Registration.objects.aggregate(n=Count("pk"), approved=Count("pk", filter=Q(status=Registration.Status.APPROVED)), last=Max("pk"))
    return f"{figures['n']}:{figures['approved']}:{figures['last']}"
