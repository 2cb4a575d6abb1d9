from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Discipline
from eacademy.enrollment.models import Group
from eacademy.planning.models import Offering


class Room(models.Model):
    class Kind(models.TextChoices):
        LECTURE_HALL = "lecture_hall", _("Lecture hall")
        CLASSROOM = "classroom", _("Classroom")
        COMPUTER_CLASS = "computer_class", _("Computer class")
        GYM = "gym", _("Gym")
        SHOOTING_RANGE = "shooting_range", _("Shooting range")
        TRAINING_GROUND = "training_ground", _("Training ground")
        SIMULATION_GROUND = "simulation_ground", _("Simulation ground")

    code = models.CharField(_("number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLASSROOM)
    capacity = models.PositiveSmallIntegerField(_("seats"), default=30)
    equipment = models.CharField(_("equipment"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return self.code


class RoomClosure(models.Model):
    """A room out of use for some days (repairs, an event)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="closures", verbose_name=_("room"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("room closure")
        verbose_name_plural = _("room closures")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="timetable_closure_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_on}–{self.ends_on}"


class Period(models.Model):
    """A period of the academic day (a pair of academic hours) with its times."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")

    def __str__(self) -> str:
        return f"{self.number}: {self.starts:%H:%M}–{self.ends:%H:%M}"


class DayOff(models.Model):
    """A holiday or another day without lessons (weekends are off anyway)."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("day off")
        verbose_name_plural = _("days off")

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


class LecturerLimits(models.Model):
    """How much a lecturer may teach; an invited lecturer (a judge, a prosecutor) teaches only in
    the slots he has given (`AvailableSlot`)."""

    lecturer = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="teaching_limits", verbose_name=_("lecturer"))
    invited = models.BooleanField(_("invited lecturer"), default=False)
    per_day = models.PositiveSmallIntegerField(_("periods a day at most"), default=3)
    per_week = models.PositiveSmallIntegerField(_("periods a week at most"), default=12)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("teaching limits")
        verbose_name_plural = _("teaching limits")

    def __str__(self) -> str:
        return str(self.lecturer)


class Unavailability(models.Model):
    """Days a lecturer cannot teach (illness, a business trip, leave)."""

    lecturer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unavailabilities", verbose_name=_("lecturer"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="timetable_unavailability_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.lecturer} {self.starts_on}–{self.ends_on}"


class AvailableSlot(models.Model):
    """A period an invited lecturer has offered."""

    lecturer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="available_slots", verbose_name=_("lecturer"))
    date = models.DateField(_("date"))
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+", verbose_name=_("period"))

    class Meta:
        ordering = ["date", "period"]
        verbose_name = _("offered slot")
        verbose_name_plural = _("offered slots")
        constraints = [models.UniqueConstraint(fields=["lecturer", "date", "period"], name="timetable_slot_once")]

    def __str__(self) -> str:
        return f"{self.lecturer} {self.date} {self.period_id}"


class TaughtKind(models.TextChoices):
    """The kinds of lessons a teaching plans (a lesson may also be a consultation or a control)."""

    LECTURE = "lecture", _("Lecture")
    SEMINAR = "seminar", _("Seminar or practical")
    WORKSHOP = "workshop", _("Workshop")


class Teaching(models.Model):
    """What a group is taught: a discipline's lessons of one kind by one lecturer, from the
    programme's hours (a period is two academic hours). The solver turns them into lessons."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="teachings", verbose_name=_("offering"))
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="teachings", verbose_name=_("group"))
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="teachings", verbose_name=_("discipline"))
    kind = models.CharField(_("kind"), max_length=12, choices=TaughtKind.choices, default=TaughtKind.LECTURE)
    lecturer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="teachings", verbose_name=_("lecturer"))
    lessons = models.PositiveSmallIntegerField(_("lessons"))
    room_kind = models.CharField(_("room kind"), max_length=20, choices=Room.Kind.choices, default=Room.Kind.CLASSROOM)
    after = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("after"))

    class Meta:
        ordering = ["offering", "group", "discipline", "kind"]
        verbose_name = _("teaching")
        verbose_name_plural = _("teachings")
        constraints = [models.CheckConstraint(condition=models.Q(lessons__gte=1), name="timetable_teaching_lessons_positive")]

    def __str__(self) -> str:
        return f"{self.group} · {self.discipline} · {self.get_kind_display()}"


class Lesson(models.Model):
    """One lesson of a discipline for a group (or the whole course): placed by the timetable
    solver from a `Teaching`, or entered by hand."""

    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Lecture")
        SEMINAR = "seminar", _("Seminar or practical")
        WORKSHOP = "workshop", _("Workshop")
        CONSULTATION = "consultation", _("Consultation")
        CONTROL = "control", _("Control")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("offering"))
    group = models.ForeignKey(Group, on_delete=models.CASCADE, null=True, blank=True, related_name="lessons", verbose_name=_("group"))
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="lessons", verbose_name=_("discipline"))
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=80)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.LECTURE)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    lecturer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons", verbose_name=_("lecturer"))
    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, blank=True, related_name="lessons", verbose_name=_("room"))
    teaching = models.ForeignKey(Teaching, on_delete=models.CASCADE, null=True, blank=True, related_name="placed", verbose_name=_("teaching"))
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("The solver leaves a pinned lesson where it is."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [models.Index(fields=["offering", "discipline", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.discipline} · {timezone.localtime(self.starts_at):%d.%m %H:%M}"


class TimetableRun(models.Model):
    """One run of the solver over a term, done by the task worker: its progress, result and,
    when no timetable exists, the requirements that conflict."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        INFEASIBLE = "infeasible", _("No timetable exists")
        FAILED = "failed", _("Failed")

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    repair = models.BooleanField(_("re-plan (move as few lessons as possible)"), default=False)
    seconds = models.PositiveSmallIntegerField(_("time limit, seconds"), default=120)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    best_penalty = models.PositiveIntegerField(_("penalty"), null=True, blank=True)
    elapsed = models.FloatField(_("seconds taken"), null=True, blank=True)
    lessons = models.PositiveIntegerField(_("lessons placed"), default=0)
    moved = models.PositiveIntegerField(_("lessons moved"), default=0)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("timetable run")
        verbose_name_plural = _("timetable runs")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="timetable_run_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} · {self.get_status_display()}"


class CalendarFeed(models.Model):
    """The key inside a person's calendar address. The address is signed with the site's key and
    dated, so it expires; a new key (the owner asks for one) revokes every address given before."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user"))
    key = models.CharField(_("key"), max_length=64)
    renewed_at = models.DateTimeField(_("renewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
