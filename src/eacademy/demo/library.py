"""The demo's library: a catalogue of three thousand records in Russian and Kazakh with their
copies (brought in by acquisition acts, a few written off), loans (one overdue) and a hold;
reading lists; a repository of the Academy's works in every access level, with the
dissertations of the postgraduate demo as documents — one master's project copies a passage of
an earlier dissertation, so its similarity report shows it, and the case is in the register of
violations; the demo listener has accepted the honesty declaration."""

import datetime
import io
import random
import zipfile

from django.utils import timezone
from django.utils.html import escape
from stdnum import ean

from eacademy.catalog.models import Discipline
from eacademy.core.models import User
from eacademy.library import services as catalogue
from eacademy.library.models import Copy, Record, Subject, Work
from eacademy.library.services import circulation, honesty, repository
from eacademy.postgrad.models import Dissertation

RECORDS = 3000
_TOPICS = [  # (Russian, Kazakh)
    ("Уголовный процесс", "Қылмыстық процесс"), ("Уголовное право", "Қылмыстық құқық"), ("Криминалистика", "Криминалистика"),
    ("Прокурорский надзор", "Прокурорлық қадағалау"), ("Оперативно-розыскная деятельность", "Жедел-іздестіру қызметі"),
    ("Противодействие коррупции", "Сыбайлас жемқорлыққа қарсы іс-қимыл"), ("Административное право", "Әкімшілік құқық"),
    ("Конституционное право", "Конституциялық құқық"), ("Финансовый мониторинг", "Қаржы мониторингі"), ("Криминология", "Криминология"),
    ("Досудебное расследование", "Сотқа дейінгі тергеп-тексеру"), ("Правовая статистика", "Құқықтық статистика"),
    ("Экономические преступления", "Экономикалық қылмыстар"), ("Международное сотрудничество по уголовным делам", "Қылмыстық істер бойынша халықаралық ынтымақтастық"),
    ("Судебная экспертиза", "Сот сараптамасы"), ("Защита прав человека", "Адам құқықтарын қорғау"),
]
_FORMS = [  # (kind, Russian, Kazakh)
    (Record.Kind.TEXTBOOK, "учебник", "оқулық"), (Record.Kind.TEACHING_AID, "учебное пособие", "оқу құралы"),
    (Record.Kind.METHODOLOGICAL, "методические рекомендации", "әдістемелік ұсынымдар"), (Record.Kind.BOOK, "курс лекций", "дәрістер курсы"),
    (Record.Kind.BOOK, "практикум", "практикум"), (Record.Kind.BOOK, "комментарий", "түсіндірме"), (Record.Kind.PROCEEDINGS, "материалы конференции", "конференция материалдары"),
]
_ASPECTS = ["общая часть", "особенная часть", "вопросы теории и практики", "актуальные проблемы", "для слушателей курсов повышения квалификации",
            "в схемах и таблицах", "сравнительно-правовой анализ", "цифровые доказательства", "тактика и методика", "судебная практика"]
_ASPECTS_KK = ["жалпы бөлім", "ерекше бөлім", "теория мен практика мәселелері", "өзекті мәселелер", "біліктілікті арттыру курстарының тыңдаушыларына арналған",
               "сызбалар мен кестелерде", "салыстырмалы-құқықтық талдау", "цифрлық дәлелдемелер", "тактика және әдістеме", "сот практикасы"]
_SURNAMES = ["Ахметов", "Сейтказина", "Жумабаев", "Иванова", "Нурланов", "Ким", "Абдрахманов", "Оспанова", "Петров", "Тулегенов", "Байжанова", "Смагулов"]
_PUBLISHERS = [("Астана", "Академия правоохранительных органов"), ("Алматы", "Жеті жарғы"), ("Алматы", "Юрист"), ("Астана", "Фолиант"), ("Москва", "Норма")]
_LEGAL_ACTS = ["Уголовно-процессуальный кодекс Республики Казахстан", "Уголовный кодекс Республики Казахстан", "Закон «О прокуратуре»",
               "Закон «О противодействии коррупции»", "Кодекс об административных правонарушениях", "Закон «Об оперативно-розыскной деятельности»"]

# Coherent passages, each belonging to one work; the rest of a work's text is drawn at random from their words.
PASSAGES = [
    ("Допрос свидетеля проводится следователем по месту производства досудебного расследования. Перед допросом следователь удостоверяется в "
    "личности свидетеля, разъясняет ему права и обязанности, предупреждает об уголовной ответственности за отказ от дачи показаний и за дачу "
    "заведомо ложных показаний, о чём делается отметка в протоколе допроса."),
    ("Прокурорский надзор за законностью досудебного расследования обеспечивает защиту прав участников уголовного процесса. Прокурор вправе "
    "истребовать материалы уголовного дела, отменять незаконные постановления органа уголовного преследования и давать письменные указания о "
    "производстве следственных действий."),
    ("Цифровые доказательства требуют особого порядка изъятия и хранения: копирование информации с электронного носителя производится с участием "
    "специалиста, а контрольные суммы файлов фиксируются в протоколе, что позволяет суду проверить неизменность сведений."),
    ("Финансовое расследование начинается с установления источников и движения денежных средств, полученных преступным путём. Подразделение "
    "финансового мониторинга анализирует подозрительные операции и передаёт сведения органу уголовного преследования."),
    ("Сыбайлас жемқорлық қылмыстарын тергеу кезінде мемлекеттік қызметшінің лауазымдық өкілеттіктерін, оның шешім қабылдау тәртібін және "
    "мүдделер қақтығысының болуын анықтау қажет; алынған мәліметтер тергеу әрекеттерінің хаттамаларында тіркеледі."),
]


def _isbn(rng: random.Random) -> str:
    body = "978601" + "".join(rng.choice("0123456789") for _ in range(6))
    return body + ean.calc_check_digit(body)  # an ISBN-13 is an EAN-13


def _text(rng: random.Random, own: str, words: int) -> str:
    vocabulary = sorted({w.strip(".,:;«»()") for p in PASSAGES for w in p.split()} - {""})
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        sentence = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 16)))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    middle = len(sentences) // 2
    return "\n".join([*sentences[:middle], own, *sentences[middle:], "Список литературы", *_LEGAL_ACTS])


def docx(text: str) -> bytes:
    """A DOCX of the text, a paragraph a line (the tests make theirs with it too)."""
    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in text.splitlines())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         f"<w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def _catalogue(rng: random.Random, librarian: User) -> list[Record]:
    records, isbns = [], set()
    for n in range(RECORDS):
        kazakh = rng.random() < 0.3
        (topic_ru, topic_kk), (kind, form_ru, form_kk) = rng.choice(_TOPICS), rng.choice(_FORMS)
        aspect = rng.randrange(len(_ASPECTS))
        title = f"{topic_kk}: {form_kk} ({_ASPECTS_KK[aspect]})" if kazakh else f"{topic_ru}: {form_ru} ({_ASPECTS[aspect]})"
        if n % 40 == 0:
            kind, title = Record.Kind.LEGAL_ACT, f"{rng.choice(_LEGAL_ACTS)} (редакция {2014 + n % 12} года)"
        isbn = _isbn(rng) if kind not in (Record.Kind.LEGAL_ACT,) else ""
        while isbn in isbns:
            isbn = _isbn(rng)
        isbns.add(isbn)
        place, publisher = rng.choice(_PUBLISHERS)
        authors = "; ".join(f"{rng.choice(_SURNAMES)} {rng.choice('АБЕЖКМНСТ')}.{rng.choice('АБЕЖКМНСТ')}." for _ in range(rng.randint(1, 3)))
        records.append(Record(kind=kind, title=title, authors=authors if kind != Record.Kind.LEGAL_ACT else "", publisher=publisher, place=place,
                              year=rng.randint(2005, timezone.localdate().year), isbn=isbn, language="kk" if kazakh else "ru",
                              keywords=f"{topic_kk if kazakh else topic_ru}", call_number=f"67.{rng.randint(400, 999)}", control_number=f"eacademy-demo-{n + 1}"))
    return catalogue.records_add(actor=librarian, records=records, reason="demo")


def _subjects(records: list[Record]) -> None:
    """A subject heading per topic (a rubric of the state classifier), its records, and the
    disciplines whose names share its first word."""
    disciplines = list(Discipline.objects.all())
    links = []
    for number, (ru, kk) in enumerate(_TOPICS, start=1):
        subject = Subject.objects.create(code=f"10.{70 + number}", name_ru=ru, name_kk=kk)
        stem = ru.split()[0][:6].lower()
        subject.disciplines.set([d for d in disciplines if stem in d.name_ru.lower()])
        links += [Record.subjects.through(record_id=r.pk, subject_id=subject.pk) for r in records if r.keywords in (ru, kk)]
    Record.subjects.through.objects.bulk_create(links, batch_size=2000)


def load_demo_library(*, users: dict[str, User]) -> dict[str, int]:
    rng = random.Random("library")
    librarian, today = users["librarian"], timezone.localdate()
    records = _catalogue(rng, librarian)
    for year in range(3):
        part = records[year::3]
        catalogue.acquisition(actor=librarian, number=f"П-{today.year - 2 + year}/1", date=datetime.date(today.year - 2 + year, 1, 15),
                              basis="Поставка по договору о государственных закупках", items=[catalogue.Acquired(r, rng.randint(1, 4), "Абонемент") for r in part])
    worn = list(Copy.objects.order_by("pk").values_list("inventory_number", flat=True)[:12])
    catalogue.write_off(actor=librarian, number=f"С-{today.year}/1", date=today - datetime.timedelta(days=30), basis="Ветхость (акт комиссии)", inventory_numbers=worn)
    # The listener's and the lecturer's loans (the lecturer's overdue); the only copy of a record lent out, and the student waits for it.
    single = next(r for r in records[20:] if r.copies.filter(written_off_by__isnull=True).count() == 1)
    lent = [single, *records[30:32]]
    for record, reader, issued in ((lent[0], users["lecturer"], today - datetime.timedelta(days=70)), (lent[1], users["listener"], today - datetime.timedelta(days=5)),
                                   (lent[2], users["listener"], today - datetime.timedelta(days=12))):
        copy = circulation.on_shelf(record).first()
        if copy is not None:
            circulation.loan_issue(actor=librarian, reader=reader, inventory_number=copy.inventory_number, today=issued)
    circulation.hold_place(actor=users["student"], record=single)
    for discipline in Discipline.objects.order_by("pk")[:6]:
        for record in rng.sample(records, 3):
            catalogue.reading_item_add(actor=users["methodologist"], discipline=discipline, citation=str(record), record=record)
        catalogue.reading_item_add(actor=users["methodologist"], discipline=discipline, citation="Ахметов А.А. Новейший комментарий. Астана, 2026.", required=False)
    _subjects(records)
    honesty.declaration_accept(actor=users["listener"])
    works = _repository(rng, users)
    return {"catalogue records": len(records), "copies": Copy.objects.count(), "repository works": works}


def _repository(rng: random.Random, users: dict[str, User]) -> int:
    librarian = users["librarian"]
    year = timezone.localdate().year
    deposited = 0
    dissertations = list(Dissertation.objects.select_related("student__person").order_by("pk")[:4])
    for number, dissertation in enumerate(dissertations):
        text = _text(rng, PASSAGES[number % len(PASSAGES)], 900)
        repository.work_deposit(actor=librarian, kind=Work.Kind.DISSERTATION, access=[Work.Access.OPEN, Work.Access.ACADEMY][number % 2], year=year - 1,
                                metadata=[repository.Metadata("ru", dissertation.topic_ru, str(dissertation.student.person), "диссертация; право",
                                                              f"Диссертация посвящена теме «{dissertation.topic_ru}»."),
                                          *([repository.Metadata("kk", dissertation.topic_kk, str(dissertation.student.person))] if dissertation.topic_kk else [])],
                                files=[repository.Upload("dissertation.docx", docx(text), "ru")], author=dissertation.student.person)
        deposited += 1
    for number, (topic_ru, topic_kk) in enumerate(_TOPICS):
        access = [Work.Access.OPEN, Work.Access.OPEN, Work.Access.ACADEMY, Work.Access.RESTRICTED][number % 4]
        kind = [Work.Kind.ARTICLE, Work.Kind.TEXTBOOK, Work.Kind.MONOGRAPH, Work.Kind.PROCEEDINGS][number % 4]
        title = f"{topic_ru}: {'методика расследования' if access == Work.Access.RESTRICTED else 'учебно-методический комплекс'}"
        repository.work_deposit(actor=librarian, kind=kind, access=access, year=year - number % 5,
                                metadata=[repository.Metadata("ru", title, f"{rng.choice(_SURNAMES)} А.Б.", topic_ru, f"Издание Академии по дисциплине «{topic_ru}».",
                                                              "Академия правоохранительных органов"),
                                          repository.Metadata("kk", f"{topic_kk}: оқу-әдістемелік кешен", f"{rng.choice(_SURNAMES)} А.Б.", topic_kk)],
                                files=[repository.Upload("text.docx", docx(_text(rng, "", 300)), "ru")])
        deposited += 1
    # A master's project that copies a passage of the first dissertation: its check shows it; the case waits for a decision.
    if dissertations:
        author = users["student"].person
        copied = _text(rng, PASSAGES[0] + " " + "Вывод автора: порядок допроса нуждается в уточнении.", 600)
        work = repository.work_deposit(actor=librarian, kind=Work.Kind.MASTERS_PROJECT, access=Work.Access.ACADEMY, year=year,
                                       metadata=[repository.Metadata("ru", "Тактика допроса свидетеля на досудебной стадии", str(author))],
                                       files=[repository.Upload("project.docx", docx(copied), "ru")], author=author)
        check = honesty.latest_check(f"library.work:{work.pk}")
        honesty.violation_register(actor=users["methodologist"], person=author, check_run=check,
                                   description="В магистерском проекте дословно заимствован абзац из диссертации без ссылки на источник.")
        deposited += 1
    return deposited
