"""The dormitory (buildings, rooms, beds, stays), leave permissions and the record of conduct
under the internal regulations (seed 001 §26: listeners live in the dormitory; leaving the
territory needs the Rector's written permission)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.enrollment.models import Enrollment
from eacademy.people.models import Person, Sex


class Building(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("dormitory building")
        verbose_name_plural = _("dormitory buildings")

    def __str__(self) -> str:
        return self.name


class DormRoom(models.Model):
    """A room of the dormitory, for men or for women; some are fitted for a disability."""

    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("building"))
    floor = models.SmallIntegerField(_("floor"))
    number = models.CharField(_("number"), max_length=10)
    sex = models.CharField(_("for"), max_length=1, choices=Sex.choices)
    accessible = models.BooleanField(_("accessible"), default=False)

    class Meta:
        ordering = ["building", "floor", "number"]
        verbose_name = _("dormitory room")
        verbose_name_plural = _("dormitory rooms")
        constraints = [models.UniqueConstraint(fields=["building", "number"], name="campus_room_number_unique")]

    def __str__(self) -> str:
        return f"{self.building} · {self.number}"


class Bed(models.Model):
    room = models.ForeignKey(DormRoom, on_delete=models.PROTECT, related_name="beds", verbose_name=_("room"))
    label = models.CharField(_("bed"), max_length=5)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["room", "label"]
        verbose_name = _("bed")
        verbose_name_plural = _("beds")
        constraints = [models.UniqueConstraint(fields=["room", "label"], name="campus_bed_label_unique")]

    def __str__(self) -> str:
        return f"{self.room}-{self.label}"


class Stay(models.Model):
    """A person's bed from `starts_on` (first night) to `ends_on` (the morning he leaves)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        CHECKED_IN = "checked_in", _("Checked in")
        CHECKED_OUT = "checked_out", _("Checked out")
        CANCELLED = "cancelled", _("Cancelled")

    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="stays", verbose_name=_("bed"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="stays", verbose_name=_("person"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="stays", verbose_name=_("course"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    # A paid stay: not confirmed until its contract for paid services is signed (billing holds it).
    awaiting_contract = models.BooleanField(_("awaiting a signed contract"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "bed"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="campus_stay_has_nights")]

    def __str__(self) -> str:
        return f"{self.bed} · {self.starts_on:%d.%m}–{self.ends_on:%d.%m}"


class BedNight(models.Model):
    """One night of a stay. The unique (bed, night) is what guarantees, in the database itself and
    on SQLite and PostgreSQL alike, that no bed is held by two people at once: of two bookings
    racing for a bed, the second insert fails."""

    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="+")
    night = models.DateField()
    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="nights")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bed", "night"], name="campus_bed_one_person_a_night")]
        indexes = [models.Index(fields=["night"])]

    def __str__(self) -> str:
        return f"{self.bed_id} · {self.night}"


class AccessNeed(models.Model):
    """A person who needs a room fitted for a disability: allocation gives him a bed in one, and
    keeps those rooms for such people while other beds are free."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="access_need", verbose_name=_("person"))
    note = models.CharField(_("what is needed"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need for an accessible room")
        verbose_name_plural = _("needs for an accessible room")

    def __str__(self) -> str:
        return str(self.person)


class LeaveRequest(models.Model):
    """A listener's request to leave the territory, or to live outside the dormitory, decided by
    the Rector or his delegate; an approval is the written permission."""

    class Kind(models.TextChoices):
        LEAVE = "leave", _("Leave the territory")
        LIVE_OUTSIDE = "live_outside", _("Live outside the dormitory")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Permitted")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="leave_requests", verbose_name=_("listener"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.LEAVE)
    leaves_at = models.DateTimeField(_("leaves"))
    returns_at = models.DateTimeField(_("returns"))
    destination = models.CharField(_("destination"), max_length=200)
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.CharField(_("comment"), max_length=500, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-leaves_at"]
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        constraints = [models.CheckConstraint(condition=models.Q(returns_at__gt=models.F("leaves_at")), name="campus_leave_returns_after")]

    def __str__(self) -> str:
        return f"{self.person} · {self.leaves_at:%d.%m.%Y}"


class ConductRecord(models.Model):
    """A breach of the internal regulations and the measure taken, or a commendation."""

    class Kind(models.TextChoices):
        BREACH = "breach", _("Breach")
        COMMENDATION = "commendation", _("Commendation")

    class Measure(models.TextChoices):
        NOTE = "note", _("Talk, noted")
        WARNING = "warning", _("Warning")
        REPRIMAND = "reprimand", _("Reprimand")
        SEVERE_REPRIMAND = "severe", _("Severe reprimand")
        EXPULSION = "expulsion", _("Expulsion")
        GRATITUDE = "gratitude", _("Gratitude")
        CERTIFICATE = "certificate", _("Certificate of honour")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="conduct", verbose_name=_("listener"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("course"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"))
    witnesses = models.CharField(_("witnesses"), max_length=300, blank=True)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("conduct record")
        verbose_name_plural = _("conduct records")

    def __str__(self) -> str:
        return f"{self.person} · {self.get_measure_display()}"
