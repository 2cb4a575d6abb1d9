"""Reference data as the sources state it."""

import pytest

from eacademy.org.models import AcademyUnit
from eacademy.staff.models import HubArea

pytestmark = pytest.mark.django_db


def test_the_institute_of_postgraduate_education_has_the_strategy_s_departments() -> None:
    """Seed 003: "The structure of the Institute of Postgraduate Education includes the Department
    of Social and Humanitarian Disciplines, the Department of Special Legal Disciplines and the
    Department of General Legal Disciplines"."""
    institute = AcademyUnit.objects.get(code="ipge")
    departments = {u.name_en for u in AcademyUnit.objects.filter(path__startswith=institute.path, depth=institute.depth + 1, kind=AcademyUnit.Kind.DEPARTMENT)}
    assert departments == {"Department of Social and Humanitarian Disciplines", "Department of Special Legal Disciplines",
                           "Department of General Legal Disciplines"}


def test_the_regional_hub_counters_the_illegal_circulation_of_drugs_and_weapons() -> None:
    """Seed 002: the Hub counters "2) illegal circulation of drugs and weapons"."""
    assert HubArea.DRUGS.label == "Illegal circulation of drugs and weapons"
    assert len(HubArea.values) == 6  # seed 002's five and seed 003's environmental crime
