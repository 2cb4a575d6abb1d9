"""Distance learning: online lessons (a timetable lesson held in a BigBlueButton room or by a
link to another system) and who was present in them, from when to when; each course's space of
sections and materials, and what each listener has opened."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.enrollment.models import Enrollment
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
