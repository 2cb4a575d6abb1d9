"""Background work of the evaluation: rollups of a course, and the daily round."""

from django_tasks import task


@task()
def refresh_course(offering_id: int) -> None:
    from eacademy.evaluation.rollups import refresh

    refresh([offering_id])


@task()
def daily() -> dict[str, int]:
    """Links due to the direct heads, reminders, and all rollups rewritten."""
    from eacademy.evaluation import rollups, services, surveys

    sent = services.follow_ups_due()
    reminded = services.follow_ups_remind()
    surveys_reminded = surveys.surveys_remind()
    rollups.refresh()
    return {"follow_ups_sent": sent, "follow_ups_reminded": reminded, "survey_reminders": surveys_reminded}
