"""The demo assessment centre: behavioural indicators of the Passport of Competence with their
level anchors, the young prosecutor's required profile, four exercises, a finalised session
(ratings, a consensus, results to reveal) and one being rated, where the `expert` login has
candidates waiting. Five more experts (expert2 … expert6) sign in with the demo password."""

import datetime
import random

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from eacademy.assessment import queries, services
from eacademy.assessment.models import (
    Anchor,
    Assignment,
    Conflict,
    Exercise,
    Indicator,
    Rating,
    RequiredLevel,
    Session,
)
from eacademy.catalog.models import Competency
from eacademy.core import services as core_services
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.org.models import AcademyUnit, Position
from eacademy.people.models import Person, StaffMember

# competency → [(indicator (ru, kk), anchors for levels 1-4 (ru, kk))]
INDICATORS = {
    "general": [
        (("Знает и применяет нормы отраслевого законодательства", "Салалық заңнама нормаларын біледі және қолданады"), [
            ("Путает нормы, не находит применимую", "Нормаларды шатастырады, қолданылатынын таппайды"),
            ("Находит норму с подсказкой", "Норманы көмекпен табады"),
            ("Самостоятельно применяет нормы к типовым случаям", "Нормаларды типтік жағдайларға өзі қолданады"),
            ("Применяет нормы к нетиповым случаям, видит коллизии", "Нормаларды типтік емес жағдайларға қолданады, коллизияларды көреді"),
        ]),
        (("Организует надзор в отрасли", "Саладағы қадағалауды ұйымдастырады"), [
            ("Не планирует проверку", "Тексеруді жоспарламайды"),
            ("Планирует проверку по образцу", "Тексеруді үлгі бойынша жоспарлайды"),
            ("Составляет обоснованный план с приоритетами", "Басымдықтары бар негізделген жоспар жасайды"),
            ("Выстраивает надзор по рискам, предлагает улучшения", "Қадағалауды тәуекелдер бойынша құрады, жақсартулар ұсынады"),
        ]),
    ],
    "informational": [
        (("Работает с ведомственными информационными системами", "Ведомстволық ақпараттық жүйелермен жұмыс істейді"), [
            ("Не находит нужные сведения в системе", "Жүйеде қажетті мәліметтерді таппайды"),
            ("Находит сведения по простому запросу", "Мәліметтерді қарапайым сұрау бойынша табады"),
            ("Сопоставляет данные нескольких систем", "Бірнеше жүйенің деректерін салыстырады"),
            ("Выявляет по данным скрытые нарушения", "Деректер бойынша жасырын бұзушылықтарды анықтайды"),
        ]),
        (("Анализирует проблемные вопросы", "Проблемалық мәселелерді талдайды"), [
            ("Пересказывает факты без выводов", "Фактілерді қорытындысыз баяндайды"),
            ("Делает частные выводы", "Жеке қорытындылар жасайды"),
            ("Выявляет причины и связи", "Себептер мен байланыстарды анықтайды"),
            ("Предлагает системные решения", "Жүйелі шешімдер ұсынады"),
        ]),
    ],
    "written": [
        (("Составляет процессуальные документы", "Іс жүргізу құжаттарын жасайды"), [
            ("Документ не отвечает требованиям", "Құжат талаптарға сай емес"),
            ("Документ с существенными недочётами", "Құжатта елеулі кемшіліктер бар"),
            ("Документ правильный по форме и содержанию", "Құжат нысаны мен мазмұны бойынша дұрыс"),
            ("Документ образцовый, доводы исчерпывающие", "Құжат үлгілі, дәлелдері толық"),
        ]),
        (("Излагает мысль ясно и грамотно", "Ойды анық және сауатты жеткізеді"), [
            ("Текст трудно понять", "Мәтінді түсіну қиын"),
            ("Текст понятен, есть ошибки", "Мәтін түсінікті, қателер бар"),
            ("Текст ясный и грамотный", "Мәтін анық және сауатты"),
            ("Текст точный, убедительный, без лишнего", "Мәтін дәл, сенімді, артық сөзсіз"),
        ]),
    ],
    "communicative": [
        (("Ведёт беседу с гражданином", "Азаматпен әңгіме жүргізеді"), [
            ("Перебивает, не слышит собеседника", "Сөзін бөледі, әңгімелесушіні тыңдамайды"),
            ("Выслушивает, но теряет нить", "Тыңдайды, бірақ желісін жоғалтады"),
            ("Выясняет суть и объясняет права", "Мәнін анықтайды және құқықтарын түсіндіреді"),
            ("Снимает напряжение, добивается согласия", "Шиеленісті басады, келісімге қол жеткізеді"),
        ]),
        (("Аргументирует позицию", "Ұстанымын дәлелдейді"), [
            ("Не может обосновать позицию", "Ұстанымын негіздей алмайды"),
            ("Приводит отдельные доводы", "Жекелеген дәлелдер келтіреді"),
            ("Последовательно аргументирует", "Дәйекті дәлелдейді"),
            ("Убеждает, предвидит возражения", "Сендіреді, қарсылықтарды алдын ала көреді"),
        ]),
    ],
    "professional": [
        (("Принимает решения в пределах полномочий", "Өкілеттік шегінде шешім қабылдайды"), [
            ("Решение незаконно или не принято", "Шешім заңсыз немесе қабылданбаған"),
            ("Решение законно, но запоздало", "Шешім заңды, бірақ кешіктірілген"),
            ("Своевременное законное решение", "Уақтылы заңды шешім"),
            ("Решение оптимально, учтены последствия", "Шешім оңтайлы, салдары ескерілген"),
        ]),
        (("Планирует и распределяет время", "Уақытты жоспарлайды және бөледі"), [
            ("Не укладывается, теряет важное", "Үлгермейді, маңыздыны жоғалтады"),
            ("Укладывается с трудом", "Қиындықпен үлгереді"),
            ("Расставляет приоритеты и укладывается", "Басымдықтарды қояды және үлгереді"),
            ("Завершает раньше, проверяет результат", "Ертерек аяқтайды, нәтижені тексереді"),
        ]),
    ],
}

REQUIRED = {"general": 3, "informational": 3, "written": 3, "communicative": 2, "professional": 3}

# (kind, ru, kk, minutes, competencies observed, instructions)
EXERCISES = [
    (Exercise.Kind.CASE_STUDY, "Кейс: проверка законности в сфере госзакупок", "Кейс: мемлекеттік сатып алу саласындағы заңдылықты тексеру", 90,
     ["general", "informational", "professional"],
     "Изучите материалы проверки, найдите нарушения в данных информационной системы и предложите меры прокурорского реагирования."),
    (Exercise.Kind.IN_BASKET, "Входящие документы прокурора района", "Аудан прокурорының кіріс құжаттары", 60, ["professional", "general"],
     "За час разберите двенадцать поступивших документов: решите, что делать с каждым, и в каком порядке."),
    (Exercise.Kind.DRAFTING, "Составление представления об устранении нарушений", "Бұзушылықтарды жою туралы ұсыну жасау", 60,
     ["written", "general"], "По материалам проверки составьте представление об устранении нарушений закона."),
    (Exercise.Kind.ROLE_PLAY, "Приём гражданина с жалобой", "Шағыммен келген азаматты қабылдау", 20, ["communicative", "professional"],
     "Проведите приём гражданина, недовольного ответом на его обращение; роль гражданина играет актёр."),
]

EXPERTS = 6
CANDIDATES = 12


def load_demo_assessment(*, rng: random.Random, methodologist: User) -> dict[str, int]:
    competencies = {c.code: c for c in Competency.objects.all()}
    indicators: dict[str, list[Indicator]] = {}
    anchors = []
    for code, items in INDICATORS.items():
        for position, ((ru, kk), levels) in enumerate(items):
            indicator = Indicator.objects.create(competency=competencies[code], position=position, name_ru=ru, name_kk=kk)
            indicators.setdefault(code, []).append(indicator)
            anchors += [Anchor(indicator=indicator, level=level, name_ru=a_ru, name_kk=a_kk) for level, (a_ru, a_kk) in enumerate(levels, start=1)]
    Anchor.objects.bulk_create(anchors)
    young = Position.objects.get(code="assistant-prosecutor")
    RequiredLevel.objects.bulk_create([RequiredLevel(position=young, competency=competencies[code], level=level) for code, level in REQUIRED.items()])
    exercises = []
    for kind, ru, kk, minutes, observed, instructions in EXERCISES:
        exercise = Exercise.objects.create(kind=kind, name_ru=ru, name_kk=kk, minutes=minutes, instructions=instructions)
        exercise.indicators.set([i for code in observed for i in indicators[code]])
        exercises.append(exercise)

    expert_people = [Person.objects.get(user__username="expert")]
    staff = list(StaffMember.objects.filter(academy_unit__kind=AcademyUnit.Kind.DEPARTMENT).select_related("person")[:EXPERTS - 1])
    for number, member in enumerate(staff, start=2):
        user = core_services.user_create(username=f"expert{number}", password=None, roles=[Role.EXPERT])  # the loader sets the demo password
        member.person.user = user
        member.person.save(update_fields=["user"])
        expert_people.append(member.person)

    young_officers = list(Person.objects.filter(position=young, user__isnull=True).order_by("pk")[: CANDIDATES * 2])
    leniency = {p.pk: rng.choice([-0.6, -0.2, 0.0, 0.0, 0.2, 0.7]) for p in expert_people}
    today = timezone.localdate()
    finalised = _session(rng, "Ассессмент молодых сотрудников прокуратуры", today - datetime.timedelta(days=40), young, exercises,
                         expert_people, young_officers[:CANDIDATES], methodologist, leniency, rate_all=True)
    services.session_finalise(actor=methodologist, session=finalised)
    _session(rng, "Ассессмент молодых сотрудников прокуратуры (2 поток)", today, young, exercises, expert_people,
             young_officers[CANDIDATES:], methodologist, leniency, rate_all=False)
    return {"assessment_sessions": 2, "assessment_ratings": Rating.objects.count()}


def _session(rng: random.Random, title: str, date: datetime.date, position: Position, exercises: list[Exercise], experts: list[Person],
             candidates: list[Person], methodologist: User, leniency: dict[int, float], *, rate_all: bool) -> Session:
    """A session assigned by the solver; its experts rate (all of it, or all but the `expert` login's part), a consensus settles each wide gap."""
    session = services.session_create(actor=methodologist, title=title, date=date, position=position, exercises=exercises)
    services.candidates_add(actor=methodologist, session=session, people=candidates)
    services.experts_add(actor=methodologist, session=session, people=experts)
    if not rate_all:  # the expert login once headed one of the candidates
        services.conflict_declare(actor=methodologist, expert=experts[0], person=candidates[0], kind=Conflict.Kind.FORMER_SUBORDINATE)
    services.experts_assign(actor=methodologist, session=session, seconds=10)
    ability = {c.pk: rng.gauss(2.8, 0.6) for c in session.candidates.all()}
    ratings, rated = [], []
    for assignment in Assignment.objects.filter(session=session).select_related("expert__person").prefetch_related("exercise__indicators"):
        if not rate_all and assignment.expert.person_id == experts[0].pk:  # the expert login's part waits for him
            continue
        for indicator in assignment.exercise.indicators.all():
            level = round(ability[assignment.candidate_id] + leniency[assignment.expert.person_id] + rng.gauss(0, 0.55))
            ratings.append(Rating(assignment=assignment, indicator=indicator, level=min(4, max(1, level))))
        assignment.submitted_at = timezone.now()
        rated.append(assignment)
    bulk_create_with_history(ratings, Rating, default_change_reason="demo")
    Assignment.objects.bulk_update(rated, ["submitted_at"])
    if rate_all:
        coded = session.candidates.in_bulk()
        by_exercise, by_indicator = {e.pk: e for e in exercises}, Indicator.objects.in_bulk()
        for (candidate_id, exercise_id, indicator_id), levels in queries.discrepancies(session).items():
            values = sorted(level for _expert, level in levels)
            services.consensus_record(actor=methodologist, candidate=coded[candidate_id], exercise=by_exercise[exercise_id],
                                      indicator=by_indicator[indicator_id], level=values[len(values) // 2],
                                      reasoning="Эксперты сверили наблюдения по протоколу и согласовали уровень.")
    return session
