"""Search over the catalogue and the repository: Russian morphology by Snowball, Kazakh by our
stemmer, ranking, filters, visibility, typo tolerance; the same answers on SQLite and on
PostgreSQL (the suite runs on both in CI)."""

import pytest

from eacademy.core.roles import Role
from eacademy.library import search, stemming
from eacademy.library.models import Record, SearchEntry, Work
from eacademy.library.services import record_save

pytestmark = pytest.mark.django_db


def _record(persona, title: str, language: str = "ru", **fields) -> Record:
    return record_save(actor=persona(Role.LIBRARIAN), record=Record(title=title, language=language, **fields))


def _ids(results: search.Results, *mine: Record) -> list[int]:
    """The records found, in their order, among the test's own (the demo catalogue is there too)."""
    wanted = {r.pk for r in mine}
    return [pk for kind, pk in results.hits if kind == SearchEntry.Kind.RECORD and pk in wanted]


@pytest.mark.parametrize(("forms", "why"), [
    (["қылмыс", "қылмыстар", "қылмыстың", "қылмысқа", "қылмыстардың", "қылмыспен", "қылмыстан"], "crime: plural, genitive, dative, instrumental, ablative"),
    (["заң", "заңдар", "заңның", "заңға", "заңнан", "заңдарға"], "law"),
    (["сот", "соттар", "сотқа", "соттың", "соттарда"], "court"),
    (["прокуратура", "прокуратураға", "прокуратураның", "прокуратурада"], "a loan word ending in a vowel"),
    (["құқық", "құқығы", "құқықтар"], "right: the final қ voiced before a vowel"),
])
def test_kazakh_forms_share_a_stem(forms, why):
    assert len({stemming.kazakh_stem(form) for form in forms}) == 1, why


def test_kazakh_derivation_is_a_word_of_its_own():
    """"Қылмыстық" (criminal) is an adjective made from "қылмыс" (crime): a dictionary lists it apart."""
    assert stemming.kazakh_stem("қылмыстық") != stemming.kazakh_stem("қылмыс")


def test_russian_morphology(persona):
    """"преступления" finds "преступлений", and a plural finds the singular."""
    wanted = _record(persona, "Расследование преступлений в сфере экономики")
    other = _record(persona, "Гражданский процесс")
    assert _ids(search.find("преступления", search.Filters(), limit=1000), wanted, other) == [wanted.pk]
    assert _ids(search.find("расследованию преступления экономики", search.Filters(), limit=1000), wanted, other) == [wanted.pk]


def test_kazakh_query_finds_other_forms(persona):
    wanted = _record(persona, "Сыбайлас жемқорлық қылмыстарын тергеу", language="kk")
    other = _record(persona, "Әкімшілік құқық", language="kk")
    assert _ids(search.find("қылмыстардың тергеуі", search.Filters(), limit=1000), wanted, other) == [wanted.pk]
    assert _ids(search.find("ҚЫЛМЫС", search.Filters(), limit=1000), wanted, other) == [wanted.pk]


def test_title_outranks_text_and_every_word_must_match(persona):
    in_text = _record(persona, "Сборник материалов", summary="Шпионские правонарушения и их квалификация")
    in_title = _record(persona, "Шпионские правонарушения")
    _record(persona, "Шпионаж в истории")
    results = search.find("шпионские правонарушения", search.Filters())
    assert _ids(results, in_text, in_title) == [in_title.pk, in_text.pk]
    assert results.total == 2


def test_a_misspelt_word_is_corrected(persona):
    wanted = _record(persona, "Прокурорский надзор за законностью")
    results = search.find("прокурорский надзр законность", search.Filters())
    assert _ids(results, wanted) == [wanted.pk]
    assert results.corrected
    assert search.find("жжжжжжж", search.Filters()).total == 0


def test_filters(persona):
    old = _record(persona, "Морское право. Общая часть", year=2001)
    new = _record(persona, "Морское право. Особенная часть", year=2024)
    kazakh = _record(persona, "Теңіз құқығы", language="kk", year=2024)
    found = search.find("морское право", search.Filters(year_from=2020), limit=1000)
    assert _ids(found, old, new, kazakh) == [new.pk]
    assert all(year >= 2020 for year in Record.objects.filter(pk__in=[pk for _k, pk in found.hits]).values_list("year", flat=True))
    assert _ids(search.find("морское право", search.Filters(year_to=2010), limit=1000), old, new, kazakh) == [old.pk]
    assert _ids(search.find("теңіз", search.Filters(language="kk")), old, new, kazakh) == [kazakh.pk]
    assert search.find("теңіз", search.Filters(language="ru")).total == 0
    assert search.find("морское", search.Filters(kind=SearchEntry.Kind.WORK)).total == 0


def test_access_hides_works(persona):
    search.entry_save(search.entry(SearchEntry.Kind.WORK, 999_001, titles=[("Методика допроса глухонемого свидетеля", "ru")], bodies=[], language="ru",
                                   year=2025, access=Work.Access.RESTRICTED))
    assert search.find("глухонемой", search.Filters(access=(Work.Access.OPEN, Work.Access.ACADEMY))).total == 0
    assert search.find("глухонемой", search.Filters(access=tuple(Work.Access.values))).hits == [("work", 999_001)]
    misspelt = search.find("глухонемйо", search.Filters(access=(Work.Access.OPEN, Work.Access.ACADEMY)))
    assert (misspelt.total, misspelt.corrected, misspelt.words) == (0, False, ["глухонемйо"])  # the hidden work's word is not suggested


def test_reindexing_replaces_and_highlights(persona):
    record = _record(persona, "Дактилоскопическая деятельность")
    record.title = "Следственные действия"
    record_save(actor=persona(Role.LIBRARIAN), record=record)
    assert search.find("дактилоскопическая", search.Filters()).total == 0
    results = search.find("следственное действие", search.Filters())
    assert _ids(results, record) == [record.pk]
    marked = search.highlighted("Следственные <действия>", results.stems, "ru")
    assert marked == "<mark>Следственные</mark> &lt;<mark>действия</mark>&gt;"


def test_search_page(client_as, persona):
    _record(persona, "Тактика допроса несовершеннолетних", summary="Допрос несовершеннолетнего свидетеля и потерпевшего")
    page = client_as(Role.LISTENER).get("/library/", {"q": "допросы несовершеннолетних"})
    assert page.status_code == 200
    assert "<mark>допроса</mark> <mark>несовершеннолетних</mark>" in page.content.decode()
    refused = client_as(Role.LISTENER).get("/library/", {"q": "допрос", "year_from": "abc"})
    assert refused.status_code == 200 and "mark>" not in refused.content.decode()
