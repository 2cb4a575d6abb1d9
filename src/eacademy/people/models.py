from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.core.iin import FEMALE, MALE
from eacademy.org.models import AcademyUnit, Agency, AgencyUnit, ClassRank, Position


class Sex(models.TextChoices):
    MALE = MALE, _("male")
    FEMALE = FEMALE, _("female")


class PersonQuerySet(models.QuerySet["Person"]):
    def with_related(self) -> "PersonQuerySet":
        return self.select_related("agency", "unit", "position", "rank")


class Person(models.Model):
    """One human: a listener, a staff member, an expert, a coordinator, or several at once.

    Citizens of Kazakhstan are identified by the IIN; foreign participants by passport number
    and country. Names are kept as written (Cyrillic), with an optional Latin transliteration.
    """

    iin = models.CharField(_("IIN"), max_length=12, null=True, blank=True, unique=True)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    citizenship = models.CharField(_("citizenship (ISO code)"), max_length=2, default="KZ")
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    last_name_latin = models.CharField(_("last name (Latin)"), max_length=100, blank=True)
    first_name_latin = models.CharField(_("first name (Latin)"), max_length=100, blank=True)
    # "last first middle", case-folded: SQLite compares only ASCII letters case-insensitively,
    # so Cyrillic search goes through this key (kept by the services that write names).
    search_key = models.CharField(max_length=310, db_index=True, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Whom the Academy asks, some months after a course, how the officer works (no account needed).
    head_name = models.CharField(_("direct head"), max_length=200, blank=True)
    head_email = models.EmailField(_("direct head's e-mail"), blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("agency")
    )
    unit = models.ForeignKey(
        AgencyUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("unit")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("position")
    )
    rank = models.ForeignKey(
        ClassRank, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("class rank")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "middle_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # A citizen has an IIN; a foreigner has a passport instead.
            models.CheckConstraint(
                condition=(models.Q(iin__isnull=False) & models.Q(citizenship="KZ"))
                | (models.Q(iin__isnull=True) & ~models.Q(citizenship="KZ") & ~models.Q(passport_number="")),
                name="people_person_iin_or_passport",
            ),
            models.UniqueConstraint(
                fields=["citizenship", "passport_number"],
                condition=~models.Q(passport_number=""),
                name="people_person_unique_passport",
            ),
            models.CheckConstraint(condition=models.Q(sex__in=[MALE, FEMALE]), name="people_person_sex_valid"),
        ]
        indexes = [models.Index(fields=["agency", "search_key"])]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    @property
    def is_foreign(self) -> bool:
        return self.iin is None


class StaffMember(models.Model):
    """A person who teaches or works at the Academy, in one of its units: the staff profile. An
    invited lecturer (a judge, a prosecutor, a foreign expert) is one too, with the organisation he
    serves in and the topics he lectures on. A special title (Counsellor of Justice...) is the
    person's class rank."""

    class Degree(models.TextChoices):
        NONE = "", _("no academic degree")
        CANDIDATE = "candidate", _("Candidate of sciences")
        DOCTOR = "doctor", _("Doctor of sciences")
        PHD = "phd", _("Doctor of philosophy (PhD)")
        PROFILE = "profile", _("Doctor by profile")

    class Title(models.TextChoices):
        NONE = "", _("no academic title")
        ASSOCIATE_PROFESSOR = "associate_professor", _("Associate professor")
        PROFESSOR = "professor", _("Professor")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="staff", verbose_name=_("person"))
    academy_unit = models.ForeignKey(
        AcademyUnit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit of the Academy")
    )
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("position"))
    is_invited = models.BooleanField(_("invited lecturer"), default=False)
    practice_years = models.PositiveSmallIntegerField(_("years of practical experience"), default=0)
    academic_degree = models.CharField(_("academic degree"), max_length=10, choices=Degree.choices, blank=True, default="")
    academic_title = models.CharField(_("academic title"), max_length=20, choices=Title.choices, blank=True, default="")
    organisation = models.CharField(_("organisation served in"), max_length=200, blank=True)
    topics = models.TextField(_("topics lectured on"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [models.CheckConstraint(condition=models.Q(practice_years__lte=70), name="people_staff_practice_years_plausible")]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("staff:detail", args=[self.pk])
