"""Reference data of the catalog: the five competencies of the Passport of Competence, and
the durations of initial professional training by entering agency (seed 004), and the credits of
postgraduate programmes."""

import datetime
from decimal import Decimal

from django.db.models import Model

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


# Credits of postgraduate programmes (kind, months of study, credits at least), checked on the date
# below against the state standards of postgraduate education (order of the Minister of Science and
# Higher Education No. 2 of 20.07.2022) and the rules of credit technology (order of the Minister of
# Education and Science No. 152 of 20.04.2011 as amended).
CREDIT_NORMS = [("master_sci", 24, 120), ("master_prof", 12, 60), ("master_prof", 18, 90), ("doctoral", 36, 180)]
CREDIT_NORMS_SOURCE = ("State compulsory standards of postgraduate education, order of the Minister of Science and Higher Education "
                       "No. 2 of 20.07.2022; rules of credit technology, order No. 152 of 20.04.2011 as amended")
CREDIT_NORMS_CHECKED = datetime.date(2026, 12, 3)


def load_credit_norms(model: type[Model]) -> None:
    """Seed the norms (the migration passes its historical model)."""
    for kind, months, credits in CREDIT_NORMS:
        model._default_manager.update_or_create(kind=kind, study_months=months, defaults={
            "min_credits": credits, "source": CREDIT_NORMS_SOURCE, "checked_on": CREDIT_NORMS_CHECKED})
