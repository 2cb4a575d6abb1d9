from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.enrollment.models import Enrollment


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
