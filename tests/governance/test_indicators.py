"""The strategy's indicators on the demo, against hand computations: the practice-oriented share of
the approved programmes' taught hours, the IQAA recommendations fulfilled, the digitalisation of
the year's courses and the staff's climate, on the KPI dashboard with their targets."""

import datetime

import pytest
from django.utils import timezone

from eacademy.catalog import queries as catalog_queries
from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.demo.governance import RECOMMENDATIONS, RECOMMENDATIONS_DONE
from eacademy.distance import queries as distance_queries
from eacademy.evaluation import queries as evaluation_queries
from eacademy.evaluation.models import Answer
from eacademy.governance import queries, services
from eacademy.governance.models import Progress, Recommendation

pytestmark = pytest.mark.django_db


def test_the_practice_oriented_share_is_the_practical_of_the_taught_hours_of_approved_programmes(client_as) -> None:
    practical = taught = 0
    for d in Discipline.objects.filter(module__version__status="approved"):  # by hand, discipline by discipline
        practical += d.seminars + d.workshops + d.internship
        taught += d.lectures + d.seminars + d.workshops + d.internship
    assert taught > 0 and catalog_queries.practice_hours() == (practical, taught)
    page = client_as(Role.LEADERSHIP).get("/analytics/").content.decode()
    assert f"{practical / taught:.0%}" in page and "≥ 70%" in page


def test_the_iqaa_share_on_the_demo_is_eighteen_of_twenty_and_moves_with_each_recommendation(client_as, persona) -> None:
    assert (RECOMMENDATIONS, RECOMMENDATIONS_DONE) == (20, 18)  # what the demo planted
    fulfilment = queries.iqaa_fulfilment()
    assert (fulfilment.done, fulfilment.total, fulfilment.share) == (18, 20, 0.9)
    leadership = client_as(Role.LEADERSHIP)
    assert "90%" in leadership.get("/analytics/").content.decode()
    assert 'data-testid="iqaa-share">90 %' in leadership.get("/governance/quality/").content.decode()
    pending = Recommendation.objects.exclude(status=Progress.DONE).first()
    with pytest.raises(DomainError, match="Give the evidence"):
        services.progress_record(actor=persona(Role.METHODOLOGIST), item=pending, status=Progress.DONE, evidence="")
    services.progress_record(actor=persona(Role.METHODOLOGIST), item=pending, status=Progress.DONE, evidence="Отчёт утверждён.")
    assert queries.iqaa_fulfilment().share == 19 / 20


def test_digitalisation_and_climate_are_shown_by_year_with_their_targets(client_as) -> None:
    year = timezone.localdate().year
    online, total = distance_queries.digital_courses(year)
    assert 0 < online <= total  # the demo's distance course starts this year
    climate = evaluation_queries.climate_by_year()
    last = max(climate)
    numbers = list(Answer.objects.filter(question__survey__kind="climate", question__survey__closes_at__year=last, number__isnull=False)
                   .values_list("number", flat=True))
    assert climate[last][0] == pytest.approx(sum(numbers) / len(numbers))
    page = client_as(Role.LEADERSHIP).get(f"/analytics/?year={year}").content.decode()
    assert f"{online / total:.0%}" in page and f"{climate.get(year, climate.get(year - 1))[0]:.2f}" in page
    assert datetime.date(2023, 1, 1).year in distance_queries.DIGITAL_TARGET and distance_queries.DIGITAL_TARGET[2023] == 0.70
