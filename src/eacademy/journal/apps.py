from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "eacademy.journal"
    label = "journal"
    verbose_name = _("Journal and certification")

    def ready(self) -> None:
        from eacademy.enrollment.signals import enrollment_completed

        enrollment_completed.connect(_issue_on_completion, dispatch_uid="journal_certificate_on_completion")


def _issue_on_completion(sender: object, enrollment_id: int, **kwargs: object) -> None:
    """A listener who completes gets his certificate from the task worker."""
    from eacademy.journal.tasks import issue_certificate

    issue_certificate.enqueue(enrollment_id)
