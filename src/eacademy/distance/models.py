"""Distance learning: online lessons (a timetable lesson held in a BigBlueButton room or by a
link to another system) and who was present in them, from when to when; each course's space of
sections and materials, and what each listener has opened; assignments of independent work,
their submissions, marking and feedback."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Discipline
from eacademy.enrollment.models import Enrollment, Group
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson


class OnlineMeeting(models.Model):
    class System(models.TextChoices):
        BIGBLUEBUTTON = "bbb", _("BigBlueButton (the Academy's server)")
        JITSI = "jitsi", _("Jitsi Meet")
        ZOOM = "zoom", _("Zoom")
        OTHER = "other", _("Another system")

    lesson = models.OneToOneField(Lesson, on_delete=models.CASCADE, related_name="online_meeting", verbose_name=_("lesson"))
    system = models.CharField(_("system"), max_length=5, choices=System.choices)
    # Another system's meeting link; a BigBlueButton room has an id instead and links made per person.
    url = models.URLField(_("meeting link"), max_length=500, blank=True)
    meeting_id = models.CharField(_("room"), max_length=100, blank=True)
    attendance_taken_at = models.DateTimeField(_("attendance taken at"), null=True, blank=True)
    recordings = models.JSONField(_("recordings"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("online lesson")
        verbose_name_plural = _("online lessons")
        constraints = [
            models.CheckConstraint(condition=models.Q(system="bbb", url="") & ~models.Q(meeting_id="") | ~models.Q(system="bbb") & ~models.Q(url=""),
                                   name="distance_meeting_room_or_link"),
            models.UniqueConstraint(fields=["meeting_id"], condition=~models.Q(meeting_id=""), name="distance_meeting_room_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.lesson}: {self.get_system_display()}"

    def get_absolute_url(self) -> str:
        return reverse("distance:lesson", args=[self.lesson_id])


class Presence(models.Model):
    """A listener in an online lesson: when he first came in and when he last left (the room's
    report, imported after the lesson), and his minutes in all."""

    meeting = models.ForeignKey(OnlineMeeting, on_delete=models.CASCADE, related_name="presences", verbose_name=_("online lesson"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+", verbose_name=_("listener"))
    joined_at = models.DateTimeField(_("joined at"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes present"), default=0)

    class Meta:
        ordering = ["meeting", "joined_at"]
        verbose_name = _("presence in an online lesson")
        verbose_name_plural = _("presences in online lessons")
        constraints = [models.UniqueConstraint(fields=["meeting", "enrollment"], name="distance_presence_once")]

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.joined_at:%H:%M}"


class Section(models.Model):
    """A page of a course's space: a module or a topic, shown to the listeners from a date."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="sections", verbose_name=_("offering"))
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)
    visible_from = models.DateField(_("visible from"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["offering", "position", "id"]
        verbose_name = _("section of a course space")
        verbose_name_plural = _("sections of course spaces")

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    """A material of a section: a file, a page written in the browser (kept sanitised), a link
    or a video. A required one counts for the listener's progress."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        PAGE = "page", _("Page")
        LINK = "link", _("Link")
        VIDEO = "video", _("Video")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="materials", verbose_name=_("section"))
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="distance/materials/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    media_type = models.CharField(_("media type"), max_length=100, blank=True)
    visible_from = models.DateField(_("visible from"), null=True, blank=True)
    required = models.BooleanField(_("counts for completion"), default=True)
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "position", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("distance:material", args=[self.pk])


class MaterialView(models.Model):
    """That a listener opened a material: first and last time, and how often."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="views", verbose_name=_("material"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+", verbose_name=_("listener"))
    first_at = models.DateTimeField(_("first opened at"))
    last_at = models.DateTimeField(_("last opened at"))
    times = models.PositiveIntegerField(_("times opened"), default=1)

    class Meta:
        verbose_name = _("material opened")
        verbose_name_plural = _("materials opened")
        constraints = [models.UniqueConstraint(fields=["material", "enrollment"], name="distance_material_view_once")]

    def __str__(self) -> str:
        return f"{self.material_id}: {self.enrollment_id}"


class Assignment(models.Model):
    """Independent work (seed 001 §29.6): open from a date, due by a date, accepted late until a
    cut-off; text and/or files; one per listener or one per study group; marked out of 100 by
    a rubric or as a whole, blind if set, and released to the listeners and the journal."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("offering"))
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="assignments", verbose_name=_("section"))
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+", verbose_name=_("discipline"))
    title = models.CharField(_("title"), max_length=300)
    instructions = models.TextField(_("instructions"), blank=True)
    opens_at = models.DateTimeField(_("open from"))
    due_at = models.DateTimeField(_("due by"))
    cut_off_at = models.DateTimeField(_("accepted until"), null=True, blank=True)
    accepts_text = models.BooleanField(_("text in the browser"), default=True)
    max_files = models.PositiveSmallIntegerField(_("files at most"), default=1)
    max_file_mb = models.PositiveSmallIntegerField(_("file size at most, MB"), default=10)
    by_group = models.BooleanField(_("one submission per study group"), default=False)
    blind = models.BooleanField(_("blind marking"), default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts (0: until passed)"), default=1)
    pass_points = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=2, default=50)
    required = models.BooleanField(_("counts for completion"), default=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)  # those yet to hand in, before the due date

    history = HistoricalRecords()

    class Meta:
        ordering = ["offering", "due_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(condition=models.Q(due_at__gte=models.F("opens_at")), name="distance_assignment_due_after_open"),
            models.CheckConstraint(condition=models.Q(cut_off_at=None) | models.Q(cut_off_at__gte=models.F("due_at")), name="distance_assignment_cut_off_after_due"),
            models.CheckConstraint(condition=models.Q(accepts_text=True) | models.Q(max_files__gt=0), name="distance_assignment_text_or_files"),
            models.CheckConstraint(condition=models.Q(pass_points__gte=0, pass_points__lte=100), name="distance_assignment_pass_0_to_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("distance:assignment", args=[self.pk])

    @property
    def journal_key(self) -> str:
        return f"assignment:{self.pk}"


class Criterion(models.Model):
    """A line of an assignment's rubric: what is judged and the points it carries (the lines add
    up to 100)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("assignment"))
    title = models.CharField(_("criterion"), max_length=300)
    points = models.PositiveSmallIntegerField(_("points"))
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)

    class Meta:
        ordering = ["assignment", "position", "id"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return f"{self.title} ({self.points})"


class Extension(models.Model):
    """More time for one listener: his work is accepted until this moment, whatever the dates."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("assignment"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+", verbose_name=_("listener"))
    until = models.DateTimeField(_("accepted until"))
    reason = models.CharField(_("reason"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [models.UniqueConstraint(fields=["assignment", "enrollment"], name="distance_extension_once")]

    def __str__(self) -> str:
        return f"{self.assignment_id} · {self.enrollment_id}: {self.until:%d.%m.%Y %H:%M}"


class Submission(models.Model):
    """An attempt at an assignment: a listener's own, or his study group's (any member saves it).
    A draft can be changed; a final one was submitted with the honesty statement and is marked.
    `participant` is the number the markers see instead of the name when marking is blind."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("submission", "Draft")
        SUBMITTED = "submitted", _("Submitted for marking")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("assignment"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+", verbose_name=_("listener"))
    group = models.ForeignKey(Group, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("group"))
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    participant = models.PositiveIntegerField(_("participant number"))
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.DRAFT)
    text = models.TextField(_("text"), blank=True)
    statement_at = models.DateTimeField(_("honesty statement made at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assignment", "participant", "attempt"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "enrollment", "attempt"], condition=models.Q(group=None), name="distance_submission_once_per_attempt"),
            models.UniqueConstraint(fields=["assignment", "group", "attempt"], condition=~models.Q(group=None), name="distance_group_submission_once_per_attempt"),
            models.CheckConstraint(condition=models.Q(status="draft") | ~models.Q(statement_at=None) & ~models.Q(submitted_at=None),
                                   name="distance_submitted_with_statement"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} · {self.participant} · {self.attempt}"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files", verbose_name=_("submission"))
    file = models.FileField(_("file"), upload_to="distance/submissions/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))

    class Meta:
        ordering = ["submission", "id"]
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")

    def __str__(self) -> str:
        return self.name


class Grade(models.Model):
    """The marking of a submission: points (the rubric's lines add up to them), feedback as a
    comment and a file, and where it stands: being marked, ready for release, released (only
    then do the listener and the journal see it)."""

    class State(models.TextChoices):
        MARKING = "marking", _("Being marked")
        READY = "ready", _("Ready for release")
        RELEASED = "released", _("Released")

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="grade", verbose_name=_("submission"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    scores = models.JSONField(_("points by criterion"), default=dict, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    feedback_file = models.FileField(_("feedback file"), upload_to="distance/feedback/%Y/%m/", blank=True)
    feedback_file_name = models.CharField(_("feedback file name"), max_length=200, blank=True)
    state = models.CharField(_("marking state"), max_length=8, choices=State.choices, default=State.MARKING)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("marked by"))
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [models.CheckConstraint(condition=models.Q(points__gte=0, points__lte=100), name="distance_grade_0_to_100")]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.points}"


class Thread(models.Model):
    """A thread of a course's forum, or of one of its sections' (a topic's): a discussion, or a
    question to the lecturer (answered once a teacher of the course replies). A teacher can lock
    it: nothing more is posted."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question to the lecturer")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="threads", verbose_name=_("offering"))
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, blank=True, related_name="threads", verbose_name=_("section"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISCUSSION)
    title = models.CharField(_("title"), max_length=300)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["offering", "-last_post_at", "id"]
        verbose_name = _("forum thread")
        verbose_name_plural = _("forum threads")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("distance:thread", args=[self.pk])


class Post(models.Model):
    """A message of a thread; its HTML is kept sanitised."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["thread", "created_at", "id"]
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.author_id}"


class Package(models.Model):
    """A SCORM 1.2 or 2004 package of a section, unpacked into storage under `folder` and played
    in the browser from its launch file; its score goes into the journal."""

    class Version(models.TextChoices):
        SCORM_12 = "1.2", "SCORM 1.2"
        SCORM_2004 = "2004", "SCORM 2004"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="packages", verbose_name=_("section"))
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+", verbose_name=_("discipline"))
    title = models.CharField(_("title"), max_length=300)
    version = models.CharField(_("SCORM version"), max_length=4, choices=Version.choices)
    launch = models.CharField(_("launch file"), max_length=500)
    folder = models.CharField(_("folder in storage"), max_length=100, unique=True)
    mastery = models.DecimalField(_("mastery score"), max_digits=5, decimal_places=2, null=True, blank=True)
    required = models.BooleanField(_("counts for completion"), default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "id"]
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("distance:package", args=[self.pk])

    @property
    def journal_key(self) -> str:
        return f"scorm:{self.pk}"


class PackageAttempt(models.Model):
    """A listener's run of a package: the runtime data it last committed (resumed from next
    time), its status and its score in percent."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("SCORM package"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+", verbose_name=_("listener"))
    cmi = models.JSONField(_("runtime data"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    score = models.DecimalField(_("score, %"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("run of a SCORM package")
        verbose_name_plural = _("runs of SCORM packages")
        constraints = [models.UniqueConstraint(fields=["package", "enrollment"], name="distance_package_attempt_once")]

    def __str__(self) -> str:
        return f"{self.package_id} · {self.enrollment_id}: {self.status}"


class CompletionRule(models.Model):
    """When a course counts as completed at a distance: the share of its required activities
    (materials opened, assignments passed, packages completed) the methodologist asks for."""

    offering = models.OneToOneField(Offering, on_delete=models.CASCADE, related_name="completion_rule", verbose_name=_("offering"))
    percent = models.PositiveSmallIntegerField(_("required activities done, %"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [models.CheckConstraint(condition=models.Q(percent__gte=1, percent__lte=100), name="distance_completion_1_to_100")]

    def __str__(self) -> str:
        return f"{self.offering_id}: {self.percent}%"


class Statement(models.Model):
    """A learning event as an xAPI statement, kept until the learning record store has taken it
    (an outbox: it is written in the same transaction as the event, so none is lost while the
    store is down). The actor is the user's number on this site, never his name."""

    id = models.UUIDField(primary_key=True, editable=False)
    verb = models.CharField(_("verb"), max_length=40)
    payload = models.JSONField(_("statement"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    tries = models.PositiveIntegerField(_("failed tries"), default=0)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        indexes = [models.Index(fields=["sent_at", "created_at"], name="distance_statement_outbox")]

    def __str__(self) -> str:
        return f"{self.verb} {self.id}"
