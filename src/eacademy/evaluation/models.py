import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Programme
from eacademy.enrollment.models import Enrollment
from eacademy.org.models import AcademyUnit, Agency, AgencyUnit
from eacademy.people.models import Person
from eacademy.planning.models import Offering


class FollowUp(models.Model):
    """The direct head's evaluation of a listener some months after the course, given through a
    single-use link: only the SHA-256 of its token is stored, so the link cannot be rebuilt from
    the database, and it stops working once used or expired."""

    class Change(models.IntegerChoices):
        MUCH_WORSE = 1, _("Much worse")
        WORSE = 2, _("Worse")
        SAME = 3, _("No change")
        BETTER = 4, _("Better")
        MUCH_BETTER = 5, _("Much better")

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("listener"))
    head_name = models.CharField(_("direct head"), max_length=200)
    head_email = models.EmailField(_("direct head's e-mail"))
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("link valid until"))
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    work_quality = models.PositiveSmallIntegerField(_("quality of work"), choices=Change.choices, null=True, blank=True)
    deficiencies = models.PositiveSmallIntegerField(_("deficiencies in work"), choices=Change.choices, null=True, blank=True)
    applies_topics = models.PositiveSmallIntegerField(_("applies the course's topics"), choices=Change.choices, null=True, blank=True)
    comments = models.TextField(_("comments"), blank=True)

    history = HistoricalRecords(excluded_fields=["token_digest"])

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("follow-up evaluation")
        verbose_name_plural = _("follow-up evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True) | models.Q(work_quality__isnull=False, deficiencies__isnull=False, applies_topics__isnull=False),
                name="evaluation_answered_follow_up_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} · {self.head_name}"


class Survey(models.Model):
    """A questionnaire: the standard course-quality survey opened at a course's end, or any
    other (satisfaction with the educational process, staff climate) built the same way."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course quality")
        SATISFACTION = "satisfaction", _("Satisfaction with the educational process")
        CLIMATE = "climate", _("Staff climate")

    class Audience(models.TextChoices):
        OFFERING = "offering", _("Listeners of the course")
        LISTENERS = "listeners", _("Listeners studying now")
        STAFF = "staff", _("The Academy's staff")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    audience = models.CharField(_("who is asked"), max_length=10, choices=Audience.choices, default=Audience.OFFERING)
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, null=True, blank=True, related_name="surveys", verbose_name=_("offering"))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [models.UniqueConstraint(fields=["offering", "kind"], condition=models.Q(offering__isnull=False), name="evaluation_one_survey_per_course")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/evaluation/surveys/{self.pk}/"


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("Scale from 1 to 5")
        CHOICE = "choice", _("One of the choices")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    lecturer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("lecturer rated"))
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["survey", "position"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        constraints = [models.UniqueConstraint(fields=["survey", "position"], name="evaluation_question_position_unique")]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """Who is asked, and whether he has answered — kept apart from the answers, without a time,
    only to send reminders. Nothing here points to a response, nor a response to it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="survey_invitations", verbose_name=_("person"))
    answered = models.BooleanField(_("answered"), default=False)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="evaluation_invited_once")]

    def __str__(self) -> str:
        return f"{self.survey_id} · {self.person_id}"


class Response(models.Model):
    """One anonymous set of answers: a random id (no order of arrival), no time, no person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    number = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number if self.number is not None else self.text[:30]}"


# Rollups: the effectiveness dashboards read these small tables (one row per course and agency,
# per course and lecturer, per year and agency) instead of scanning enrollments, attempts and
# millions of answers; `evaluation.rollups` rewrites them from the source tables.


class CourseFigures(models.Model):
    """One course's completions and the sums behind indicators (a) and (c), per listeners' agency."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, related_name="+")
    year = models.PositiveSmallIntegerField()  # the year the course ends
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(AcademyUnit, on_delete=models.CASCADE, related_name="+")
    distance = models.BooleanField()
    completed = models.PositiveIntegerField()
    paired = models.PositiveIntegerField()  # listeners with both input and output control
    input_sum = models.FloatField()  # of their best input results, as fractions of the maximum
    output_sum = models.FloatField()
    heads_n = models.PositiveIntegerField()
    heads_sum = models.FloatField()  # of the heads' mean answers (1–5)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offering", "agency"], name="evaluation_course_figures_unique")]
        indexes = [models.Index(fields=["year", "agency"])]

    def __str__(self) -> str:
        return f"{self.offering_id} · {self.agency_id}: {self.completed}"


class CourseRating(models.Model):
    """The listeners' 1–5 answers on one course: the general questions (no lecturer) or one lecturer's block."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="+")
    lecturer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    year = models.PositiveSmallIntegerField()
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(AcademyUnit, on_delete=models.CASCADE, related_name="+")
    responses = models.PositiveIntegerField()
    answers = models.PositiveIntegerField()
    total = models.PositiveIntegerField()  # sum of the answers

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offering", "lecturer"], name="evaluation_course_rating_unique")]
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.offering_id} · {self.lecturer_id}: {self.total}/{self.answers}"


class AgencyYearFigures(models.Model):
    """Distinct officers of an agency who completed a course in the year, and in the five years to it."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    trained = models.PositiveIntegerField()
    trained_five_years = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="evaluation_agency_year_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.year}: {self.trained}"


class RollupStamp(models.Model):
    """One row given a new random version with every rewrite of the rollups, in the same
    transaction: pages built from the rollups are cached under it, so they are never older than
    the data (random, so that a rolled-back rewrite's version is never seen again)."""

    version = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.version)


# Kirkpatrick level 4: results in the service, entered where an agency reports them.


class InspectionDeficiencies(models.Model):
    """Deficiencies that inspections found in a unit's work in a year (seed 002: the courses
    exist to reduce them)."""

    unit = models.ForeignKey(AgencyUnit, on_delete=models.CASCADE, related_name="inspection_deficiencies", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    deficiencies = models.PositiveIntegerField(_("deficiencies found"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "year"]
        verbose_name = _("deficiencies found in inspections")
        verbose_name_plural = _("deficiencies found in inspections")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="evaluation_deficiencies_once_a_year")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}: {self.deficiencies}"


class ReserveAppointment(models.Model):
    """A graduate of the Presidential Reserve programme appointed to a senior post."""

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="reserve_appointment", verbose_name=_("listener"))
    appointed_on = models.DateField(_("appointed on"))
    post = models.CharField(_("post"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-appointed_on"]
        verbose_name = _("appointment from the Presidential Reserve")
        verbose_name_plural = _("appointments from the Presidential Reserve")

    def __str__(self) -> str:
        return f"{self.enrollment} · {self.post}"
