"""The demo's knowledge control: a bank on criminal procedure in Kazakh and Russian, an input
and an output control on the demo listener's course, and graded attempts of his fellow
listeners so that item analysis and input-vs-output gains have figures to show."""

import datetime
import math
import random

from django.utils import timezone

from eacademy.catalog.models import ProgrammeKind
from eacademy.core.models import User
from eacademy.core.multilang import join_languages
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Application, Enrollment
from eacademy.enrollment.queries import listener_category
from eacademy.exams import services as exam_services
from eacademy.exams.models import Attempt, Bank, BlueprintRule, Exam, Slot
from eacademy.exams.services import Answer, Criterion, Kind, Pair, QuestionData, TextFormat
from eacademy.people.models import Person
from eacademy.planning.models import Offering

PROCESS, EVIDENCE, SUPERVISION = "Қылмыстық процесс // Уголовный процесс", "Дәлелдемелер // Доказательства", "Прокурорлық қадағалау // Прокурорский надзор"


def _t(kk: str, ru: str) -> str:
    return join_languages({"kk": kk, "ru": ru})


def _q(kind: Kind, name: str, kk: str, ru: str, category: str, difficulty: int, **fields: object) -> QuestionData:
    return QuestionData(kind=kind, name=name, text=_t(kk, ru), text_format=TextFormat.HTML, category=category, difficulty=difficulty, **fields)  # type: ignore[arg-type]


def _cloze(name: str, texts: tuple[str, str], category: str, difficulty: int) -> QuestionData:
    """An embedded-answers question written in Moodle's syntax, the same gaps in each language."""
    text, gaps = exam_services.gaps_parse(_t(*texts))
    return QuestionData(kind=Kind.CLOZE, name=name, text=text, text_format=TextFormat.HTML, category=category, difficulty=difficulty, gaps=gaps,
                        default_mark=sum(g.mark for g in gaps))


def _choices(*items: tuple[str, str, float]) -> list[Answer]:
    return [Answer(_t(kk, ru), fraction) for kk, ru, fraction in items]


QUESTIONS = [
    _q(Kind.SINGLE, "УПК: принятие", "ҚР Қылмыстық-процестік кодексі қай жылы қабылданды?", "В каком году принят Уголовно-процессуальный кодекс РК?", PROCESS, 1,
       answers=_choices(("2014", "2014", 1.0), ("1997", "1997", 0.0), ("2001", "2001", 0.0), ("2021", "2021", 0.0))),
    _q(Kind.MULTIPLE, "Формы расследования", "Сотқа дейінгі тергеп-тексеру нысандарын таңдаңыз.", "Выберите формы досудебного расследования.", PROCESS, 2,
       answers=_choices(("Алдын ала тергеу", "Предварительное следствие", 1 / 3), ("Анықтау", "Дознание", 1 / 3), ("Хаттамалық нысан", "Протокольная форма", 1 / 3),
                        ("Жедел-іздестіру", "Оперативно-розыскная", -1.0))),
    _q(Kind.TRUE_FALSE, "ЕРДР", "Сотқа дейінгі тергеп-тексеру сотқа дейінгі тергеп-тексерулердің бірыңғай тізілімінде тіркелген сәттен басталады.",
       "Досудебное расследование начинается с момента регистрации в Едином реестре досудебных расследований.", PROCESS, 1,
       answers=[Answer("true", 1.0, format=TextFormat.MOODLE), Answer("false", 0.0, format=TextFormat.MOODLE)]),
    _q(Kind.SHORT, "Аббревиатура ЕРДР", "СДТБТ орыс тіліндегі қысқартуы қалай жазылады?", "Как сокращённо называется Единый реестр досудебных расследований?", PROCESS, 2,
       answers=[Answer("ЕРДР", 1.0, format=TextFormat.PLAIN)]),
    _q(Kind.NUMERICAL, "Срок расследования", "Сотқа дейінгі тергеп-тексерудің жалпы мерзімі неше айды құрайды?", "Сколько месяцев составляет общий срок досудебного расследования?", PROCESS, 3,
       answers=[Answer("2.0", 1.0, format=TextFormat.PLAIN)]),
    _q(Kind.SINGLE, "Допустимость", "Дәлелдеменің жол берілетіндігі дегеніміз —", "Допустимость доказательства — это", EVIDENCE, 2,
       answers=_choices(("заңда көзделген тәртіппен алынуы", "получение в порядке, предусмотренном законом", 1.0),
                        ("іске қатыстылығы", "относимость к делу", 0.0), ("шындыққа сәйкестігі", "соответствие действительности", 0.0))),
    _q(Kind.MATCHING, "Виды доказательств", "Дәлелдеме түрі мен оның көзін сәйкестендіріңіз.", "Сопоставьте вид доказательства и его источник.", EVIDENCE, 3,
       pairs=[Pair("Куәгердің айғақтары / Показания свидетеля", "Жауап алу хаттамасы / Протокол допроса", TextFormat.PLAIN),
              Pair("Сарапшының қорытындысы / Заключение эксперта", "Сараптама / Экспертиза", TextFormat.PLAIN),
              Pair("Заттай дәлелдеме / Вещественное доказательство", "Алу хаттамасы / Протокол выемки", TextFormat.PLAIN)]),
    _q(Kind.TRUE_FALSE, "Признание вины", "Айыпталушының кінәсін мойындауы айыптаудың жалғыз негізі бола алады.",
       "Признание обвиняемым своей вины может быть единственным основанием обвинения.", EVIDENCE, 2,
       answers=[Answer("true", 0.0, format=TextFormat.MOODLE), Answer("false", 1.0, format=TextFormat.MOODLE)]),
    _q(Kind.SINGLE, "Надзор за законностью", "Сотқа дейінгі тергеп-тексерудің заңдылығын кім қадағалайды?", "Кто осуществляет надзор за законностью досудебного расследования?", SUPERVISION, 1,
       answers=_choices(("Прокурор", "Прокурор", 1.0), ("Тергеу судьясы", "Следственный судья", 0.0), ("Адвокат", "Адвокат", 0.0))),
    _q(Kind.MULTIPLE, "Акты надзора", "Прокурорлық қадағалау актілерін таңдаңыз.", "Выберите акты прокурорского надзора.", SUPERVISION, 3,
       answers=_choices(("Наразылық", "Протест", 0.5), ("Ұсыну", "Представление", 0.5), ("Үкім", "Приговор", -1.0))),
    _q(Kind.SINGLE, "Санкция", "Күзетпен ұстауға санкцияны кім береді?", "Кто даёт санкцию на содержание под стражей?", SUPERVISION, 2,
       answers=_choices(("Тергеу судьясы", "Следственный судья", 1.0), ("Прокурор", "Прокурор", 0.0), ("Тергеуші", "Следователь", 0.0))),
    _cloze("Надзор: пропуски", (
        ("Прокурор сотқа дейінгі тергеп-тексерудің заңдылығын {1:MULTICHOICE:=қадағалайды~жүргізеді~тоқтатады} және қадағалау актісі ретінде "
        "{1:MULTICHOICE_V:=наразылық~үкім~шешім} келтіреді. Күзетпен ұстауға санкцияны {2:SHORTANSWER:=тергеу судьясы~=тергеу судьясы береді} береді."),
        ("Прокурор {1:MULTICHOICE:=надзирает за~ведёт~прекращает} законностью досудебного расследования и приносит в качестве акта надзора "
        "{1:MULTICHOICE_V:=протест~приговор~решение}. Санкцию на содержание под стражей даёт {2:SHORTANSWER:=следственный судья~=следственный судья даёт}."),
    ), SUPERVISION, 3),
    _q(Kind.ESSAY, "Эссе: процессуальный контроль", "Тергеу судьясының сотқа дейінгі тергеп-тексерудегі рөлін сипаттаңыз.",
       "Опишите роль следственного судьи в досудебном расследовании.", SUPERVISION, 4, default_mark=3.0,
       rubric=[Criterion("Полномочия названы верно / Өкілеттіктер дұрыс аталған", 1.0), Criterion("Примеры из практики / Тәжірибеден мысалдар", 1.0),
               Criterion("Ссылки на нормы УПК / ҚПК нормаларына сілтемелер", 1.0)]),
]


def _course_with_listener(users: dict[str, User]) -> tuple[Enrollment, list[Enrollment]]:
    """The demo listener and fourteen colleagues enrolled on a course with free seats, which is
    then moved to run this week: his tests are open, his lessons are today."""
    listener = Person.objects.get(user=users["listener"])
    coordinator, methodologist = users["coordinator"], users["methodologist"]
    for pending in Application.objects.filter(person=listener, status=Application.Status.SUBMITTED):
        enrollment_services.application_withdraw(actor=users["listener"], application=pending)
    category = listener_category(listener)
    published = Offering.objects.filter(status=Offering.Status.PUBLISHED, version__programme__kind=ProgrammeKind.ADVANCED).select_related("version")
    # Keep his spring and the last run of the pre-trial supervision course free: whoever tries
    # the demo (and the browser test) applies there.
    kept_free = published.filter(version__programme__code="adv-pretrial").order_by("-starts_on").first()
    offering = next(
        o for o in published.filter(applications=None).exclude(version__programme__code="adv-pretrial").order_by("-starts_on")
        if category in o.version.target_categories and o.starts_on.month >= 6
        and (kept_free is None or o.ends_on < kept_free.starts_on or o.starts_on > kept_free.ends_on)
    )
    application = enrollment_services.application_submit(actor=users["listener"], offering=offering, person=listener)
    enrollment_services.application_agency_decide(actor=coordinator, application=application, approve=True)
    enrollment_services.application_accept(actor=methodologist, application=application)
    free = Person.objects.filter(agency__code="prosecutor", user=None, applications=None).exclude(position=None).select_related("position").order_by("-pk")
    colleagues = [p for p in free if listener_category(p) in offering.version.target_categories][:14]
    for person in colleagues:
        nominated = enrollment_services.application_submit(actor=coordinator, offering=offering, person=person)
        enrollment_services.application_accept(actor=methodologist, application=nominated)
    enrollment_services.groups_form(actor=methodologist, offering=offering, max_size=20)
    # enrolled through the services while the course lay ahead (they refuse a course that has
    # started), then its dates are moved: it began three days ago and runs a working week more
    today = timezone.localdate()
    Offering.objects.filter(pk=offering.pk).update(starts_on=today - datetime.timedelta(days=3), ends_on=today + datetime.timedelta(days=7))
    enrollments = Enrollment.objects.filter(offering=offering, status=Enrollment.Status.ENROLLED).select_related("person").order_by("pk")
    mine = next(e for e in enrollments if e.person_id == listener.pk)
    return mine, [e for e in enrollments if e.pk != mine.pk]


def _simulate(exam: Exam, enrollments: list[Enrollment], rng: random.Random, shift: float) -> None:
    """Graded attempts of listeners of given ability: better at the output than at the input."""
    now = timezone.now()
    questions = list(exam.rules.first().category.bank.questions.select_related("current"))  # type: ignore[union-attr]
    for enrollment in enrollments:
        ability = rng.gauss(0, 1) + shift
        attempt = Attempt.objects.create(exam=exam, person=enrollment.person, number=1, started_at=now - datetime.timedelta(hours=2),
                                         deadline=now - datetime.timedelta(hours=1, minutes=30), finished_at=now - datetime.timedelta(hours=1, minutes=40))
        slots = [exam_services.make_slot(attempt, i, q, shuffle=False) for i, q in enumerate(questions, start=1)]
        for slot in slots:
            version = slot.version
            right = rng.random() < 1 / (1 + math.exp((version.difficulty or 3) - 3 - ability))
            slot.response = _response(version.kind, version.content, right, rng)
            slot.fraction = exam_services.fraction(slot.kind, version.content, slot.response)
            if slot.fraction is None:
                slot.fraction = 1.0 if right else 1 / 3
        Slot.objects.bulk_create(slots)
        attempt.max_score = sum(s.mark for s in slots)
        attempt.score = sum(s.score or 0 for s in slots)
        attempt.status = Attempt.Status.GRADED
        attempt.save(update_fields=["max_score", "score", "status"])


def _response(kind: str, content: dict, right: bool, rng: random.Random) -> dict:
    answers = content.get("answers", [])
    best = max(range(len(answers)), key=lambda i: answers[i]["fraction"]) if answers else 0
    if kind == Kind.SINGLE:
        return {"choice": best if right else rng.choice([i for i in range(len(answers)) if i != best])}
    if kind == Kind.MULTIPLE:
        return {"choices": [i for i, a in enumerate(answers) if a["fraction"] > 0] if right else [rng.randrange(len(answers))]}
    if kind == Kind.TRUE_FALSE:
        return {"value": (answers[best]["text"] == "true") == right}
    if kind == Kind.MATCHING:
        pairs = content["pairs"]
        return {"pairs": {str(i): (p["answer"] if right else pairs[(i + 1) % len(pairs)]["answer"]) for i, p in enumerate(pairs)}}
    if kind == Kind.ESSAY:
        return {"text": "Следственный судья санкционирует меры пресечения и рассматривает жалобы."}
    if kind == Kind.CLOZE:  # each gap right or wrong on its own
        return {"gaps": {str(n): _response(gap["kind"], gap, right or rng.random() < 0.4, rng) for n, gap in enumerate(content["gaps"], start=1)}}
    return {"text": answers[best]["text"] if right else "—"}


def load_demo_exams(*, rng: random.Random, users: dict[str, User]) -> dict[str, int]:
    methodologist = users["methodologist"]
    bank = Bank.objects.create(name="Қылмыстық процесс / Уголовный процесс")
    exam_services.questions_add(bank, QUESTIONS, methodologist)
    enrollment, others = _course_with_listener(users)
    offering = enrollment.offering
    now = timezone.now()
    exams = []
    for purpose, title, opens, closes in (
        (Exam.Purpose.INPUT, join_languages({"kk": "Кіріс бақылау", "ru": "Входной контроль", "en": "Input control"}),
         now - datetime.timedelta(days=1), now + datetime.timedelta(days=60)),
        (Exam.Purpose.OUTPUT, join_languages({"kk": "Шығыс бақылау", "ru": "Выходной контроль", "en": "Output control"}),
         now - datetime.timedelta(days=1), now + datetime.timedelta(days=90)),
    ):
        exam = Exam.objects.create(title=title, offering=offering, purpose=purpose, time_limit_minutes=30, attempts_allowed=2, opens_at=opens, closes_at=closes,
                                   created_by=methodologist)
        for category in bank.categories.exclude(path=""):
            BlueprintRule.objects.create(exam=exam, category=category, count=category.questions.count())
        exams.append(exam)
    # a current control being prepared for the course's last day: nobody has taken it yet
    closing = timezone.make_aware(datetime.datetime.combine(offering.ends_on, datetime.time(18, 0)))
    current = Exam.objects.create(title=join_languages({"kk": "Ағымдағы бақылау", "ru": "Текущий контроль", "en": "Current control"}), offering=offering,
                                  purpose=Exam.Purpose.CURRENT, time_limit_minutes=20, opens_at=closing - datetime.timedelta(hours=9), closes_at=closing,
                                  created_by=methodologist)
    BlueprintRule.objects.create(exam=current, category=bank.categories.exclude(path="").order_by("path")[0], count=2)
    _simulate(exams[0], others, rng, shift=-0.5)
    _simulate(exams[1], others, rng, shift=0.7)
    return {"questions": len(QUESTIONS), "attempts": Attempt.objects.count()}
