"""Assignments (issue 22, must show 2 and the service side of 1): a draft, then the final work
with the honesty statement; blind marking by a rubric, release, the mark in the journal with
its history and the course's completion moving; extensions, group work, reattempts; and each
refusal (late after the cut-off, a file too large or of a forbidden type, someone else's
assignment, an attempt beyond those allowed) in words with nothing saved."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.models import Notification, User
from eacademy.core.roles import Role
from eacademy.distance import queries
from eacademy.distance.models import Assignment, Grade, Submission, SubmissionFile
from eacademy.distance.services import assignments
from eacademy.enrollment.models import Enrollment
from eacademy.journal.models import Mark
from eacademy.timetable.models import Lesson
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOW = timezone.now


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Эссе: ұстау</w:document>")
    return buffer.getvalue()


@pytest.fixture
def mine(persona) -> Enrollment:
    """The demo listener's running course and group, taught (a lesson of the group) by the lecturer login."""
    enrollment = (Enrollment.objects.filter(person__user=persona(Role.LISTENER), status="enrolled").exclude(group=None)
                  .select_related("offering__version", "group").first())
    discipline = enrollment.offering.version.modules.first().disciplines.first()
    Lesson.objects.create(offering=enrollment.offering, group=enrollment.group, discipline=discipline, minutes=80,
                          starts_at=NOW().replace(second=0, microsecond=0) + datetime.timedelta(days=1), lecturer=persona(Role.LECTURER))
    return enrollment


def set_assignment(actor, enrollment, **terms) -> Assignment:
    defaults = {"title": "Эссе: задержание подозреваемого", "opens_at": NOW() - datetime.timedelta(days=3), "due_at": NOW() + datetime.timedelta(days=2),
                "discipline": enrollment.offering.version.modules.first().disciplines.first(), "max_files": 2, "max_file_mb": 1}
    return assignments.assignment_add(actor=actor, offering_id=enrollment.offering_id, **{**defaults, **terms})


def stored_files() -> int:
    return len(default_storage.listdir("distance/submissions")[0]) if default_storage.exists("distance/submissions") else 0


def test_a_work_goes_from_a_draft_through_blind_marking_to_the_journal_and_the_course_completes_further(mine, persona, client_as):
    lecturer, listener_user = persona(Role.LECTURER), persona(Role.LISTENER)
    before = queries.space(mine.offering_id, enrollment=mine, teacher=False)
    essay = set_assignment(lecturer, mine, blind=True, rubric=[("Правовая позиция", 60), ("Ссылки на УПК", 40)], instructions="<p>Напишите <b>эссе</b><script>x()</script></p>")
    assert "<script" not in essay.instructions and essay.criteria.count() == 2

    listener = client_as(Role.LISTENER)
    page = listener.get(essay.get_absolute_url()).content.decode()
    assert "Правовая позиция: 60" in page and "I confirm that this work is my own" in page
    listener.post(f"/distance/assignments/{essay.pk}/submit/", {"text": "Черновик", "action": "draft",
                                                                 "files": SimpleUploadedFile("эссе.docx", docx())})
    draft = Submission.objects.get(assignment=essay)
    assert (draft.status, draft.text, draft.files.get().media_type) == ("draft", "Черновик", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = listener.post(f"/distance/assignments/{essay.pk}/submit/", {"text": "Окончательный текст", "action": "submit"}, follow=True)
    assert "Confirm that the work is your own" in response.content.decode() and Submission.objects.get(pk=draft.pk).status == "draft"
    listener.post(f"/distance/assignments/{essay.pk}/submit/", {"text": "Окончательный текст", "action": "submit", "statement": "on"})
    work = Submission.objects.get(pk=draft.pk)
    assert (work.status, work.text, work.late) == ("submitted", "Окончательный текст", False) and work.statement_at and work.files.count() == 1
    with pytest.raises(DomainError, match="can no longer be changed"):
        assignments.submission_save(user=listener_user, assignment=essay, text="Правка после сдачи")

    teacher = client_as(Role.LECTURER)
    board = teacher.get(essay.get_absolute_url()).content.decode()
    table = board[board.index("<table"):board.index("</table>")]  # (the extension's list names everyone, whoever handed in)
    assert f"Participant {work.participant}" in table and mine.person.last_name not in table
    marking = teacher.get(f"/distance/submissions/{work.pk}/mark/").content.decode()
    assert "Окончательный текст" in marking and mine.person.last_name not in marking
    criteria = list(essay.criteria.all())
    refused = teacher.post(f"/distance/submissions/{work.pk}/mark/", {f"criterion-{criteria[0].pk}": "70", f"criterion-{criteria[1].pk}": "30"})
    assert "takes from 0 to 60 points" in refused.content.decode() and not Grade.objects.filter(submission=work).exists()
    teacher.post(f"/distance/submissions/{work.pk}/mark/", {f"criterion-{criteria[0].pk}": "50", f"criterion-{criteria[1].pk}": "32.5",
                                                            "feedback": "Хорошо аргументировано", "ready": "on"})
    grade = Grade.objects.get(submission=work)
    assert (grade.points, grade.state) == (Decimal("82.5"), "ready")
    assert "82.5" not in listener.get(essay.get_absolute_url()).content.decode()  # not released yet
    assert not Mark.objects.filter(activity=essay.journal_key).exists()

    teacher.post(f"/distance/assignments/{essay.pk}/release/")
    mark = Mark.objects.get(enrollment=mine, activity=essay.journal_key)
    assert (mark.points, mark.source, mark.discipline_id) == (Decimal("82.50"), "activity", essay.discipline_id)
    assert mark.history.count() == 1 and mark.history.first().history_user == lecturer
    board = teacher.get(essay.get_absolute_url()).content.decode()
    assert mine.person.last_name in board[board.index("<table"):board.index("</table>")]  # a released work is no longer anonymous
    shown = listener.get(essay.get_absolute_url()).content.decode()
    assert "82.5" in shown and "Хорошо аргументировано" in shown
    assert Notification.objects.filter(user=listener_user, message__contains=essay.title).exists()
    after = queries.space(mine.offering_id, enrollment=mine, teacher=False)
    assert (after.done, after.required) == (before.done + 1, before.required + 1)
    journal = teacher.get(f"/journal/groups/{mine.group_id}/disciplines/{essay.discipline_id}/").content.decode()
    assert "82.5" in journal and essay.title in journal

    with pytest.raises(DomainError, match="say why"):
        assignments.grade_save(actor=lecturer, submission=work, scores={str(criteria[0].pk): "55", str(criteria[1].pk): "32.5"})
    assignments.grade_save(actor=lecturer, submission=work, scores={str(criteria[0].pk): "55", str(criteria[1].pk): "32.5"}, reason="Апелляция")
    mark.refresh_from_db()
    assert mark.points == Decimal("87.50") and mark.history.first().history_change_reason == "Апелляция" and mark.history.count() == 2


def test_refusals_say_why_and_save_nothing(mine, persona, client_as):
    lecturer, listener_user = persona(Role.LECTURER), persona(Role.LISTENER)
    closed = set_assignment(lecturer, mine, opens_at=NOW() - datetime.timedelta(days=9), due_at=NOW() - datetime.timedelta(days=3),
                            cut_off_at=NOW() - datetime.timedelta(days=1))
    open_one = set_assignment(lecturer, mine)
    other = Enrollment.objects.filter(status="enrolled").exclude(offering=mine.offering).select_related("offering__version").first()
    elsewhere = set_assignment(persona(Role.ADMINISTRATOR), other)
    counts = lambda: (Submission.objects.count(), SubmissionFile.objects.count(), stored_files())
    before = counts()
    refusals = [
        ({"assignment": closed, "text": "Поздно", "final": True, "statement": True}, DomainError, "accepted until"),
        ({"assignment": open_one, "uploads": [SimpleUploadedFile("big.pdf", PDF + b"0" * 1024 * 1024)]}, DomainError, "larger than the 1 MB"),
        ({"assignment": open_one, "uploads": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200)]}, DomainError, "is not a PDF, Word"),
        ({"assignment": open_one, "uploads": [SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script></html>")]}, DomainError, "is not a PDF"),
        ({"assignment": open_one, "uploads": [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(3)]}, DomainError, "At most 2 files"),
        ({"assignment": open_one, "final": True, "statement": True}, DomainError, "nothing to submit"),
        ({"assignment": elsewhere, "text": "Чужое", "final": True, "statement": True}, NotAllowed, "not in a course of yours"),
    ]
    for arguments, error, message in refusals:
        with pytest.raises(error, match=message):
            assignments.submission_save(user=listener_user, **arguments)
        assert counts() == before, message
    listener = client_as(Role.LISTENER)
    assert listener.get(elsewhere.get_absolute_url()).status_code == 404
    assert listener.post(f"/distance/assignments/{elsewhere.pk}/submit/", {"text": "Чужое", "action": "submit", "statement": "on"}).status_code == 404
    response = listener.post(f"/distance/assignments/{open_one.pk}/submit/", {"action": "draft", "files": SimpleUploadedFile("x.exe", b"MZ" + b"\x00" * 99)},
                             follow=True)
    assert "is not a PDF, Word" in response.content.decode() and counts() == before
    assert client_as(Role.LISTENER).get(f"/distance/submissions/{Submission.objects.create(assignment=elsewhere, enrollment=other, participant=1).pk}/mark/").status_code in (403, 404)

    foreign = Discipline.objects.exclude(module__version=mine.offering.version).first()
    with pytest.raises(DomainError, match="not in this course's programme"):
        set_assignment(lecturer, mine, discipline=foreign)
    once = set_assignment(lecturer, mine, attempts=1, pass_points=Decimal(60))
    work = assignments.submission_save(user=listener_user, assignment=once, text="Эссе", final=True, statement=True)
    assignments.grade_save(actor=lecturer, submission=work, points="40", ready=True)
    assignments.release(actor=lecturer, assignment=once)
    with pytest.raises(DomainError, match="All 1 attempts are used"):
        assignments.reattempt_start(user=listener_user, assignment=once)
    assert Submission.objects.filter(assignment=once).count() == 1
    with pytest.raises(DomainError, match="0 to 100"):
        assignments.grade_save(actor=lecturer, submission=work, points="120", reason="x")
    stranger = User.objects.create(username="stranger-lecturer")
    stranger.groups.add(AuthGroup.objects.get(name=Role.LECTURER))
    with pytest.raises(NotAllowed):
        assignments.grade_save(actor=stranger, submission=work, points="90", reason="x")
    assert Mark.objects.get(enrollment=mine, activity=once.journal_key).points == Decimal(40)


def test_a_late_listener_with_an_extension_and_retrying_until_passed(mine, persona):
    lecturer, listener_user = persona(Role.LECTURER), persona(Role.LISTENER)
    task = set_assignment(lecturer, mine, opens_at=NOW() - datetime.timedelta(days=9), due_at=NOW() - datetime.timedelta(days=3),
                          cut_off_at=NOW() - datetime.timedelta(days=1), attempts=0, pass_points=Decimal(50))
    with pytest.raises(DomainError):
        assignments.submission_save(user=listener_user, assignment=task, text="Поздно", final=True, statement=True)
    with pytest.raises(DomainError, match="after the due date"):
        assignments.extension_grant(actor=lecturer, assignment=task, enrollment=mine, until=NOW() - datetime.timedelta(days=5), reason="Болезнь")
    assignments.extension_grant(actor=lecturer, assignment=task, enrollment=mine, until=NOW() + datetime.timedelta(days=2), reason="Больничный лист")
    first = assignments.submission_save(user=listener_user, assignment=task, text="Первая попытка", final=True, statement=True)
    assert first.late is False  # within his extension
    assignments.grade_save(actor=lecturer, submission=first, points="30", feedback="Нет ссылок на нормы", ready=True)
    assignments.release(actor=lecturer, assignment=task)
    second = assignments.reattempt_start(user=listener_user, assignment=task)
    assert (second.attempt, second.text, second.participant) == (2, "Первая попытка", first.participant)
    second = assignments.submission_save(user=listener_user, assignment=task, text="Вторая попытка со ссылками", final=True, statement=True)
    assignments.grade_save(actor=lecturer, submission=second, points="75", ready=True)
    assignments.release(actor=lecturer, assignment=task)
    mark = Mark.objects.get(enrollment=mine, activity=task.journal_key)
    assert mark.points == Decimal(75) and [h.points for h in mark.history.order_by("history_id")] == [Decimal(30), Decimal(75)]
    with pytest.raises(DomainError, match="has passed"):
        assignments.reattempt_start(user=listener_user, assignment=task)
    assert task.pk in queries.passed_by(mine)


def test_a_group_hands_in_one_work_and_every_member_gets_the_mark(mine, persona):
    lecturer = persona(Role.LECTURER)
    task = set_assignment(lecturer, mine, by_group=True)
    assignments.submission_save(user=persona(Role.LISTENER), assignment=task, text="Работа группы", uploads=[SimpleUploadedFile("plan.pdf", PDF)])
    members = list(Enrollment.objects.filter(group=mine.group, status="enrolled").select_related("person__user"))
    colleague = next(m for m in members if m.pk != mine.pk)
    if colleague.person.user is None:
        colleague.person.user = User.objects.create(username="colleague")
        colleague.person.save()
    work = assignments.submission_save(user=colleague.person.user, assignment=task, text="Работа группы, дополнено", final=True, statement=True)
    assert Submission.objects.filter(assignment=task).count() == 1 and work.files.count() == 1 and work.group_id == mine.group_id
    assignments.grade_save(actor=lecturer, submission=work, points="90", ready=True)
    assert assignments.release(actor=lecturer, assignment=task) == 1
    assert set(Mark.objects.filter(activity=task.journal_key).values_list("enrollment_id", flat=True)) == {m.pk for m in members}
    grid = {row.enrollment.pk: row.done for row in queries.progress_grid(mine.offering_id)}
    assert all(grid[m.pk] >= 1 for m in members)


def test_the_board_keeps_its_query_count_as_listeners_hand_in(mine, persona, client_as):
    lecturer = persona(Role.LECTURER)
    task = set_assignment(lecturer, mine)
    url = task.get_absolute_url()
    teacher = client_as(Role.LECTURER)
    few = page_queries(teacher, url)
    enrolled = list(Enrollment.objects.filter(offering=mine.offering, status="enrolled").exclude(person__user=None).select_related("person__user")[:6])
    for enrollment in enrolled:
        work = assignments.submission_save(user=enrollment.person.user, assignment=task, text="Эссе", final=True, statement=True)
        assignments.grade_save(actor=lecturer, submission=work, points="70", ready=True)
    assert page_queries(teacher, url) == few
