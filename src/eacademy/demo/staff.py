"""The demo's staff records: degrees, titles and special titles of the teaching staff (about half
scientists or practitioners, as the strategy's indicator was), invited lecturers' organisations and
topics, professional development over the last years, and the Regional Hub's 24 national trainers
(10 on financial crime, 14 on cybercrime, as seed 003 reports)."""

import datetime
import random

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from eacademy.org.models import ClassRank, Position
from eacademy.people.models import Person, StaffMember
from eacademy.staff.models import Development, HubArea, HubTrainer
from eacademy.staff.queries import PRACTITIONER_RANKS

ORGANISATIONS = [
    ("Верховный Суд Республики Казахстан", "Судебная практика по уголовным делам о коррупции"),
    ("Генеральная прокуратура Республики Казахстан", "Надзор за законностью досудебного расследования"),
    ("Агентство по противодействию коррупции", "Методика расследования взяточничества"),
    ("Управление ООН по наркотикам и преступности (UNODC)", "Противодействие отмыванию доходов; финансовые расследования"),
    ("ОБСЕ", "Расследование торговли людьми"),
]
DEVELOPMENTS = [
    (Development.Kind.COURSE, "Современные методы преподавания права", "Академия правоохранительных органов", 72),
    (Development.Kind.SCHOOL, "Школа педагогического мастерства", "Академия правоохранительных органов", 36),
    (Development.Kind.INTERNSHIP, "Стажировка в прокуратуре области", "Прокуратура Алматинской области", 80),
    (Development.Kind.COURSE, "Цифровые доказательства в уголовном процессе", "Назарбаев Университет", 40),
    (Development.Kind.ABROAD, "Международное сотрудничество по уголовным делам", "Академия Генеральной прокуратуры Российской Федерации", 72),
]


def load_demo_staff(*, rng: random.Random) -> dict[str, int]:
    today = timezone.localdate()
    practitioner_ranks = list(ClassRank.objects.filter(code__in=PRACTITIONER_RANKS[:3]))
    junior_ranks = list(ClassRank.objects.filter(code__in=["lawyer-1", "junior-counsellor"]))
    teaching = list(StaffMember.objects.filter(position__category=Position.Category.TEACHING).select_related("person", "position").order_by("pk"))
    people: list[Person] = []
    for member in teaching:
        if member.is_invited:
            member.organisation, member.topics = rng.choice(ORGANISATIONS)
            member.practice_years = max(member.practice_years, 5)
        elif rng.random() < 0.35 or member.position.code in ("professor", "head-of-department"):
            member.academic_degree = rng.choice([StaffMember.Degree.CANDIDATE, StaffMember.Degree.CANDIDATE, StaffMember.Degree.PHD, StaffMember.Degree.DOCTOR])
            if member.position.code in ("professor", "associate-professor"):
                member.academic_title = StaffMember.Title.PROFESSOR if member.position.code == "professor" else StaffMember.Title.ASSOCIATE_PROFESSOR
        if rng.random() < 0.4:
            member.person.rank = rng.choice(practitioner_ranks if member.practice_years >= 10 else junior_ranks)
            people.append(member.person)
    bulk_update_with_history(teaching, StaffMember, ["organisation", "topics", "practice_years", "academic_degree", "academic_title"],
                             batch_size=500, default_change_reason="demo")
    bulk_update_with_history(people, Person, ["rank"], batch_size=500, default_change_reason="demo")

    developments: list[Development] = []
    for member in teaching:
        for years_ago in range(4):
            if rng.random() < 0.18:
                kind, title, organisation, hours = rng.choice(DEVELOPMENTS)
                ends = today - datetime.timedelta(days=365 * years_ago + rng.randint(7, 300))
                developments.append(Development(member=member, kind=kind, title=title, organisation=organisation, hours=hours,
                                                ends_on=ends, starts_on=ends - datetime.timedelta(days=hours // 8 + 2),
                                                document=f"ПК-{ends.year}-{len(developments) + 1:04d}"))
    bulk_create_with_history(developments, Development, batch_size=500, default_change_reason="demo")

    officers = list(Person.objects.filter(agency__code__in=["prosecutor", "anticorruption", "kg-prosecutor", "uz-prosecutor"], user=None).order_by("pk")[:200])
    chosen = rng.sample(officers, min(24, len(officers)))
    trainers = [HubTrainer(person=person, area=HubArea.FINANCIAL if number < 10 else HubArea.CYBERCRIME,
                           qualified_on=today - datetime.timedelta(days=rng.randint(60, 6 * 365)), document=f"RH-{number + 1:03d}")
                for number, person in enumerate(chosen)]
    bulk_create_with_history(trainers, HubTrainer, batch_size=500, default_change_reason="demo")
    return {"developments": len(developments), "hub_trainers": len(trainers)}

