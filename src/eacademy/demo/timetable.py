"""The demo academy's rooms, day and calendar, and a term to timetable: courses of advanced
training in the autumn of next year, split into groups, each discipline's lectures and
practicals given to a lecturer (a third of them invited practitioners who offer only a few
slots). `load_demo_term(groups=48)` makes the full-size term of the `academy_term` bench."""

import datetime
import math
import random

from django.contrib.auth.models import Group as RoleGroup
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from eacademy.catalog.models import Discipline, ProgrammeKind, ProgrammeVersion
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.demo import name_data
from eacademy.enrollment.models import Group
from eacademy.planning.models import Offering
from eacademy.timetable.models import AvailableSlot, DayOff, LecturerLimits, Period, Room, TaughtKind, Teaching, Unavailability

PERIODS = [(datetime.time(9, 0), datetime.time(10, 20)), (datetime.time(10, 30), datetime.time(11, 50)),
           (datetime.time(12, 40), datetime.time(14, 0)), (datetime.time(14, 10), datetime.time(15, 30))]
ROOMS = [  # code, name, kind, seats, how many
    ("А-1", "Актовый зал", Room.Kind.LECTURE_HALL, 160, 1), ("А-", "Лекционная аудитория", Room.Kind.LECTURE_HALL, 80, 5),
    ("", "Аудитория", Room.Kind.CLASSROOM, 30, 18), ("К-", "Компьютерный класс", Room.Kind.COMPUTER_CLASS, 26, 3),
    ("С-1", "Спортивный зал", Room.Kind.GYM, 60, 1), ("Т-1", "Тир", Room.Kind.SHOOTING_RANGE, 12, 1),
    ("П-1", "Учебный полигон", Room.Kind.TRAINING_GROUND, 40, 1), ("З-", "Зал судебных заседаний (учебный)", Room.Kind.SIMULATION_GROUND, 30, 2),
]
HOLIDAYS = [((1, 1), "Жаңа жыл / Новый год"), ((1, 2), "Жаңа жыл / Новый год"), ((1, 7), "Рождество"), ((3, 8), "Халықаралық әйелдер күні"),
            ((3, 21), "Наурыз мейрамы"), ((3, 22), "Наурыз мейрамы"), ((3, 23), "Наурыз мейрамы"), ((5, 1), "Бірлік күні"),
            ((5, 7), "Отан қорғаушы күні"), ((5, 9), "Жеңіс күні"), ((7, 6), "Астана күні"), ((8, 30), "Конституция күні"),
            ((10, 25), "Республика күні"), ((12, 16), "Тәуелсіздік күні")]
TERM_WEEKS = 6
COURSE_DAYS = 15  # working days: three weeks


def load_calendar(years: range) -> None:
    if not Period.objects.exists():
        Period.objects.bulk_create([Period(number=n, starts=s, ends=e) for n, (s, e) in enumerate(PERIODS, start=1)])
    if not Room.objects.filter(kind=Room.Kind.LECTURE_HALL).exists():
        rooms = []
        for prefix, name, kind, seats, count in ROOMS:
            for number in range(1, count + 1):
                code = prefix if count == 1 else f"{prefix}{number + 1 if prefix == 'А-' else number}" if prefix else str(200 + number)
                rooms.append(Room(code=code, name=name, kind=kind, capacity=seats))
        bulk_create_with_history([r for r in rooms if not Room.objects.filter(code=r.code).exists()], Room, default_change_reason="demo")
    DayOff.objects.bulk_create([DayOff(date=datetime.date(year, month, day), reason=reason) for year in years for (month, day), reason in HOLIDAYS],
                               ignore_conflicts=True)


def working_days(start: datetime.date, count: int) -> list[datetime.date]:
    off = set(DayOff.objects.filter(date__gte=start).values_list("date", flat=True))
    days: list[datetime.date] = []
    day = start
    while len(days) < count:
        if day.weekday() < 5 and day not in off:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def term_start() -> datetime.date:
    """The first Monday of September next year."""
    day = datetime.date(timezone.localdate().year + 1, 9, 1)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def _lecturer_logins(rng: random.Random, prefix: str, count: int) -> list[User]:
    """Password-less lecturer logins (shown in timetables, not used to sign in)."""
    if count <= 0:
        return []
    first = User.objects.filter(username__startswith=prefix).count() + 1
    users = [User(username=f"{prefix}{first + number}", first_name=rng.choice(name_data.KAZAKH_MALE + name_data.RUSSIAN_MALE),
                  last_name=rng.choice(name_data.RUSSIAN_SURNAMES)) for number in range(count)]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)
    users = list(User.objects.filter(username__in=[u.username for u in users]).order_by("pk"))
    role = RoleGroup.objects.get(name=Role.LECTURER)
    for user in users:
        user.groups.add(role)  # one by one: the users' history records their roles
    return users


def _staff(rng: random.Random, count: int) -> list[User]:
    return _lecturer_logins(rng, "teacher", count)


def _invited(rng: random.Random, count: int) -> list[User]:
    """Judges and prosecutors who teach a few practicals in the slots they offer."""
    users = _lecturer_logins(rng, "invited", count)
    bulk_create_with_history([LecturerLimits(lecturer=u, invited=True, per_day=2, per_week=4) for u in users], LecturerLimits, default_change_reason="demo")
    return users


@transaction.atomic
def load_demo_term(*, rng: random.Random, groups: int = 8, lecturers: int = 0, invited_share: float = 1 / 3) -> dict[str, int]:
    """Courses of the term with `groups` groups in all; `lecturers` staff and invited lecturers
    (0: the staff there are, plus invited ones for a third)."""
    start = term_start()
    load_calendar(range(start.year - 1, start.year + 2))
    staff = list(User.objects.filter(groups__name=Role.LECTURER, teaching_limits__isnull=True).exclude(username="lecturer").order_by("pk"))
    wanted = lecturers or round(len(staff) / (1 - invited_share))
    invited = _invited(rng, max(1, round(wanted * invited_share)))
    staff = staff[: max(1, wanted - len(invited))] + _staff(rng, wanted - len(invited) - len(staff))
    versions = list(ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.APPROVED, programme__kind=ProgrammeKind.ADVANCED).select_related("programme__department"))
    disciplines = {v.pk: list(Discipline.objects.filter(module__version=v).order_by("module__position", "position")) for v in versions}
    calendar = working_days(start, TERM_WEEKS * 5)
    teachings: list[tuple[Teaching, Teaching]] = []
    slots: list[tuple[User, datetime.date, int]] = []
    made_groups = 0
    invited_queue = list(invited)
    number = 0
    while made_groups < groups:
        version = versions[number % len(versions)]
        first_day = calendar[(number * 3) % (len(calendar) - COURSE_DAYS + 1)]
        days = working_days(first_day, COURSE_DAYS)
        size = min(3, groups - made_groups)
        offering = Offering.objects.create(version=version, starts_on=days[0], ends_on=days[-1], place="Қосшы", capacity=25 * size, language="ru",
                                           study_format="full_time", department=version.programme.department, status=Offering.Status.PUBLISHED)
        for index in range(1, size + 1):
            group = Group.objects.create(offering=offering, number=index)
            for discipline in disciplines[version.pk]:
                lecturer = rng.choice(staff)
                lecture = Teaching(offering=offering, group=group, discipline=discipline, kind=TaughtKind.LECTURE, lecturer=lecturer,
                                   lessons=max(1, math.ceil(discipline.lectures / 2)), room_kind=Room.Kind.LECTURE_HALL)
                practical_kind = Room.Kind.COMPUTER_CLASS if "digital" in version.programme.code and discipline.position % 2 else \
                    Room.Kind.SIMULATION_GROUND if "pretrial" in version.programme.code and discipline.position % 3 == 0 else Room.Kind.CLASSROOM
                practical_lecturer = invited_queue.pop() if invited_queue and rng.random() < 0.5 else rng.choice(staff)
                practical = Teaching(offering=offering, group=group, discipline=discipline, kind=TaughtKind.SEMINAR, lecturer=practical_lecturer,
                                     lessons=max(1, math.ceil(discipline.seminars / 2)), room_kind=practical_kind)
                if practical_lecturer.username.startswith("invited"):
                    practical.lessons = min(practical.lessons, 3)
                    offered = rng.sample([(d, p) for d in days for p in range(1, len(PERIODS) + 1)], k=min(len(days) * len(PERIODS), 4 * practical.lessons))
                    slots.extend((practical_lecturer, d, p) for d, p in offered)
                teachings.append((lecture, practical))
            made_groups += 1
        number += 1
    for lecture, practical in teachings:
        lecture.save()
        practical.after = lecture
        practical.save()
    # A staff lecturer on a business trip for two days of the term.
    Unavailability.objects.create(lecturer=staff[0], starts_on=calendar[10], ends_on=calendar[11], reason="Служебная командировка")
    periods = {p.number: p for p in Period.objects.all()}
    AvailableSlot.objects.bulk_create([AvailableSlot(lecturer=u, date=d, period=periods[p]) for u, d, p in slots], ignore_conflicts=True)
    lessons = sum(t.lessons for pair in teachings for t in pair)
    return {"term_groups": made_groups, "term_lessons": lessons, "term_lecturers": len(staff) + len(invited), "rooms": Room.objects.count()}
