"""Reference data of the catalog: the five competencies of the Passport of Competence, and
the durations of initial professional training by entering agency (seed 004)."""

from decimal import Decimal

COMPETENCIES = [
    ("general", ("Салалық (жалпы) құзыреттілік", "Отраслевая (общая) компетенция", "Industry-wide (general) competency")),
    ("informational", ("Ақпараттық құзыреттілік", "Информационная компетенция", "Informational competency")),
    ("written", ("Жазбаша құзыреттілік", "Письменная компетенция", "Written competency")),
    ("communicative", ("Коммуникативтік құзыреттілік", "Коммуникативная компетенция", "Communicative competency")),
    ("professional", ("Кәсіби құзыреттілік", "Профессиональная компетенция", "Professional competency")),
]

# (entering agency, track) → (study months, internship months), seed 004. Internal affairs has
# two programmes: investigators and criminologists 6 months; sergeants, criminal-executive and
# local police 3 months. The other agencies have one ("" track).
INITIAL_TRAINING_MONTHS = {
    ("prosecutor", ""): (Decimal(6), Decimal(6)),
    ("anticorruption", ""): (Decimal(5), Decimal(1)),
    ("financial-monitoring", ""): (Decimal(5), Decimal(1)),
    ("internal-affairs", "investigators"): (Decimal(6), Decimal(0)),
    ("internal-affairs", "sergeants"): (Decimal(3), Decimal(0)),
}
