from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.people.models import Person, StaffMember


class Development(models.Model):
    """A staff member's professional development (seed 000 §7.18, seed 003): the strategy counts
    the share of teaching staff who had some in the year."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Advanced training course")
        RETRAINING = "retraining", _("Professional retraining")
        INTERNSHIP = "internship", _("Internship in a law-enforcement body")
        SCHOOL = "school", _("School of Pedagogical Excellence")
        ABROAD = "abroad", _("Training abroad")

    member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="developments", verbose_name=_("staff member"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    organisation = models.CharField(_("organisation"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    document = models.CharField(_("certificate number"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-ends_on", "-pk"]
        verbose_name = _("professional development")
        verbose_name_plural = _("professional development")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="staff_development_dates_ordered"),
            models.CheckConstraint(condition=models.Q(hours__gte=1), name="staff_development_has_hours"),
        ]
        indexes = [models.Index(fields=["ends_on", "member"])]

    def __str__(self) -> str:
        return self.title


class HubArea(models.TextChoices):
    """The global threats the Academy's Regional Hub trains to counter: the five of its founding
    (seed 002, where the second is drugs *and weapons*) and environmental crime (seed 003)."""

    EXTREMISM = "extremism", _("Extremism and terrorism")
    DRUGS = "drugs", _("Illegal circulation of drugs and weapons")
    TRAFFICKING = "trafficking", _("Human trafficking and illegal migration")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    ENVIRONMENT = "environment", _("Environmental crime")
    FINANCIAL = "financial", _("Financial crimes and corruption")


class HubTrainer(models.Model):
    """A national trainer in the Regional Hub's pool: an officer of Kazakhstan or of a partner
    state whom the Hub trained to teach one of its areas (seed 003: 24 trained, 10 on financial
    crime, 14 on cybercrime)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="hub_trainings", verbose_name=_("person"))
    area = models.CharField(_("area"), max_length=12, choices=HubArea.choices)
    qualified_on = models.DateField(_("qualified on"))
    document = models.CharField(_("certificate number"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "person__last_name", "person__first_name", "pk"]
        verbose_name = _("national trainer")
        verbose_name_plural = _("national trainers")
        constraints = [models.UniqueConstraint(fields=["person", "area"], name="staff_hub_trainer_once_per_area")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_area_display()})"
