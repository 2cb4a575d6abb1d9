"""The demo's governance: the councils and the Academic Council's meeting that approves the
programmes (loaded before them), signing keys from a demo certificate authority, then orders of
several kinds on their routes (one signed, one awaiting the Rector's signature, one for official use
awaiting the head's visa), appeals around a holiday, the strategy's action plan, the IQAA
recommendations (18 of 20 fulfilled: 90 %), proposals and the plan of educational work."""

import datetime
import random

from django.utils import timezone

from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.signing import Authority
from eacademy.governance import services
from eacademy.governance.models import (
    AgendaItem,
    Appeal,
    Council,
    Decision,
    EducationalEvent,
    Measure,
    Member,
    Order,
    Progress,
    Proposal,
    Recommendation,
)
from eacademy.org.models import AcademyUnit

AUTHORITY_NAME = "E-Academy demo certificate authority"
# Staff logins seated on the Academic Council, the chair and the secretary first.
ACADEMIC_COUNCIL = ["leadership", "methodologist", "admin", "head", "lecturer", "librarian", "accountant"]


def load_demo_councils(*, users: dict[str, User]) -> Decision:
    """Keys for the leadership and the Academy's seal; the four councils; the Academic Council's
    meeting a month ago, with quorum, whose decision approves the educational programmes."""
    authority = Authority.create(AUTHORITY_NAME)
    authority.trust()
    for user in User.objects.filter(groups__name=Role.LEADERSHIP):
        authority.issue_key(user, user.get_full_name() or user.username)
    authority.issue_key(None, "Академия ПО при ГП РК")
    secretary = users["methodologist"]
    seats = {
        Council.Kind.ACADEMIC: ACADEMIC_COUNCIL,
        Council.Kind.ACADEMIC_METHODOLOGICAL: ["head", "methodologist", "lecturer", "librarian", "admin"],
        Council.Kind.SCIENTIFIC_METHODOLOGICAL: ["leadership", "methodologist", "head", "lecturer"],
        Council.Kind.STUDENTS: ["student", "methodologist"],
    }
    councils = {}
    for kind, logins in seats.items():
        council = councils[kind] = save_by(Council(kind=kind), secretary)
        for i, login in enumerate(logins):
            role = Member.Role.CHAIR if i == 0 else Member.Role.SECRETARY if login == "methodologist" else Member.Role.MEMBER
            services.member_set(actor=secretary, council=council, user=users[login], role=role)
    held_on = timezone.localdate() - datetime.timedelta(days=30)
    meeting = services.meeting_plan(actor=secretary, council=councils[Council.Kind.ACADEMIC], held_on=held_on, place="Актовый зал")
    item = services.agenda_add(actor=secretary, meeting=meeting, subject=AgendaItem.Subject.PROGRAMME, title="Об утверждении образовательных программ",
                               speaker="Методист учебно-методического управления", materials="Проекты программ с заключениями экспертизы работодателей.")
    plan = services.agenda_add(actor=secretary, meeting=meeting, subject=AgendaItem.Subject.ANNUAL_PLAN, title="Об утверждении плана воспитательной работы")
    services.attendance_record(actor=secretary, meeting=meeting, present=[users[login] for login in ACADEMIC_COUNCIL[:6]])
    decision = services.decision_record(actor=secretary, item=item, text="Утвердить образовательные программы согласно приложению.", votes_for=6)
    services.decision_record(actor=secretary, item=plan, text="Утвердить план воспитательной работы на учебный год.", votes_for=5, abstained=1)
    return decision


_MEASURES = [  # goal, task, measure, unit, months from now, status
    ("1. Качественная подготовка кадров", "1.1. Практико-ориентированный подход", "Экспертиза учебных программ работодателями", "ivt-omr", -4, Progress.DONE),
    ("1. Качественная подготовка кадров", "1.1. Практико-ориентированный подход", "Привлечение практиков к проведению занятий", "ivt", -2, Progress.DONE),
    ("1. Качественная подготовка кадров", "1.1. Практико-ориентированный подход", "Оснащение учебного полигона для симуляционного обучения", "academy", 5, Progress.IN_PROGRESS),
    ("1. Качественная подготовка кадров", "1.3. Цифровизация", "Дистанционные курсы повышения квалификации", "ivt-omr", -1, Progress.DONE),
    ("1. Качественная подготовка кадров", "1.3. Цифровизация", "Видеоконференцсвязь в лекционном зале", "academy", 3, Progress.PLANNED),
    ("3. Кадровый потенциал", "3.1. Морально-психологический климат", "Социально-психологические тренинги", "academy", -3, Progress.NOT_DONE),
    ("3. Кадровый потенциал", "3.1. Морально-психологический климат", "Ежегодный опрос о климате в коллективе", "academy", 6, Progress.PLANNED),
]
_STANDARDS = ["Стандарт 1. Политика обеспечения качества", "Стандарт 2. Разработка и утверждение программ", "Стандарт 3. Студентоцентрированное обучение",
              "Стандарт 5. Профессорско-преподавательский состав", "Стандарт 6. Учебные ресурсы"]
RECOMMENDATIONS, RECOMMENDATIONS_DONE = 20, 18
_EDUCATION = [("Урок мужества ко Дню защитника Отечества", EducationalEvent.Direction.PATRIOTIC),
              ("Круглый стол «Правовая культура сотрудника правоохранительных органов»", EducationalEvent.Direction.LEGAL),
              ("Спартакиада слушателей", EducationalEvent.Direction.HEALTH), ("Посещение музея Первого Президента", EducationalEvent.Direction.CULTURE),
              ("Лекция о противодействии коррупции", EducationalEvent.Direction.LEGAL), ("День здоровья", EducationalEvent.Direction.HEALTH)]


def load_demo_governance(*, rng: random.Random, users: dict[str, User]) -> dict[str, int]:
    today = timezone.localdate()
    secretary, rector = users["methodologist"], users["leadership"]
    for year in range(today.year - 1, today.year + 2):
        services.calendar_fill(actor=None, year=year)
    units = {u.code: u for u in AcademyUnit.objects.all()}

    trip = services.order_draft(
        actor=secretary, kind=Order.Kind.BUSINESS_TRIP, title_kk="Қызметтік іссапар туралы", title_ru="О служебной командировке",
        text_kk="Кафедра меңгерушісі семинар өткізу үшін Алматы қаласына 3 күнге іссапарға жіберілсін.",
        text_ru="Направить заведующего кафедрой в командировку в город Алматы на 3 дня для проведения семинара.", concerned=[users["head"]],
    )
    services.visa_route_set(actor=secretary, order=trip, route=[(users["accountant"], units["finance"]), (users["admin"], units["academy"])])
    for visa in trip.visas.all():
        services.visa_decide(actor=visa.visor, visa=visa, agree=True)
    services.order_sign(actor=rector, order=trip)
    penalty = services.order_draft(
        actor=secretary, kind=Order.Kind.PENALTY, title_kk="Тәртіптік жаза туралы", title_ru="О дисциплинарном взыскании",
        text_kk="Ішкі тәртіп ережелерін бұзғаны үшін тыңдаушыға ескерту жарияланды.", text_ru="За нарушение правил внутреннего распорядка слушателю объявить замечание.",
        official_use=True, readers=[Role.LEADERSHIP, Role.METHODOLOGIST],
    )
    services.visa_route_set(actor=secretary, order=penalty, route=[(users["head"], units["ivt-supervision"])])
    decision = Decision.objects.filter(item__subject=AgendaItem.Subject.ANNUAL_PLAN).first()
    approval = services.order_draft(
        actor=secretary, kind=Order.Kind.APPROVAL, title_kk="Тәрбие жұмысының жоспарын бекіту туралы", title_ru="Об утверждении плана воспитательной работы",
        text_kk="Академиялық кеңестің шешімі негізінде тәрбие жұмысының жоспары бекітілсін.", text_ru="На основании решения Учёного совета утвердить план воспитательной работы.",
        decision=decision,
    )
    services.visa_route_set(actor=secretary, order=approval, route=[(users["head"], units["ivt-supervision"]), (users["admin"], units["academy"])])
    for visa in approval.visas.all():  # agreed: it waits for the Rector's signature
        services.visa_decide(actor=visa.visor, visa=visa, agree=True)

    # appeals: answered in time, one extended, one overdue, the others running
    channels, subjects = Appeal.Channel.values, ["О порядке зачисления на курсы", "О выдаче дубликата удостоверения", "О проживании в общежитии",
                                                 "О результатах тестирования", "О переносе сроков обучения", "Жалоба на организацию занятий"]
    appeals = []
    for i, days_ago in enumerate([45, 28, 21, 12, 6, 2]):
        appeals.append(services.appeal_register(
            actor=secretary, received_on=today - datetime.timedelta(days=days_ago), channel=channels[i % len(channels)],
            applicant_kind=Appeal.Applicant.CITIZEN if i % 3 else Appeal.Applicant.ORGANISATION, applicant=f"Заявитель {i + 1}",
            contact="г. Косшы", subject=subjects[i], unit=units["ivt-omr"], assignee=users["methodologist"] if i % 2 else users["head"],
        ))
    services.appeal_answer(actor=secretary, appeal=appeals[1], answer="Заявителю разъяснён порядок выдачи дубликата.",
                           answered_on=appeals[1].deadline - datetime.timedelta(days=2))
    services.appeal_extend(actor=rector, appeal=appeals[2], deadline=appeals[2].received_on + datetime.timedelta(days=50),
                           reason="Требуется запрос сведений в территориальный орган.")

    for goal, task, text, unit, months, status in _MEASURES:
        Measure.objects.create(goal=goal, task=task, text=text, unit=units[unit], deadline=today + datetime.timedelta(days=30 * months), status=status,
                               evidence="Протокол, приказ и отчёт размещены в системе." if status == Progress.DONE else "")
    for n in range(1, RECOMMENDATIONS + 1):
        done = n <= RECOMMENDATIONS_DONE
        Recommendation.objects.create(
            code=f"IQAA-{n:02d}", standard=_STANDARDS[n % len(_STANDARDS)], text=f"Рекомендация внешней экспертной комиссии № {n}.",
            unit=units[rng.choice(["ivt-omr", "academy", "ivt", "library"])], deadline=today - datetime.timedelta(days=rng.randint(30, 400)),
            status=Progress.DONE if done else Progress.IN_PROGRESS, evidence="Отчёт об исполнении утверждён Учёным советом." if done else "",
        )
    proposals = [("proposal", "Электронная запись на консультации", "Предлагается записывать слушателей на консультации через систему, без звонков."),
                 ("practice", "Кейс-метод на курсах прокуроров", "Разбор реальных дел на занятиях повысил оценки слушателей на выходном тесте.")]
    for kind, title, text in proposals:
        services.proposal_submit(actor=users["lecturer"], kind=kind, title=title, text=text, unit=units["ivt-supervision"])
    services.proposal_decide(actor=secretary, proposal=Proposal.objects.get(kind="practice"), status=Proposal.Status.IMPLEMENTED,
                             outcome="Рекомендовано всем кафедрам (решение учебно-методического совета).")
    listeners = list(User.objects.filter(groups__name__in=[Role.LISTENER, Role.STUDENT]).order_by("pk")[:40])
    for i, (title, direction) in enumerate(_EDUCATION):
        held = i < 4
        event = EducationalEvent.objects.create(title=title, direction=direction, held_on=today + datetime.timedelta(days=(i - 4) * 20),
                                                unit=units["ivt-omr"], place="Академия")
        if held:
            services.educational_event_report(actor=secretary, event=event, status=Progress.DONE, report="Проведено по плану.",
                                              participants=rng.sample(listeners, min(len(listeners), 15)))
    return {"orders": Order.objects.exclude(kind__in=services.LINE_KINDS).count(), "appeals": len(appeals)}
