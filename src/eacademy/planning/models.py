from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import InstructionLanguage, ListenerCategory, Programme, ProgrammeVersion, StudyFormat
from eacademy.org.models import AcademyUnit, Agency


class TrainingNeed(models.Model):
    """An agency's need for a year: how many of whom on which programme (quantitative), and the
    topics and deficiencies found in inspections that training should address (qualitative)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_needs", verbose_name=_("agency"))
    year = models.PositiveSmallIntegerField(_("year"))
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="needs", verbose_name=_("programme")
    )
    topic = models.CharField(_("topic (when no programme fits)"), max_length=300, blank=True)
    category = models.CharField(_("category of listeners"), max_length=10, choices=ListenerCategory.choices)
    quantity = models.PositiveIntegerField(_("number of listeners"))
    qualitative = models.TextField(_("topics and deficiencies found in inspections"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "agency", "id"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        constraints = [
            models.CheckConstraint(condition=models.Q(programme__isnull=False) | ~models.Q(topic=""), name="planning_need_programme_or_topic"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="planning_need_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.short_name} {self.year}: {self.programme or self.topic} × {self.quantity}"


class Offering(models.Model):
    """A run of a programme version in the annual plan: dates, place, seats and quotas."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("programme version"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    language = models.CharField(_("language of instruction"), max_length=2, choices=InstructionLanguage.choices)
    study_format = models.CharField(_("format"), max_length=10, choices=StudyFormat.choices)
    department = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("responsible department"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="planning_offering_dates_ordered"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="planning_offering_capacity_positive"),
        ]
        indexes = [models.Index(fields=["status", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.version.programme} {self.starts_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("planning:offering_detail", args=[self.pk])


class OfferingQuota(models.Model):
    """Seats of an offering reserved for one agency."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("offering"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    seats = models.PositiveSmallIntegerField(_("seats"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["offering", "agency"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["offering", "agency"], name="planning_one_quota_per_agency"),
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="planning_quota_seats_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.short_name}: {self.seats}"
