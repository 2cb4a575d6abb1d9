"""The demo's international training, in the shape of the seeds' figures: the Regional Hub's
first year and a half (16 events from the end of 2016, more than 800 participants, among them
officers of Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan, Afghanistan and Pakistan, 38
international experts, a simulation course for 57 participants from 14 countries), its
partners and agreements (the UN memorandum signed in Vienna on 11 April 2017…), and a CIS
seminar open for registration now. Personal data of the old events are already erased, as the
retention periods require; their countries, organisations and attendance remain."""

import datetime
import random
import secrets

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from eacademy.core.models import User
from eacademy.core.names import search_key
from eacademy.events.models import (
    RETENTION_DAYS,
    Activity,
    Agreement,
    BadgeTemplate,
    CheckIn,
    Event,
    Expert,
    Format,
    Partner,
    Registration,
    Session,
)
from eacademy.org.models import AcademyUnit, Agency
from eacademy.people.models import Person
from eacademy.staff.models import HubArea, HubTrainer

HUB_COUNTRIES = ["KG", "TJ", "TM", "UZ", "AF", "PK"]
SIMULATION_COUNTRIES = ["KZ", *HUB_COUNTRIES, "RU", "BY", "AZ", "AM", "MN", "TR", "GE"]  # 14
FIRST_NAMES = ["AZAMAT", "BAKYT", "RUSTAM", "FARRUKH", "DILSHOD", "AHMAD", "IMRAN", "SARDOR", "NURLAN", "AIDA", "GULNARA", "MADINA", "OLGA", "IVAN",
               "ARMEN", "GIORGI", "TEMUR", "BATBAYAR", "MEHMET", "ALI", "ZARINA", "KAMOL", "SHER", "HAMID"]
LAST_NAMES = ["ABDULLAEV", "KARIMOV", "RAHIMOV", "TURSUNOV", "YUSUPOV", "NAZAROV", "AHMADZAI", "KHAN", "QURESHI", "ALIEV", "SADYKOV", "ISMAILOV",
              "PETROV", "SMIRNOV", "GRIGORYAN", "BERIDZE", "GANBOLD", "YILMAZ", "HAIDARI", "BERDIEV", "ORAZOV", "SHARIPOV", "MIRZOEV", "TOKTOGULOV"]
ORGANISATIONS = {"KZ": "Prosecutor General's Office of Kazakhstan", "KG": "Prosecutor General's Office of the Kyrgyz Republic",
                 "TJ": "Prosecutor General's Office of Tajikistan", "TM": "Prosecutor General's Office of Turkmenistan",
                 "UZ": "Prosecutor General's Office of Uzbekistan", "AF": "Attorney General's Office of Afghanistan",
                 "PK": "Federal Investigation Agency of Pakistan"}
EXPERT_COUNTRIES = ["AT", "DE", "FR", "GB", "US", "IT", "NL", "RU", "TR", "KR", "JP", "LT", "HU", "GE", "PL", "CH", "SE", "FI", "ES"]
EXPERT_ORGANISATIONS = ["UNODC", "OSCE", "European Union", "Interpol", "CARICC", "Council of Europe", "FATF", "Europol"]
HUB_TOPICS = [
    (Format.SEMINAR, HubArea.EXTREMISM, "Countering violent extremism online", "Интернеттегі зорлық-зомбылық экстремизміне қарсы іс-қимыл", "Противодействие насильственному экстремизму в интернете"),
    (Format.CONFERENCE, HubArea.DRUGS, "Drug trafficking routes in Central Asia", "Орталық Азиядағы есірткі трафигі жолдары", "Маршруты наркотрафика в Центральной Азии"),
    (Format.ROUND_TABLE, HubArea.TRAFFICKING, "Identifying victims of human trafficking", "Адам саудасы құрбандарын анықтау", "Выявление жертв торговли людьми"),
    (Format.SEMINAR, HubArea.CYBERCRIME, "Electronic evidence in criminal cases", "Қылмыстық істердегі электрондық дәлелдемелер", "Электронные доказательства по уголовным делам"),
    (Format.SEMINAR, HubArea.FINANCIAL, "Financial investigations and asset recovery", "Қаржылық тергеулер және активтерді қайтару", "Финансовые расследования и возврат активов"),
    (Format.WEBINAR, HubArea.CYBERCRIME, "Cryptocurrencies in money laundering", "Ақшаны жылыстатудағы криптовалюталар", "Криптовалюты в отмывании денег"),
    (Format.WORKING_GROUP, HubArea.EXTREMISM, "Foreign terrorist fighters: returnees", "Шетелдік террорист-содырлар: қайтып оралғандар", "Иностранные боевики-террористы: вернувшиеся"),
    (Format.FILM, HubArea.TRAFFICKING, "Film training: labour exploitation", "Фильм-тренинг: еңбек қанауы", "Фильм-тренинг: трудовая эксплуатация"),
]


def _latin_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES)


def _partners() -> dict[str, Partner]:
    rows = [
        ("un", Partner.Kind.INTERNATIONAL, "AT", "United Nations", "Біріккен Ұлттар Ұйымы", "Организация Объединённых Наций"),
        ("osce", Partner.Kind.INTERNATIONAL, "AT", "OSCE", "ЕҚЫҰ", "ОБСЕ"),
        ("eu", Partner.Kind.INTERNATIONAL, "BE", "European Union", "Еуропалық Одақ", "Европейский союз"),
        ("interpol", Partner.Kind.INTERNATIONAL, "FR", "Interpol", "Интерпол", "Интерпол"),
        ("caricc", Partner.Kind.REGIONAL, "KZ", "CARICC", "ОАӨАЕО (CARICC)", "ЦАРИКЦ (CARICC)"),
        ("nu", Partner.Kind.UNIVERSITY, "KZ", "Nazarbayev University", "Назарбаев Университеті", "Назарбаев Университет"),
        ("enu", Partner.Kind.UNIVERSITY, "KZ", "L.N. Gumilyov Eurasian National University", "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
         "Евразийский национальный университет им. Л.Н. Гумилёва"),
        ("by", Partner.Kind.FOREIGN, "BY", "Scientific and Practical Centre of the Prosecutor General's Office of Belarus",
         "Беларусь Бас прокуратурасының Ғылыми-практикалық орталығы", "Научно-практический центр Генеральной прокуратуры Республики Беларусь"),
        ("uz", Partner.Kind.FOREIGN, "UZ", "Higher Training Courses of the Prosecutor General's Office of Uzbekistan",
         "Өзбекстан Бас прокуратурасының Жоғары оқу курстары", "Высшие учебные курсы Генеральной прокуратуры Республики Узбекистан"),
    ]
    partners = {code: Partner(kind=kind, country=country, name_en=en, name_kk=kk, name_ru=ru) for code, kind, country, en, kk, ru in rows}
    bulk_create_with_history(list(partners.values()), Partner, default_change_reason="demo")
    return partners


def _agreements(partners: dict[str, Partner], today: datetime.date) -> None:
    rows = [
        ("un", Agreement.Kind.MEMORANDUM, "Memorandum of Understanding and Cooperation between the Prosecutor General's Office of Kazakhstan and the United Nations",
         datetime.date(2017, 4, 11), "Vienna", None, True),
        ("caricc", Agreement.Kind.AGREEMENT, "Agreement on training in countering drug trafficking", datetime.date(2017, 9, 20), "Almaty", today + datetime.timedelta(days=60), True),
        ("nu", Agreement.Kind.MEMORANDUM, "Memorandum on joint research and teaching", datetime.date(2018, 2, 1), "Astana", None, True),
        ("enu", Agreement.Kind.MEMORANDUM, "Memorandum on cooperation in legal education", datetime.date(2018, 3, 15), "Astana", None, False),
        ("by", Agreement.Kind.AGREEMENT, "Agreement on exchange of experience", datetime.date(2019, 6, 5), "Minsk", today + datetime.timedelta(days=700), True),
        ("uz", Agreement.Kind.AGREEMENT, "Agreement on advanced training of prosecutors", datetime.date(2019, 10, 2), "Tashkent", today + datetime.timedelta(days=400), True),
    ]
    agreements = [Agreement(partner=partners[code], kind=kind, title=title, signed_on=signed, signed_at=place, valid_until=until)
                  for code, kind, title, signed, place, until, _active in rows]
    bulk_create_with_history(agreements, Agreement, default_change_reason="demo")
    activities = []
    for agreement, (_code, _kind, _title, signed, _place, _until, active) in zip(agreements, rows, strict=True):
        activities.append(Activity(agreement=agreement, kind=Activity.Kind.EVENT, held_on=signed + datetime.timedelta(days=120), description="Joint seminar"))
        if active:
            activities.append(Activity(agreement=agreement, kind=Activity.Kind.EXCHANGE, held_on=today - datetime.timedelta(days=90), description="Exchange of experience"))
    bulk_create_with_history(activities, Activity, default_change_reason="demo")


def _experts(rng: random.Random) -> tuple[list[Expert], list[Expert]]:
    """38 international experts, and the Hub's national trainers as speakers too."""
    people = []
    for number in range(38):
        last, first = _latin_name(rng)
        last = last.title()
        first = first.title()
        people.append(Person(last_name=last, first_name=first, last_name_latin=last, first_name_latin=first, search_key=search_key(last, first),
                             citizenship=EXPERT_COUNTRIES[number % len(EXPERT_COUNTRIES)], passport_number=f"X{rng.randrange(10**7, 10**8)}",
                             sex="M" if rng.random() < 0.7 else "F", birth_date=datetime.date(rng.randint(1960, 1985), rng.randint(1, 12), rng.randint(1, 28))))
    bulk_create_with_history(people, Person, default_change_reason="demo")
    international = [Expert(person=p, international=True, organisation=EXPERT_ORGANISATIONS[i % len(EXPERT_ORGANISATIONS)],
                            areas=[list(HubArea)[i % len(HubArea)].value], languages=["en", "ru"] if i % 3 else ["en"]) for i, p in enumerate(people)]
    national = [Expert(person_id=t.person_id, international=False, organisation="", areas=[t.area], languages=["kk", "ru"])
                for t in HubTrainer.objects.order_by("pk")[:24]]
    bulk_create_with_history([*international, *national], Expert, default_change_reason="demo")
    return international, national


def _participants(event: Event, count: int, countries: list[str], rng: random.Random, domestic: list[Agency]) -> list[Registration]:
    erased = {field: (event.ends_on + datetime.timedelta(days=days + 1)).isoformat() for field, days in RETENTION_DAYS.items()}
    rows = []
    for number in range(count):
        country = countries[number % len(countries)]
        last, first = _latin_name(rng)
        agency = rng.choice(domestic) if country == "KZ" else None
        rows.append(Registration(event=event, last_name=last, first_name=first, nationality=country, organisation=ORGANISATIONS.get(country, f"Law enforcement ({country})"),
                                 agency=agency, status=Registration.Status.APPROVED, registered_at=timezone.make_aware(datetime.datetime.combine(event.starts_on, datetime.time(9))) - datetime.timedelta(days=20),
                                 badge_code=secrets.token_urlsafe(16), certificate_code=secrets.token_urlsafe(16),
                                 certificate_issued_at=timezone.make_aware(datetime.datetime.combine(event.ends_on, datetime.time(17))), erased=erased))
    return rows


ABROAD = [("AT", "Vienna", "UNODC workshop on financial investigations", "Қаржылық тергеулер бойынша UNODC семинары", "Семинар UNODC по финансовым расследованиям"),
          ("HU", "Budapest", "Training on cybercrime investigation", "Киберқылмыстарды тергеу тренингі", "Тренинг по расследованию киберпреступлений"),
          ("GE", "Tbilisi", "Exchange of experience: prosecutorial supervision", "Тәжірибе алмасу: прокурорлық қадағалау", "Обмен опытом: прокурорский надзор"),
          ("KG", "Bishkek", "Regional conference on countering extremism", "Экстремизмге қарсы іс-қимыл жөніндегі өңірлік конференция", "Региональная конференция по противодействию экстремизму"),
          ("LT", "Vilnius", "Study visit: asset recovery", "Оқу сапары: активтерді қайтару", "Учебный визит: возврат активов")]
TRAINED_ABROAD = 269  # seed 003: prosecutors who went abroad to exchange experience, train and take part in international events


def _abroad(organiser: User) -> list[Registration]:
    """Events held abroad with officers of Kazakhstan's agencies among the participants."""
    officers = list(Person.objects.filter(agency__kind=Agency.Kind.DOMESTIC, citizenship="KZ").exclude(iin=None).select_related("agency", "position")
                    .order_by("pk")[:TRAINED_ABROAD])
    events = []
    for number in range(10):
        country, city, en, kk, ru = ABROAD[number % len(ABROAD)]
        starts = datetime.date(2019 + number // 2, 3 + 4 * (number % 2), 10)
        events.append(Event(format=Format.SEMINAR if number % 3 else Format.CONFERENCE, name_en=en, name_kk=kk, name_ru=ru, country=country, place=city,
                            languages=["en", "ru"], starts_on=starts, ends_on=starts + datetime.timedelta(days=4), capacity=40, status=Event.Status.CLOSED,
                            created_by=organiser))
    bulk_create_with_history(events, Event, default_user=organiser, default_change_reason="demo")
    erased = {field: "2025-01-01" for field in RETENTION_DAYS}
    return [Registration(event=events[index % len(events)], person=person, agency=person.agency, last_name=person.last_name_latin or person.last_name,
                         first_name=person.first_name_latin or person.first_name, nationality="KZ", organisation=str(person.agency),
                         status=Registration.Status.APPROVED, badge_code=secrets.token_urlsafe(16), erased=erased,
                         registered_at=timezone.make_aware(datetime.datetime.combine(events[index % len(events)].starts_on, datetime.time(9))))
            for index, person in enumerate(officers)]


def load_demo_events(*, rng: random.Random, users: dict[str, User]) -> dict[str, int]:
    organiser = users["methodologist"]
    today = timezone.localdate()
    hub_department = AcademyUnit.objects.filter(code="ivt-hub").first()
    bulk_create_with_history([
        BadgeTemplate(name="Regional Hub", heading="Regional Hub on Countering Global Threats", shows=["nationality", "organisation", "position"]),
        BadgeTemplate(name="Catering and access", heading="E-Academy", shows=["organisation", "dietary_needs", "accessibility_needs", "language"]),
    ], BadgeTemplate, default_user=organiser, default_change_reason="demo")
    partners = _partners()
    _agreements(partners, today)
    international, national = _experts(rng)
    domestic = list(Agency.objects.filter(kind=Agency.Kind.DOMESTIC, is_active=True).order_by("pk")[:6])
    events, registrations, sessions, speakers = [], [], [], []
    start = datetime.date(2016, 12, 12)
    for number in range(16):  # the Hub's first year and a half
        starts = start + datetime.timedelta(days=34 * number)
        if number == 15:
            fmt, area, en, kk, ru = Format.SIMULATION, HubArea.EXTREMISM, "Simulation course: investigating a terrorist attack", "Симуляциялық курс: терактіні тергеу", "Симуляционный курс: расследование теракта"
        else:
            fmt, area, en, kk, ru = HUB_TOPICS[number % len(HUB_TOPICS)]
        events.append(Event(format=fmt, hub_area=area, name_en=en, name_kk=kk, name_ru=ru, place="Astana, the Academy", languages=["ru", "en"],
                            starts_on=starts, ends_on=starts + datetime.timedelta(days=2), capacity=80, status=Event.Status.CLOSED, created_by=organiser,
                            unit=hub_department))
    cis = Event(format=Format.SEMINAR, cis_council="prosecutors", name_en="Supervision of pre-trial investigation: CIS practice",
                name_kk="Сотқа дейінгі тергеп-тексеруді қадағалау: ТМД тәжірибесі", name_ru="Надзор за досудебным расследованием: практика СНГ",
                place="Astana, the Academy", languages=["ru"], starts_on=today + datetime.timedelta(days=21), ends_on=today + datetime.timedelta(days=24),
                capacity=40, status=Event.Status.OPEN, created_by=organiser)
    bulk_create_with_history([*events, cis], Event, default_user=organiser, default_change_reason="demo")
    for event in events:
        event.partners.add(partners["un"] if event.hub_area != HubArea.DRUGS else partners["caricc"])
    experts = iter(international * 2)
    for number, event in enumerate(events):
        count, countries = (57, SIMULATION_COUNTRIES) if number == 15 else (50 + number % 5, ["KZ", "KZ", "KZ", *HUB_COUNTRIES])
        registrations += _participants(event, count, countries, rng, domestic)
        for day in range(2 if number < 15 else 3):
            begins = timezone.make_aware(datetime.datetime.combine(event.starts_on + datetime.timedelta(days=day), datetime.time(10)))
            session = Session(event=event, title=f"{event.name_en}: part {day + 1}", starts_at=begins, ends_at=begins + datetime.timedelta(hours=3), room="Hall 1")
            sessions.append(session)
            speakers.append((session, [next(experts), next(experts) if day == 0 and number < 6 else None, national[number % len(national)] if national else None]))
    Session.objects.bulk_create(sessions)
    for session, chosen in speakers:
        session.speakers.add(*[e for e in chosen if e is not None])
    now = timezone.now()
    for day in range(3):
        begins = timezone.make_aware(datetime.datetime.combine(cis.starts_on + datetime.timedelta(days=day), datetime.time(10)))
        Session.objects.create(event=cis, title=("Opening and the CIS model law", "Workshop: supervision of investigative actions", "Round table and closing")[day],
                               starts_at=begins, ends_at=begins + datetime.timedelta(hours=3), room="Hall 2")
    for number in range(6):  # officers of partner states already registered; one awaits approval
        last, first = _latin_name(rng)
        country = HUB_COUNTRIES[number % len(HUB_COUNTRIES)]
        registrations.append(Registration(event=cis, last_name=last, first_name=first, nationality=country, organisation=ORGANISATIONS[country],
                                          passport_number=f"P{rng.randrange(10**7, 10**8)}", birth_date=datetime.date(rng.randint(1970, 1995), rng.randint(1, 12), rng.randint(1, 28)),
                                          email=f"{last.lower()}.{number}@example.org", dietary_needs="halal" if number % 2 else "", status=Registration.Status.PENDING if number == 5 else Registration.Status.APPROVED,
                                          registered_at=now - datetime.timedelta(days=6 - number), badge_code=secrets.token_urlsafe(16), language="ru"))
    registrations += _abroad(organiser)
    registrations = bulk_create_with_history(registrations, Registration, batch_size=1000, default_user=organiser, default_change_reason="demo")
    came = Registration.objects.filter(event__in=events)
    CheckIn.objects.bulk_create([CheckIn(registration_id=pk, at=timezone.make_aware(datetime.datetime.combine(starts, datetime.time(9, 30))), by=organiser)
                                 for pk, starts in came.values_list("pk", "event__starts_on")], batch_size=1000)
    return {"events": len(events) + 1, "event_participants": len(registrations), "experts": len(international)}
