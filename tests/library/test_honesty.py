"""Academic honesty: the similarity check of a written work against the collection (stored
fingerprints), its exclusions, who reads its report, and the register of violations that goes
into the record of conduct."""

import random

import pytest

from eacademy.campus.models import ConductRecord
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.library.models import Check, Violation, Work
from eacademy.library.services import honesty
from tests.library.copies import text_of, words_of

pytestmark = pytest.mark.django_db
PASSAGE = ("Следователь обязан разъяснить подозреваемому право пригласить защитника до начала первого допроса и обеспечить его участие "
           "в проведении следственных действий по первому требованию")


def _random(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    return text_of(rng, words_of(rng, "ru", words))


def test_a_copied_passage_is_found_with_its_source(persona):
    lecturer = persona(Role.LECTURER)
    source = honesty.check(actor=lecturer, key="test:source", title="Источник", text=_random(1) + " " + PASSAGE + ". " + _random(2))
    assert source.share == 0
    work_text = _random(3) + " " + PASSAGE + ". " + _random(4)
    result = honesty.check(actor=lecturer, key="test:work", title="Эссе", text=work_text, reviewers=[persona(Role.HEAD_OF_DEPARTMENT)])
    [match] = result.matches.all()
    assert match.source.key == "test:source"
    assert work_text[match.start:match.end] == PASSAGE
    assert match.source.text[match.source_start:match.source_end] == PASSAGE
    assert result.share == pytest.approx(len(PASSAGE.split()) / len(work_text.split()), abs=0.01)


def test_quotations_bibliography_and_the_assignment_are_left_out(persona):
    lecturer = persona(Role.LECTURER)
    honesty.check(actor=lecturer, key="test:code", title="Кодекс", text=_random(5) + " " + PASSAGE + ". " + _random(6))
    quoted = _random(7) + " «" + PASSAGE + "» (ст. 64 УПК). " + _random(8)
    assert honesty.check(actor=lecturer, key="test:quoted", title="С цитатой", text=quoted).matches.count() == 0
    listed = _random(9) + "\nСписок литературы\n" + PASSAGE
    assert honesty.check(actor=lecturer, key="test:bibliography", title="Со списком", text=listed).matches.count() == 0
    task = "Проанализируйте положение: " + PASSAGE
    answer = _random(10) + " " + PASSAGE + ". " + _random(11)
    assert honesty.check(actor=lecturer, key="test:answer", title="Ответ", text=answer, own_text=task).matches.count() == 0
    assert honesty.check(actor=lecturer, key="test:answer2", title="Ответ", text=answer).matches.count() >= 1


def test_a_work_with_no_text_is_refused(persona):
    with pytest.raises(DomainError, match="no text"):
        honesty.check(actor=persona(Role.LECTURER), key="test:empty", title="Скан", text="  ... ")
    assert not Check.objects.filter(document__key="test:empty").exists()


def test_who_reads_a_report(client_as, persona):
    head = persona(Role.HEAD_OF_DEPARTMENT)
    result = honesty.check(actor=persona(Role.LIBRARIAN), key="test:private", title="Работа", text=_random(12), reviewers=[head])
    assert client_as(Role.HEAD_OF_DEPARTMENT).get(f"/library/checks/{result.pk}/").status_code == 200
    assert client_as(Role.LISTENER).get(f"/library/checks/{result.pk}/").status_code == 404
    assert client_as(Role.STUDENT).get(f"/library/checks/{result.pk}/").status_code == 404


def test_the_demo_report_shows_the_planted_copy(client_as):
    project = Work.objects.get(kind=Work.Kind.MASTERS_PROJECT)
    result = honesty.latest_check(f"library.work:{project.pk}")
    assert result.share > 0 and result.matches.filter(source__key__startswith="library.work:").exists()
    page = client_as(Role.METHODOLOGIST).get(result.get_absolute_url()).content.decode()
    assert page.count('data-testid="passage"') == result.matches.count()
    assert "Допрос свидетеля проводится следователем" in page
    mine = client_as(Role.STUDENT).get(result.get_absolute_url())  # the author reads his own report
    assert mine.status_code == 200
    register = client_as(Role.METHODOLOGIST).get(f"/library/violations/?check={result.pk}").content.decode()
    assert f'value="{result.document.author.iin}"' in register and f"{result.percent} %" in register


def test_the_register_goes_into_the_record_of_conduct(persona):
    methodologist = persona(Role.METHODOLOGIST)
    enrollment = Enrollment.objects.filter(status="enrolled").select_related("person").first()
    violation = honesty.violation_register(actor=methodologist, person=enrollment.person, description="Списано эссе")
    with pytest.raises(NotAllowed):
        honesty.violation_decide(actor=persona(Role.LECTURER), violation=violation, confirmed=True, measure="warning")
    with pytest.raises(DomainError, match="measure"):
        honesty.violation_decide(actor=methodologist, violation=violation, confirmed=True)
    decided = honesty.violation_decide(actor=methodologist, violation=violation, confirmed=True, measure=ConductRecord.Measure.REPRIMAND,
                                       reason="решение комиссии")
    assert decided.conduct.measure == ConductRecord.Measure.REPRIMAND and decided.conduct.person == enrollment.person
    assert "academic honesty" in decided.conduct.description
    with pytest.raises(DomainError, match="decided already"):
        honesty.violation_decide(actor=methodologist, violation=violation, confirmed=False)
    expelled = honesty.violation_register(actor=methodologist, person=enrollment.person, description="Повторно")
    honesty.violation_decide(actor=methodologist, violation=expelled, confirmed=True, measure=ConductRecord.Measure.EXPULSION, enrollment=enrollment,
                             reason="повторное нарушение")
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.EXPELLED
    assert Violation.objects.get(pk=expelled.pk).history.count() == 2


def test_declaration_and_pages(client_as):
    listener = client_as(Role.LECTURER)
    assert 'data-testid="declare"' in listener.get("/library/my/").content.decode()
    listener.post("/library/my/", {"declare": "1"})
    assert 'data-testid="declared"' in listener.get("/library/my/").content.decode()
    checker = client_as(Role.LECTURER)
    assert checker.post("/library/checks/new/", {"title": "Эссе", "text": ""}).status_code == 422
    made = checker.post("/library/checks/new/", {"title": "Эссе", "text": _random(20)})
    assert made.status_code == 302
    register = client_as(Role.METHODOLOGIST)
    assert register.post("/library/violations/", {"iin": "000000000000", "description": "x", "found_on": "2026-01-01"}).status_code == 422
    assert client_as(Role.LECTURER).get("/library/violations/").status_code == 403


def test_the_essays_of_a_test_are_checked_once(client_as, persona):
    from eacademy.exams.models import Slot

    slot = Slot.objects.filter(kind="essay", attempt__finished_at__isnull=False).select_related("attempt__exam").first()
    slot.response = {"text": _random(30) + " " + PASSAGE + ". " + _random(31)}
    slot.save()
    honesty.document_put(key="test:essay-source", title="Учебник", text=_random(32) + " " + PASSAGE + ". " + _random(33))
    client = client_as(Role.LECTURER)
    assert client.post("/library/checks/essays/", {"exam": slot.attempt.exam_id}).status_code == 302
    result = honesty.latest_check(f"exams.slot:{slot.pk}")
    assert result.matches.get().source.key == "test:essay-source"
    assert result.reviewers.filter(pk=persona(Role.LECTURER).pk).exists()
    client.post("/library/checks/essays/", {"exam": slot.attempt.exam_id})
    assert Check.objects.filter(document__key=f"exams.slot:{slot.pk}").count() == 1
    assert result.document.title in client.get("/library/my/").content.decode()
    assert client_as(Role.LISTENER).post("/library/checks/essays/", {"exam": slot.attempt.exam_id}).status_code == 403
