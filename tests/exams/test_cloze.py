"""Embedded answers (Moodle's cloze) and GIFT questions with several gaps: held both ways in
Moodle XML, GIFT and the Excel template, written in the browser, answered gap by gap in place,
each gap graded like a question of its kind and analysed as an item of the test."""

import dataclasses
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from eacademy.core.errors import DomainError
from eacademy.core.multilang import join_languages, split_languages
from eacademy.core.roles import Role
from eacademy.exams import bank as bank_services
from eacademy.exams import grading, queries
from eacademy.exams.formats import Display, Kind, gift, moodle_xml, xlsx
from eacademy.exams.formats.cloze import ClozeError, compose, parse
from eacademy.exams.models import Attempt, Bank, Exam, Question, QuestionVersion, Slot

VALID = Path(__file__).resolve().parent / "data" / "questions" / "valid"

# Moodle's documentation example, shortened, with every type and a weight of 2.
EXAMPLE = (
    "<p>The Caspian is a {1:SHORTANSWER:=lake#Right~%50%sea#Almost~*#Wrong} and its capital port is "
    "{2:MULTICHOICE_VS:=Aktau#Yes~Atyrau#No~Astana#No, inland}; it lies {1:NUMERICAL:=28:0.5#Right~%50%28:3#Close} m below sea level; "
    "it borders {1:MULTIRESPONSE:%50%Kazakhstan~%50%Iran~%-100%Mongolia} and {1:MULTICHOICE_H:Mongolia~=Russia}; "
    "its name in Kazakh is {1:SHORTANSWER_C:=Каспий}.</p>"
)


def _xml(text: str, name: str = "Caspian") -> bytes:
    return (f'<?xml version="1.0"?><quiz>\n<question type="cloze"><name><text>{name}</text></name>'
            f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>'
            "<generalfeedback format=\"html\"><text>See the map.</text></generalfeedback><penalty>0.3333333</penalty>"
            "<hidden>0</hidden><idnumber>geo-1</idnumber></question></quiz>").encode()


def _comparable(question) -> dict:
    data = dataclasses.asdict(question)
    data.pop("position")
    return data


def test_moodle_embedded_answers_are_read_into_gaps_of_their_kinds():
    (question,) = moodle_xml.read(_xml(EXAMPLE)).questions
    assert question.kind == Kind.CLOZE and question.idnumber == "geo-1" and question.general_feedback == "See the map."
    assert question.text.startswith("<p>The Caspian is a {#1} and its capital port is {#2}; it lies {#3} m below")
    kinds = [(g.kind, g.mark, g.display, g.shuffle, g.case_sensitive) for g in question.gaps]
    assert kinds == [
        (Kind.SHORT, 1, Display.DROPDOWN, False, False), (Kind.SINGLE, 2, Display.VERTICAL, True, False), (Kind.NUMERICAL, 1, Display.DROPDOWN, False, False),
        (Kind.MULTIPLE, 1, Display.VERTICAL, False, False), (Kind.SINGLE, 1, Display.HORIZONTAL, False, False), (Kind.SHORT, 1, Display.DROPDOWN, False, True),
    ]
    assert question.default_mark == 7  # Moodle's rule: the sum of the weights
    short, choice, number, several, _row, _case = question.gaps
    assert [(a.text, a.fraction, a.feedback) for a in short.answers] == [("lake", 1.0, "Right"), ("sea", 0.5, "Almost"), ("*", 0.0, "Wrong")]
    assert [(a.text, a.fraction) for a in choice.answers] == [("Aktau", 1.0), ("Atyrau", 0.0), ("Astana", 0.0)]
    assert [(a.text, a.fraction, a.tolerance) for a in number.answers] == [("28.0", 1.0, 0.5), ("28.0", 0.5, 3.0)]
    assert [a.fraction for a in several.answers] == [0.5, 0.5, -1.0]


@pytest.mark.parametrize(
    ("gap", "fractions"),
    [
        ("{1:MR:=a~=b~c}", [0.5, 0.5, -0.5]),  # no percentages: each wrong choice cancels a right one
        ("{1:MR:=a~=b~%0%c}", [0.5, 0.5, -0.5]),  # "%0%" is no percentage to Moodle either
        ("{1:MR:%100%a~%100%b~c}", [0.5, 0.5, 0.0]),  # percentages given: the right ones share the mark, the wrong one costs nothing
        ("{1:MRS:%50%a~%25%b~%25%c~%-50%d}", [0.5, 0.25, 0.25, -0.5]),
    ],
)
def test_a_multiple_response_gap_is_graded_as_moodle_grades_it(gap, fractions):
    _text, (item,) = parse(f"Pick {gap}")
    assert [a.fraction for a in item.answers] == fractions


def test_control_characters_in_answers_survive_the_syntax():
    _text, (item,) = parse(r"Say {1:SA:=a\}b\#c~=x &#126; y#fine &amp; dandy}")
    assert [(a.text, a.feedback) for a in item.answers] == [("a}b#c", ""), ("x ~ y", "fine & dandy")]
    tricky = "50% & <b> ~ } # \\ { line\nnext"
    item.answers[0].text, item.answers[0].feedback = tricky, tricky
    again_text, (again,) = parse(compose("Say {#1}", [item]))
    assert again_text == "Say {#1}" and (again.answers[0].text, again.answers[0].feedback) == (tricky, tricky)


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("No gaps at all.", "the embedded-answers question has no embedded answers."),
        ("{1:DROPDOWN:=a~b}", "embedded answer 1 has an unknown type DROPDOWN."),
        ("{1:SA:=a} {1:NUMERICAL:=three}", "embedded answer 2 (NUMERICAL) has the answer “three”, which is not a number."),
        ("{1:MC:=only}", "embedded answer 1 (MULTICHOICE) has only one choice."),
        ("{1:MCV:a~b}", "embedded answer 1 (MULTICHOICE_V) has no completely correct answer."),
        ("{1:MR:%-50%a~b}", "embedded answer 1 (MULTIRESPONSE) has no correct choice."),
        ("{1:SA}", "embedded answer 1 (SHORTANSWER) has no answers."),
    ],
)
def test_a_broken_gap_is_named(text, fault):
    with pytest.raises(ClozeError) as refused:
        parse(text)
    assert str(refused.value) == fault


def test_a_broken_gap_refuses_the_moodle_file_with_the_question_and_line(persona):
    bank = Bank.objects.create(name="broken")
    with pytest.raises(DomainError) as refused:
        bank_services.bank_import(bank, _xml("Pick {1:MC:=only}", name="One"), "moodle-xml", persona(Role.METHODOLOGIST))
    assert refused.value.messages == ["line 2, <question type=\"cloze\">: “One”: embedded answer 1 (MULTICHOICE) has only one choice."]
    assert not bank.questions.exists()


def test_the_same_gaps_in_each_language_are_one_gap_answered_in_ones_own():
    text = join_languages({"kk": "Прокурор {1:MC:=қадағалайды~тергейді} және {1:SA:=наразылық}", "ru": "Прокурор {1:MC:=надзирает~расследует} и {1:SA:=протест}"})
    marked, gaps = parse(text)
    assert split_languages(marked) == {"kk": "Прокурор {#1} және {#2}", "ru": "Прокурор {#1} и {#2}"}
    assert [split_languages(a.text) for a in gaps[0].answers] == [{"kk": "қадағалайды", "ru": "надзирает"}, {"kk": "тергейді", "ru": "расследует"}]
    assert [a.text for a in gaps[1].answers] == ["наразылық", "протест"]  # a short answer accepts what either language accepts
    assert parse(compose(marked, gaps)) == (marked, gaps)
    uneven = join_languages({"kk": "{1:MC:=иә~жоқ}", "ru": "{2:MC:=да~нет}"})
    with pytest.raises(ClozeError, match="different gaps"):
        parse(uneven)


def test_gift_questions_with_several_gaps_are_held():
    result = gift.read((VALID / "EM-U5-p34-Gra-Expressions_of_quantity.gift").read_bytes())
    question = next(q for q in result.questions if q.name == "EM U5 p34 Gra1.4")
    assert question.kind == Kind.CLOZE and question.text == "I drink {#1} coffee, if I drink too {#2}, I can't sleep"
    assert [[(a.text, a.fraction) for a in g.answers] for g in question.gaps] == [[("hardly any", 1.0), ("a few", 0.0)], [("many", 0.0), ("much", 1.0)]]
    moodle_style = gift.read((VALID / "U3-p31-Gra-ed_adjectives_prepositions.gift").read_bytes()).questions[1]  # {1:MC:~with~=about} inside GIFT
    assert moodle_style.kind == Kind.CLOZE and len(moodle_style.gaps) == 5 and moodle_style.default_mark == 5
    assert moodle_style.text.startswith("What sports do you get excited {#1}? What sports do you find exciting?\nDo you ever get frustrated {#2}")


def test_gift_gaps_of_every_kind_and_a_broken_one():
    (question,) = gift.read(b"::Mixed:: {=Astana} is {~%50%big~%50%green~%-100%small}, {#1997:1} years.\n").questions
    assert [g.kind for g in question.gaps] == [Kind.SHORT, Kind.MULTIPLE, Kind.NUMERICAL]
    assert question.text == "{#1} is {#2}, {#3} years."
    with pytest.raises(DomainError) as refused:
        gift.read(b"ok {T}\n\n::Bad:: a {1:MC:=only} and {=b}\n")
    assert refused.value.messages == ["line 3: “Bad”: embedded answer 1 (MULTICHOICE) has only one choice."]


@pytest.mark.parametrize("file_format", ["moodle-xml", "gift"])
def test_export_then_import_keeps_every_gap(file_format, persona):
    methodologist = persona(Role.METHODOLOGIST)
    bilingual = join_languages({"kk": "Прокурор {2:MCH:=қадағалайды#Дұрыс~тергейді}", "ru": "Прокурор {2:MCH:=надзирает#Верно~расследует}"})
    source = moodle_xml.read(_xml(EXAMPLE)).questions + moodle_xml.read(_xml(bilingual, name="Two languages")).questions
    original = Bank.objects.create(name="original")
    bank_services.questions_add(original, source, methodologist)
    exported, lost = bank_services.bank_export(original, file_format)
    again = Bank.objects.create(name="again")
    report = bank_services.bank_import(again, exported, file_format, methodologist)
    assert (report.imported, report.unsupported, lost) == (2, [], [])
    assert [_comparable(q) for q in bank_services.bank_questions(again)] == [_comparable(q) for q in bank_services.bank_questions(original)]


def test_the_excel_template_holds_embedded_answers_in_each_language():
    book = Workbook()
    sheet = book.active
    sheet.append(xlsx.COLUMNS)
    sheet.append(["Надзор", "Акт", "cloze", "Прокурор {1:MC:=наразылық~үкім} келтіреді", "Прокурор приносит {1:MC:=протест~приговор}", ""])
    sheet.append(["Надзор", "Кривой", "cloze", "", "Прокурор приносит {1:MC:=протест}", ""])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(DomainError, match="row 3: embedded answer 1 \\(MULTICHOICE\\) has only one choice"):
        xlsx.read(out.getvalue())
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    (question,) = xlsx.read(out.getvalue()).questions
    assert question.kind == Kind.CLOZE and len(question.gaps) == 1 and split_languages(question.text)["ru"] == "Прокурор приносит {#1}"
    written, lost = xlsx.write([question])
    assert lost == [] and _comparable(xlsx.read(written).questions[0]) == _comparable(question)


def test_each_gap_is_graded_like_its_kind_and_weighted():
    (question,) = moodle_xml.read(_xml(EXAMPLE)).questions
    content = bank_services.version_fields(question)["content"]
    response = {"gaps": {"1": {"text": " Sea "}, "2": {"choice": 0}, "3": {"text": "29,5"}, "4": {"choices": [0, 2]}, "6": {"text": "каспий"}}}
    assert grading.gap_fractions(content, response) == [0.5, 1.0, 0.5, 0.0, 0.0, 0.0]  # 6: case-sensitive, 5: unanswered
    assert grading.fraction(Kind.CLOZE, content, response) == pytest.approx((0.5 + 2 * 1.0 + 0.5) / 7)
    assert grading.fraction(Kind.CLOZE, content, None) == 0.0


@pytest.mark.parametrize(
    "response",
    [{"gaps": []}, {"gaps": {"a": {"text": "x"}}}, {"gaps": {"1": {"pairs": {}}}}, {"gaps": {"1": {"value": True}}}, {"gaps": {"1": {"gaps": {}}}},
     {"gaps": {"1": {"text": "x" * 501}}}, {"gaps": {str(i): {"text": ""} for i in range(51)}}, {"gaps": {"1": "word"}}],
)
def test_a_gaps_answer_in_a_wrong_shape_is_refused(response):
    assert grading.valid_shape(response) is None


@pytest.fixture
def exam():
    return Exam.objects.get(purpose="input", offering__enrollments__person__user__username="listener")


def _cloze_slot(attempt: Attempt) -> Slot:
    return attempt.slots.select_related("version").get(kind=Kind.CLOZE)


def test_a_listener_answers_the_gaps_in_place_and_sees_each_graded(client_as, exam):
    listener = client_as(Role.LISTENER)
    attempt = Attempt.objects.get(pk=int(listener.post(f"/exams/{exam.pk}/start/")["Location"].rstrip("/").rsplit("/", 1)[1]))
    slot = _cloze_slot(attempt)
    page = listener.get(attempt.get_absolute_url()).content.decode()
    assert page.count(f'name="q{slot.position}-1" data-gap="1"') == 1 and f'name="q{slot.position}-2" data-gap="2"' in page
    assert "{#1}" not in page and "надзирает" not in page.split("<legend>")[0]
    url = f"/exams/attempts/{attempt.pk}/answers/{slot.position}/"
    wrong_shape = listener.post(url, json.dumps({"seq": 1, "response": {"gaps": {"1": {"pairs": {}}}}}), content_type="application/json")
    assert wrong_shape.status_code == 422
    slot.refresh_from_db()
    assert slot.response is None
    gaps = slot.version.content["gaps"]
    right_choice = next(i for i, a in enumerate(gaps[0]["answers"]) if a["fraction"] == 1)
    answer = {"gaps": {"1": {"choice": right_choice}, "2": {"choice": 1}, "3": {"text": "Следственный судья"}}}
    assert listener.post(url, json.dumps({"seq": 1, "response": answer}), content_type="application/json").json() == {"seq": 1, "stale": False}
    listener.post(f"/exams/attempts/{attempt.pk}/finish/")
    slot.refresh_from_db()
    assert slot.fraction == pytest.approx((1 + 0 + 2) / 4) and slot.score == pytest.approx(3.0)
    Exam.objects.filter(pk=exam.pk).update(closes_at=attempt.started_at, opens_at=attempt.started_at.replace(year=2020))
    review = listener.get(attempt.get_absolute_url()).content.decode()
    assert "1) надзирает за; 2) протест; 3) тергеу судьясы / тергеу судьясы береді / следственный судья / следственный судья даёт" in review
    assert "Correct answer: Прокурор</p>" in review  # the key in the reader's language, not its markup


def test_each_gap_is_a_row_of_the_item_analysis(client_as, exam):
    question_ids, attempt_ids, matrix = queries.score_matrix(exam)
    gaps = queries.gap_analysis(exam, question_ids, attempt_ids, matrix)
    ((question_id, rows),) = gaps.items()
    assert Question.objects.get(pk=question_id).current.kind == Kind.CLOZE and [r["gap"] for r in rows] == [1, 2, 3]
    slots = Slot.objects.filter(attempt__exam=exam, attempt__status=Attempt.Status.GRADED, kind=Kind.CLOZE).select_related("version")
    first_gap = [grading.gap_fractions(s.version.content, s.response)[0] for s in slots]
    assert rows[0]["figures"].facility == pytest.approx(sum(first_gap) / len(first_gap))
    assert sum(rows[0]["choices"][i][1] for i in range(len(rows[0]["choices"]))) == len(first_gap)  # every listener picked one choice
    page = client_as(Role.METHODOLOGIST).get(exam.get_absolute_url()).content.decode()
    assert page.count('class="gap-row"') == 3 and "↳ gap 3" in page


def test_a_methodologist_writes_embedded_answers_in_the_browser(client_as):
    bank = Bank.objects.first()
    client = client_as(Role.METHODOLOGIST)
    fields = {"kind": "cloze", "category": "Надзор", "name": "Пропуски", "default_mark": "1", "text_kk": "Прокурор {1:MC:=наразылық~үкім} келтіреді",
              "text_ru": "Прокурор приносит {2:MC:=протест~приговор}"}
    refused = client.post(f"/exams/banks/{bank.pk}/questions/new/", fields)
    assert refused.status_code == 422 and "different gaps" in refused.content.decode()
    fields["text_ru"] = "Прокурор приносит {1:MC:=протест~приговор} и {2:SA:=представление}"
    fields["text_kk"] += " және {2:SA:=ұсыну}"
    assert client.post(f"/exams/banks/{bank.pk}/questions/new/", fields).status_code == 302
    version = QuestionVersion.objects.get(name="Пропуски")
    assert version.kind == Kind.CLOZE and version.default_mark == 3 and len(version.content["gaps"]) == 2
    edit = client.get(version.question.get_absolute_url()).content.decode()
    assert "{1:MULTICHOICE:=протест~приговор}" in edit  # edited in Moodle's syntax
    changed = {"name": "Пропуски", "text_kk": fields["text_kk"], "text_ru": fields["text_ru"].replace("{2:SA:", "{3:SA:"), "tags": ""}
    changed["text_kk"] = changed["text_kk"].replace("{2:SA:", "{3:SA:")
    assert client.post(version.question.get_absolute_url(), changed).status_code == 302
    version.refresh_from_db()
    assert version.default_mark == 4 and [g["mark"] for g in version.content["gaps"]] == [1, 3]
