"""Background work of knowledge control."""

from django_tasks import task


@task()
def close_attempt(attempt_id: int) -> str:
    from eacademy.exams.attempts import attempt_close
    from eacademy.exams.models import Attempt

    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return "gone"
    return attempt_close(attempt, by_deadline=True).status
