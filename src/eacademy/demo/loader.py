"""The demo academy: deterministic, realistic data at three scales, loaded in bulk.

Same seed and scale, same data: agencies with regional and district units and yearly
headcounts, officers with valid IINs and Kazakh and Russian names, the Academy's staff, and
one login per role.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from eacademy.catalog.services import load_catalog_reference
from eacademy.core import services as core_services
from eacademy.core.iin import FEMALE, MALE, make_iin
from eacademy.core.models import User
from eacademy.core.names import search_key, transliterate
from eacademy.core.roles import Role
from eacademy.demo import name_data
from eacademy.demo.assessment import EXPERTS, load_demo_assessment
from eacademy.demo.billing import load_demo_billing
from eacademy.demo.campus import load_demo_campus
from eacademy.demo.distance import load_demo_distance
from eacademy.demo.enrollments import load_demo_enrollments
from eacademy.demo.events import load_demo_events
from eacademy.demo.exams import load_demo_exams
from eacademy.demo.governance import load_demo_councils, load_demo_governance
from eacademy.demo.history import load_demo_history
from eacademy.demo.internships import load_demo_internship
from eacademy.demo.journal import load_demo_journal
from eacademy.demo.library import load_demo_library
from eacademy.demo.plan import load_demo_plan
from eacademy.demo.postgrad import load_demo_postgrad
from eacademy.demo.programmes import load_demo_programmes
from eacademy.demo.staff import load_demo_staff
from eacademy.demo.timetable import TERM_WEEKS, load_demo_term, term_start
from eacademy.demo.today import load_demo_today
from eacademy.org.models import AcademyUnit, Agency, AgencyHeadcount, AgencyUnit, ClassRank, Position
from eacademy.org.services import load_reference_data
from eacademy.people.models import Person, StaffMember
from eacademy.timetable import services as timetable_services

DEMO_PASSWORD = "eacademy-demo"  # noqa: S105 - the demo's published password, never a real one
EXTRA_LOGINS = [f"expert{n}" for n in range(2, EXPERTS + 1)] + ["intern", "ipgehead"]  # made by the assessment's, the internship's and postgraduate demos
POSTGRAD = "postgrad"  # the student login's person is made by the postgraduate demo, from its own random numbers


@dataclass(frozen=True)
class Scale:
    officers: int
    districts_per_region: int
    staff_per_department: int


SCALES = {
    "small": Scale(officers=500, districts_per_region=1, staff_per_department=6),
    "medium": Scale(officers=10_000, districts_per_region=3, staff_per_department=12),
    "large": Scale(officers=100_000, districts_per_region=8, staff_per_department=20),
}

# (username, role, where the person works)
DEMO_LOGINS = [
    ("admin", Role.ADMINISTRATOR, "academy"),
    ("methodologist", Role.METHODOLOGIST, "ivt-omr"),
    ("head", Role.HEAD_OF_DEPARTMENT, "ivt-supervision"),
    ("lecturer", Role.LECTURER, "ivt-supervision"),
    ("coordinator", Role.AGENCY_COORDINATOR, "prosecutor"),
    ("directhead", Role.DIRECT_HEAD, "prosecutor"),
    ("listener", Role.LISTENER, "prosecutor"),
    ("expert", Role.EXPERT, "assessment"),
    ("dormitory", Role.DORMITORY_OFFICER, "dormitory"),
    ("leadership", Role.LEADERSHIP, "academy"),
    ("accountant", Role.ACCOUNTANT, "finance"),
    ("librarian", Role.LIBRARIAN, "library"),
    ("student", Role.STUDENT, POSTGRAD),
]
DEMO_PASSWORD_LOGINS = [username for username, _role, _place in DEMO_LOGINS] + EXTRA_LOGINS
_LOGIN_POSITIONS = {
    "admin": "chief-specialist", "methodologist": "methodologist", "head": "head-of-department",
    "lecturer": "senior-lecturer", "coordinator": "personnel-officer", "directhead": "head-of-division",
    "listener": "assistant-prosecutor", "expert": "associate-professor", "dormitory": "commandant",
    "leadership": "vice-rector", "accountant": "accountant", "librarian": "librarian",
}
_BATCH = 5_000


class DatabaseNotEmpty(Exception):
    pass


class _People:
    """Makes people with unique valid IINs and plausible names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.iins: set[str] = set()

    def _iin(self, birth_date: datetime.date, sex: str) -> str:
        while True:
            iin = make_iin(birth_date, sex, self.rng.randrange(10_000))
            if iin is not None and iin not in self.iins:
                self.iins.add(iin)
                return iin

    def make(self, **fields: object) -> Person:
        rng = self.rng
        sex = MALE if rng.random() < 0.72 else FEMALE
        birth_date = datetime.date(rng.randint(1966, 2002), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.75:
            first = rng.choice(name_data.KAZAKH_MALE if sex == MALE else name_data.KAZAKH_FEMALE)
            stem = rng.choice(name_data.KAZAKH_SURNAME_STEMS)
            last = stem + ("ев" if stem.endswith("а") else "ов") + ("а" if sex == FEMALE else "")
            middle = rng.choice(name_data.KAZAKH_MALE) + ("ұлы" if sex == MALE else "қызы")
        else:
            first = rng.choice(name_data.RUSSIAN_MALE if sex == MALE else name_data.RUSSIAN_FEMALE)
            last = rng.choice(name_data.RUSSIAN_SURNAMES) + ("а" if sex == FEMALE else "")
            middle = name_data.RUSSIAN_PATRONYMIC[rng.choice(name_data.RUSSIAN_MALE)][0 if sex == MALE else 1]
        return Person(
            iin=self._iin(birth_date, sex),
            last_name=last,
            first_name=first,
            middle_name=middle,
            search_key=search_key(last, first, middle),
            last_name_latin=transliterate(last).upper(),
            first_name_latin=transliterate(first).upper(),
            sex=sex,
            birth_date=birth_date,
            citizenship="KZ",
            **fields,
        )


def _agency_units(agency: Agency, root_number: int, scale: Scale) -> list[AgencyUnit]:
    """The agency's central office with its divisions and a regional office per region, each
    with district offices: paths are computed here so that the tree is inserted in bulk."""
    suffix_kk, prefix_ru, prefix_en = name_data.REGIONAL_UNIT_NAMES[agency.code]
    root_path = AgencyUnit._get_path(None, 1, root_number)
    units = [AgencyUnit(path=root_path, depth=1, agency=agency, level=AgencyUnit.Level.CENTRAL,
                        name_kk=f"{agency.name_kk}: орталық аппарат", name_ru=f"{agency.name_ru}: центральный аппарат",
                        name_en=f"{agency.name_en}: central office")]
    children = 0
    for number, (division_kk, division_ru, division_en) in enumerate(
        [("Кадр жұмысы басқармасы", "Управление кадровой работы", "Personnel Division"),
         ("Талдау басқармасы", "Аналитическое управление", "Analytical Division")], start=1):
        children += 1
        units.append(AgencyUnit(path=AgencyUnit._get_path(root_path, 2, number), depth=2, agency=agency,
                                level=AgencyUnit.Level.DIVISION, name_kk=division_kk, name_ru=division_ru, name_en=division_en))
    for region_kk, region_ru, region_en in name_data.REGIONS:
        children += 1
        region_path = AgencyUnit._get_path(root_path, 2, children)
        units.append(AgencyUnit(path=region_path, depth=2, agency=agency, level=AgencyUnit.Level.REGIONAL, region=region_en,
                                numchild=scale.districts_per_region,
                                name_kk=f"{region_kk} {suffix_kk}", name_ru=f"{prefix_ru} {region_ru}", name_en=f"{prefix_en} {region_en}"))
        for district in range(1, scale.districts_per_region + 1):
            units.append(AgencyUnit(path=AgencyUnit._get_path(region_path, 3, district), depth=3, agency=agency,
                                    level=AgencyUnit.Level.DISTRICT, region=region_en,
                                    name_kk=f"{region_kk}: {district}-аудандық бөлінісі", name_ru=f"{prefix_ru} {region_ru}: районное подразделение № {district}",
                                    name_en=f"{prefix_en} {region_en}: district unit {district}"))
    units[0].numchild = children
    return units


@transaction.atomic
def load_demo(*, scale_name: str, seed: int) -> dict[str, int]:
    if Person.objects.exists():
        raise DatabaseNotEmpty("The database already holds people: the demo loads only into an empty database.")
    scale = SCALES[scale_name]
    rng = random.Random(seed)
    people = _People(rng)
    load_reference_data()
    agencies = {a.code: a for a in Agency.objects.all()}
    positions = {p.code: p for p in Position.objects.all()}
    ranks = list(ClassRank.objects.all())
    justice_ranks = [r for r in ranks if r.seniority < 10]
    special_ranks = [r for r in ranks if r.seniority > 10]

    units: list[AgencyUnit] = []
    for number, code in enumerate(name_data.AGENCY_SHARES, start=1):
        units.extend(_agency_units(agencies[code], number, scale))
    bulk_create_with_history(units, AgencyUnit, batch_size=_BATCH, default_change_reason="demo")
    units_by_agency: dict[int, list[AgencyUnit]] = {}
    for unit in AgencyUnit.objects.all():
        units_by_agency.setdefault(unit.agency_id, []).append(unit)

    total_share = sum(name_data.AGENCY_SHARES.values())
    officer_positions = {
        "prosecutor": ["prosecutor", "senior-prosecutor", "assistant-prosecutor", "head-of-division"],
        "anticorruption": ["investigator", "senior-investigator", "operative", "head-of-division"],
        "financial-monitoring": ["investigator", "senior-investigator", "operative", "head-of-division"],
        "internal-affairs": ["investigator", "operative", "head-of-division"],
        "legal-statistics": ["specialist", "head-of-division"],
    }
    officers: list[Person] = []
    headcounts: list[AgencyHeadcount] = []
    this_year = timezone.localdate().year
    for code, share in name_data.AGENCY_SHARES.items():
        agency = agencies[code]
        count = max(1, round(scale.officers * share / total_share))
        agency_ranks = justice_ranks if code in ("prosecutor", "legal-statistics") else special_ranks
        for _ in range(count):
            officers.append(people.make(
                agency=agency,
                unit=rng.choice(units_by_agency[agency.pk]),
                position=positions[rng.choice(officer_positions[code])],
                rank=rng.choice(agency_ranks),
            ))
        # Officers in service: about twice those registered here, drifting a little year to year.
        base = count * 2
        for year in range(this_year - 7, this_year + 1):
            headcounts.append(AgencyHeadcount(agency=agency, year=year, headcount=round(base * rng.uniform(0.95, 1.05))))
    # A few participants of Regional Hub events from abroad: passport, no IIN.
    for code in ("kg-prosecutor", "uz-prosecutor"):
        agency = agencies[code]
        for number in range(max(2, scale.officers // 500)):
            person = people.make(agency=agency)
            person.iin = None
            person.citizenship = agency.country
            person.passport_number = f"{agency.country}{seed % 100:02d}{number:05d}"
            officers.append(person)
    bulk_create_with_history(officers, Person, batch_size=_BATCH, default_change_reason="demo")
    AgencyHeadcount.objects.bulk_create(headcounts, batch_size=_BATCH)

    staff_people: list[Person] = []
    staff_roles: list[tuple[str, str, bool, int]] = []  # unit code, position code, invited, practice years
    teaching = ["head-of-department", "professor", "associate-professor", "senior-lecturer", "lecturer"]
    for unit in AcademyUnit.objects.all():
        if unit.kind == AcademyUnit.Kind.DEPARTMENT:
            for number in range(scale.staff_per_department):
                position = teaching[0] if number == 0 else rng.choice(teaching[1:])
                staff_roles.append((unit.code, position, rng.random() < 0.2, rng.randint(3, 25)))
        elif unit.kind in (AcademyUnit.Kind.MANAGEMENT, AcademyUnit.Kind.CENTRE, AcademyUnit.Kind.OFFICE):
            for _ in range(max(2, scale.staff_per_department // 3)):
                staff_roles.append((unit.code, rng.choice(["methodologist", "chief-specialist"]), False, 0))
    staff_people = [people.make() for _ in staff_roles]
    bulk_create_with_history(staff_people, Person, batch_size=_BATCH, default_change_reason="demo")
    academy_units = {u.code: u for u in AcademyUnit.objects.all()}
    staff = [
        StaffMember(person=person, academy_unit=academy_units[unit_code], position=positions[position_code],
                    is_invited=invited, practice_years=years)
        for person, (unit_code, position_code, invited, years) in zip(staff_people, staff_roles, strict=True)
    ]
    bulk_create_with_history(staff, StaffMember, batch_size=_BATCH, default_change_reason="demo")

    for username, role, place in DEMO_LOGINS:
        user = core_services.user_create(username=username, password=None, roles=[role])  # the password is set below, once for all
        if place == POSTGRAD:
            continue
        if place in agencies:
            person = people.make(agency=agencies[place], unit=units_by_agency[agencies[place].pk][0],
                                 position=positions[_LOGIN_POSITIONS[username]], rank=justice_ranks[3], user=user)
            person.save()
        else:
            person = people.make(user=user)
            person.save()
            StaffMember.objects.create(person=person, academy_unit=academy_units[place], position=positions[_LOGIN_POSITIONS[username]])
        user.first_name, user.last_name = person.first_name, person.last_name  # how timetables, journals and orders name him
        user.save(update_fields=["first_name", "last_name"])
    load_catalog_reference()
    users = {u.username: u for u in User.objects.filter(username__in=[username for username, _role, _place in DEMO_LOGINS])}
    programme_decision = load_demo_councils(users=users)
    programmes = load_demo_programmes(rng=rng, methodologist=users["methodologist"], head=users["head"], decision=programme_decision)
    plan = load_demo_plan(rng=rng, methodologist=users["methodologist"])
    enrollments = load_demo_enrollments(rng=rng, users=users)
    load_demo_exams(rng=rng, users=users)
    load_demo_journal(rng=rng, users=users)
    history = load_demo_history(rng=rng, methodologist=users["methodologist"])
    term = load_demo_term(rng=rng, groups=6)
    starts = term_start()
    timetable_services.timetable_plan(starts_on=starts, ends_on=starts + datetime.timedelta(weeks=TERM_WEEKS + 3), seconds=30)  # the timetables have lessons to show
    # its own generator: how many draws it takes depends on the solver's assignment, which may differ between runs
    assessment = load_demo_assessment(rng=random.Random(f"assessment-{seed}"), methodologist=users["methodologist"])
    campus = load_demo_campus(rng=rng, users=users)
    recruit = people.make()  # entering the prosecutor's office: no agency or post yet
    recruit.save()
    internships = load_demo_internship(users=users, recruit=recruit)
    staff_records = load_demo_staff(rng=random.Random(f"staff-{seed}"))
    international = load_demo_events(rng=random.Random(f"events-{seed}"), users=users)
    paid = load_demo_billing(users=users)
    today = load_demo_today(users=users)
    people.rng = random.Random(f"postgrad-{seed}")  # last, and its own numbers: the data above stay as they were
    postgraduate = load_demo_postgrad(people=people.make, users=users)
    online = load_demo_distance(users=users)
    library = load_demo_library(users=users)
    governance = load_demo_governance(rng=random.Random(f"governance-{seed}"), users=users)
    # Every demo login signs in with the published demo password: hashed once (a hash takes a
    # tenth of a second by design), not once a login.
    User.objects.filter(username__in=DEMO_PASSWORD_LOGINS).update(password=make_password(DEMO_PASSWORD))
    return {
        "agencies": len(agencies),
        "units": len(units),
        "people": Person.objects.count(),
        "staff": StaffMember.objects.count(),
        "logins": len(DEMO_LOGINS),
        "programmes": programmes,
        **plan,
        **enrollments,
        **history,
        **assessment,
        **campus,
        **internships,
        **staff_records,
        **international,
        **paid,
        **today,
        **term,
        **postgraduate,
        **online,
        **library,
        **governance,
    }
