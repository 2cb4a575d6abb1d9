import datetime

import pytest

from eacademy.core.iin import FEMALE, MALE, check_digit, make_iin
from eacademy.core.roles import Role
from eacademy.org.models import Agency
from eacademy.people.models import Person
from tests.core.test_iin import NO_CHECK_DIGIT
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    prosecutor = Agency.objects.get(code="prosecutor")
    data = {
        "citizenship": "KZ",
        "iin": make_iin(datetime.date(1991, 3, 8), FEMALE, 4321),
        "last_name": "Байжанова",
        "first_name": "Әйгерім",
        "middle_name": "Қанатқызы",
        "agency": str(prosecutor.pk),
    }
    return data | overrides


def test_a_methodologist_registers_a_person_with_sex_and_birth_date_from_the_iin(client_as) -> None:
    response = client_as(Role.METHODOLOGIST).post("/people/new/", _form())
    person = Person.objects.get(last_name="Байжанова")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert (person.sex, person.birth_date) == (FEMALE, datetime.date(1991, 3, 8))
    record = person.history.get()
    assert record.history_user.username == "methodologist" and record.history_type == "+"


@pytest.mark.parametrize(
    ("language", "iin", "message"),
    [
        ("ru", "wrong-check", "Неверная контрольная цифра ИИН"),
        ("kk", "wrong-check", "ЖСН-нің бақылау цифры қате"),
        ("en", "wrong-check", "The IIN check digit is wrong"),
        ("ru", "850231300010", "невозможная дата рождения"),
        ("kk", "850231300010", "мүмкін емес туған күн"),
        ("en", "850231300010", "impossible birth date"),
        ("ru", NO_CHECK_DIGIT, "обе контрольные суммы дают 10"),
        ("kk", NO_CHECK_DIGIT, "екі бақылау сомасы да 10"),
        ("en", NO_CHECK_DIGIT, "both check sums give 10"),
    ],
)
def test_a_bad_iin_is_refused_in_the_users_language_and_nothing_is_saved(client_as, language, iin, message) -> None:
    if iin == "wrong-check":
        good = make_iin(datetime.date(1991, 3, 8), FEMALE, 4321)
        iin = good[:11] + str((int(good[11]) + 3) % 10)
    client = client_as(Role.METHODOLOGIST)
    client.post("/accounts/language/", {"language": language, "next": "/"})
    people_before, history_before = Person.objects.count(), Person.history.count()
    response = client.post("/people/new/", _form(iin=iin))
    assert response.status_code == 422
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert message in html
    assert (Person.objects.count(), Person.history.count()) == (people_before, history_before)


def test_a_birth_date_that_contradicts_the_iin_is_refused(client_as) -> None:
    response = client_as(Role.METHODOLOGIST).post("/people/new/", _form(birth_date="1991-03-09", sex=MALE))
    assert response.status_code == 422
    assert b"differs from the one in the IIN" in response.content
    assert b"differs from the one encoded in the IIN" in response.content
    assert not Person.objects.filter(last_name="Байжанова").exists()


def test_names_must_be_cyrillic_for_citizens_and_latin_transliteration_latin(client_as) -> None:
    response = client_as(Role.METHODOLOGIST).post("/people/new/", _form(last_name="Sarsenbayeva", first_name_latin="Әйгерім"))
    assert response.status_code == 422
    assert b"Write the name in Cyrillic letters" in response.content
    assert b"Write the transliteration in Latin letters" in response.content


def test_the_same_iin_cannot_be_registered_twice(client_as) -> None:
    existing = Person.objects.exclude(iin=None).first()
    response = client_as(Role.METHODOLOGIST).post("/people/new/", _form(iin=existing.iin))
    assert response.status_code == 422
    assert b"A person with this IIN is already registered" in response.content


def test_a_foreign_participant_is_registered_by_passport_without_iin(client_as) -> None:
    data = _form(citizenship="UZ", iin="", passport_number="fa1234567", last_name="Каримова", first_name="Дилноза",
                 middle_name="", sex=FEMALE, birth_date="1988-11-02")
    response = client_as(Role.ADMINISTRATOR).post("/people/new/", data)
    assert response.status_code == 302
    person = Person.objects.get(passport_number="FA1234567")
    assert person.iin is None and person.citizenship == "UZ"


def test_a_coordinator_cannot_register_into_another_agency(client_as) -> None:
    other = Agency.objects.get(code="anticorruption")
    response = client_as(Role.AGENCY_COORDINATOR).post("/people/new/", _form(agency=str(other.pk)))
    assert response.status_code == 422
    assert not Person.objects.filter(last_name="Байжанова").exists()


def test_a_coordinator_sees_only_his_agencys_people(client_as, persona) -> None:
    client = client_as(Role.AGENCY_COORDINATOR)
    own = Person.objects.filter(agency__code="prosecutor").first()
    other = Person.objects.filter(agency__code="anticorruption").first()
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    listed = client.get("/people/", {"q": other.last_name[:3]}).content.decode()
    assert other.get_absolute_url() not in listed


def test_search_finds_by_iin_prefix_and_last_name(client_as) -> None:
    person = Person.objects.exclude(iin=None).filter(agency__code="prosecutor").first()
    client = client_as(Role.METHODOLOGIST)
    assert person.get_absolute_url() in client.get("/people/", {"q": person.iin[:8]}).content.decode()
    response = client.get("/people/", {"q": person.last_name.lower()}, headers={"HX-Request": "true"})
    assert person.get_absolute_url() in response.content.decode()
    assert b"<html" not in response.content  # htmx gets the rows only


@pytest.mark.parametrize("url", ["/people/", "/org/agencies/", "/", "/org/academy/"])
def test_list_pages_make_as_many_queries_with_ten_times_the_data(client_as, url) -> None:
    client = client_as(Role.ADMINISTRATOR)
    page_queries(client, url)  # warm caches (home figures, content types)
    before = page_queries(client, url)
    template = Person.objects.filter(agency__code="prosecutor").first()
    extra = []
    for serial in range(Person.objects.count() * 9):
        iin = make_iin(datetime.date(1970 + serial % 30, 1 + serial % 12, 1 + serial % 28), MALE, serial % 10_000)
        if iin and check_digit(iin[:11]) is not None:
            extra.append(Person(iin=iin, last_name="Тестов", first_name="Тест", search_key="тестов тест", sex=MALE, birth_date=datetime.date(1970 + serial % 30, 1 + serial % 12, 1 + serial % 28), agency=template.agency, unit=template.unit, position=template.position, rank=template.rank))
    Person.objects.bulk_create(extra, ignore_conflicts=True)
    assert page_queries(client, url) == before


def test_the_administrator_sees_who_changed_what(client_as) -> None:
    person = Person.objects.filter(agency__code="prosecutor").first()
    client = client_as(Role.METHODOLOGIST)
    data = _form(iin=person.iin, last_name="Жаңатегі", first_name=person.first_name, middle_name=person.middle_name)
    assert client.post(f"/people/{person.pk}/edit/", data).status_code == 302
    history = client_as(Role.ADMINISTRATOR).get(f"/people/{person.pk}/history/").content.decode()
    assert "methodologist" in history and "Жаңатегі" in history and person.last_name in history
