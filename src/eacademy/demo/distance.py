"""The demo's distance learning: the listener's course has a space of materials, two
assignments (a blind essay he has yet to write, and an analysis his colleagues handed in, in
every state of its marking), a SCORM self-check and a forum with a question answered by the
lecturer; its lesson of an earlier day was held in a BigBlueButton room whose report (as the
server sends it when the room ends) took the attendance into the journal, and its next lesson
is at a Jitsi link."""

import datetime
import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.distance import queries, services
from eacademy.distance.models import Assignment, OnlineMeeting, Section, Submission
from eacademy.distance.services import assignments, forum, packages
from eacademy.enrollment.models import Enrollment
from eacademy.journal.models import Attendance
from eacademy.timetable.models import Lesson


def _course_space(users: dict[str, User]) -> int:
    """The listener's course in progress has a space: two weeks of materials, the second shown
    from next week, and the first lecture already read by him; and two assignments."""
    offering = queries.courses_of(users["listener"]).first()  # his running course, as his distance learning page lists it first
    if offering is None:
        return 0
    actor = users["methodologist"]
    week = services.section_add(actor=actor, offering_id=offering.pk, title="Неделя 1. Досудебное расследование: основания и порядок")
    lecture = services.material_add(actor=actor, section=week, kind="page", title="Лекция 1. Начало досудебного расследования", body=(
        "<h2>Поводы и основания</h2><p>Досудебное расследование начинается с регистрации заявления, сообщения или рапорта "
        "в Едином реестре досудебных расследований (ст. 179 УПК).</p><ul><li>заявление физического лица;</li>"
        "<li>сообщение должностного лица;</li><li>рапорт об обнаружении уголовного правонарушения.</li></ul>"))
    services.material_add(actor=actor, section=week, kind="link", title="Уголовно-процессуальный кодекс (ИПС «Әділет»)",
                          url="https://adilet.zan.kz/rus/docs/K1400000231")
    services.material_add(actor=actor, section=week, kind="page", title="Вопросы для самопроверки", body=(
        "<ol><li>Что является поводом к началу досудебного расследования?</li><li>В какой срок регистрируется заявление?</li></ol>"))
    later = services.section_add(actor=actor, offering_id=offering.pk, title="Неделя 2. Следственные действия",
                                 visible_from=timezone.localdate() + datetime.timedelta(days=7))
    services.material_add(actor=actor, section=later, kind="page", title="Лекция 2. Допрос и очная ставка", body="<p>Порядок допроса (ст. 208–215 УПК).</p>")
    services.material_open(user=users["listener"], material=lecture)
    _assignments(users, offering.pk, week)
    _self_check_and_forum(users, offering.pk, week)
    return 4


SELF_CHECK_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="eacademy-demo-self-check" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Самопроверка: начало досудебного расследования</title>
    <item identifier="i" identifierref="r"><title>Самопроверка</title><adlcp:masteryscore>50</adlcp:masteryscore></item></organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/><file href="check.js"/></resource></resources>
</manifest>"""
SELF_CHECK_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Самопроверка</title></head><body>
<h1>Самопроверка</h1>
<p>1. С чего начинается досудебное расследование?</p>
<label><input type="radio" name="q1" value="1"> С регистрации заявления или рапорта в ЕРДР</label><br>
<label><input type="radio" name="q1" value="0"> С допроса подозреваемого</label>
<p>2. Что из перечисленного — повод к началу расследования?</p>
<label><input type="radio" name="q2" value="1"> Сообщение должностного лица</label><br>
<label><input type="radio" name="q2" value="0"> Анонимный звонок без проверки</label>
<p><button id="check" type="button">Проверить</button> <span id="result"></span></p>
<script src="check.js"></script></body></html>"""
SELF_CHECK_SCRIPT = """var api = null, w = window;
while (w && !api) { api = w.API || null; w = w === w.parent ? null : w.parent; }
api.LMSInitialize("");
document.getElementById("check").addEventListener("click", function () {
  var score = 0;
  ["q1", "q2"].forEach(function (q) { var a = document.querySelector("input[name=" + q + "]:checked"); if (a && a.value === "1") { score += 50; } });
  api.LMSSetValue("cmi.core.score.raw", String(score));
  api.LMSSetValue("cmi.core.lesson_status", score >= 50 ? "passed" : "failed");
  api.LMSCommit("");
  document.getElementById("result").textContent = "Результат: " + score + " из 100";
});
"""


def _self_check_and_forum(users: dict[str, User], offering_id: int, week: Section) -> None:
    """A SCORM self-check in the first week, and the course's forum: the listener's question
    answered by the lecturer, and a discussion of the week's topic."""
    lecturer, listener = users["lecturer"], users["listener"]
    lesson = Lesson.objects.filter(offering_id=offering_id, lecturer=lecturer).select_related("discipline").first()
    if lesson is None:
        return
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (("imsmanifest.xml", SELF_CHECK_MANIFEST), ("index.html", SELF_CHECK_PAGE), ("check.js", SELF_CHECK_SCRIPT)):
            archive.writestr(name, content)
    packages.package_add(actor=lecturer, section=week, discipline=lesson.discipline, upload=SimpleUploadedFile("self-check.zip", buffer.getvalue()))
    question = forum.thread_start(actor=listener, offering_id=offering_id, kind="question", title="Срок регистрации заявления в ЕРДР",
                                  body="<p>В какой срок должно быть зарегистрировано заявление о преступлении?</p>")
    forum.post_add(actor=lecturer, thread=question, body="<p>Незамедлительно, но не позднее суток с момента поступления (ст. 180 УПК).</p>")
    forum.thread_start(actor=lecturer, offering_id=offering_id, section=week, title="Обсуждение: рапорт как повод к расследованию",
                       body="<p>Приведите пример из практики, когда рапорт стал поводом к началу расследования.</p>")


def _handed_in(assignment: Assignment, enrollment: Enrollment, text: str, *, final: bool = True, late: bool = False) -> Submission:
    """A colleague's work as he would have saved it (the demo's colleagues have no logins)."""
    moment = min(timezone.now(), assignment.due_at + datetime.timedelta(hours=20 if late else -30))
    submission = Submission(assignment=assignment, enrollment=enrollment, participant=assignments.participant_number(assignment, enrollment), text=text)
    if final:
        submission.status, submission.statement_at, submission.submitted_at, submission.late = Submission.Status.SUBMITTED, moment, moment, late
    return save_by(submission, None)


def _assignments(users: dict[str, User], offering_id: int, week: Section) -> None:
    lecturer, now = users["lecturer"], timezone.now()
    mine = Enrollment.objects.get(person__user=users["listener"], offering_id=offering_id, status=Enrollment.Status.ENROLLED)
    lesson = Lesson.objects.filter(group=mine.group, lecturer=lecturer).select_related("discipline").first()
    if lesson is None:
        return
    colleagues = list(Enrollment.objects.filter(offering_id=offering_id, group=mine.group, status=Enrollment.Status.ENROLLED).exclude(pk=mine.pk).order_by("pk"))
    essay = assignments.assignment_add(
        actor=lecturer, offering_id=offering_id, section=week, discipline=lesson.discipline, title="Эссе: основания начала досудебного расследования",
        instructions="<p>Опишите на 2–3 страницах поводы и основания начала досудебного расследования, со ссылками на статьи УПК.</p>",
        opens_at=now - datetime.timedelta(days=2), due_at=now + datetime.timedelta(days=5), cut_off_at=now + datetime.timedelta(days=7),
        max_files=2, max_file_mb=10, blind=True, attempts=2, pass_points=Decimal(50),
        rubric=[("Правовая позиция и аргументация", 60), ("Ссылки на нормы УПК", 40)])
    if colleagues:
        _handed_in(essay, colleagues[0], "Черновик: поводы к началу расследования…", final=False)
    analysis = assignments.assignment_add(
        actor=lecturer, offering_id=offering_id, section=week, discipline=lesson.discipline, title="Анализ постановления о прекращении расследования",
        instructions="<p>Проанализируйте обезличенное постановление: законность и обоснованность прекращения.</p>",
        opens_at=now - datetime.timedelta(days=9), due_at=now - datetime.timedelta(days=2), cut_off_at=now + datetime.timedelta(days=2),
        max_files=1, attempts=2, pass_points=Decimal(60))
    # A colleague in each state: a draft, submitted, late, with an extension, passed, failed (and
    # trying again), being marked, ready for release.
    text = "Постановление вынесено при наличии оснований, предусмотренных ст. 35 УПК…"
    states = dict(zip(colleagues, ["draft", "submitted", "late", "extension", "passed", "failed", "marking", "ready"], strict=False))
    works = {e: _handed_in(analysis, e, text, final=state != "draft", late=state == "late") for e, state in states.items() if state != "extension"}
    for enrollment, state in states.items():
        if state == "extension":
            assignments.extension_grant(actor=lecturer, assignment=analysis, enrollment=enrollment, until=now + datetime.timedelta(days=5), reason="Командировка")
        elif state in ("passed", "failed"):
            assignments.grade_save(actor=lecturer, submission=works[enrollment], points="85" if state == "passed" else "40", ready=True,
                                   feedback="Выводы обоснованы." if state == "passed" else "Не оценена обоснованность: доработайте.")
    if any(state in ("passed", "failed") for state in states.values()):
        assignments.release(actor=lecturer, assignment=analysis)
    for enrollment, state in states.items():
        if state == "failed":
            retry = works[enrollment]
            save_by(Submission(assignment=analysis, enrollment=enrollment, attempt=2, participant=retry.participant, text=retry.text), None)
        elif state in ("marking", "ready"):
            assignments.grade_save(actor=lecturer, submission=works[enrollment], points="72" if state == "ready" else "55", ready=state == "ready",
                                   feedback="Оценка дана по существу анализа.")


def load_demo_distance(*, users: dict[str, User]) -> dict[str, int]:
    materials = _course_space(users)
    lecturer, now = users["lecturer"], timezone.now()
    lessons = Lesson.objects.filter(group__enrollments__person__user=users["listener"], lecturer=lecturer).distinct().order_by("starts_at")
    upcoming = lessons.filter(starts_at__gt=now).first()
    if upcoming:
        services.meeting_set(actor=lecturer, lesson=upcoming, system=OnlineMeeting.System.JITSI, url=f"https://meet.jit.si/eacademy-demo-{upcoming.pk}")
    # Yesterday's or an earlier lesson (today's is the lecturer's to mark): it was held in a room,
    # whose report agrees with the attendance the journal already has.
    past = lessons.filter(starts_at__date__lt=timezone.localdate()).last()
    if past is None:
        return {"online_lessons": int(upcoming is not None), "course_materials": materials}
    # The demo has no BigBlueButton server: the room and its final report are recorded as the server would have sent them.
    meeting = OnlineMeeting.objects.create(lesson=past, system=OnlineMeeting.System.BIGBLUEBUTTON, meeting_id=f"eacademy-demo-{past.pk}")
    recorded = dict(Attendance.objects.filter(lesson=past).values_list("enrollment_id", "status"))
    ends = past.starts_at + datetime.timedelta(minutes=past.minutes)
    visits = []
    for n, enrollment_id in enumerate(Enrollment.objects.filter(group=past.group, status=Enrollment.Status.ENROLLED).order_by("pk").values_list("pk", flat=True)):
        status = recorded.get(enrollment_id, Attendance.Status.PRESENT)
        if status in (Attendance.Status.PRESENT, Attendance.Status.LATE):
            came = past.starts_at + datetime.timedelta(minutes=25 if status == Attendance.Status.LATE else n % 5)
            visits.append(services.Visit(f"e{enrollment_id}", came, ends, int((ends - came).total_seconds())))
    services.attendance_take(meeting=meeting, visits=visits, final=True)
    return {"online_lessons": 1 + int(upcoming is not None), "course_materials": materials}
