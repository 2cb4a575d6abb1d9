"""Training needs and an annual plan of about 120 offerings for the demo academy, written
through the planning services."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from eacademy.catalog.models import ListenerCategory, ProgrammeKind, ProgrammeVersion, StudyFormat
from eacademy.catalog.queries import course_end
from eacademy.core.models import User
from eacademy.demo.name_data import AGENCY_SHARES
from eacademy.org.models import Agency
from eacademy.planning import services
from eacademy.planning.models import Offering

_TOPICS = [
    "Цифровые доказательства в уголовном процессе",
    "Надзор за соблюдением прав граждан при задержании",
    "Выявление схем легализации через криптоактивы",
    "Подготовка обвинительного акта",
]
_DEFICIENCIES = [
    "Проверки выявили ошибки при квалификации деяний.",
    "Недостаточное качество надзорных актов.",
    "Слабые навыки работы с цифровыми доказательствами.",
]


@transaction.atomic
def load_demo_plan(*, rng: random.Random, methodologist: User, offerings: int = 120) -> dict[str, int]:
    year = timezone.localdate().year + 1
    agencies = {a.code: a for a in Agency.objects.all()}
    versions = list(ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.APPROVED).select_related("programme"))
    for code in AGENCY_SHARES:
        for _ in range(rng.randint(6, 10)):
            version = rng.choice(versions)
            use_topic = rng.random() < 0.2
            services.need_submit(
                actor=methodologist, agency=agencies[code], year=year,
                programme=None if use_topic else version.programme, topic=rng.choice(_TOPICS) if use_topic else "",
                category=rng.choice([ListenerCategory.OFFICERS, ListenerCategory.MANAGERS]),
                quantity=rng.randint(5, 60), qualitative=rng.choice(_DEFICIENCIES),
            )
    total_share = sum(AGENCY_SHARES.values())
    for number in range(offerings):
        version = versions[number % len(versions)]
        kind = version.programme.kind
        starts_on = datetime.date(year, 1, 12) + datetime.timedelta(days=rng.randrange(0, 330))
        days = {ProgrammeKind.RETRAINING: 60, ProgrammeKind.RESERVE: 20}.get(ProgrammeKind(kind), rng.choice([5, 10, 12]))
        capacity = rng.choice([20, 25, 30, 40])
        offering = services.offering_create(
            actor=methodologist, version=version, starts_on=starts_on, ends_on=course_end(version, starts_on) or starts_on + datetime.timedelta(days=days),
            place="Қосшы", capacity=capacity, language=rng.choice(version.languages),
            study_format=rng.choice([StudyFormat.FULL_TIME, StudyFormat.FULL_TIME, StudyFormat.BLENDED]),
            department=version.programme.department,
        )
        if kind == ProgrammeKind.INITIAL and version.programme.entering_agency is not None:
            quotas = {version.programme.entering_agency: capacity}
        elif version.target_categories == [ListenerCategory.FOREIGN]:  # the Regional Hub's courses: seats for the neighbours' prosecutors
            quotas = {agencies[code]: capacity // 2 for code in ("kg-prosecutor", "uz-prosecutor")}
        else:
            quotas = {agencies[code]: capacity * share // total_share for code, share in AGENCY_SHARES.items()}
        services.offering_set_quotas(actor=methodologist, offering=offering, seats_by_agency=quotas)
        if rng.random() < 0.85:
            services.offering_publish(actor=methodologist, offering=offering)
    return {"offerings": Offering.objects.count()}
