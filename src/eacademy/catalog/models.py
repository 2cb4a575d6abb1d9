from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.core.base import TrilingualName
from eacademy.governance.models import Decision
from eacademy.org.models import AcademyUnit, Agency


class ProgrammeKind(models.TextChoices):
    INITIAL = "initial", _("Initial professional training")
    ADVANCED = "advanced", _("Advanced training")
    RETRAINING = "retraining", _("Retraining")
    RESERVE = "reserve", _("Presidential Reserve")
    CIS = "cis", _("CIS course")
    INTERNATIONAL = "international", _("International course")
    # Postgraduate study on credit technology (Rules §34, §39).
    MASTER_SCIENTIFIC = "master_sci", _("Scientific-pedagogical master's programme")
    MASTER_PROFILE = "master_prof", _("Profile master's programme")
    DOCTORAL = "doctoral", _("Doctoral programme (PhD)")


# Kinds whose disciplines carry credits, a component and an academic period.
CREDIT_KINDS = (ProgrammeKind.MASTER_SCIENTIFIC, ProgrammeKind.MASTER_PROFILE, ProgrammeKind.DOCTORAL)


class RecruitTrack(models.TextChoices):
    """Whom an internal-affairs initial training is for: the two durations of seed 004."""

    INVESTIGATORS = "investigators", _("Investigators and criminologists")
    SERGEANTS = "sergeants", _("Sergeants, criminal-executive and local police")


class InstructionLanguage(models.TextChoices):
    """A language a course is taught in, named in the reader's language (settings.LANGUAGES name
    each language in itself, for the language switch)."""

    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class StudyFormat(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    DISTANCE = "distance", _("Distance")
    BLENDED = "blended", _("Blended")


class ListenerCategory(models.TextChoices):
    RECRUITS = "recruits", _("Persons entering the service for the first time")
    OFFICERS = "officers", _("Operational officers")
    MANAGERS = "managers", _("Heads of units")
    RESERVE = "reserve", _("Members of the Presidential Reserve")
    FOREIGN = "foreign", _("Foreign participants")


class Competency(TrilingualName):
    """A competency of the Passport of Competence (industry-wide, informational, written,
    communicative, professional)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")


class Programme(TrilingualName):
    """An educational programme; its content lives in versions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=ProgrammeKind.choices)
    # Initial training is built for the agency the recruits enter (seed 004).
    entering_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("entering agency")
    )
    recruit_track = models.CharField(_("for whom"), max_length=13, choices=RecruitTrack.choices, blank=True)
    department = models.ForeignKey(
        AcademyUnit, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("responsible department")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_absolute_url(self) -> str:
        return reverse("catalog:programme_detail", args=[self.pk])


class ProgrammeVersion(models.Model):
    """One edition of a programme. Approved versions are immutable: a change starts a new draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        ARCHIVED = "archived", _("Archived")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions", verbose_name=_("programme"))
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    study_months = models.DecimalField(_("study, months"), max_digits=4, decimal_places=1, default=0)
    internship_months = models.DecimalField(_("internship, months"), max_digits=4, decimal_places=1, default=0)
    target_categories = models.JSONField(_("target categories of listeners"), default=list)
    languages = models.JSONField(_("languages of instruction"), default=list)
    study_format = models.CharField(_("format"), max_length=10, choices=StudyFormat.choices, default=StudyFormat.FULL_TIME)
    reviewing_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("examined by (agency)")
    )
    review_conclusion = models.TextField(_("conclusion of the employer's examination"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("approved by")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("approved by the decision")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "-number"]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="catalog_version_number_unique"),
            models.UniqueConstraint(
                fields=["programme"], condition=models.Q(status="draft"), name="catalog_one_draft_per_programme"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_by__isnull=False, approved_at__isnull=False),
                name="catalog_approved_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} (v{self.number})"

    @property
    def language_names(self) -> str:
        """The languages of instruction named in the reader's language."""
        return ", ".join(str(InstructionLanguage(code).label) for code in self.languages if code in InstructionLanguage.values)

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Cycle(models.TextChoices):
    """The parts of a postgraduate programme (Rules §39)."""

    BASIC = "basic", _("Basic disciplines")
    MAJOR = "major", _("Major disciplines")
    PRACTICE = "practice", _("Practical training")
    RESEARCH = "research", _("Research work")
    FINAL = "final", _("Final certification")


class Component(models.TextChoices):
    COMPULSORY = "compulsory", _("Compulsory component")
    ELECTIVE = "elective", _("Elective component")


class CreditNorm(models.Model):
    """How many credits a postgraduate programme of a kind and length carries at least: data with
    its source and the date it was checked, not a constant (the standards change)."""

    kind = models.CharField(_("kind"), max_length=15, choices=ProgrammeKind.choices)
    study_months = models.PositiveSmallIntegerField(_("study, months"))
    min_credits = models.PositiveSmallIntegerField(_("credits at least"))
    source = models.CharField(_("source"), max_length=300)
    checked_on = models.DateField(_("checked against the source on"))

    class Meta:
        ordering = ["kind", "study_months"]
        verbose_name = _("credit norm")
        verbose_name_plural = _("credit norms")
        constraints = [models.UniqueConstraint(fields=["kind", "study_months"], name="catalog_credit_norm_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.study_months}: {self.min_credits}"


class Module(TrilingualName):
    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="modules", verbose_name=_("version"))
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)
    cycle = models.CharField(_("cycle"), max_length=10, choices=Cycle.choices, blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")


# Types of academic work (Rules §35), in the order a curriculum lists them.
HOUR_FIELDS = ("lectures", "seminars", "workshops", "consultations", "independent", "internship", "control")


class Discipline(TrilingualName):
    """A discipline of a module with its hours by type of academic work."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="disciplines", verbose_name=_("module"))
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)
    lectures = models.PositiveSmallIntegerField(_("lectures"), default=0)
    seminars = models.PositiveSmallIntegerField(_("seminars and practicals"), default=0)
    workshops = models.PositiveSmallIntegerField(_("workshops"), default=0)
    consultations = models.PositiveSmallIntegerField(_("consultations"), default=0)
    independent = models.PositiveSmallIntegerField(_("independent work"), default=0)
    internship = models.PositiveSmallIntegerField(_("internship"), default=0)
    control = models.PositiveSmallIntegerField(_("control"), default=0)
    # Credit technology only: a whole number of credits, compulsory or elective, and the one
    # academic period of the programme it is studied in (Rules §39).
    credits = models.PositiveSmallIntegerField(_("credits"), null=True, blank=True)
    component = models.CharField(_("component"), max_length=10, choices=Component.choices, blank=True)
    period = models.PositiveSmallIntegerField(_("academic period"), null=True, blank=True)

    class Meta:
        ordering = ["module", "position", "id"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lectures__gt=0) | models.Q(seminars__gt=0) | models.Q(workshops__gt=0)
                | models.Q(consultations__gt=0) | models.Q(independent__gt=0) | models.Q(internship__gt=0)
                | models.Q(control__gt=0),
                name="catalog_discipline_has_hours",
            ),
            models.CheckConstraint(condition=models.Q(credits__isnull=True) | models.Q(credits__gt=0), name="catalog_discipline_credits_positive"),
        ]

    @property
    def total_hours(self) -> int:
        return sum(getattr(self, name) for name in HOUR_FIELDS)


class VersionCompetency(models.Model):
    """A competency the version develops, and to which level."""

    class Level(models.IntegerChoices):
        BASIC = 1, _("basic")
        ADVANCED = 2, _("advanced")
        EXPERT = 3, _("expert")

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="competencies", verbose_name=_("version"))
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competency"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.BASIC)

    class Meta:
        ordering = ["version", "competency__position"]
        verbose_name = _("competency developed")
        verbose_name_plural = _("competencies developed")
        constraints = [models.UniqueConstraint(fields=["version", "competency"], name="catalog_version_competency_unique")]

    def __str__(self) -> str:
        return f"{self.competency}: {self.get_level_display()}"
