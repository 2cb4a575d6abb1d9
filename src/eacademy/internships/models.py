"""Internships of initial training (seed 004: the internship part after the study part): a
placement in an agency's unit with a mentor, a plan, the intern's diary, the mentor's
evaluation and the Academy supervisor's mark, which goes into the journal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Discipline
from eacademy.enrollment.models import Enrollment
from eacademy.journal.models import Mark
from eacademy.org.models import AgencyUnit
from eacademy.people.models import Person


class Placement(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        COMPLETED = "completed", _("Completed")

    class Rating(models.IntegerChoices):
        POOR = 2, _("Unsatisfactory")
        FAIR = 3, _("Satisfactory")
        GOOD = 4, _("Good")
        EXCELLENT = 5, _("Excellent")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="placements", verbose_name=_("intern"))
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+", verbose_name=_("internship of the programme"))
    unit = models.ForeignKey(AgencyUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    mentor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("mentor"))
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("supervisor from the Academy"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    plan = models.TextField(_("plan of the internship"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    mentor_rating = models.PositiveSmallIntegerField(_("mentor's evaluation"), choices=Rating.choices, null=True, blank=True)
    mentor_review = models.TextField(_("mentor's review"), blank=True)
    mark = models.ForeignKey(Mark, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("mark in the journal"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("internship placement")
        verbose_name_plural = _("internship placements")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="internships_placement_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.enrollment.person} · {self.unit}"


class DiaryEntry(models.Model):
    """What the intern did on a day, in his own words."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="diary", verbose_name=_("placement"))
    date = models.DateField(_("date"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    text = models.TextField(_("what was done"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("diary entry")
        verbose_name_plural = _("diary entries")
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="internships_diary_one_a_day"),
            models.CheckConstraint(condition=models.Q(hours__gte=1, hours__lte=12), name="internships_diary_hours_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} · {self.date}"
