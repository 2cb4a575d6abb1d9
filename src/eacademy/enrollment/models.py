from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.governance.models import Order
from eacademy.people.models import Person
from eacademy.planning.models import Offering

ACTIVE_APPLICATION_STATES = ("submitted", "agency_approved", "accepted", "waitlisted")


class Application(models.Model):
    """A person's way into an offering: self-enrollment or nomination, the agency's decision,
    then the Academy's acceptance within seats and quota, or the waitlist."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting the agency")
        AGENCY_APPROVED = "agency_approved", _("Approved by the agency")
        DECLINED = "declined", _("Declined by the agency")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("On the waitlist")
        REJECTED = "rejected", _("Rejected by the Academy")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        SELF = "self", _("Self-enrollment")
        NOMINATION = "nomination", _("Nomination by the agency")

    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="applications", verbose_name=_("offering"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications", verbose_name=_("person"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # A paid place: not accepted until its contract for paid services is signed (billing holds it).
    awaiting_contract = models.BooleanField(_("awaiting a signed contract"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["offering", "created_at", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "person"], condition=models.Q(status__in=ACTIVE_APPLICATION_STATES), name="enrollment_one_live_application"
            )
        ]
        indexes = [models.Index(fields=["offering", "status"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.offering}"


class Group(models.Model):
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="groups", verbose_name=_("offering"))
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        ordering = ["offering", "number"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [models.UniqueConstraint(fields=["offering", "number"], name="enrollment_group_number_unique")]

    def __str__(self) -> str:
        return str(_("Group %(number)s") % {"number": self.number})


class Enrollment(models.Model):
    """A listener on an offering. Every change of state is a service call that writes an order
    line and a history record."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        ON_LEAVE = "on_leave", _("On academic leave")
        COMPLETED = "completed", _("Completed")
        UNFINISHED = "unfinished", _("Did not graduate")
        EXPELLED = "expelled", _("Expelled")
        TRANSFERRED = "transferred", _("Transferred to another offering")

    class ExpulsionReason(models.TextChoices):
        FAILURE = "failure", _("Academic failure")
        REGULATIONS = "regulations", _("Breach of internal regulations")
        OWN_WISH = "own_wish", _("At own wish")
        HEALTH = "health", _("Health")
        SERVICE = "service", _("Service needs")

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="enrollment", verbose_name=_("application"))
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("offering"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("person"))
    group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True, related_name="enrollments", verbose_name=_("group"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ENROLLED)
    expulsion_reason = models.CharField(_("reason for expulsion"), max_length=12, choices=ExpulsionReason.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["offering", "person__last_name", "id"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        indexes = [models.Index(fields=["offering", "status"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.offering}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.ENROLLED, self.Status.ON_LEAVE)


class OrderLine(models.Model):
    class Action(models.TextChoices):
        ENROLL = "enroll", _("Enroll")
        TRANSFER = "transfer", _("Transfer")
        LEAVE = "leave", _("Grant academic leave")
        RESTORE = "restore", _("Restore")
        EXPEL = "expel", _("Expel")
        COMPLETE = "complete", _("Graduate")

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="lines", verbose_name=_("order"))
    position = models.PositiveIntegerField(_("line"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("enrollment"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    details = models.CharField(_("details"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "position"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [models.UniqueConstraint(fields=["order", "position"], name="enrollment_order_line_unique")]

    def __str__(self) -> str:
        return f"{self.order} / {self.position}"
