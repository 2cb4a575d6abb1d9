from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.enrollment.models import Enrollment
from eacademy.journal.models import CertificationResult


class Outcome(models.Model):
    """How a listener's course ended, read from his final certification: graduated, not admitted
    to it, or failed (a retake allowed until a date where the mark allows one). A retake's
    graduation rewrites it; the history keeps the first."""

    class Result(models.TextChoices):
        GRADUATED = "graduated", _("Graduated")
        NOT_ADMITTED = "not_admitted", _("Not admitted to the final certification")
        FAILED = "failed", _("Failed the final certification")

    enrollment = models.OneToOneField(Enrollment, on_delete=models.PROTECT, related_name="outcome", verbose_name=_("listener"))
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    certification_result = models.ForeignKey(CertificationResult, on_delete=models.PROTECT, related_name="+", verbose_name=_("certification result"))
    retake_until = models.DateField(_("retake allowed until"), null=True, blank=True)
    attendance_certificate = models.BooleanField(_("certificate of attendance"), default=False)
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["enrollment__person__last_name", "id"]
        verbose_name = _("outcome of a course")
        verbose_name_plural = _("outcomes of courses")
        constraints = [
            models.CheckConstraint(condition=models.Q(retake_until__isnull=True) | models.Q(result="failed"), name="graduation_retake_only_after_failing"),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.result}"
