import pytest

from eacademy.core.iin import parse_iin
from eacademy.demo.loader import DatabaseNotEmpty, load_demo
from eacademy.org.models import AgencyHeadcount, AgencyUnit
from eacademy.people.models import Person

pytestmark = pytest.mark.django_db


def test_every_demo_citizen_has_a_valid_iin_matching_sex_and_birth_date() -> None:
    for iin, sex, birth_date in Person.objects.exclude(iin=None).values_list("iin", "sex", "birth_date"):
        facts = parse_iin(iin)
        assert (facts.sex, facts.birth_date) == (sex, birth_date)


def test_foreign_participants_have_passports_instead() -> None:
    foreigners = Person.objects.filter(iin=None)
    assert foreigners.exists()
    assert all(p.passport_number and p.citizenship != "KZ" for p in foreigners)


def test_prosecutors_are_the_largest_group_as_in_the_institutes_figures() -> None:
    counts = {code: Person.objects.filter(agency__code=code).count() for code in ("prosecutor", "anticorruption", "financial-monitoring", "internal-affairs", "legal-statistics")}
    assert sorted(counts, key=counts.get, reverse=True) == ["prosecutor", "anticorruption", "financial-monitoring", "internal-affairs", "legal-statistics"]


def test_names_are_kazakh_and_russian_in_cyrillic() -> None:
    last_names = set(Person.objects.values_list("last_name", flat=True))
    assert any(set(name) & set("әғқңөұүһі") for name in last_names)
    assert any(name.startswith(("Иванов", "Петров", "Смирнов", "Кузнецов", "Попов")) for name in last_names)


def test_units_form_a_valid_tree_and_headcounts_cover_eight_years() -> None:
    assert AgencyUnit.objects.find_problems() == ([], [], [], [], [])
    assert AgencyHeadcount.objects.values("year").distinct().count() == 8


def test_the_demo_refuses_a_database_that_holds_people() -> None:
    with pytest.raises(DatabaseNotEmpty):
        load_demo(scale_name="small", seed=1)
