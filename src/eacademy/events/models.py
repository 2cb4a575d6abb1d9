"""International training: the Regional Hub's and the CIS base organisation's events, their
sessions and speakers, invited and registered participants (foreigners by passport, officers of
Kazakhstan's agencies by IIN), check-ins, certificates of participation, partners and agreements."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from eacademy.core.base import TrilingualName
from eacademy.org.models import AcademyUnit, Agency
from eacademy.people.models import Person
from eacademy.staff.models import HubArea

# How long each personal field of a registration is kept after the event ends, in days; then
# the daily `events erase` empties it and records the erasure. Country, organisation, agency and
# attendance stay: the statistics are made of them.
RETENTION_DAYS = {
    "passport_number": 90, "birth_date": 90, "arrival_on": 30, "departure_on": 30, "dietary_needs": 30, "accessibility_needs": 30,
    "email": 365, "phone": 365, "position": 365 * 5,
}


# What a badge may show of a registration, besides the name and the event (never a passport number or a date of birth).
BADGE_FIELDS = {"nationality": _("nationality"), "organisation": _("organisation"), "position": _("position"), "dietary_needs": _("dietary needs"),
                "accessibility_needs": _("accessibility needs"), "language": _("language")}


class Format(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    CONFERENCE = "conference", _("Conference")
    ROUND_TABLE = "round_table", _("Round table")
    WEBINAR = "webinar", _("Webinar")
    SIMULATION = "simulation", _("Simulation training")
    WORKING_GROUP = "working_group", _("Working group meeting")
    FILM = "film", _("Film training")


class CisCouncil(models.TextChoices):
    """The CIS councils whose base organisation for training the Academy is (seed 000 §5.3)."""

    PROSECUTORS = "prosecutors", _("Coordinating Council of Prosecutors General of the CIS")
    TAX = "tax", _("Coordinating Council of Tax (Financial) Investigation Bodies of the CIS")


class Partner(TrilingualName):
    """An organisation the Academy works with: the UN, OSCE, a foreign prosecutors' school…"""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organisation")
        FOREIGN = "foreign", _("Foreign state body or school")
        UNIVERSITY = "university", _("University")
        REGIONAL = "regional", _("Regional organisation")

    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")


class Agreement(models.Model):
    """A memorandum or agreement with a partner: valid until a date (or without end), and the
    activities done under it; one with no activity in its last year is flagged."""

    class Kind(models.TextChoices):
        MEMORANDUM = "memorandum", _("Memorandum")
        AGREEMENT = "agreement", _("Agreement")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("partner"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed on"))
    signed_at = models.CharField(_("signed at"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    remind_days = models.PositiveSmallIntegerField(_("remind before the end, days"), default=90)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [models.CheckConstraint(condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=models.F("signed_on")),
                                              name="events_agreement_ends_after_signing")]

    def __str__(self) -> str:
        return self.title

    def ends_soon(self, today: datetime.date) -> bool:
        """Within its reminder period before the end: time to renew it."""
        return self.valid_until is not None and today <= self.valid_until <= today + datetime.timedelta(days=self.remind_days)


class Expert(models.Model):
    """A speaker of the Hub: an international expert or a national trainer, with the areas and
    languages he teaches; the events he spoke at are his sessions'."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="expert", verbose_name=_("person"))
    international = models.BooleanField(_("international expert"), default=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    areas = models.JSONField(_("areas"), default=list, blank=True)  # HubArea values
    languages = models.JSONField(_("languages"), default=list, blank=True)  # ISO 639-1 codes

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return str(self.person)


class Event(TrilingualName):
    """A seminar, conference, simulation… of the Regional Hub or a CIS council, or another
    international event; its title is in several languages."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for registration")
        CLOSED = "closed", _("Registration closed")
        CANCELLED = "cancelled", _("Cancelled")

    format = models.CharField(_("format"), max_length=14, choices=Format.choices)
    hub_area = models.CharField(_("Hub area"), max_length=12, choices=HubArea.choices, blank=True)
    cis_council = models.CharField(_("CIS council"), max_length=12, choices=CisCouncil.choices, blank=True)
    unit = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organising unit"))
    partners = models.ManyToManyField(Partner, blank=True, related_name="events", verbose_name=_("partners"))
    country = CountryField(_("country where it is held"), default="KZ")  # abroad: officers of Kazakhstan trained abroad
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    languages = models.JSONField(_("languages"), default=list)  # of the sessions: ISO 639-1 codes
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveIntegerField(_("capacity"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="events_event_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="events_event_capacity_positive"),
        ]

    def get_absolute_url(self) -> str:
        return f"/events/{self.pk}/"

    @property
    def is_hub(self) -> bool:
        return bool(self.hub_area)


class BadgeTemplate(models.Model):
    """A badge's layout, reused across events: the line above the name and which of the
    registration's fields it shows, in order."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    heading = models.CharField(_("line above the name"), max_length=100, blank=True)
    shows = models.JSONField(_("fields shown"), default=list)  # keys of BADGE_FIELDS, in order

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("badge template")
        verbose_name_plural = _("badge templates")

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.ManyToManyField(Expert, blank=True, related_name="sessions", verbose_name=_("speakers"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="events_session_ends_after_start")]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """An invitation by e-mail: the link carries a secret of which only the digest is kept; it
    is used once, until it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("event"))
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "-sent_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email


class Registration(models.Model):
    """A participant of an event. A foreigner registers through an invitation with his name as
    in the passport; an officer of Kazakhstan's agencies is the `person` (by IIN). Personal
    fields are erased after their retention period (`RETENTION_DAYS`); `erased` records when."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event"))
    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, null=True, blank=True, related_name="registration", verbose_name=_("invitation"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="event_registrations", verbose_name=_("person"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency"))
    last_name = models.CharField(_("last name (as in the passport)"), max_length=100)
    first_name = models.CharField(_("first name (as in the passport)"), max_length=100)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    nationality = CountryField(_("nationality"))
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=200, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=200, blank=True)
    arrival_on = models.DateField(_("arrival"), null=True, blank=True)
    departure_on = models.DateField(_("departure"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    registered_at = models.DateTimeField(_("registered"))
    badge_code = models.CharField(_("badge code"), max_length=32, unique=True)
    certificate_code = models.CharField(_("certificate code"), max_length=32, null=True, blank=True, unique=True)
    certificate_issued_at = models.DateTimeField(_("certificate issued"), null=True, blank=True)
    erased = models.JSONField(_("erased fields"), default=dict, blank=True)  # {field: ISO date}
    # A paid participation: not approved until its contract for paid services is signed (billing holds it).
    awaiting_contract = models.BooleanField(_("awaiting a signed contract"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "last_name", "first_name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], condition=models.Q(person__isnull=False), name="events_person_once_per_event"),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"

    def get_absolute_url(self) -> str:
        return f"/events/participants/{self.pk}/"

    def erase_after(self, field: str) -> datetime.date:
        return self.event.ends_on + datetime.timedelta(days=RETENTION_DAYS[field])


class CheckIn(models.Model):
    """A participant's attendance, by the QR code of his badge: at the event, or at one session."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("participant"))
    session = models.ForeignKey(Session, on_delete=models.CASCADE, null=True, blank=True, related_name="check_ins", verbose_name=_("session"))
    at = models.DateTimeField(_("checked in"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))

    class Meta:
        ordering = ["at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="events_check_in_once_per_session"),
            models.UniqueConstraint(fields=["registration"], condition=models.Q(session__isnull=True), name="events_check_in_once_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.at:%d.%m.%Y %H:%M}"


class Activity(models.Model):
    """Something done under an agreement: an event, an exchange, joint research."""

    class Kind(models.TextChoices):
        EVENT = "event", _("Event")
        EXCHANGE = "exchange", _("Exchange of experience")
        RESEARCH = "research", _("Joint research")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="activities", verbose_name=_("agreement"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    description = models.CharField(_("description"), max_length=300)
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("event"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.description
