"""The catalogue: records with checked ISBNs, MARC21 import (a broken record listed, the others
taken) and export, acquisition and write-off acts, reading lists that show what is missing."""

import datetime
import io

import pymarc
import pytest

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.roles import Role
from eacademy.library import search, services
from eacademy.library.models import Act, Copy, ReadingItem, Record
from eacademy.library.services import marc

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 2)


def _marc(control: str, title: str, *, isbn: str = "", language: str = "rus", author: str = "Ахметов А.А.") -> bytes:
    record = pymarc.Record(force_utf8=True, leader="     nam a22     i  4500")
    record.add_field(pymarc.Field(tag="001", data=control))
    record.add_field(pymarc.Field(tag="008", data="260101s2024    kz            000 0 " + language + " d"))
    if isbn:
        record.add_field(pymarc.Field(tag="020", indicators=pymarc.Indicators(" ", " "), subfields=[pymarc.Subfield("a", isbn)]))
    record.add_field(pymarc.Field(tag="100", indicators=pymarc.Indicators("1", " "), subfields=[pymarc.Subfield("a", author)]))
    record.add_field(pymarc.Field(tag="245", indicators=pymarc.Indicators("1", "0"), subfields=[pymarc.Subfield("a", title)]))
    record.add_field(pymarc.Field(tag="260", indicators=pymarc.Indicators(" ", " "),
                                  subfields=[pymarc.Subfield("a", "Астана"), pymarc.Subfield("b", "Академия"), pymarc.Subfield("c", "2024")]))
    record.add_field(pymarc.Field(tag="650", indicators=pymarc.Indicators(" ", "4"), subfields=[pymarc.Subfield("a", "Уголовный процесс")]))
    return record.as_marc()


def test_isbn_is_checked():
    assert services.isbn_clean("978-601-7000-00-4") == "9786017000004"
    assert services.isbn_clean("0-306-40615-2") == "9780306406157"
    with pytest.raises(DomainError, match="not a valid ISBN"):
        services.isbn_clean("978-601-7000-00-3")


def test_marc_import_takes_the_good_records_and_lists_the_broken(persona):
    good = _marc("kz-1", "Досудебное расследование", isbn="9786017000004")
    kazakh = _marc("kz-2", "Қылмыстық процесс", language="kaz", author="Сейітов Б.")
    broken = bytearray(_marc("kz-3", "Испорченная запись"))
    broken[27:31] = b"ab!d"  # the directory's first entry has letters for its length
    wrong_isbn = _marc("kz-4", "Неверный номер", isbn="9786017000003")
    untitled = _marc("kz-5", "")
    report = marc.marc_import(actor=persona(Role.LIBRARIAN), data=good + kazakh + bytes(broken) + wrong_isbn + untitled + good)
    assert report.imported == 2
    numbers = [number for number, _problem in report.problems]
    assert numbers == [3, 4, 5, 6]
    assert "ISBN" in report.problems[1][1] and "245" in report.problems[2][1] and "already" in report.problems[3][1]
    record = Record.objects.get(control_number="kz-2")
    assert (record.title, record.language, record.authors, record.year) == ("Қылмыстық процесс", "kk", "Сейітов Б.", 2024)
    assert Record.objects.get(control_number="kz-1").history.count() == 1
    assert ("record", Record.objects.get(control_number="kz-1").pk) in search.find("досудебного расследования", search.Filters(), limit=1000).hits


def test_marc_import_refuses_what_is_not_marc(persona):
    before = Record.objects.count()
    with pytest.raises(DomainError, match="no MARC21 records"):
        marc.marc_import(actor=persona(Role.LIBRARIAN), data=b"")
    with pytest.raises(NotAllowed):
        marc.marc_import(actor=persona(Role.LISTENER), data=_marc("x", "y"))
    assert Record.objects.count() == before


def test_marc_export_reads_back(persona):
    record = services.record_save(actor=persona(Role.LIBRARIAN), record=Record(title="Криминалистика", authors="Иванов И.И.; Әлиев Ә.", year=2023,
                                                                                  isbn="9786017000004", language="kk", keywords="Тактика; Техника"))
    [read] = list(pymarc.MARCReader(io.BytesIO(marc.marc_export([record])), to_unicode=True, force_utf8=True))
    assert read["245"]["a"] == "Криминалистика"
    assert read["020"]["a"] == "9786017000004"
    assert [f["a"] for f in read.get_fields("700")] == ["Әлиев Ә."]
    assert read["008"].data[35:38] == "kaz"
    assert [f["a"] for f in read.get_fields("650")] == ["Тактика", "Техника"]


def test_acquisition_and_write_off(persona):
    librarian = persona(Role.LIBRARIAN)
    record = services.record_save(actor=librarian, record=Record(title="Прокурорский надзор"))
    act = services.acquisition(actor=librarian, number="П-1", date=TODAY, basis="ТОО «Книга», накладная 15", items=[services.Acquired(record, 3, "Зал 1")])
    numbers = sorted(record.copies.values_list("inventory_number", flat=True))
    assert len(numbers) == 3 and act.acquired.count() == 3
    with pytest.raises(DomainError, match="already exists"):
        services.acquisition(actor=librarian, number="П-1", date=TODAY, basis="x", items=[services.Acquired(record, 1)])
    with pytest.raises(DomainError, match="No such copies"):
        services.write_off(actor=librarian, number="С-1", date=TODAY, basis="ветхость", inventory_numbers=[numbers[0], "nope"])
    assert not Act.objects.filter(number="С-1").exists()
    off = services.write_off(actor=librarian, number="С-1", date=TODAY, basis="ветхость", inventory_numbers=[numbers[0]])
    assert Copy.objects.get(inventory_number=numbers[0]).written_off_by == off
    assert Copy.objects.get(inventory_number=numbers[0]).history.first().history_change_reason == str(off)
    with pytest.raises(DomainError, match="already written off"):
        services.write_off(actor=librarian, number="С-2", date=TODAY, basis="повторно", inventory_numbers=[numbers[0]])


def test_reading_list_shows_what_is_missing(client_as, persona):
    discipline = Discipline.objects.first()
    librarian = persona(Role.LIBRARIAN)
    held = services.record_save(actor=librarian, record=Record(title="Уголовный процесс", isbn="9780306406157"))
    services.acquisition(actor=librarian, number="П-9", date=TODAY, basis="дар", items=[services.Acquired(held, 2)])
    client = client_as(Role.METHODOLOGIST)
    assert client.post(f"/library/reading/{discipline.pk}/", {"citation": "Уголовный процесс: учебник", "isbn": "0-306-40615-2", "required": "on"}).status_code == 302
    assert client.post(f"/library/reading/{discipline.pk}/", {"citation": "Руководство, которого нет"}).status_code == 302
    refused = client.post(f"/library/reading/{discipline.pk}/", {"citation": "С чужим ISBN", "isbn": "9786017000004"})
    assert refused.status_code == 422 and ReadingItem.objects.filter(discipline=discipline).count() == 2
    page = client_as(Role.LISTENER).get(f"/library/reading/{discipline.pk}/").content.decode()
    assert "1 reference the library does not hold" in page or "1 references" in page
    assert client_as(Role.LISTENER).post(f"/library/reading/{discipline.pk}/", {"citation": "x"}).status_code == 404


def test_a_discipline_s_subjects_show_what_the_library_holds(client_as, persona):
    from eacademy.library.models import Subject

    discipline = Discipline.objects.first()
    subject = Subject.objects.create(code="99.01", name_ru="Тестовая рубрика")
    subject.disciplines.add(discipline)
    record = services.record_save(actor=persona(Role.LIBRARIAN), record=Record(title="Книга по рубрике"), subjects=[subject])
    page = client_as(Role.LISTENER).get(f"/library/reading/{discipline.pk}/").content.decode()
    assert record.get_absolute_url() in page
