import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from eacademy.catalog.models import ProgrammeVersion
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.org.models import AcademyUnit, Agency
from eacademy.planning import services
from eacademy.planning.models import Offering, OfferingQuota, TrainingNeed
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


def _offering(persona, **overrides):
    version = ProgrammeVersion.objects.filter(status="approved", programme__code="adv-pretrial").get()
    fields = {
        "version": version, "starts_on": datetime.date(NEXT_YEAR, 3, 2), "ends_on": datetime.date(NEXT_YEAR, 3, 13),
        "place": "Қосшы", "capacity": 25, "language": "ru", "study_format": "full_time",
        "department": AcademyUnit.objects.get(code="ivt-supervision"),
    }
    return services.offering_create(actor=persona(Role.METHODOLOGIST), **(fields | overrides))


def test_a_coordinator_states_his_agencys_need_and_methodologists_see_it_consolidated(client_as) -> None:
    prosecutor = Agency.objects.get(code="prosecutor")
    client = client_as(Role.AGENCY_COORDINATOR)
    response = client.post("/plan/needs/", {"agency": prosecutor.pk, "year": NEXT_YEAR, "topic": "Медиация в уголовном процессе", "category": "officers", "quantity": 17, "qualitative": "Ошибки в ходатайствах."})
    assert response.status_code == 302
    need = TrainingNeed.objects.get(topic="Медиация в уголовном процессе")
    assert need.history.get().history_user.username == "coordinator"
    summary = client_as(Role.METHODOLOGIST).get(f"/plan/needs/summary/?year={NEXT_YEAR}").content.decode()
    assert "Медиация в уголовном процессе" in summary


def test_a_coordinator_cannot_state_a_need_for_another_agency(client_as, persona) -> None:
    other = Agency.objects.get(code="anticorruption")
    before = TrainingNeed.objects.count()
    response = client_as(Role.AGENCY_COORDINATOR).post("/plan/needs/", {"agency": other.pk, "year": NEXT_YEAR, "topic": "Чужая", "category": "officers", "quantity": 3})
    assert response.status_code == 422
    with pytest.raises(DomainError, match="only for your own agency"):
        services.need_submit(actor=persona(Role.AGENCY_COORDINATOR), agency=other, year=NEXT_YEAR, category="officers", quantity=3, topic="Чужая")
    assert TrainingNeed.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"quantity": 0}, "from 1 to 10,000"), ({"year": 1999}, "this year or the next two"), ({"topic": ""}, "Choose a programme or describe the topic")],
)
def test_a_bad_need_is_refused(persona, fields, message) -> None:
    data = {"agency": Agency.objects.get(code="prosecutor"), "year": NEXT_YEAR, "category": "officers", "quantity": 5, "topic": "Тема"} | fields
    with pytest.raises(DomainError, match=message):
        services.need_submit(actor=persona(Role.METHODOLOGIST), **data)


def test_quotas_may_not_exceed_the_seats(persona) -> None:
    offering = _offering(persona)
    agencies = list(Agency.objects.filter(code__in=["prosecutor", "anticorruption"]))
    services.offering_set_quotas(actor=persona(Role.METHODOLOGIST), offering=offering, seats_by_agency={agencies[0]: 15, agencies[1]: 10})
    with pytest.raises(DomainError, match="more than the 25"):
        services.offering_set_quotas(actor=persona(Role.METHODOLOGIST), offering=offering, seats_by_agency={agencies[0]: 20, agencies[1]: 10})
    assert sorted(OfferingQuota.objects.filter(offering=offering).values_list("seats", flat=True)) == [10, 15]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"ends_on": datetime.date(NEXT_YEAR, 3, 1)}, "ends_on"), ({"capacity": 0}, "capacity"), ({"language": "en"}, "language"), ({"place": " "}, "place")],
)
def test_a_bad_offering_is_refused(persona, overrides, field) -> None:
    before = Offering.objects.count()
    with pytest.raises(DomainError) as error:
        _offering(persona, **overrides)
    assert field in error.value.message_dict
    assert Offering.objects.count() == before


def test_only_approved_versions_are_planned(persona) -> None:
    from eacademy.catalog import services as catalog_services

    draft = catalog_services.version_start_draft(actor=persona(Role.METHODOLOGIST), programme=ProgrammeVersion.objects.get(programme__code="adv-pretrial").programme)
    with pytest.raises(DomainError) as error:
        _offering(persona, version=draft)
    assert "version" in error.value.message_dict


def test_officers_see_published_offerings_only(client_as, persona) -> None:
    draft = _offering(persona)
    listener = client_as(Role.LISTENER)
    assert listener.get(draft.get_absolute_url()).status_code == 404
    services.offering_publish(actor=persona(Role.METHODOLOGIST), offering=draft)
    assert listener.get(draft.get_absolute_url()).status_code == 200
    assert draft.get_absolute_url() in listener.get(f"/plan/?year={NEXT_YEAR}").content.decode()


def test_the_plan_exports_to_excel_and_to_a_pdf_with_kazakh_letters(client_as) -> None:
    client = client_as(Role.METHODOLOGIST)
    client.post("/accounts/language/", {"language": "kk", "next": "/"})
    response = client.get(f"/plan/plan.xlsx?year={NEXT_YEAR}")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == Offering.objects.filter(starts_on__year=NEXT_YEAR).count() + 1
    assert sheet["A1"].value == "Бағдарлама"
    pdf = client.get(f"/plan/plan.pdf?year={NEXT_YEAR}")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    reader = PdfReader(BytesIO(pdf.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Курстар жоспары" in text
    assert "Құқық қорғау органдары академиясы" in text  # ә ғ қ ң ө ұ ү і come out as text, not boxes
    fonts = {font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVu" in str(font) for font in fonts)


def test_plan_pages_keep_their_query_count_as_the_plan_grows(client_as, persona) -> None:
    client = client_as(Role.METHODOLOGIST)
    urls = [f"/plan/?year={NEXT_YEAR}", f"/plan/needs/?year={NEXT_YEAR}", f"/plan/needs/summary/?year={NEXT_YEAR}"]
    before = [page_queries(client, url) for url in urls]
    prosecutor = Agency.objects.get(code="prosecutor")
    for day in range(40):
        offering = _offering(persona, starts_on=datetime.date(NEXT_YEAR, 5, 1) + datetime.timedelta(days=day), ends_on=datetime.date(NEXT_YEAR, 6, 30))
        services.offering_set_quotas(actor=persona(Role.METHODOLOGIST), offering=offering, seats_by_agency={prosecutor: 10})
        services.need_submit(actor=persona(Role.METHODOLOGIST), agency=prosecutor, year=NEXT_YEAR, category="officers", quantity=4, topic=f"Тема {day}")
    assert [page_queries(client, url) for url in urls] == before


@pytest.mark.parametrize(("starts", "ends", "field"), [
    (datetime.date(1990, 1, 1), datetime.date(2099, 12, 31), "starts_on"),
    (datetime.date(NEXT_YEAR, 3, 2), datetime.date(NEXT_YEAR + 2, 3, 2), "ends_on"),
])
def test_a_course_of_absurd_dates_is_refused_at_its_field(persona, starts, ends, field) -> None:
    before = Offering.objects.count()
    with pytest.raises(DomainError) as refused:
        _offering(persona, starts_on=starts, ends_on=ends)
    assert field in refused.value.message_dict and Offering.objects.count() == before
