from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from eacademy.core.base import TrilingualName


class Agency(TrilingualName):
    """A customer body whose officers the Academy trains."""

    class Kind(models.TextChoices):
        DOMESTIC = "domestic", _("Law-enforcement agency of Kazakhstan")
        CIS = "cis", _("CIS body")
        FOREIGN = "foreign", _("Foreign or international body")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    short_name = models.CharField(_("short name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DOMESTIC)
    country = models.CharField(_("country (ISO code)"), max_length=2, default="KZ")
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "short_name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def get_absolute_url(self) -> str:
        return reverse("org:agency_detail", args=[self.pk])


class AgencyUnit(MP_Node, TrilingualName):
    """A unit of an agency: central office, regional office, district office, division."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central office")
        REGIONAL = "regional", _("Regional office")
        DISTRICT = "district", _("District office")
        DIVISION = "division", _("Division")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    region = models.CharField(_("region"), max_length=60, blank=True)

    history = HistoricalRecords()
    node_order_by = ["name_ru"]

    class Meta:
        verbose_name = _("agency unit")
        verbose_name_plural = _("agency units")


class AgencyHeadcount(models.Model):
    """How many officers an agency had in a year: the base of the 'share trained' KPI."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="headcounts", verbose_name=_("agency"))
    year = models.PositiveSmallIntegerField(_("year"))
    headcount = models.PositiveIntegerField(_("headcount"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("agency headcount")
        verbose_name_plural = _("agency headcounts")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="org_headcount_one_per_year"),
            models.CheckConstraint(condition=models.Q(year__gte=1991, year__lte=2100), name="org_headcount_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.headcount}"


class AcademyUnit(MP_Node, TrilingualName):
    """The Academy's own structure: institutes, their departments, centres and offices."""

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership")
        INSTITUTE = "institute", _("Institute")
        MANAGEMENT = "management", _("Management")
        DEPARTMENT = "department", _("Department")
        CENTRE = "centre", _("Centre")
        OFFICE = "office", _("Office")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    history = HistoricalRecords()
    node_order_by = ["code"]

    class Meta:
        verbose_name = _("academy unit")
        verbose_name_plural = _("academy units")


class Position(TrilingualName):
    """A post, in the Academy or in an agency."""

    class Category(models.TextChoices):
        TEACHING = "teaching", _("Teaching staff")
        ACADEMY = "academy", _("Academy administrative staff")
        AGENCY = "agency", _("Agency officer")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    # Rules §36: these posts may give lectures and supervise dissertations.
    may_lecture = models.BooleanField(_("may give lectures"), default=False)

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")


class ClassRank(TrilingualName):
    """A class rank or special title of law-enforcement service, ordered from junior to senior."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    seniority = models.PositiveSmallIntegerField(_("seniority"), unique=True)

    class Meta:
        ordering = ["seniority"]
        verbose_name = _("class rank")
        verbose_name_plural = _("class ranks")
