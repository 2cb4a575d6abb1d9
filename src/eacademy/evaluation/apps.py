from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "eacademy.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation of effectiveness")

    def ready(self) -> None:
        from eacademy.enrollment.signals import enrollment_completed

        enrollment_completed.connect(_ask_about_the_course, dispatch_uid="evaluation_course_survey_on_completion")
        enrollment_completed.connect(_count_the_course, dispatch_uid="evaluation_rollup_on_completion")


def _ask_about_the_course(sender: object, enrollment_id: int, **kwargs: object) -> None:
    from eacademy.evaluation.surveys import invite_on_completion

    invite_on_completion(enrollment_id)


def _count_the_course(sender: object, enrollment_id: int, **kwargs: object) -> None:
    from eacademy.enrollment.models import Enrollment
    from eacademy.evaluation.tasks import refresh_course

    offering_id = Enrollment.objects.filter(pk=enrollment_id).values_list("offering_id", flat=True).first()
    if offering_id:
        refresh_course.enqueue(offering_id)
