import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from eacademy.catalog.models import ProgrammeVersion
from eacademy.core.iin import MALE, make_iin
from eacademy.core.roles import Role
from eacademy.enrollment.models import Application
from eacademy.org.models import AcademyUnit, Agency, AgencyUnit
from eacademy.people.models import Person
from eacademy.planning import services as planning

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1
HEADER = ["ИИН", "Фамилия", "Имя", "Отчество", "Подразделение", "Должность"]


def _offering(persona):
    methodologist = persona(Role.METHODOLOGIST)
    start = datetime.date(NEXT_YEAR, 9, 1)
    offering = planning.offering_create(
        actor=methodologist, version=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved"),
        starts_on=start, ends_on=start + datetime.timedelta(days=9), place="Қосшы", capacity=30, language="ru",
        study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"),
    )
    planning.offering_publish(actor=methodologist, offering=offering)
    return offering


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("list.xlsx", buffer.getvalue())


def _new_row(serial: int, unit: AgencyUnit) -> list[object]:
    return [make_iin(datetime.date(1990, 1, 1 + serial % 28), MALE, 7000 + serial) or "", "Нұрғалиев", "Айдос", "Ерланұлы", unit.name_ru, "Прокурор"]


def test_a_good_list_registers_new_people_and_nominates_everyone(client_as, persona) -> None:
    offering = _offering(persona)
    unit = AgencyUnit.objects.filter(agency__code="prosecutor", depth=2).first()
    known = Person.objects.filter(agency__code="prosecutor", user=None, position__code="prosecutor").first()
    rows = [_new_row(n, unit) for n in range(3)] + [[known.iin, known.last_name, known.first_name, known.middle_name, "", ""]]
    rows = [r for r in rows if r[0]]
    response = client_as(Role.AGENCY_COORDINATOR).post(f"/enrollment/offerings/{offering.pk}/nominations/", {"file": _xlsx(rows)})
    assert response.status_code == 302
    applications = Application.objects.filter(offering=offering)
    assert applications.count() == len(rows) and set(applications.values_list("status", flat=True)) == {"agency_approved"}
    created = Person.objects.get(iin=rows[0][0])
    assert (created.agency.code, created.unit, created.position.code) == ("prosecutor", unit, "prosecutor")
    assert created.history.get().history_user.username == "coordinator"


def test_a_list_with_bad_rows_reports_every_one_and_applies_nothing(client_as, persona) -> None:
    offering = _offering(persona)
    unit = AgencyUnit.objects.filter(agency__code="prosecutor", depth=2).first()
    good = _new_row(1, unit)
    bad_check = _new_row(2, unit)
    bad_check[0] = bad_check[0][:11] + str((int(bad_check[0][11]) + 1) % 10)
    latin = _new_row(3, unit)
    latin[1] = "Nurgaliev"
    stranger = Person.objects.filter(agency__code="anticorruption").exclude(iin=None).first()
    rows = [good, bad_check, latin, [stranger.iin, stranger.last_name, stranger.first_name, "", "", ""], good, _new_row(4, unit)[:4] + ["Нет такого отдела", "Прокурор"]]
    people, applications = Person.objects.count(), Application.objects.count()
    response = client_as(Role.AGENCY_COORDINATOR).post(f"/enrollment/offerings/{offering.pk}/nominations/", {"file": _xlsx(rows)})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Row 3:" in page and "check digit is wrong" in page
    assert "Row 4:" in page and "Cyrillic" in page
    assert "Row 5:" in page and "cannot be nominated from your agency" in page
    assert "Row 6:" in page and "appears twice" in page
    assert "Row 7:" in page and "Нет такого отдела" in page
    assert "Row 2:" not in page
    assert (Person.objects.count(), Application.objects.count()) == (people, applications)


def test_a_list_tells_nothing_about_a_person_of_another_agency(client_as, persona) -> None:
    """The IIN of an officer of another agency, under a wrong name: the row is refused, and the
    page names neither him nor his agency (his API record answers 404 to the same user)."""
    offering = _offering(persona)
    stranger = Person.objects.filter(agency__code="anticorruption").exclude(iin=None).first()
    coordinator = client_as(Role.AGENCY_COORDINATOR)
    response = coordinator.post(f"/enrollment/offerings/{offering.pk}/nominations/",
                                {"file": _xlsx([[stranger.iin, "Иванов", "Иван", "", "", ""]])})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Row 2:" in page and "cannot be nominated from your agency" in page
    for fact in (stranger.last_name, stranger.first_name, "another agency", stranger.agency.name_ru, stranger.agency.name_en):
        assert fact not in page
    assert coordinator.get(f"/api/v1/people/{stranger.pk}/").status_code == 404
    assert not Application.objects.filter(offering=offering).exists()


@pytest.mark.parametrize("content", [b"IIN;Name\n850115300012;x", b"", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_a_workbook_is_refused_clearly(client_as, persona, content: bytes) -> None:
    offering = _offering(persona)
    response = client_as(Role.AGENCY_COORDINATOR).post(
        f"/enrollment/offerings/{offering.pk}/nominations/", {"file": SimpleUploadedFile("list.xlsx", content)}
    )
    assert response.status_code == 422
    assert "not an Excel workbook" in response.content.decode() or "empty" in response.content.decode()
    assert not Application.objects.filter(offering=offering).exists()


def test_a_coordinator_cannot_upload_for_another_agency(client_as, persona) -> None:
    from eacademy.core.errors import DomainError
    from eacademy.enrollment.imports import NominationRow
    from eacademy.enrollment.services import nominations_import

    offering = _offering(persona)
    row = NominationRow(2, make_iin(datetime.date(1991, 2, 2), MALE, 4242), "Оспанов", "Ерлан", "", "", "")
    with pytest.raises(DomainError, match="own agency"):
        nominations_import(actor=persona(Role.AGENCY_COORDINATOR), offering=offering, agency=Agency.objects.get(code="anticorruption"), rows=[row])
