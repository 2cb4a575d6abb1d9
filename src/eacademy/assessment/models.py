"""The competence assessment centre ("Assessment" methodology, seed 002): the Passport of
Competence's behavioural indicators and their anchors, exercises, sessions where candidates are
known to experts by codes only, the experts' assignment, ratings and consensus."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Competency
from eacademy.core.base import TrilingualName
from eacademy.org.models import Position
from eacademy.people.models import Person


class Level(models.IntegerChoices):
    """The rating scale of every indicator (behaviourally anchored: each level of each indicator has its anchor)."""

    INSUFFICIENT = 1, _("Insufficient")
    DEVELOPING = 2, _("Developing")
    PROFICIENT = 3, _("Proficient")
    ADVANCED = 4, _("Advanced")


class Indicator(TrilingualName):
    """An observable behaviour through which a competency shows."""

    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competency"))
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)

    class Meta:
        ordering = ["competency__position", "position", "id"]
        verbose_name = _("behavioural indicator")
        verbose_name_plural = _("behavioural indicators")


class Anchor(TrilingualName):
    """What an indicator's behaviour looks like at one level."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="anchors", verbose_name=_("indicator"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)

    class Meta:
        ordering = ["indicator", "level"]
        verbose_name = _("level anchor")
        verbose_name_plural = _("level anchors")
        constraints = [models.UniqueConstraint(fields=["indicator", "level"], name="assessment_anchor_unique")]


class RequiredLevel(models.Model):
    """The level of a competency a position requires (the position's profile)."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="+", verbose_name=_("position"))
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competency"))
    level = models.PositiveSmallIntegerField(_("required level"), choices=Level.choices)

    class Meta:
        ordering = ["position", "competency__position"]
        verbose_name = _("required level")
        verbose_name_plural = _("required levels")
        constraints = [models.UniqueConstraint(fields=["position", "competency"], name="assessment_required_level_unique")]

    def __str__(self) -> str:
        return f"{self.position}: {self.competency} {self.level}"


class Exercise(TrilingualName):
    """A case study, in-basket task, document to draft or role play; its rating form lists the indicators it observes."""

    class Kind(models.TextChoices):
        CASE_STUDY = "case_study", _("Case study")
        IN_BASKET = "in_basket", _("In-basket task")
        DRAFTING = "drafting", _("Drafting a legal document")
        ROLE_PLAY = "role_play", _("Role play")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    instructions = models.TextField(_("instructions to the candidate"))
    materials = models.TextField(_("materials"), blank=True, help_text=_("The case file, documents or scenario the candidate receives."))
    minutes = models.PositiveSmallIntegerField(_("time limit, minutes"))
    indicators = models.ManyToManyField(Indicator, related_name="exercises", verbose_name=_("indicators observed"))

    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        constraints = [models.CheckConstraint(condition=models.Q(minutes__gt=0), name="assessment_exercise_has_time")]


class Session(models.Model):
    """An assessment day: candidates known by codes, experts, exercises."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        RATING = "rating", _("Experts rating")
        FINALISED = "finalised", _("Finalised")

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("position assessed for"))
    experts_per_candidate = models.PositiveSmallIntegerField(_("experts per candidate and exercise"), default=2)
    exercises = models.ManyToManyField(Exercise, related_name="sessions", verbose_name=_("exercises"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("finalised by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("assessment session")
        verbose_name_plural = _("assessment sessions")
        constraints = [models.CheckConstraint(condition=models.Q(experts_per_candidate__gte=1), name="assessment_session_needs_experts")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d.%m.%Y})"


def new_code() -> str:
    """A candidate's code: six characters without look-alikes (0/O, 1/I/L), random, meaningless."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class Candidate(models.Model):
    """A person assessed in a session; experts know him by `code` only until the session is finalised."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("session"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    code = models.CharField(_("code"), max_length=6, default=new_code)

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "code"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="assessment_candidate_once"),
            models.UniqueConstraint(fields=["session", "code"], name="assessment_candidate_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class SessionExpert(models.Model):
    """An expert of a session; one who drops out keeps his record (and ratings given) but gets no more candidates."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="experts", verbose_name=_("session"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("expert"))
    dropped_out = models.BooleanField(_("dropped out"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "person__last_name", "person__first_name"]
        verbose_name = _("session expert")
        verbose_name_plural = _("session experts")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="assessment_expert_once")]

    def __str__(self) -> str:
        return str(self.person)


class Conflict(models.Model):
    """A declared conflict of interest: the expert never rates this person."""

    class Kind(models.TextChoices):
        SAME_UNIT = "same_unit", _("Same unit")
        RELATIVE = "relative", _("Relative")
        FORMER_SUBORDINATE = "subordinate", _("Former subordinate")
        OTHER = "other", _("Other")

    expert = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("expert"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["expert", "person"], name="assessment_conflict_once"),
            models.CheckConstraint(condition=~models.Q(expert=models.F("person")), name="assessment_conflict_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.get_kind_display()}"


class Assignment(models.Model):
    """An expert rates a candidate in an exercise."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("session"))
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("candidate"))
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+", verbose_name=_("exercise"))
    expert = models.ForeignKey(SessionExpert, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("expert"))
    submitted_at = models.DateTimeField(_("ratings submitted"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["candidate__code", "exercise", "expert"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["candidate", "exercise", "expert"], name="assessment_assignment_once")]

    def __str__(self) -> str:
        return f"{self.candidate.code} · {self.exercise} · {self.expert}"


class Rating(models.Model):
    """An expert's level for one indicator of one candidate in one exercise."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("assignment"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    comment = models.CharField(_("observed behaviour"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "indicator"], name="assessment_rating_once"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="assessment_rating_level_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.level}"


class Consensus(models.Model):
    """The level the experts agreed on after discussing ratings more than one level apart; it replaces their ratings."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="consensus", verbose_name=_("candidate"))
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+", verbose_name=_("exercise"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator"))
    level = models.PositiveSmallIntegerField(_("agreed level"), choices=Level.choices)
    reasoning = models.TextField(_("reasoning of the discussion"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consensus")
        verbose_name_plural = _("consensus records")
        constraints = [models.UniqueConstraint(fields=["candidate", "exercise", "indicator"], name="assessment_consensus_once")]

    def __str__(self) -> str:
        return f"{self.candidate.code} · {self.indicator}: {self.level}"


class Reveal(models.Model):
    """The audit of a disclosure: who saw the names behind a finalised session's codes, and when."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reveals", verbose_name=_("session"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("disclosure of names")
        verbose_name_plural = _("disclosures of names")

    def __str__(self) -> str:
        return f"{self.session} · {self.user} · {self.at:%d.%m.%Y %H:%M}"
