"""A small profile master's programme of 18 months (90 credits) over three semesters, built through
the services, with a student admitted by a signed order: what the postgraduate tests stand on."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from eacademy.catalog import services as catalog
from eacademy.catalog.models import Competency, Component, Cycle, Discipline, ProgrammeKind
from eacademy.core import services as core_services
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.org.models import AcademyUnit, Agency, Position
from eacademy.people.models import Person, StaffMember
from eacademy.postgrad import services
from eacademy.postgrad.models import AcademicYear, Period, Student, Teaching
from tests.governance.decisions import programme_decision

# (key, cycle, component, period, credits)
DISCIPLINES = [("A", Cycle.BASIC, Component.COMPULSORY, 1, 5), ("B", Cycle.BASIC, Component.COMPULSORY, 1, 4), ("C", Cycle.MAJOR, Component.ELECTIVE, 1, 3),
               ("C2", Cycle.MAJOR, Component.ELECTIVE, 1, 3), ("D", Cycle.MAJOR, Component.COMPULSORY, 2, 6), ("E", Cycle.MAJOR, Component.COMPULSORY, 2, 4),
               ("F", Cycle.MAJOR, Component.COMPULSORY, 3, 5), ("R", Cycle.RESEARCH, Component.COMPULSORY, 3, 63)]


@dataclass
class World:
    registrar: User
    lecturer: User
    supervisor: User
    head: User
    student: Student
    periods: list[Period]
    disciplines: dict[str, Discipline]

    def teaching(self, key: str, period: int) -> Teaching:
        return Teaching.objects.get(discipline=self.disciplines[key], period=self.periods[period - 1])


def staff_user(username: str, role: str, position: str, unit: str = "ipge-general-law") -> User:
    user = core_services.user_create(username=username, password=None, roles=[role])
    person = Person.objects.filter(user=None, staff=None, agency=None).first()
    person.user = user
    person.save(update_fields=["user"])
    StaffMember.objects.create(person=person, academy_unit=AcademyUnit.objects.get(code=unit), position=Position.objects.get(code=position))
    return user


def build(persona, *, student_login: bool = True) -> World:
    registrar, leadership = persona(Role.METHODOLOGIST), persona(Role.LEADERSHIP)
    lecturer = staff_user("pg-lecturer", Role.LECTURER, "associate-professor")
    supervisor = staff_user("pg-supervisor", Role.LECTURER, "professor")
    head = staff_user("pg-head", Role.HEAD_OF_DEPARTMENT, "head-of-department")
    programme = catalog.programme_create(actor=registrar, code="test-profile-master", kind=ProgrammeKind.MASTER_PROFILE, names=("", "Профильная магистратура", ""),
                                         department=AcademyUnit.objects.get(code="ipge-general-law"))
    version = programme.versions.get()
    catalog.version_update(actor=registrar, version=version, study_months=Decimal(18), internship_months=Decimal(0), target_categories=["officers"],
                           languages=["kk", "ru"], study_format="full_time")
    modules, disciplines = {}, {}
    for key, cycle, component, period, credits in DISCIPLINES:
        if cycle not in modules:
            modules[cycle] = catalog.module_add(actor=registrar, version=version, names=("", str(cycle), ""), cycle=cycle)
        disciplines[key] = catalog.discipline_add(actor=registrar, module=modules[cycle], names=(f"Пән {key} әңгіме", f"Дисциплина {key}", f"Discipline {key}"),
                                                  hours={"lectures": credits * 10, "independent": credits * 20}, credits=credits, component=component, period=period)
    catalog.competency_set(actor=registrar, version=version, competency=Competency.objects.get(code="professional"), level=2)
    version = catalog.version_approve(actor=persona(Role.HEAD_OF_DEPARTMENT), version=version, reviewing_agency=Agency.objects.get(code="prosecutor"), conclusion="Одобрено", decision=programme_decision())
    first = AcademicYear.objects.filter(starts_on__year=2010).first() or services.year_open(actor=registrar, starts_on=datetime.date(2010, 9, 1), ends_on=datetime.date(2011, 8, 31))
    second = services.year_open(actor=registrar, starts_on=datetime.date(2011, 9, 1), ends_on=datetime.date(2012, 8, 31))
    registration = datetime.date(2010, 8, 1), datetime.date(2010, 9, 10)
    periods = [services.period_open(actor=registrar, year=first, kind=Period.Kind.AUTUMN, starts_on=datetime.date(2010, 9, 1), ends_on=datetime.date(2011, 1, 20), registration=registration),
               services.period_open(actor=registrar, year=first, kind=Period.Kind.SPRING, starts_on=datetime.date(2011, 1, 21), ends_on=datetime.date(2011, 5, 31),
                                    registration=(datetime.date(2011, 1, 10), datetime.date(2011, 1, 31))),
               services.period_open(actor=registrar, year=second, kind=Period.Kind.AUTUMN, starts_on=datetime.date(2011, 9, 1), ends_on=datetime.date(2012, 1, 20),
                                    registration=(datetime.date(2011, 8, 1), datetime.date(2011, 9, 10)))]
    for key, _cycle, _component, period, _credits in DISCIPLINES:
        services.teaching_set(actor=registrar, discipline_id=disciplines[key].pk, period=periods[period - 1], lecturer=lecturer)
    person = Person.objects.filter(user=None, staff=None).exclude(agency=None).first()
    if student_login:
        person.user = core_services.user_create(username="pg-student", password=None, roles=[])
        person.save(update_fields=["user"])
    admission = services.round_open(actor=registrar, version=version, year=first, places=1, documents=["diploma"], exams=[("Профиль", 50, 100)], rules="Order No. 45")
    applicant = services.applicant_register(actor=registrar, admission=admission, person=person, documents=["diploma"])
    services.entrance_mark_set(actor=registrar, applicant=applicant, exam=admission.exams.get(), points=80)
    services.admission_order_draft(actor=registrar, admission=admission)
    (student,) = services.admission_order_sign(actor=leadership, admission=admission)
    services.supervisor_assign(actor=registrar, student=student, supervisor=StaffMember.objects.get(person__user=supervisor))
    student = Student.objects.select_related("person__user", "supervisor__person", "version__programme").get(pk=student.pk)
    return World(registrar, lecturer, supervisor, head, student, periods, disciplines)


def approve_plan(world: World, *, electives: tuple[str, ...] = ("C",)) -> None:
    for key in electives:
        services.plan_choose(actor=world.registrar, student=world.student, teaching=world.teaching(key, 1))
    services.plan_submit(actor=world.registrar, student=world.student)
    services.plan_approve(actor=world.supervisor, student=world.student)
    services.plan_approve(actor=world.head, student=world.student)
