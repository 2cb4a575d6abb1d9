"""Background work of the journal: certificates."""

from django_tasks import task


@task()
def issue_certificate(enrollment_id: int) -> str:
    from eacademy.enrollment.models import Enrollment
    from eacademy.journal.certificates import certificate_issue

    enrollment = Enrollment.objects.filter(pk=enrollment_id, status=Enrollment.Status.COMPLETED).first()
    return str(certificate_issue(enrollment)) if enrollment else "not completed"


@task()
def issue_batch(batch_id: int) -> int:
    from eacademy.journal.certificates import batch_run

    return batch_run(batch_id).done
