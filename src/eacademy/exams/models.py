from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Competency, Discipline, Programme
from eacademy.enrollment.models import Group
from eacademy.exams.formats import KIND_LABELS, Kind
from eacademy.people.models import Person
from eacademy.planning.models import Offering


class Bank(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    programme = models.ForeignKey(Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("programme"))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/exams/banks/{self.pk}/"


class Category(models.Model):
    """A folder of questions: `path` is "Parent/Child" (a "/" inside a name is written "//"),
    as Moodle names categories; discipline, competency and topic classify it."""

    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="categories", verbose_name=_("bank"))
    path = models.CharField(_("path"), max_length=500, blank=True)
    info = models.TextField(_("description"), blank=True)
    idnumber = models.CharField(_("ID number"), max_length=100, blank=True)
    discipline = models.ForeignKey(Discipline, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("discipline"))
    competency = models.ForeignKey(Competency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("competency"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        ordering = ["bank", "path"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["bank", "path"], name="exams_category_path_unique")]

    def __str__(self) -> str:
        return self.path.replace("//", "/") if self.path else str(_("Top"))


class Question(models.Model):
    """A question as it lives in the bank; what listeners saw is kept in its versions."""

    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="questions", verbose_name=_("bank"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions", verbose_name=_("category"))
    current = models.ForeignKey("QuestionVersion", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("current version"))
    position = models.PositiveIntegerField(_("position"), default=0)  # order within the bank, as imported
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["category", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.current.name if self.current else f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return f"/exams/questions/{self.pk}/"


class QuestionVersion(models.Model):
    """One wording and key of a question. A version that attempts have used is never edited
    (a change makes a new version), except to correct its key, which regrades those attempts."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions", verbose_name=_("question"))
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("type"), max_length=12, choices=[(k.value, KIND_LABELS[k]) for k in Kind])
    name = models.CharField(_("name"), max_length=300)
    text = models.TextField(_("text"))
    default_mark = models.FloatField(_("mark"), default=1.0)
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), null=True, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    content = models.JSONField(_("content"), default=dict)  # answers, pairs, feedback, rubric…: formats.QuestionData
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "number"]
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="exams_version_number_unique"),
            models.CheckConstraint(condition=models.Q(difficulty__isnull=True) | models.Q(difficulty__range=(1, 5)), name="exams_difficulty_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"


class QuestionFile(models.Model):
    """An image or sound embedded in a question ("@@PLUGINFILE@@/name" in its texts)."""

    version = models.ForeignKey(QuestionVersion, on_delete=models.CASCADE, related_name="files", verbose_name=_("version"))
    name = models.CharField(_("name"), max_length=255)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("question file")
        verbose_name_plural = _("question files")
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="exams_file_name_unique")]

    def __str__(self) -> str:
        return self.name


class Exam(models.Model):
    """A test on a course: who takes it, when, for how long, what it draws from the bank and
    what a listener sees afterwards."""

    class Purpose(models.TextChoices):
        INPUT = "input", _("Input control")
        OUTPUT = "output", _("Output control")
        CURRENT = "current", _("Current control")
        CERTIFICATION = "certification", _("Certification")
        SELF_CHECK = "self_check", _("Self-check")

    class Review(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_SUBMIT = "after_submit", _("Right after the attempt")
        AFTER_CLOSE = "after_close", _("After the test closes")

    title = models.CharField(_("title"), max_length=300)
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="exams", verbose_name=_("offering"))
    group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True, related_name="exams", verbose_name=_("group"))
    purpose = models.CharField(_("purpose"), max_length=14, choices=Purpose.choices)
    time_limit_minutes = models.PositiveIntegerField(_("time limit, minutes"))
    attempts_allowed = models.PositiveSmallIntegerField(_("attempts allowed"), default=1)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    shuffle_answers = models.BooleanField(_("shuffle the choices"), default=True)
    pass_percent = models.PositiveSmallIntegerField(_("pass mark, %"), default=60)
    review_score = models.CharField(_("listener sees the score"), max_length=12, choices=Review.choices, default=Review.AFTER_SUBMIT)
    review_responses = models.CharField(_("listener sees his answers"), max_length=12, choices=Review.choices, default=Review.AFTER_SUBMIT)
    review_correct = models.CharField(_("listener sees the correct answers"), max_length=12, choices=Review.choices, default=Review.AFTER_CLOSE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at", "id"]
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="exams_exam_closes_after_opening"),
            models.CheckConstraint(condition=models.Q(time_limit_minutes__gte=1, attempts_allowed__gte=1), name="exams_exam_limits_positive"),
            models.CheckConstraint(condition=models.Q(pass_percent__lte=100), name="exams_exam_pass_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/exams/{self.pk}/"


class BlueprintRule(models.Model):
    """Draw `count` questions at random from a category (and its subcategories), optionally of
    one difficulty or tag, for each listener."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="rules", verbose_name=_("test"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category"))
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), null=True, blank=True)
    tag = models.CharField(_("tag"), max_length=100, blank=True)
    count = models.PositiveSmallIntegerField(_("questions"))
    question = models.ForeignKey("Question", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("this question"),
                                 help_text=_("Every listener gets this question."))

    class Meta:
        ordering = ["exam", "id"]
        verbose_name = _("blueprint rule")
        verbose_name_plural = _("blueprint rules")
        constraints = [models.CheckConstraint(condition=models.Q(count__gte=1), name="exams_rule_count_positive")]

    def __str__(self) -> str:
        return f"{self.question.current}" if self.question and self.question.current else f"{self.category} × {self.count}"


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        AWAITING_GRADING = "awaiting", _("Awaiting manual grading")
        GRADED = "graded", _("Graded")

    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("test"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("listener"))
    number = models.PositiveSmallIntegerField(_("attempt"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    closed_by_deadline = models.BooleanField(_("closed at the deadline"), default=False)
    score = models.FloatField(_("score"), null=True, blank=True)
    max_score = models.FloatField(_("maximum score"), default=0.0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["exam", "person", "number"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(fields=["exam", "person", "number"], name="exams_attempt_number_unique"),
            models.UniqueConstraint(fields=["exam", "person"], condition=models.Q(status="in_progress"), name="exams_one_open_attempt"),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.exam} · {self.person} · {self.number}"

    def get_absolute_url(self) -> str:
        return f"/exams/attempts/{self.pk}/"

    @property
    def percent(self) -> float | None:
        return None if self.score is None or not self.max_score else 100 * self.score / self.max_score


class Slot(models.Model):
    """One question of an attempt: the version drawn, the order its choices were shown in, the
    last acknowledged answer (`seq` is the page's counter: an older or repeated save never
    overwrites a newer one) and its grade."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="slots", verbose_name=_("attempt"))
    position = models.PositiveSmallIntegerField(_("position"))
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="slots", verbose_name=_("question version"))
    kind = models.CharField(_("type"), max_length=12)  # the version's, so that a save is checked in one UPDATE
    options = models.PositiveSmallIntegerField(_("choices"), default=0)  # choices or prompts a response may point at
    mark = models.FloatField(_("mark"))
    order = models.JSONField(_("order of choices"), default=list)
    response = models.JSONField(_("answer"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("save number"), default=0)
    saved_at = models.DateTimeField(_("saved"), null=True, blank=True)
    fraction = models.FloatField(_("grade"), null=True, blank=True)
    rubric_points = models.JSONField(_("rubric points"), null=True, blank=True)
    comment = models.TextField(_("grader's comment"), blank=True)

    # Answers are written by a conditional UPDATE (no history row per keystroke); grades are saved with history.
    history = HistoricalRecords(excluded_fields=["response", "seq", "saved_at", "order"])

    class Meta:
        ordering = ["attempt", "position"]
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="exams_slot_position_unique")]

    def __str__(self) -> str:
        return f"{self.attempt} / {self.position}"

    @property
    def score(self) -> float | None:
        return None if self.fraction is None else self.fraction * self.mark
