"""Reference data of the catalog: the five competencies of the Passport of Competence, and
the durations of initial professional training by entering agency (seed 004)."""

from decimal import Decimal

from django.db import transaction

from eacademy.catalog.models import Competency

COMPETENCIES = [
    ("general", ("Салалық (жалпы) құзыреттілік", "Отраслевая (общая) компетенция", "Industry-wide (general) competency")),
    ("informational", ("Ақпараттық құзыреттілік", "Информационная компетенция", "Informational competency")),
    ("written", ("Жазбаша құзыреттілік", "Письменная компетенция", "Written competency")),
    ("communicative", ("Коммуникативтік құзыреттілік", "Коммуникативная компетенция", "Communicative competency")),
    ("professional", ("Кәсіби құзыреттілік", "Профессиональная компетенция", "Professional competency")),
]

# Entering agency → (study months, internship months). Internal affairs: 6 months for
# investigators and criminologists; sergeants and local police take 3 (a separate programme).
INITIAL_TRAINING_MONTHS = {
    "prosecutor": (Decimal(6), Decimal(6)),
    "anticorruption": (Decimal(5), Decimal(1)),
    "financial-monitoring": (Decimal(5), Decimal(1)),
    "internal-affairs": (Decimal(6), Decimal(0)),
}

# The four modules of the Presidential Reserve programme (seed 002).
RESERVE_MODULES = [
    ("Мемлекеттік саясаттың негізгі бағыттары", "Основные направления государственной политики", "Main directions of state policy"),
    (
        "Жаппай наразылық пен террорлық әрекеттер кезіндегі келіссөздер тактикасы",
        "Тактика ведения переговоров при массовых протестах и террористических акциях",
        "Negotiation tactics during mass protest and terrorist actions",
    ),
    (
        "Басқару қызметіндегі талдамалық жұмыстың негіздері",
        "Основы аналитической работы в управленческой деятельности",
        "Fundamentals of analytical work in management activities",
    ),
    ("Көшбасшылық және басшының жеке тиімділігі", "Лидерство и личная эффективность руководителя", "Leadership and personal effectiveness of a manager"),
]


@transaction.atomic
def load_catalog_reference() -> None:
    for position, (code, (kk, ru, en)) in enumerate(COMPETENCIES, start=1):
        Competency.objects.update_or_create(code=code, defaults={"position": position, "name_kk": kk, "name_ru": ru, "name_en": en})
