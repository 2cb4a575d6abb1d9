"""Issue 17, point 5: the strategy's "at least 1,750 officers trained a year" (seed 003, task 1.2)
counts distinct officers of the Republic's law-enforcement agencies, internal affairs left out —
not completions, not CIS or foreign listeners, not people of no agency."""

import datetime
import re

import pytest

from eacademy.catalog.models import ProgrammeVersion
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import queries as indicators
from eacademy.people.models import Person
from tests.evaluation.test_indicators import _course

pytestmark = pytest.mark.django_db
YEAR = 2033  # a year of its own: nothing else ends then


def test_an_officer_counts_once_and_only_the_seed_s_officers_count():
    """Courses ending in 2033:
      A: prosecutors P1, P2; a police officer (internal affairs); a foreign (CIS or other) listener; a person of no agency;
      B: P1 again (his second course), anti-corruption officer K1 — by distance.
    Completions: 5 + 2 = 7. The seed's officers: P1, P2 (A), K1 (B); P1 again is not a new officer.
    Figure: 3 officers, of whom by distance: K1 and P1 (both on B) = 2."""
    version = ProgrammeVersion.objects.filter(status="approved", programme__kind="advanced").order_by("pk").first()
    p1, p2 = Person.objects.filter(agency__code="prosecutor", user=None)[:2]
    police = Person.objects.filter(agency__code="internal-affairs", user=None).first()
    cis = Person.objects.filter(agency__kind__in=["cis", "foreign"]).first()
    nobody = Person.objects.filter(agency=None, user=None).first()
    k1 = Person.objects.filter(agency__code="anticorruption", user=None).first()
    assert None not in (police, cis, nobody, k1)
    _course(version, [p1, p2, police, cis, nobody], starts=datetime.date(YEAR, 3, 1))
    _course(version, [p1, k1], distance=True, starts=datetime.date(YEAR, 5, 1))
    assert Enrollment.objects.filter(status="completed", offering__ends_on__year=YEAR).count() == 7
    assert indicators.trained_by_year()[YEAR] == (3, 2)
    assert {e.person_id for e in indicators.officers_trained_in(YEAR)} == {p1.pk, p2.pk, k1.pk}


def test_the_dashboard_s_figure_on_the_demo_equals_a_hand_count(client_as):
    """The hand count walks every completion in Python: a person counts if his agency is one of the
    Republic's law-enforcement agencies other than internal affairs; each person once a year."""
    year = max(y for y in indicators.years() if y < datetime.date.today().year)
    counted = set()
    for enrollment in Enrollment.objects.filter(status="completed").select_related("person__agency", "offering"):
        agency = enrollment.person.agency
        if enrollment.offering.ends_on.year == year and agency is not None and agency.kind == "domestic" and agency.code != "internal-affairs":
            counted.add(enrollment.person_id)
    completions = Enrollment.objects.filter(status="completed", offering__ends_on__year=year).count()
    assert 0 < len(counted) < completions  # the demo has repeats, CIS and police listeners: the two differ
    html = client_as(Role.LEADERSHIP).get(f"/analytics/?year={year}").content.decode()
    card = re.search(rf'<span class="value">([\d  ]+)</span>\s*<span class="label">Officers trained in {year} ', html)
    assert card is not None, html[:2000]
    assert int(re.sub(r"\D", "", card.group(1))) == len(counted)
    listed = client_as(Role.LEADERSHIP).get(f"/analytics/trained/?year={year}&officers=1")
    assert listed.context["page"].paginator.count == len(counted)  # the list behind the bar names each of them once
