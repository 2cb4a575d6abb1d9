from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.catalog.models import Discipline, Programme
from eacademy.core.models import GradeScale
from eacademy.enrollment.models import Enrollment, Group
from eacademy.exams.models import Exam
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson


class AssessmentPolicy(models.Model):
    """How a programme's final mark is made: a weighted sum of the admission rating and the
    certification exam, admission only above a threshold and within an absence limit."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="assessment_policy", verbose_name=_("programme"))
    scale = models.ForeignKey(GradeScale, on_delete=models.PROTECT, related_name="+", verbose_name=_("grading scale"))
    admission_weight = models.PositiveSmallIntegerField(_("admission rating weight, %"), default=60)
    exam_weight = models.PositiveSmallIntegerField(_("exam weight, %"), default=40)
    admission_threshold = models.PositiveSmallIntegerField(_("lowest admission rating"), default=50)
    absence_limit_percent = models.PositiveSmallIntegerField(_("absence limit, per cent of lessons"), default=25)
    retake_days = models.PositiveSmallIntegerField(_("days for a retake after a failing mark that allows one"), default=30)
    attendance_certificate = models.BooleanField(_("a certificate of attendance for listeners who do not graduate"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment policy")
        verbose_name_plural = _("assessment policies")
        constraints = [
            models.CheckConstraint(condition=models.Q(admission_weight__lte=100, exam_weight__lte=100), name="journal_weights_at_most_100"),
            models.CheckConstraint(condition=models.Q(admission_threshold__lte=100, absence_limit_percent__lte=100), name="journal_limits_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.admission_weight}/{self.exam_weight}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("lesson"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("listener"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    document_name = models.CharField(_("document"), max_length=200, blank=True)
    document = models.BinaryField(_("document file"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["document"])

    class Meta:
        ordering = ["lesson", "enrollment"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["lesson", "enrollment"], name="journal_attendance_once"),
            models.CheckConstraint(condition=~models.Q(status="excused") | ~models.Q(reason=""), name="journal_excused_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.lesson} · {self.enrollment_id}: {self.status}"


class Mark(models.Model):
    """A current-control mark (0–100) in a discipline: typed in for a lesson, taken from a
    test's result, or given for an activity of an app above (an assignment, a package), which
    names it by a key of its own. `revision` counts changes: a save made against an older
    revision is refused."""

    class Source(models.TextChoices):
        TYPED = "typed", _("Typed in")
        EXAM = "exam", _("Test result")
        ACTIVITY = "activity", _("Course activity")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="marks", verbose_name=_("listener"))
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="marks", verbose_name=_("discipline"))
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, null=True, blank=True, related_name="marks", verbose_name=_("lesson"))
    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, null=True, blank=True, related_name="marks", verbose_name=_("test"))
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.TYPED)
    # The activity's key in its app ("assignment:12") and its title as the journal shows it.
    activity = models.CharField(_("activity"), max_length=40, blank=True)
    activity_title = models.CharField(_("activity title"), max_length=200, blank=True)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["enrollment", "discipline", "lesson"]
        verbose_name = _("mark")
        verbose_name_plural = _("marks")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], condition=models.Q(lesson__isnull=False), name="journal_mark_once_per_lesson"),
            models.UniqueConstraint(fields=["enrollment", "exam"], condition=models.Q(exam__isnull=False), name="journal_mark_once_per_test"),
            models.UniqueConstraint(fields=["enrollment", "activity"], condition=~models.Q(activity=""), name="journal_mark_once_per_activity"),
            models.CheckConstraint(condition=models.Q(points__gte=0, points__lte=100), name="journal_mark_0_to_100"),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} · {self.discipline_id}: {self.points}"


class Certification(models.Model):
    """Intermediate (one discipline) or final (the whole programme) certification of a course or
    group by a commission; closing it computes every listener's result by the programme's policy."""

    class Kind(models.TextChoices):
        INTERMEDIATE = "intermediate", _("Intermediate certification")
        FINAL = "final", _("Final certification")

    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="certifications", verbose_name=_("offering"))
    group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True, related_name="certifications", verbose_name=_("group"))
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, null=True, blank=True, related_name="certifications", verbose_name=_("discipline"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    protocol_number = models.CharField(_("protocol number"), max_length=40, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="certifications", verbose_name=_("commission"))
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="intermediate") | models.Q(discipline__isnull=False), name="journal_intermediate_has_discipline"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return f"/journal/certifications/{self.pk}/"


class CertificationMark(models.Model):
    """One commission member's mark for one listener."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="marks", verbose_name=_("certification"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="certification_marks", verbose_name=_("listener"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    revision = models.PositiveIntegerField(_("revision"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission mark")
        verbose_name_plural = _("commission marks")
        constraints = [
            models.UniqueConstraint(fields=["certification", "enrollment", "member"], name="journal_member_marks_once"),
            models.CheckConstraint(condition=models.Q(points__gte=0, points__lte=100), name="journal_commission_mark_0_to_100"),
        ]

    def __str__(self) -> str:
        return f"{self.certification_id} · {self.enrollment_id} · {self.member_id}: {self.points}"


class CertificationResult(models.Model):
    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="results", verbose_name=_("certification"))
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="certification_results", verbose_name=_("listener"))
    admission_points = models.DecimalField(_("admission rating"), max_digits=5, decimal_places=2)
    admitted = models.BooleanField(_("admitted"))
    exam_points = models.DecimalField(_("exam points"), max_digits=5, decimal_places=2, null=True, blank=True)
    final_points = models.DecimalField(_("final points"), max_digits=5, decimal_places=2)
    letter = models.CharField(_("mark"), max_length=4)
    grade_point = models.DecimalField(_("grade point"), max_digits=3, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["certification", "enrollment__person__last_name"]
        verbose_name = _("certification result")
        verbose_name_plural = _("certification results")
        constraints = [models.UniqueConstraint(fields=["certification", "enrollment"], name="journal_result_once")]

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.letter}"


class Certificate(models.Model):
    """A certificate of completion: numbered per series and year, its wording frozen at issue
    (a later change of name or programme does not alter a certificate already given; its PDF is
    drawn from these fields), a secret code for the public verification page."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("listener"))
    series = models.CharField(_("series"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.VALID)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name=_("replaces"))
    holder = models.CharField(_("holder"), max_length=300)
    programme_kk = models.CharField(_("programme (Kazakh)"), max_length=300)
    programme_ru = models.CharField(_("programme (Russian)"), max_length=300)
    dates = models.CharField(_("dates"), max_length=40)
    hours = models.PositiveIntegerField(_("hours"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "series", "-number"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "number"], name="journal_certificate_number_unique"),
            models.UniqueConstraint(fields=["enrollment"], condition=models.Q(status="valid"), name="journal_one_valid_certificate"),
            models.CheckConstraint(condition=models.Q(status="valid") | ~models.Q(revoked_reason=""), name="journal_revocation_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.series} № {self.number:05d}/{self.year}"

    def get_absolute_url(self) -> str:
        return f"/verify/{self.code}/"


class CertificateCounter(models.Model):
    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="journal_counter_unique")]

    def __str__(self) -> str:
        return f"{self.series}/{self.year}: {self.last}"


class CertificateBatch(models.Model):
    """Certificates for a whole course, issued by the task worker; the page shows its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="certificate_batches", verbose_name=_("offering"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"))
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    pdf = models.BinaryField(_("PDF for printing"), null=True, blank=True)  # every certificate of the batch, a page each

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self) -> str:
        return f"{self.offering} · {self.done}/{self.total}"
