"""The demo's postgraduate study: a scientific-pedagogical master's programme and a doctoral one,
three academic years, a master's cohort in its second year (plans approved, marks, an FX retaken,
an F studied again in the summer), a doctoral cohort, this year's admission (whose newest master's
student, login `student`, has still to choose his electives) and one defended dissertation with an
act of implementation. Written through the services."""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from eacademy.catalog import queries as catalog_queries
from eacademy.catalog import services as catalog
from eacademy.catalog.models import Competency, Component, Cycle, Discipline, ProgrammeKind, ProgrammeVersion
from eacademy.core import services as core_services
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.governance import queries as governance_queries
from eacademy.governance.models import AgendaItem
from eacademy.org.models import AcademyUnit, Agency, Position
from eacademy.people.models import Person, StaffMember
from eacademy.postgrad import queries
from eacademy.postgrad import services as postgrad
from eacademy.postgrad.models import AcademicYear, Mark, Milestone, Period, Plan, Student, Teaching

Names = tuple[str, str, str]
# (cycle, component, period, credits, names); each discipline studied in one period (Rules §39).
MASTER: list[tuple[str, str, int, int, Names]] = [
    (Cycle.BASIC, Component.COMPULSORY, 1, 4, ("Ғылым тарихы мен философиясы", "История и философия науки", "History and philosophy of science")),
    (Cycle.BASIC, Component.COMPULSORY, 1, 4, ("Шетел тілі (кәсіби)", "Иностранный язык (профессиональный)", "Foreign language (professional)")),
    (Cycle.BASIC, Component.COMPULSORY, 1, 4, ("Жоғары мектеп педагогикасы", "Педагогика высшей школы", "Higher school pedagogy")),
    (Cycle.BASIC, Component.COMPULSORY, 1, 4, ("Басқару психологиясы", "Психология управления", "Psychology of management")),
    (Cycle.MAJOR, Component.COMPULSORY, 1, 5, ("Құқық қорғау қызметінің теориясы", "Теория правоохранительной деятельности", "Theory of law enforcement")),
    (Cycle.RESEARCH, Component.COMPULSORY, 1, 4, ("Магистранттың ғылыми-зерттеу жұмысы I", "Научно-исследовательская работа магистранта I", "Research work I")),
    (Cycle.MAJOR, Component.ELECTIVE, 1, 5, ("Сыбайлас жемқорлыққа қарсы саясат", "Антикоррупционная политика", "Anti-corruption policy")),
    (Cycle.MAJOR, Component.ELECTIVE, 1, 5, ("Цифрлық криминалистика", "Цифровая криминалистика", "Digital forensics")),
    (Cycle.MAJOR, Component.COMPULSORY, 2, 6, ("Прокурорлық қадағалаудың өзекті мәселелері", "Актуальные проблемы прокурорского надзора", "Current problems of prosecutorial supervision")),
    (Cycle.MAJOR, Component.COMPULSORY, 2, 6, ("Қылмыстық процесс: сотқа дейінгі тергеп-тексеру", "Уголовный процесс: досудебное расследование", "Criminal procedure: pre-trial investigation")),
    (Cycle.PRACTICE, Component.COMPULSORY, 2, 5, ("Педагогикалық практика", "Педагогическая практика", "Teaching practice")),
    (Cycle.RESEARCH, Component.COMPULSORY, 2, 8, ("Магистранттың ғылыми-зерттеу жұмысы II", "Научно-исследовательская работа магистранта II", "Research work II")),
    (Cycle.MAJOR, Component.ELECTIVE, 2, 5, ("Қылмыстық істер бойынша халықаралық ынтымақтастық", "Международное сотрудничество по уголовным делам", "International cooperation in criminal matters")),
    (Cycle.MAJOR, Component.ELECTIVE, 2, 5, ("Экономикалық қылмыстарды тергеу", "Расследование экономических преступлений", "Investigation of economic crimes")),
    (Cycle.MAJOR, Component.COMPULSORY, 3, 6, ("Құқық қорғау органдарындағы басқару", "Управление в правоохранительных органах", "Management in law-enforcement agencies")),
    (Cycle.PRACTICE, Component.COMPULSORY, 3, 6, ("Зерттеу практикасы", "Исследовательская практика", "Research practice")),
    (Cycle.RESEARCH, Component.COMPULSORY, 3, 8, ("Магистранттың ғылыми-зерттеу жұмысы III", "Научно-исследовательская работа магистранта III", "Research work III")),
    (Cycle.MAJOR, Component.ELECTIVE, 3, 5, ("Қылмыстық кірістерді заңдастыруға қарсы іс-қимыл", "Противодействие легализации преступных доходов", "Countering money laundering")),
    (Cycle.MAJOR, Component.ELECTIVE, 3, 5, ("Ювеналдық әділет", "Ювенальная юстиция", "Juvenile justice")),
    (Cycle.MAJOR, Component.ELECTIVE, 3, 5, ("Криминология және қылмыстың алдын алу", "Криминология и профилактика преступности", "Criminology and crime prevention")),
    (Cycle.MAJOR, Component.COMPULSORY, 4, 3, ("Құқықтық мониторинг әдістемесі", "Методика правового мониторинга", "Methods of legal monitoring")),
    (Cycle.RESEARCH, Component.COMPULSORY, 4, 10, ("Магистрлік диссертацияны орындау", "Выполнение магистерской диссертации", "Writing the master's dissertation")),
    (Cycle.FINAL, Component.COMPULSORY, 4, 12, ("Қорытынды аттестаттау", "Итоговая аттестация", "Final certification")),
    (Cycle.MAJOR, Component.ELECTIVE, 4, 5, ("Медиация және дауларды шешу", "Медиация и разрешение споров", "Mediation and dispute resolution")),
    (Cycle.MAJOR, Component.ELECTIVE, 4, 5, ("Құқық қорғау қызметінің этикасы", "Этика правоохранительной деятельности", "Ethics of law enforcement")),
]
# The doctoral programme: each of six periods 25 compulsory credits and a choice of two electives of 5.
DOCTORAL_TOPICS: list[Names] = [
    ("Ғылыми зерттеу әдістері", "Методы научных исследований", "Research methods"),
    ("Академиялық жазу", "Академическое письмо", "Academic writing"),
    ("Құқық қорғау қызметінің методологиясы", "Методология правоохранительной деятельности", "Methodology of law enforcement"),
    ("Салыстырмалы қылмыстық құқық", "Сравнительное уголовное право", "Comparative criminal law"),
    ("Кәсіби практика", "Профессиональная практика", "Professional practice"),
    ("Докторлық диссертацияны орындау", "Выполнение докторской диссертации", "Writing the doctoral dissertation"),
]
PERIOD_CREDITS = 30  # a semester's usual load
DOCUMENTS = ["заявление", "диплом", "медицинская справка", "сертификат по иностранному языку", "список научных трудов"]
RULES = "Приказ Генерального Прокурора РК от 27.01.2023 № 45 (Правила приёма в Академию на программы послевузовского образования)"
TOPICS = [("Прокурорлық қадағалаудың тиімділігін бағалау", "Оценка эффективности прокурорского надзора", "Evaluating the effectiveness of prosecutorial supervision"),
          ("Сыбайлас жемқорлық қылмыстарын тергеудің цифрлық әдістері", "Цифровые методы расследования коррупционных преступлений", "Digital methods of investigating corruption offences"),
          ("Ювеналдық әділеттегі медиация", "Медиация в ювенальной юстиции", "Mediation in juvenile justice"),
          ("Экономикалық қылмыстардың алдын алу", "Профилактика экономических преступлений", "Preventing economic crimes")]


def _hours(credits: int) -> dict[str, int]:
    return {"lectures": credits * 6, "seminars": credits * 9, "independent": credits * 15}  # 30 hours a credit


def _programme(actor: User, leader: User, code: str, kind: str, months: int, department: str, names: Names,
               disciplines: list[tuple[str, str, int, int, Names]]) -> ProgrammeVersion:
    programme = catalog.programme_create(actor=actor, code=code, kind=kind, names=names, department=AcademyUnit.objects.get(code=department))
    version = programme.versions.get()
    catalog.version_update(actor=actor, version=version, study_months=Decimal(months), internship_months=Decimal(0), target_categories=["officers"],
                           languages=["kk", "ru"], study_format="full_time")
    modules = {}
    for cycle, component, period, credits, discipline_names in disciplines:
        if cycle not in modules:
            modules[cycle] = catalog.module_add(actor=actor, version=version, names=(str(Cycle(cycle).label),) * 3, cycle=cycle)
        catalog.discipline_add(actor=actor, module=modules[cycle], names=discipline_names, hours=_hours(credits), credits=credits, component=component, period=period)
    catalog.competency_set(actor=actor, version=version, competency=Competency.objects.get(code="professional"), level=3)
    return catalog.version_approve(actor=leader, version=version, reviewing_agency=Agency.objects.get(code="prosecutor"),
                                   conclusion="Программа соответствует потребностям практики.",
                                   decision=governance_queries.decisions_on(AgendaItem.Subject.PROGRAMME).first())


def _doctoral() -> list[tuple[str, str, int, int, Names]]:
    rows: list[tuple[str, str, int, int, Names]] = []
    for period in range(1, 7):
        kk, ru, en = DOCTORAL_TOPICS[period - 1]
        rows += [(Cycle.BASIC if period < 3 else Cycle.MAJOR, Component.COMPULSORY, period, 10, (f"{kk} {period}", f"{ru} {period}", f"{en} {period}")),
                 (Cycle.RESEARCH, Component.COMPULSORY, period, 15, (f"Докторанттың ғылыми-зерттеу жұмысы {period}", f"Научно-исследовательская работа докторанта {period}", f"Doctoral research work {period}")),
                 (Cycle.MAJOR, Component.ELECTIVE, period, 5, (f"Таңдау пәні {period}-А", f"Дисциплина по выбору {period}-А", f"Elective {period}-A")),
                 (Cycle.MAJOR, Component.ELECTIVE, period, 5, (f"Таңдау пәні {period}-Б", f"Дисциплина по выбору {period}-Б", f"Elective {period}-B"))]
    return rows


def _calendar(actor: User, first: int, last: int) -> None:
    """Academic years from September `first` to the one that starts in `last`, with two semesters
    and a summer period each; a semester's registration closes ten days after it starts."""
    for start in range(first, last + 1):
        year = postgrad.year_open(actor=actor, starts_on=datetime.date(start, 9, 1), ends_on=datetime.date(start + 1, 8, 31))
        for kind, begins, ends in ((Period.Kind.AUTUMN, datetime.date(start, 9, 1), datetime.date(start + 1, 1, 20)),
                                   (Period.Kind.SPRING, datetime.date(start + 1, 1, 21), datetime.date(start + 1, 5, 31)),
                                   (Period.Kind.SUMMER, datetime.date(start + 1, 6, 1), datetime.date(start + 1, 8, 15))):
            postgrad.period_open(actor=actor, year=year, kind=kind, starts_on=begins, ends_on=ends,
                                 registration=(begins - datetime.timedelta(days=20), begins + datetime.timedelta(days=10)))


def _staff_login(people: Callable[..., Person], username: str, role: str, unit: str, position: str) -> User:
    user = core_services.user_create(username=username, password=None, roles=[role])
    person = people(user=user)
    person.save()
    StaffMember.objects.create(person=person, academy_unit=AcademyUnit.objects.get(code=unit), position=Position.objects.get(code=position), academic_degree="phd")
    user.first_name, user.last_name = person.first_name, person.last_name
    user.save(update_fields=["first_name", "last_name"])
    return user


def _teach(actor: User, version: ProgrammeVersion, lecturers: list[User]) -> None:
    """Every discipline is taught each year in its semester (odd periods in autumn, even in spring)."""
    semesters = list(Period.objects.exclude(kind=Period.Kind.SUMMER).order_by("starts_on"))
    disciplines = list(catalog_disciplines(version))
    for i, discipline in enumerate(disciplines):
        for period in semesters:
            if (period.kind == Period.Kind.AUTUMN) == ((discipline.period or 1) % 2 == 1):
                postgrad.teaching_set(actor=actor, discipline_id=discipline.pk, period=period, lecturer=lecturers[i % len(lecturers)])


def catalog_disciplines(version: ProgrammeVersion) -> QuerySet[Discipline]:
    return Discipline.objects.filter(module__version=version).order_by("period", "module__position", "position")


def _admit(actor: User, leader: User, version: ProgrammeVersion, year: AcademicYear, persons: list[Person], rng: random.Random) -> list[Student]:
    admission = postgrad.round_open(actor=actor, version=version, year=year, places=len(persons), documents=DOCUMENTS, rules=RULES,
                                    exams=[("Тест по иностранному языку", 50, 100), ("Экзамен по профилю", 75, 150)])
    exams = list(admission.exams.all())
    for person in persons:
        applicant = postgrad.applicant_register(actor=actor, admission=admission, person=person, documents=DOCUMENTS)
        for exam in exams:
            postgrad.entrance_mark_set(actor=actor, applicant=applicant, exam=exam, points=rng.randint(exam.pass_points, exam.max_points))
    postgrad.admission_order_draft(actor=actor, admission=admission)
    return postgrad.admission_order_sign(actor=leader, admission=admission)


def _choose(actor: User, student: Student, rng: random.Random) -> None:
    """The registrar records the student's electives: enough of them, period by period, to cover the programme."""
    periods = queries.programme_periods(student)
    norm = catalog_queries.credit_norm(student.version)
    assert norm is not None
    electives = [d for d in catalog_disciplines(student.version) if d.component == Component.ELECTIVE]
    rng.shuffle(electives)
    for discipline in sorted(electives, key=lambda d: d.period or 0):
        planned = sum(line.discipline.credits or 0 for line in student.plan.lines.select_related("discipline") if line.discipline.period == discipline.period)
        if queries.plan_credits(student) >= norm.min_credits or planned >= PERIOD_CREDITS:
            continue
        postgrad.plan_choose(actor=actor, student=student, teaching=Teaching.objects.get(discipline=discipline, period=periods[(discipline.period or 1) - 1]))


def _approve(actor: User, head: User, student: Student) -> None:
    postgrad.plan_submit(actor=actor, student=student)
    supervisor = User.objects.get(person__staff=student.supervisor)
    postgrad.plan_approve(actor=supervisor, student=student)
    postgrad.plan_approve(actor=head, student=student)


def _mark_periods(actor: User, student: Student, upto: datetime.date, rng: random.Random, scripted: dict[str, list[int]]) -> None:
    """Examination marks for the periods that ended before `upto`; `scripted` gives a discipline's
    (by English name) attempts as points: the first the examination's, the second a retake."""
    lines = student.plan.lines.select_related("teaching__period", "discipline").filter(teaching__period__ends_on__lt=upto)
    for line in lines:
        attempts = scripted.get(line.discipline.name_en, [rng.choice([rng.randint(70, 100), rng.randint(60, 100)])])
        postgrad.mark_enter(actor=actor, student=student, teaching=line.teaching, points=attempts[0], attempt=Mark.Attempt.EXAM)
        for points in attempts[1:]:
            postgrad.mark_enter(actor=actor, student=student, teaching=line.teaching, points=points, attempt=Mark.Attempt.RETAKE)


def load_demo_postgrad(*, people: Callable[..., Person], users: dict[str, User]) -> dict[str, int]:
    rng = random.Random("postgrad")
    methodologist, leadership = users["methodologist"], users["leadership"]
    today = timezone.localdate()
    current = today.year if today.month >= 9 else today.year - 1  # the academic year under way starts in September of this year
    _calendar(methodologist, current - 2, current + 2)
    master = _programme(methodologist, users["head"], "master-law-enforcement", ProgrammeKind.MASTER_SCIENTIFIC, 24, "ipge-special-law",
                        ("Құқық қорғау қызметі (ғылыми-педагогикалық магистратура)", "Правоохранительная деятельность (научно-педагогическая магистратура)",
                         "Law Enforcement (scientific-pedagogical master's)"), MASTER)
    doctoral = _programme(methodologist, users["head"], "doctoral-jurisprudence", ProgrammeKind.DOCTORAL, 36, "ipge-special-law",
                          ("Юриспруденция (PhD докторантурасы)", "Юриспруденция (докторантура PhD)", "Jurisprudence (PhD)"), _doctoral())
    head = _staff_login(people, "ipgehead", Role.HEAD_OF_DEPARTMENT, "ipge-special-law", "head-of-department")
    professors = [_staff_login(people, f"ipge-professor{n}", Role.LECTURER, "ipge-special-law", position)
                  for n, position in enumerate(("professor", "associate-professor", "senior-lecturer"), start=1)]
    lecturers = [users["lecturer"], *professors]
    _teach(methodologist, master, lecturers)
    _teach(methodologist, doctoral, lecturers)
    supervisors = [StaffMember.objects.get(person__user=u) for u in lecturers]
    years = {y.starts_on.year: y for y in AcademicYear.objects.all()}

    def cohort(version: ProgrammeVersion, start: int, size: int) -> list[Student]:
        persons = [people() for _ in range(size)]
        for person in persons:
            person.save()
        students = _admit(methodologist, leadership, version, years[start], persons, rng)
        for n, student in enumerate(students):
            postgrad.supervisor_assign(actor=methodologist, student=student, supervisor=supervisors[n % len(supervisors)],
                                       co_supervisor="проф. А. Мюллер, Венский университет, Австрия" if version == doctoral and n == 0 else "")
            student.refresh_from_db()
        return students

    # The master's cohort in its second year: plans approved, two periods marked, an FX retaken,
    # an F studied again in the summer; and the graduates of the year before, one dissertation defended.
    graduates = cohort(master, current - 2, 2)
    seconds = cohort(master, current - 1, 6)
    doctors = cohort(doctoral, current - 1, 3)
    for student in [*graduates, *seconds, *doctors]:
        _choose(methodologist, student, rng)
        _approve(methodologist, head, Student.objects.get(pk=student.pk))
    for student in graduates:
        _mark_periods(methodologist, student, today, rng, {})
        postgrad.student_graduate(actor=methodologist, student=student)
    for n, student in enumerate(seconds):
        scripted = {"Psychology of management": [42, 71]} if n == 0 else {"Higher school pedagogy": [20]} if n == 1 else {}
        _mark_periods(methodologist, student, today, rng, scripted)
    summer = Period.objects.get(year=years[current - 1], kind=Period.Kind.SUMMER)
    failed = Mark.objects.get(student=seconds[1], teaching__discipline__name_en="Higher school pedagogy")
    repeat = postgrad.teaching_set(actor=methodologist, discipline_id=failed.teaching.discipline_id, period=summer, lecturer=failed.teaching.lecturer)
    postgrad.mark_enter(actor=methodologist, student=seconds[1], teaching=repeat, points=68, attempt=Mark.Attempt.REPEAT)
    for student in doctors:
        _mark_periods(methodologist, student, today, rng, {})

    dissertations = 0
    for n, student in enumerate([*graduates, *seconds, *doctors]):
        approved = datetime.date(student.admitted_in.starts_on.year, 11, 15)
        dissertation = postgrad.dissertation_set(actor=methodologist, student=student, topics=TOPICS[n % len(TOPICS)],
                                                 approved_on=approved, council_decision=f"№ 3 от {approved:%d.%m.%Y}")
        dissertations += 1
        start = student.admitted_in.starts_on
        for kind, months in ((Milestone.Kind.SEMINAR, 8), (Milestone.Kind.PUBLICATION, 14), (Milestone.Kind.PRE_DEFENCE, 21), (Milestone.Kind.DEFENCE, 22)):
            milestone = postgrad.milestone_add(actor=methodologist, dissertation=dissertation, kind=kind, due_on=start + datetime.timedelta(days=months * 30))
            if milestone.due_on < today:
                postgrad.milestone_done(actor=methodologist, milestone=milestone, done_on=milestone.due_on - datetime.timedelta(days=rng.randint(0, 10)))
        postgrad.publication_add(actor=methodologist, dissertation=dissertation, title=f"{dissertation.topic_ru}: постановка проблемы",
                                 venue="Вестник Академии правоохранительных органов", year=start.year + 1)
    defended = graduates[0].dissertation
    postgrad.implementation_act_add(actor=methodologist, dissertation=defended, organisation="Генеральная прокуратура Республики Казахстан",
                                    dated=today - datetime.timedelta(days=30))

    # This year's admission; the demo student has his compulsory disciplines and the first
    # semester's elective, and chooses the rest himself.
    newcomers = cohort(master, current, 3)
    login = User.objects.get(username="student")
    person = newcomers[0].person
    person.user = login
    person.save(update_fields=["user"])
    login.first_name, login.last_name = person.first_name, person.last_name
    login.save(update_fields=["first_name", "last_name"])
    postgrad.supervisor_assign(actor=methodologist, student=newcomers[0], supervisor=StaffMember.objects.get(person__user=users["lecturer"]))
    first = next(d for d in catalog_disciplines(master) if d.component == Component.ELECTIVE and d.period == 1)
    postgrad.plan_choose(actor=methodologist, student=newcomers[0], teaching=Teaching.objects.get(discipline=first, period=queries.programme_periods(newcomers[0])[0]))
    return {"postgraduate students": Student.objects.count(), "dissertations": dissertations, "plans approved": Plan.objects.filter(status=Plan.Status.APPROVED).count()}
