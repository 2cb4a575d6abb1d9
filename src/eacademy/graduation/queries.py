"""What the graduation page and the API read."""

from django.db.models import QuerySet

from eacademy.graduation.models import Outcome


def outcomes(offering_id: int) -> QuerySet[Outcome]:
    return Outcome.objects.filter(enrollment__offering_id=offering_id).select_related("enrollment__person", "certification_result")
