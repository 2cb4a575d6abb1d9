"""The demo's distance learning: the listener's course has a space of materials, its latest lesson
was held in a BigBlueButton room whose report (as the server sends it when the room ends) took
the attendance into the journal, and its next lesson is at a Jitsi link."""

import datetime

from django.utils import timezone

from eacademy.core.models import User
from eacademy.distance import services
from eacademy.distance.models import OnlineMeeting
from eacademy.enrollment.models import Enrollment
from eacademy.timetable.models import Lesson


def _course_space(users: dict[str, User]) -> int:
    """The listener's course in progress has a space: two weeks of materials, the second shown
    from next week, and the first lecture already read by him."""
    mine = Enrollment.objects.filter(person__user=users["listener"], status=Enrollment.Status.ENROLLED).select_related("offering").first()
    if mine is None:
        return 0
    actor, offering = users["methodologist"], mine.offering
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
    past = lessons.filter(starts_at__lt=now - datetime.timedelta(minutes=80)).last()
    if past is None:  # the demo loaded before the day's first lesson ended
        return {"online_lessons": int(upcoming is not None), "course_materials": materials}
    # The demo has no BigBlueButton server: the room and its final report are recorded as the server would have sent them.
    meeting = OnlineMeeting.objects.create(lesson=past, system=OnlineMeeting.System.BIGBLUEBUTTON, meeting_id=f"eacademy-demo-{past.pk}")
    group = list(Enrollment.objects.filter(group=past.group, status=Enrollment.Status.ENROLLED).order_by("pk"))
    visits = []
    for n, enrollment in enumerate(group[:-1]):  # the last one never came
        came = past.starts_at + datetime.timedelta(minutes=20 if n == 0 else n % 5)
        visits.append(services.Visit(f"e{enrollment.pk}", came, past.starts_at + datetime.timedelta(minutes=past.minutes), (past.minutes - (came - past.starts_at).seconds // 60) * 60))
    services.attendance_take(meeting=meeting, visits=visits, final=True)
    return {"online_lessons": 1 + int(upcoming is not None), "course_materials": materials}
