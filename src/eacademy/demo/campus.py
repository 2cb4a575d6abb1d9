"""The demo campus: two dormitory buildings (rooms of three beds, for men and for women, two
fitted for a disability), a course running this week living in, the `listener` login's course and those of the next six weeks
allocated and confirmed as far as the beds go, the `listener` login checked in, leave requests in every state (one listener out now, one late back, one
waiting for the Rector), and a breach and a commendation on the `listener` login's record."""

import datetime
import random

from django.utils import timezone

from eacademy.campus import services
from eacademy.campus.models import Bed, Building, ConductRecord, DormRoom, LeaveRequest, Stay
from eacademy.catalog.models import ProgrammeKind
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Enrollment
from eacademy.enrollment.queries import listener_category
from eacademy.people.models import Person, Sex
from eacademy.planning.models import Offering

BUILDINGS = [("Общежитие № 1", "Косшы, ул. Республики, 16"), ("Общежитие № 2", "Косшы, ул. Республики, 18")]
ROOMS_PER_FLOOR, FLOORS, BEDS_PER_ROOM = 10, 4, 3
HOUSED_AHEAD_DAYS = 45


def _course_running_now(users: dict[str, User], today: datetime.date) -> Offering:
    """The plan is for next year; one of its courses is moved to this week, with a dozen
    prosecutors enrolled, so that the dormitory has people living in tonight. They are enrolled
    through the services while the course lies ahead, then the course's dates are moved."""
    methodologist, coordinator = users["methodologist"], users["coordinator"]
    offering = (Offering.objects.filter(status=Offering.Status.PUBLISHED, version__programme__kind=ProgrammeKind.ADVANCED, applications=None,
                                        starts_on__gt=today).exclude(version__programme__code="adv-pretrial").order_by("starts_on").first())
    assert offering is not None, "the demo plan has an advanced-training course nobody applied for"
    free = Person.objects.filter(agency__code="prosecutor", user=None, applications=None).exclude(position=None).order_by("pk")
    for person in [p for p in free if listener_category(p) in offering.version.target_categories][:12]:
        application = enrollment_services.application_submit(actor=coordinator, offering=offering, person=person)
        enrollment_services.application_accept(actor=methodologist, application=application)
    enrollment_services.groups_form(actor=methodologist, offering=offering, max_size=20)
    length = offering.ends_on - offering.starts_on
    starts_on = today - datetime.timedelta(days=2)
    Offering.objects.filter(pk=offering.pk).update(starts_on=starts_on, ends_on=max(starts_on + length, today + datetime.timedelta(days=3)))
    offering.refresh_from_db()
    return offering


def load_demo_campus(*, rng: random.Random, users: dict[str, User]) -> dict[str, int]:
    rooms = []
    for b_index, (name, address) in enumerate(BUILDINGS):
        building = Building.objects.create(name=name, address=address)
        for floor in range(1, FLOORS + 1):
            for number in range(1, ROOMS_PER_FLOOR + 1):
                sex = Sex.FEMALE if b_index == 1 and floor == FLOORS else Sex.MALE  # women live on the top floor of the second building
                rooms.append(DormRoom(building=building, floor=floor, number=f"{floor}{number:02d}", sex=sex, accessible=floor == 1 and number == 1))
    DormRoom.objects.bulk_create(rooms)
    Bed.objects.bulk_create([Bed(room=room, label=label) for room in DormRoom.objects.all() for label in "abc"[:BEDS_PER_ROOM]])
    officer = users["admin"]
    today = timezone.localdate()
    running = _course_running_now(users, today)
    services.stay_confirm(actor=officer, stays=services.allocation_propose(actor=officer, offering=running))
    for stay in Stay.objects.filter(enrollment__offering=running):
        services.check_in(actor=officer, stay=stay)
    current = Offering.objects.filter(enrollments__person__user=users["listener"], starts_on__lte=today + datetime.timedelta(days=60)).order_by("-starts_on").first()
    if current is not None:
        proposed = services.allocation_propose(actor=officer, offering=current)
        services.stay_confirm(actor=officer, stays=proposed)
        mine = Stay.objects.filter(person__user=users["listener"], enrollment__offering=current).first()
        if mine is not None:
            services.check_in(actor=officer, stay=mine)
    # the courses of the next six weeks housed as far as the beds go; later ones wait
    coming = Offering.objects.filter(starts_on__gt=today, starts_on__lte=today + datetime.timedelta(days=HOUSED_AHEAD_DAYS),
                                     enrollments__status=Enrollment.Status.ENROLLED).distinct().order_by("starts_on", "pk")
    if current is not None:
        coming = coming.exclude(pk=current.pk)
    for offering in coming:
        try:
            services.stay_confirm(actor=officer, stays=services.allocation_propose(actor=officer, offering=offering))
        except DomainError:
            continue
    listener = Person.objects.get(user=users["listener"])
    now = timezone.now()
    others = list(Person.objects.filter(enrollments__status=Enrollment.Status.ENROLLED, user=None).distinct().order_by("pk")[:3])
    states = [("approved", now - datetime.timedelta(hours=5), now + datetime.timedelta(hours=20)),
              ("late", now - datetime.timedelta(days=2), now - datetime.timedelta(hours=3)),
              ("requested", now + datetime.timedelta(days=3), now + datetime.timedelta(days=4))]
    rector = users["leadership"]
    for person, (state, leaves, returns) in zip(others, states, strict=False):
        leave = LeaveRequest.objects.create(person=person, leaves_at=leaves, returns_at=returns, destination=rng.choice(["Астана", "Караганда", "Кокшетау"]),
                                            reason="Семейные обстоятельства")
        if state != "requested":
            services.leave_decide(actor=rector, leave=leave, approve=True, comment="Разрешаю")
    services.conduct_record(actor=officer, person=listener, kind=ConductRecord.Kind.BREACH, date=today - datetime.timedelta(days=3), measure="warning",
                            description="Опоздание на вечернее построение на 20 минут.", witnesses="Дежурный по общежитию")
    services.conduct_record(actor=officer, person=listener, kind=ConductRecord.Kind.COMMENDATION, date=today - datetime.timedelta(days=1), measure="gratitude",
                            description="Помощь в организации семинара Регионального хаба.")
    return {"beds": Bed.objects.count(), "stays": Stay.objects.count(), "leave_requests": LeaveRequest.objects.count()}
