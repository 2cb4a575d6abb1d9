"""Postgraduate study on credit technology (Rules §31-41): the academic calendar, admission, the
students with their individual plans, supervision and dissertations, and the record of marks.
Programmes are catalog programmes of the master's and doctoral kinds; a discipline there carries
its credits, component and academic period."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Discipline, ProgrammeVersion
from eacademy.core.models import GradeBand
from eacademy.governance.models import Order
from eacademy.people.models import Person, StaffMember


class AcademicYear(models.Model):
    starts_on = models.DateField(_("starts on"), unique=True)
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="postgrad_year_ordered")]

    def __str__(self) -> str:
        return f"{self.starts_on.year}–{self.ends_on.year}"


class Period(models.Model):
    """An academic period: a semester or the summer period, with the window in which students
    register for its disciplines (choose their electives)."""

    class Kind(models.TextChoices):
        AUTUMN = "autumn", _("Autumn semester")
        SPRING = "spring", _("Spring semester")
        SUMMER = "summer", _("Summer period")

    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="periods", verbose_name=_("academic year"))
    kind = models.CharField(_("period"), max_length=6, choices=Kind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(_("registration closes"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("academic period")
        verbose_name_plural = _("academic periods")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="postgrad_period_unique"),
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="postgrad_period_ordered"),
            models.CheckConstraint(condition=models.Q(registration_closes__gte=models.F("registration_opens")), name="postgrad_registration_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.year}, {self.get_kind_display()}"


class AdmissionRound(models.Model):
    """Admission to a programme for an academic year under the Prosecutor General's order No. 45
    of 27.01.2023: the places, the entrance examinations and the documents an applicant brings."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme"))
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year"))
    places = models.PositiveSmallIntegerField(_("places"))
    documents = models.JSONField(_("documents an applicant submits"), default=list)
    rules = models.CharField(_("admission rules"), max_length=300)
    order = models.OneToOneField(Order, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("admission order"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year__starts_on", "id"]
        verbose_name = _("admission round")
        verbose_name_plural = _("admission rounds")
        constraints = [
            models.UniqueConstraint(fields=["version", "year"], name="postgrad_round_unique"),
            models.CheckConstraint(condition=models.Q(places__gt=0), name="postgrad_round_has_places"),
        ]

    def __str__(self) -> str:
        return f"{self.version.programme}, {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("postgrad:round", args=[self.pk])


class EntranceExam(models.Model):
    round = models.ForeignKey(AdmissionRound, on_delete=models.CASCADE, related_name="exams", verbose_name=_("admission round"))
    name = models.CharField(_("examination"), max_length=200)
    pass_points = models.PositiveSmallIntegerField(_("pass mark"))
    max_points = models.PositiveSmallIntegerField(_("points at most"))
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)

    class Meta:
        ordering = ["round", "position", "id"]
        verbose_name = _("entrance examination")
        verbose_name_plural = _("entrance examinations")
        constraints = [models.CheckConstraint(condition=models.Q(max_points__gte=models.F("pass_points")), name="postgrad_exam_points_ordered")]

    def __str__(self) -> str:
        return self.name


class Applicant(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ADMITTED = "admitted", _("Admitted")
        NOT_ADMITTED = "not_admitted", _("Not admitted")

    round = models.ForeignKey(AdmissionRound, on_delete=models.PROTECT, related_name="applicants", verbose_name=_("admission round"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    documents = models.JSONField(_("documents submitted"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.APPLIED)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "person__last_name", "id"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="postgrad_applicant_once")]

    def __str__(self) -> str:
        return str(self.person)


class EntranceMark(models.Model):
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="marks", verbose_name=_("applicant"))
    exam = models.ForeignKey(EntranceExam, on_delete=models.PROTECT, related_name="marks", verbose_name=_("examination"))
    points = models.PositiveSmallIntegerField(_("points"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entrance examination mark")
        verbose_name_plural = _("entrance examination marks")
        constraints = [models.UniqueConstraint(fields=["applicant", "exam"], name="postgrad_entrance_mark_once")]

    def __str__(self) -> str:
        return f"{self.exam_id}: {self.points}"


class Student(models.Model):
    """A master's or doctoral student on a programme, admitted by an order."""

    class Status(models.TextChoices):
        STUDYING = "studying", _("Studying")
        ON_LEAVE = "on_leave", _("On academic leave")
        GRADUATED = "graduated", _("Graduated")
        EXPELLED = "expelled", _("Expelled")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="postgrad_studies", verbose_name=_("person"))
    version = models.ForeignKey(ProgrammeVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme"))
    admitted_in = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("admitted in"))
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="+", verbose_name=_("admission order"))
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.STUDYING)
    supervisor = models.ForeignKey(StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("supervisor"))
    # A co-supervisor abroad is not on the Academy's staff (doctoral studies).
    co_supervisor = models.CharField(_("co-supervisor (name, organisation, country)"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version__programme__code", "person__last_name", "person__first_name", "id"]
        verbose_name = _("master's or doctoral student")
        verbose_name_plural = _("master's and doctoral students")
        constraints = [models.UniqueConstraint(fields=["person", "version"], name="postgrad_student_once_per_programme")]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("postgrad:student", args=[self.pk])


class Teaching(models.Model):
    """A discipline given in an academic period by a lecturer: what a student registers for and
    the lecturer marks."""

    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+", verbose_name=_("discipline"))
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="teachings", verbose_name=_("academic period"))
    lecturer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("lecturer"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "discipline__position", "id"]
        verbose_name = _("discipline taught")
        verbose_name_plural = _("disciplines taught")
        constraints = [models.UniqueConstraint(fields=["discipline", "period"], name="postgrad_teaching_once_per_period")]

    def __str__(self) -> str:
        return f"{self.discipline} · {self.period}"


class Plan(models.Model):
    """A student's individual study plan: the programme's compulsory disciplines and his choice of
    electives, each in one period; approved by the supervisor, then by the department."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being chosen")
        SUBMITTED = "submitted", _("Submitted to the supervisor")
        SUPERVISOR_APPROVED = "supervised", _("Approved by the supervisor")
        APPROVED = "approved", _("Approved by the department")

    student = models.OneToOneField(Student, on_delete=models.CASCADE, related_name="plan", verbose_name=_("student"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    returned_because = models.CharField(_("returned because"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("individual study plan")
        verbose_name_plural = _("individual study plans")

    def __str__(self) -> str:
        return str(_("Individual plan of %(student)s") % {"student": self.student})


class PlanLine(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("plan"))
    teaching = models.ForeignKey(Teaching, on_delete=models.PROTECT, related_name="plan_lines", verbose_name=_("discipline taught"))
    # The teaching's discipline, kept here so that the database refuses a discipline twice (§39).
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+", verbose_name=_("discipline"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["teaching__period__starts_on", "discipline__module__position", "discipline__position"]
        verbose_name = _("line of an individual plan")
        verbose_name_plural = _("lines of individual plans")
        constraints = [models.UniqueConstraint(fields=["plan", "discipline"], name="postgrad_discipline_once_per_plan")]

    def __str__(self) -> str:
        return str(self.discipline)


class Mark(models.Model):
    """A mark of a discipline on the point-letter scale. The first mark is the examination's; an
    FX allows one retake in the same period; an F, or an FX that a retake did not mend, means
    the discipline is studied again in a later period (a repeat). Changes keep their history."""

    class Attempt(models.TextChoices):
        EXAM = "exam", _("Examination")
        RETAKE = "retake", _("Retake")
        REPEAT = "repeat", _("Repeated study")

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="marks", verbose_name=_("student"))
    teaching = models.ForeignKey(Teaching, on_delete=models.PROTECT, related_name="marks", verbose_name=_("discipline taught"))
    attempt = models.CharField(_("attempt"), max_length=6, choices=Attempt.choices)
    points = models.PositiveSmallIntegerField(_("points"))
    band = models.ForeignKey(GradeBand, on_delete=models.PROTECT, related_name="+", verbose_name=_("grade"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered at"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["teaching__period__starts_on", "id"]
        verbose_name = _("mark")
        verbose_name_plural = _("marks")
        constraints = [
            models.UniqueConstraint(fields=["student", "teaching", "attempt"], name="postgrad_one_mark_per_attempt"),
            models.CheckConstraint(condition=models.Q(points__lte=100), name="postgrad_mark_points_range"),
        ]

    def __str__(self) -> str:
        return f"{self.band}"


class Dissertation(models.Model):
    """A master's dissertation or project, or a doctoral dissertation: its topic approved by the
    Academic Council, its milestones, publications and acts of implementation."""

    student = models.OneToOneField(Student, on_delete=models.CASCADE, related_name="dissertation", verbose_name=_("student"))
    topic_kk = models.CharField(_("topic (Kazakh)"), max_length=500, blank=True)
    topic_ru = models.CharField(_("topic (Russian)"), max_length=500)
    topic_en = models.CharField(_("topic (English)"), max_length=500, blank=True)
    approved_on = models.DateField(_("topic approved on"), null=True, blank=True)
    council_decision = models.CharField(_("decision of the Academic Council"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dissertation")
        verbose_name_plural = _("dissertations")
        constraints = [
            models.CheckConstraint(condition=models.Q(approved_on__isnull=True) | ~models.Q(council_decision=""), name="postgrad_topic_approved_by_decision"),
        ]

    def __str__(self) -> str:
        return self.topic_ru


class Milestone(models.Model):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Research seminar")
        PUBLICATION = "publication", _("Publication")
        PRE_DEFENCE = "pre_defence", _("Pre-defence")
        DEFENCE = "defence", _("Defence")

    dissertation = models.ForeignKey(Dissertation, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("dissertation"))
    kind = models.CharField(_("milestone"), max_length=11, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["dissertation", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self) -> str:
        return self.get_kind_display()


class Publication(models.Model):
    dissertation = models.ForeignKey(Dissertation, on_delete=models.CASCADE, related_name="publications", verbose_name=_("dissertation"))
    title = models.CharField(_("title"), max_length=500)
    venue = models.CharField(_("journal or proceedings"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title


class ImplementationAct(models.Model):
    """An act of implementation: an organisation confirms that the dissertation's results are
    used in its practice, science or teaching (the strategy's indicator, seed 003)."""

    dissertation = models.ForeignKey(Dissertation, on_delete=models.CASCADE, related_name="acts", verbose_name=_("dissertation"))
    organisation = models.CharField(_("organisation"), max_length=300)
    dated = models.DateField(_("dated"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["dated", "id"]
        verbose_name = _("act of implementation")
        verbose_name_plural = _("acts of implementation")

    def __str__(self) -> str:
        return self.organisation
