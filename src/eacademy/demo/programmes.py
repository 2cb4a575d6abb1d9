"""Programmes of every kind for the demo academy, written through the catalog's services."""

import random

from django.db import transaction

from eacademy.catalog import services
from eacademy.catalog.models import Competency, Programme, ProgrammeKind, RecruitTrack, VersionCompetency
from eacademy.core.models import User
from eacademy.governance.models import Decision
from eacademy.org.models import AcademyUnit, Agency

# (code, kind, department code, entering agency code or "", (kk, ru, en))
PROGRAMMES = [
    ("initial-prosecutor", ProgrammeKind.INITIAL, "ivt-supervision", "prosecutor",
     ("Прокуратура органдарына алғаш кіретін тұлғаларды бастапқы кәсіби даярлау", "Первоначальная профессиональная подготовка лиц, впервые поступающих в органы прокуратуры", "Initial professional training for the prosecutor's office")),
    ("initial-anticorruption", ProgrammeKind.INITIAL, "ivt-prosecution", "anticorruption",
     ("Сыбайлас жемқорлыққа қарсы қызметке алғаш кіретін тұлғаларды бастапқы кәсіби даярлау", "Первоначальная профессиональная подготовка лиц, впервые поступающих в антикоррупционную службу", "Initial professional training for the anti-corruption service")),
    ("initial-economic", ProgrammeKind.INITIAL, "ivt-prosecution", "financial-monitoring",
     ("Экономикалық тергеу қызметіне алғаш кіретін тұлғаларды бастапқы кәсіби даярлау", "Первоначальная профессиональная подготовка лиц, впервые поступающих в службу экономических расследований", "Initial professional training for the economic investigation service")),
    ("initial-police", ProgrammeKind.INITIAL, "ivt-service", "internal-affairs",
     ("Ішкі істер органдарының тергеушілерін бастапқы кәсіби даярлау", "Первоначальная профессиональная подготовка следователей органов внутренних дел", "Initial professional training for internal affairs investigators")),
    ("adv-pretrial", ProgrammeKind.ADVANCED, "ivt-supervision", "",
     ("Сотқа дейінгі тергеп-тексерудің заңдылығын прокурорлық қадағалау", "Прокурорский надзор за законностью досудебного расследования", "Prosecutorial supervision of pre-trial investigation")),
    ("adv-anticorruption", ProgrammeKind.ADVANCED, "ivt-prosecution", "",
     ("Сыбайлас жемқорлыққа қарсы іс-қимыл: тергеу әдістемесі", "Противодействие коррупции: методика расследования", "Countering corruption: investigation methods")),
    ("adv-money-laundering", ProgrammeKind.ADVANCED, "ivt-threats", "",
     ("Қылмыстық кірістерді заңдастыруға қарсы іс-қимыл", "Противодействие легализации преступных доходов", "Countering the laundering of criminal proceeds")),
    ("adv-digital-evidence", ProgrammeKind.ADVANCED, "ivt-prosecution", "",
     ("Цифрлық дәлелдемелер және киберқылмыстарды тергеу", "Цифровые доказательства и расследование киберпреступлений", "Digital evidence and cybercrime investigation")),
    ("adv-extremism", ProgrammeKind.ADVANCED, "ivt-threats", "",
     ("Терроризм мен экстремизмге қарсы іс-қимыл", "Противодействие терроризму и экстремизму", "Countering terrorism and extremism")),
    ("adv-business-rights", ProgrammeKind.ADVANCED, "ivt-supervision", "",
     ("Кәсіпкерлердің құқықтарын қорғау саласындағы қадағалау", "Надзор в сфере защиты прав предпринимателей", "Supervision of the protection of entrepreneurs' rights")),
    ("adv-legal-statistics", ProgrammeKind.ADVANCED, "ivt-service", "",
     ("Құқықтық статистика және арнайы есепке алу", "Правовая статистика и специальные учёты", "Legal statistics and special accounts")),
    ("retraining-supervision", ProgrammeKind.RETRAINING, "ivt-supervision", "",
     ("Прокурорлық қадағалау саласына қайта даярлау", "Переподготовка в сфере прокурорского надзора", "Retraining in prosecutorial supervision")),
    ("reserve", ProgrammeKind.RESERVE, "ivt-service", "",
     ("Құқық қорғау органдары басшыларының Президенттік резерві", "Президентский резерв руководителей правоохранительных органов", "Presidential Reserve of law-enforcement leaders")),
    ("cis-prosecutors", ProgrammeKind.CIS, "ivt-supervision", "",
     ("ТМД елдері прокурорларының біліктілігін арттыру курсы", "Курс повышения квалификации прокуроров государств – участников СНГ", "Advanced course for prosecutors of the CIS states")),
    ("hub-global-threats", ProgrammeKind.INTERNATIONAL, "ivt-hub", "",
     ("Жаһандық қатерлерге қарсы іс-қимыл: өңірлік семинар", "Противодействие глобальным угрозам: региональный семинар", "Countering global threats: a regional seminar")),
]

_MODULE_NAMES = [
    ("Құқықтық негіздер", "Правовые основы", "Legal framework"),
    ("Практикалық дағдылар", "Практические навыки", "Practical skills"),
    ("Тағылымдама", "Стажировка", "Internship"),
]
_DISCIPLINE_NAMES = [
    ("Заңнаманың өзекті мәселелері", "Актуальные вопросы законодательства", "Current issues of legislation"),
    ("Құқық қолдану практикасы", "Правоприменительная практика", "Law enforcement practice"),
    ("Кейстерді талдау", "Разбор кейсов", "Case analysis"),
    ("Іскерлік ойын", "Деловая игра", "Business game"),
    ("Құжаттарды дайындау", "Подготовка процессуальных документов", "Drafting procedural documents"),
]


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
def load_demo_programmes(*, rng: random.Random, methodologist: User, head: User, decision: Decision) -> int:
    units = {u.code: u for u in AcademyUnit.objects.all()}
    agencies = {a.code: a for a in Agency.objects.all()}
    competencies = list(Competency.objects.all())
    for code, kind, department, entering, names in PROGRAMMES:
        programme = services.programme_create(
            actor=methodologist, code=code, kind=kind, names=names, department=units[department],
            entering_agency=agencies[entering] if entering else None, recruit_track=RecruitTrack.INVESTIGATORS if entering == "internal-affairs" else "",
        )
        version = programme.versions.get()
        module_names = RESERVE_MODULES if kind == ProgrammeKind.RESERVE else _MODULE_NAMES[: 3 if kind == ProgrammeKind.INITIAL else 2]
        for module_names_3 in module_names:
            module = services.module_add(actor=methodologist, version=version, names=module_names_3)
            for discipline_names in rng.sample(_DISCIPLINE_NAMES, 3):
                hours = {"lectures": rng.choice([4, 6, 8]), "seminars": rng.choice([4, 8, 12]), "independent": rng.choice([2, 4]), "control": 2}
                if module_names_3 == _MODULE_NAMES[2]:
                    hours = {"internship": rng.choice([80, 120, 160])}
                services.discipline_add(actor=methodologist, module=module, names=discipline_names, hours=hours)
        for competency in rng.sample(competencies, 3):
            services.competency_set(actor=methodologist, version=version, competency=competency, level=rng.choice(VersionCompetency.Level.values))
        reviewer = agencies[entering] if entering else agencies["prosecutor"]
        services.version_approve(actor=head, version=version, reviewing_agency=reviewer,
                                 conclusion="Программа соответствует потребностям практики.", decision=decision)
    return Programme.objects.count()
