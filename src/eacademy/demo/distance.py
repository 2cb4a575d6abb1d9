"""The demo's distance learning: the listener's course has a space of materials, its lesson of an
earlier day was held in a BigBlueButton room whose report (as the server sends it when the room
ends) took the attendance into the journal, and its next lesson is at a Jitsi link."""

import datetime

from django.utils import timezone

from eacademy.core.models import User
from eacademy.distance import queries, services
from eacademy.distance.models import OnlineMeeting
from eacademy.enrollment.models import Enrollment
from eacademy.journal.models import Attendance
from eacademy.timetable.models import Lesson


def _course_space(users: dict[str, User]) -> int:
    """The listener's course in progress has a space: two weeks of materials, the second shown
    from next week, and the first lecture already read by him."""
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
    return 4


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
