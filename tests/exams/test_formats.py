"""Must show 1: every real file in shared/data/questions/valid imports with a report of what we
do not hold; every file in invalid/ is refused with the fault named and nothing imported;
export then import gives the same questions."""

import dataclasses
import re
from pathlib import Path

import pytest

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.exams import bank as bank_services
from eacademy.exams.formats import files, gift, moodle_xml
from eacademy.exams.models import Bank, Question, QuestionVersion

DATA = Path(__file__).resolve().parent / "data" / "questions"  # copies of ../shared/data/questions (see SOURCES.md)
VALID = sorted((DATA / "valid").iterdir())
INVALID = sorted((DATA / "invalid").iterdir())
# What each valid file holds: questions we import, and those reported as unsupported.
EXPECTED = {
    "EM-U5-p34-Gra-Expressions_of_quantity.gift": (18, 0),
    "U2-p22-Gra-Ing_or_inf.gift": (11, 0),
    "U3-p31-Gra-ed_adjectives_prepositions.gift": (2, 0),
    "U5-p54-GR4-Passive-reporting.gift": (6, 0),
    "U6-p59-Vocabulary.gift": (6, 0),
    "U7-p76-Relative_clauses.gift": (9, 0),
    "U9-p94-Listening.gift": (7, 0),
    "moodle-export-category.xml": (1, 0),
    "moodle-gift-examples.gift": (43, 0),
    "moodle-gift-fixture.gift": (9, 0),
    "moodle-multichoice.xml": (1, 0),
    "moodle-nested-categories.xml": (5, 0),
    "moodle-truefalse.xml": (2, 0),
}
FAULTS = {
    "moodle-broken-cloze.xml": "line 4, <question type=\"cloze\">: “Multianswer question without subquestions”: the embedded-answers question has no embedded answers.",
    "moodle-error-invalid-grades.xml": "line 38, <answer fraction=\"33\" format=\"html\">: the grade 33% is not one Moodle allows (nearest: 33.33333%).",
}


def test_the_data_set_is_all_here():
    assert {p.name for p in VALID} == set(EXPECTED)
    assert {p.name for p in INVALID} == set(FAULTS)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_valid_file_imports_with_a_report(path, persona):
    bank = Bank.objects.create(name=path.name)
    report = bank_services.bank_import(bank, path.read_bytes(), files.guess(path.name), persona(Role.METHODOLOGIST))
    imported, unsupported = EXPECTED[path.name]
    assert (report.imported, len(report.unsupported)) == (imported, unsupported)
    assert bank.questions.count() == imported
    for item in report.unsupported:
        assert item.position.startswith("line ") and item.name and item.reason


def test_unsupported_questions_are_named_with_their_line_and_the_rest_imported(persona):
    text = "::Fine:: Two and two make {=four}\n\n::Mixed:: Water boils at {#100} degrees, and ice is cold: {TRUE}\n"
    report = bank_services.bank_import(Bank.objects.create(name="q"), text.encode(), "gift", persona(Role.METHODOLOGIST))
    (item,) = report.unsupported
    assert (report.imported, item.position, item.name) == (1, "line 3", "Mixed")
    assert "True or false" in item.reason


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_invalid_file_is_refused_with_the_fault_named(path, persona):
    bank = Bank.objects.create(name=path.name)
    before = (Question.objects.count(), QuestionVersion.objects.count(), bank.categories.count())
    with pytest.raises(DomainError) as refused:
        bank_services.bank_import(bank, path.read_bytes(), "moodle-xml", persona(Role.METHODOLOGIST))
    assert refused.value.messages == [FAULTS[path.name]]
    assert (Question.objects.count(), QuestionVersion.objects.count(), bank.categories.count()) == before


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        (b"<quiz><question type='multichoice'><name><text>x</text>", "line 1: the XML is malformed"),
        (b"<quiz><bogus/></quiz>", "line 1, <bogus>: only <question> elements may stand inside <quiz>."),
        (b"<html/>", "line 1, <html>: a Moodle XML file starts with <quiz>."),
        (b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>', "line 1"),
    ],
)
def test_malformed_xml_is_refused_with_its_line(data, fault):
    with pytest.raises(DomainError) as refused:
        moodle_xml.read(data)
    assert refused.value.messages[0].startswith(fault)


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("::Q1:: Two plus two {=four\n\n::Q2:: ok {T}", "line 1: the answer block opened with { is never closed."),
        ("Fine {T}\n\nBroken } here", "line 3: a closing brace } has no opening brace {."),
        ("::N:: pi? {#three:0.1}", "line 1: “three” is not a number."),
        ("::S:: pick {~a ~b}", "line 1: the correct choices of “S” add up to 0%, not 100%."),
        ("::W:: pick {=a ~%33%b}", "line 1: the grade 33% of an answer in “W” is not one Moodle allows (nearest: 33.33333%)."),
        ("\n\n// only a comment\n", "line 1: the file holds no questions."),
    ],
)
def test_malformed_gift_is_refused_with_its_line(text, fault):
    with pytest.raises(DomainError) as refused:
        gift.read(text.encode())
    assert refused.value.messages == [fault]


def test_gift_that_is_not_utf8_is_refused():
    with pytest.raises(DomainError, match="not UTF-8"):
        gift.read("Вопрос {T}".encode("cp1251"))


def _comparable(question, *, files_kept: bool = True) -> dict:
    data = dataclasses.asdict(question)
    data.pop("position")
    if not files_kept:
        data.pop("files")
    return data


@pytest.mark.parametrize("file_format", ["moodle-xml", "gift"])
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_export_then_import_gives_the_same_questions(path, file_format, persona):
    methodologist = persona(Role.METHODOLOGIST)
    original = Bank.objects.create(name="original")
    bank_services.bank_import(original, path.read_bytes(), files.guess(path.name), methodologist)
    exported, lost = bank_services.bank_export(original, file_format)
    again = Bank.objects.create(name="again")
    report = bank_services.bank_import(again, exported, file_format, methodologist)
    assert report.unsupported == []
    files_kept = file_format == "moodle-xml"
    if not files_kept:  # GIFT cannot carry images: the export says so, by question
        assert {item.name for item in lost} == {q.name for q in bank_services.bank_questions(original) if q.files}
    before = [_comparable(q, files_kept=files_kept) for q in bank_services.bank_questions(original)]
    after = [_comparable(q, files_kept=files_kept) for q in bank_services.bank_questions(again)]
    assert after == before
    assert sorted(c.path for c in again.categories.all()) == sorted(c.path for c in original.categories.all())


def test_images_survive_the_moodle_round_trip(persona):
    path = DATA / "valid" / "moodle-truefalse.xml"
    bank = Bank.objects.create(name="tf")
    bank_services.bank_import(bank, path.read_bytes(), "moodle-xml", persona(Role.METHODOLOGIST))
    question = bank_services.bank_questions(bank)[0]
    assert {"logo.jpg", "infos.jpg", "thumbup.jpg", "thumbdown.jpg"} <= set(question.files)
    assert question.files["logo.jpg"][:3] == b"\xff\xd8\xff"  # a JPEG, decoded


def test_the_excel_template_round_trips_three_languages(persona):
    from eacademy.exams.formats import Answer, Kind, QuestionData, xlsx

    question = QuestionData(
        kind=Kind.SINGLE, name="Кодекс", text='<span lang="kk" class="multilang">Қылмыстық кодекс қашан қабылданды?</span><span lang="ru" class="multilang">Когда принят УК?</span>',
        category="Құқық/УК", answers=[Answer("2014", 1.0), Answer("1997", 0.0)], difficulty=2, tags=["law"],
    )
    data, lost = xlsx.write([question])
    assert lost == []
    (back,) = xlsx.read(data).questions
    assert (back.kind, back.text, back.category, back.difficulty, back.tags) == (question.kind, question.text, question.category, 2, ["law"])
    assert [(a.text, a.fraction) for a in back.answers] == [("2014", 1.0), ("1997", 0.0)]


def test_the_command_line_imports_reports_and_exports(db, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    call_command("questions", "import", str(DATA / "valid" / "EM-U5-p34-Gra-Expressions_of_quantity.gift"), "--bank", "English")
    printed = capsys.readouterr().out
    assert "18 questions imported" in printed and "not imported" not in printed
    out = tmp_path / "english.xml"
    call_command("questions", "export", str(out), "--bank", "English", "--format", "moodle-xml")
    assert len(moodle_xml.read(out.read_bytes()).questions) == 18
    with pytest.raises(CommandError, match="line 38.*nothing was imported") as refused:
        call_command("questions", "import", str(DATA / "invalid" / "moodle-error-invalid-grades.xml"), "--bank", "Broken")
    assert not Bank.objects.filter(name="Broken").exists()
    assert not re.search("[А-Яа-я]", str(refused.value))  # the reason in the console's language, as its frame


def test_the_command_line_says_how_to_get_the_administrator_it_needs(db):
    from django.core.management import CommandError, call_command

    from eacademy.core.models import User

    User.objects.filter(is_active=True).update(is_active=False)
    with pytest.raises(CommandError, match="eacademy createsuperuser"):
        call_command("questions", "import", str(DATA / "valid" / "EM-U5-p34-Gra-Expressions_of_quantity.gift"), "--bank", "English")


def test_the_bank_page_imports_and_refuses_in_the_readers_language(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(Role.METHODOLOGIST)
    client.post("/exams/banks/", {"name": "Право", "description": ""})
    bank = Bank.objects.get(name="Право")
    broken = SimpleUploadedFile("broken.xml", (DATA / "invalid" / "moodle-error-invalid-grades.xml").read_bytes())
    page = client.post(f"/exams/banks/{bank.pk}/import/", {"file": broken, "format": ""}, follow=True, headers={"accept-language": "ru"})
    text = page.content.decode()
    assert "строка 38" in text and "не допускается Moodle" in text and "Ничего не импортировано" in text
    assert not bank.questions.exists()
    good = SimpleUploadedFile("u3.gift", (DATA / "valid" / "U3-p31-Gra-ed_adjectives_prepositions.gift").read_bytes() + b"\n\nIce {TRUE} and {=cold}\n")
    page = client.post(f"/exams/banks/{bank.pk}/import/", {"file": good}, follow=True, headers={"accept-language": "ru"})
    assert "Импортировано вопросов: 2" in page.content.decode() and "Не импортирован — строка 10" in page.content.decode()
    exported = client.get(f"/exams/banks/{bank.pk}/export/gift/")
    assert exported.status_code == 200 and b"::U3 p31 6 -ed adjectives and prepositions::" in exported.content
    assert client.get("/exams/banks/template.xlsx").content[:2] == b"PK"


def test_gift_forms_the_reference_grammar_allows_are_read():
    """fuhrmanator's GIFT grammar: a short answer written without =, and an untitled question
    that opens with its answer gap."""
    source = "Who is buried in Grant's tomb?{Grant}\n\n{=Astana ~Almaty} is the capital of Kazakhstan.\n\n::Q3:: 2 + 2 = {=4}\n"
    questions = gift.read(source.encode()).questions
    assert [(q.kind, q.name) for q in questions] == [("short", "Who is buried in Grant's tomb?"), ("single", "is the capital of Kazakhstan."), ("short", "Q3")]
    assert [(a.text, a.fraction) for a in questions[0].answers] == [("Grant", 1.0)]
    assert questions[1].text == "_____ is the capital of Kazakhstan."  # the gap shown where it stands
