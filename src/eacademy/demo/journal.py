"""The demo's journal: a course the demo listener took last year with eleven colleagues —
lessons, attendance, marks, a final certification by a commission, graduation and certificates —
so that the journal, the documents, the transcript and the verification page have something
real to show; and the lessons of the course he is on this week, attendance taken until
yesterday, today's waiting for the lecturer."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from eacademy.catalog.models import Discipline, ProgrammeKind, ProgrammeVersion
from eacademy.core.models import User
from eacademy.enrollment.models import Application, Enrollment, Group
from eacademy.enrollment.queries import listener_category
from eacademy.graduation import services as graduation_services
from eacademy.journal import services
from eacademy.journal.models import Attendance, Certificate, Certification
from eacademy.org.models import AcademyUnit
from eacademy.people.models import Person
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson, Room


def _this_week(rng: random.Random, users: dict[str, User]) -> int:
    """Two lessons a working day (and today whatever day it is) of the listener's running course,
    given by the `lecturer` login; today's first has begun, so attendance can be taken."""
    today, now = timezone.localdate(), timezone.localtime()
    enrollment = Enrollment.objects.filter(person__user=users["listener"], offering__starts_on__lte=today, offering__ends_on__gte=today,
                                           status=Enrollment.Status.ENROLLED).select_related("offering__version").first()
    if enrollment is None or enrollment.group_id is None:
        return 0
    offering, lecturer = enrollment.offering, users["lecturer"]
    disciplines = list(Discipline.objects.filter(module__version=offering.version).order_by("module__position", "position")[:2])
    room = Room.objects.filter(code="204").first() or Room.objects.create(code="204", name="Аудитория 204", capacity=30)
    enrollments = list(Enrollment.objects.filter(group_id=enrollment.group_id, status=Enrollment.Status.ENROLLED))
    earliest = min(datetime.time(9, 0), (now - datetime.timedelta(minutes=10)).time().replace(second=0, microsecond=0))
    days = [offering.starts_on + datetime.timedelta(days=n) for n in range((offering.ends_on - offering.starts_on).days + 1)]
    lessons = 0
    for day in (d for d in days if d.weekday() < 5 or d == today):
        for number, (discipline, at) in enumerate(zip(disciplines, (datetime.time(9, 0), datetime.time(10, 30)), strict=False)):
            starts = earliest if day == today and number == 0 else at
            lesson = Lesson.objects.create(offering=offering, group_id=enrollment.group_id, discipline=discipline, lecturer=lecturer, room=room,
                                           starts_at=timezone.make_aware(datetime.datetime.combine(day, starts)), topic=f"{discipline.name_ru}: тема {lessons + 1}")
            lessons += 1
            if day < today:
                for other in enrollments:
                    status = Attendance.Status.ABSENT if rng.random() < 0.05 else Attendance.Status.PRESENT
                    services.attendance_set(actor=lecturer, lesson=lesson, enrollment=other, status=status)
    return lessons


def load_demo_journal(*, rng: random.Random, users: dict[str, User]) -> dict[str, int]:
    lessons_this_week = _this_week(rng, users)
    listener = Person.objects.get(user=users["listener"])
    lecturer, head, methodologist = users["lecturer"], users["head"], users["methodologist"]
    version = ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.APPROVED, programme__kind=ProgrammeKind.ADVANCED, programme__code="adv-anticorruption").first() or \
        ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.APPROVED, programme__kind=ProgrammeKind.ADVANCED).order_by("pk").first()
    assert version is not None
    starts = timezone.localdate() - datetime.timedelta(days=330)
    offering = Offering.objects.create(version=version, starts_on=starts, ends_on=starts + datetime.timedelta(days=11), place="Қосшы", capacity=25,
                                       language="ru", study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"),
                                       status=Offering.Status.PUBLISHED)
    group = Group.objects.create(offering=offering, number=1)
    free = Person.objects.filter(agency__code="prosecutor", user=None, applications=None).exclude(position=None).select_related("position").order_by("pk")
    people = [listener, *[p for p in free if listener_category(p) in version.target_categories][:11]]
    enrollments = []
    for person in people:  # last year's intake, recorded as it was (the services refuse a course that has started)
        application = Application.objects.create(offering=offering, person=person, status=Application.Status.ACCEPTED, source=Application.Source.NOMINATION)
        enrollments.append(Enrollment.objects.create(application=application, offering=offering, person=person, group=group))
    room = Room.objects.filter(code="204").first() or Room.objects.create(code="204", name="Аудитория 204", capacity=30)
    disciplines = list(Discipline.objects.filter(module__version=version).order_by("module__position", "position")[:2])
    for discipline in disciplines:
        for day in range(5):
            starts_at = timezone.make_aware(datetime.datetime.combine(starts + datetime.timedelta(days=day * 2 + disciplines.index(discipline)), datetime.time(9, 30)))
            lesson = Lesson.objects.create(offering=offering, group=group, discipline=discipline, starts_at=starts_at, lecturer=lecturer, room=room,
                                           topic=f"{discipline.name_ru}: тема {day + 1}")
            for enrollment in enrollments:
                fate = rng.random()
                status = Attendance.Status.ABSENT if fate < 0.06 else Attendance.Status.LATE if fate < 0.1 else Attendance.Status.EXCUSED if fate < 0.13 else Attendance.Status.PRESENT
                services.attendance_set(actor=lecturer, lesson=lesson, enrollment=enrollment, status=status,
                                        reason="Служебная командировка" if status == Attendance.Status.EXCUSED else "")
                if status != Attendance.Status.ABSENT and day % 2 == 0:
                    services.mark_set(actor=lecturer, enrollment=enrollment, discipline=discipline, lesson=lesson, points=Decimal(rng.randint(55, 100)), revision=0)
    certification = services.certification_create(actor=methodologist, offering=offering, group=group, kind=Certification.Kind.FINAL, held_on=offering.ends_on,
                                                  chair=head, members=[lecturer], protocol_number="14")
    for member in (head, lecturer):
        for enrollment in enrollments:
            services.certification_mark_set(actor=member, certification=certification, enrollment=enrollment, points=Decimal(rng.randint(60, 98)), revision=0)
    services.certification_close(actor=methodologist, certification=certification)
    graduation = graduation_services.offering_graduate(actor=methodologist, offering=offering)
    if graduation.certificate_batch_id is not None:
        services.certificate_batch_run(graduation.certificate_batch_id)
    return {"certificates": offering.enrollments.filter(certificates__status=Certificate.Status.VALID).count(), "lessons_this_week": lessons_this_week}
