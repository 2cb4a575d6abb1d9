"""Must show 4 and 5: the grade sheet, protocol and transcript PDFs carry the Kazakh letters and
the numbers they must (text extracted from the PDF); the journal page's queries do not grow
with listeners and lessons."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from eacademy.core.roles import Role
from eacademy.enrollment.models import Application, Enrollment
from eacademy.journal import services
from eacademy.people.models import Person
from eacademy.timetable.models import Lesson
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db
KAZAKH = set("әғқңөұүһі")


def _text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _fill(course, persona):
    lecturer = persona(Role.LECTURER)
    for i, enrollment in enumerate(course["enrollments"]):
        services.attendance_set(actor=lecturer, lesson=course["lessons"][0], enrollment=enrollment, status="absent" if i == 0 else "present")
        services.mark_set(actor=lecturer, enrollment=enrollment, discipline=course["discipline"], lesson=course["lessons"][1], points=Decimal(60 + i), revision=0)


def test_the_grade_sheet_in_kazakh_carries_names_and_marks(course, persona, client_as):
    _fill(course, persona)
    persona(Role.LECTURER).__class__.objects.filter(username="lecturer").update(language="kk")
    response = client_as(Role.LECTURER).get(f"/journal/groups/{course['group'].pk}/disciplines/{course['discipline'].pk}/sheet.pdf")
    text = _text(response)
    assert "Бағалау ведомосі" in text
    for i, enrollment in enumerate(course["enrollments"]):
        assert enrollment.person.last_name in text and str(60 + i) in text
    assert KAZAKH & set(text.lower())
    sheet = client_as(Role.LECTURER).get(f"/journal/groups/{course['group'].pk}/disciplines/{course['discipline'].pk}/sheet.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(0).to_python()
    first = min(course["enrollments"], key=lambda e: (e.person.last_name, e.person.first_name, e.pk))  # the sheet is in alphabetical order
    assert len(rows) == len(course["enrollments"]) + 1 and rows[1][0] == first.person.full_name


def test_the_protocol_and_the_transcript_carry_the_results(course, persona, client_as):
    _fill(course, persona)
    head, methodologist = persona(Role.HEAD_OF_DEPARTMENT), persona(Role.METHODOLOGIST)
    certification = services.certification_create(actor=methodologist, offering=course["offering"], group=course["group"], kind="final",
                                                  held_on=datetime.date(2026, 11, 20), chair=head, members=[], protocol_number="12")
    for enrollment in course["enrollments"]:
        services.certification_mark_set(actor=head, certification=certification, enrollment=enrollment, points=Decimal(88), revision=0)
    results = {r.enrollment_id: r for r in services.certification_close(actor=methodologist, certification=certification)}
    protocol = _text(client_as(Role.METHODOLOGIST).get(f"/journal/certifications/{certification.pk}/protocol.pdf"))
    assert "12" in protocol and "88" in protocol
    sheet = client_as(Role.METHODOLOGIST).get(f"/journal/certifications/{certification.pk}/protocol.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(0).to_python()
    assert len(rows) == len(course["enrollments"]) + 1 and rows[1][1] == 88
    listener = course["mine"]
    mine = results[listener.pk]
    user = persona(Role.LISTENER)
    user.language = "kk"
    user.save(update_fields=["language"])
    transcript = _text(client_as(Role.LISTENER).get(f"/journal/transcripts/{listener.person_id}.pdf"))
    assert "Транскрипт" in transcript and listener.person.full_name in transcript
    assert f"{mine.final_points:.2f}".replace(".", ",") in transcript and mine.letter in transcript  # Kazakh decimal comma
    assert KAZAKH & set(transcript.lower())
    other = Person.objects.exclude(pk=listener.person_id).first()
    assert client_as(Role.LISTENER).get(f"/journal/transcripts/{other.pk}.pdf").status_code == 404  # only his own


def test_the_journal_page_keeps_its_query_count_for_30_listeners_and_60_lessons(course, persona, client_as):
    url = f"/journal/groups/{course['group'].pk}/disciplines/{course['discipline'].pk}/"
    _fill(course, persona)
    client = client_as(Role.LECTURER)
    small = page_queries(client, url)
    offering, group = course["offering"], course["group"]
    people = Person.objects.bulk_create([Person(passport_number=f"Q{i:07d}", citizenship="UZ", last_name=f"Қосымша{i}", first_name="Тыңдаушы",
                                                search_key=f"қосымша{i}", sex="M", birth_date=datetime.date(1990, 1, 1)) for i in range(30 - len(course["enrollments"]))])
    applications = Application.objects.bulk_create([Application(offering=offering, person=p, status="accepted", source="nomination") for p in people])
    Enrollment.objects.bulk_create([Enrollment(application=a, offering=offering, person=a.person, group=group) for a in applications])
    start = timezone.now() - datetime.timedelta(days=70)
    Lesson.objects.bulk_create([Lesson(offering=offering, group=group, discipline=course["discipline"], starts_at=start + datetime.timedelta(hours=i)) for i in range(56)])
    assert Enrollment.objects.filter(group=group, status="enrolled").count() == 30 and Lesson.objects.filter(group=group).count() == 60
    _fill({**course, "enrollments": list(Enrollment.objects.filter(group=group, person__in=people))}, persona)
    assert page_queries(client, url) == small


def test_an_in_service_transcript_shows_hours_and_the_final_mark_not_credits(client_as, persona):
    """Seed 001 §34: credits and GPA are credit technology's (postgraduate study); a course of
    advanced training is recorded with its hours and final mark."""
    from eacademy.people.models import Person

    person = Person.objects.get(user=persona(Role.LISTENER))
    page = client_as(Role.LISTENER).get("/journal/my/").content.decode()
    assert "Hours" in page and "GPA" not in page and "Credits" not in page
    text = _text(client_as(Role.LISTENER).get(f"/journal/transcripts/{person.pk}.pdf"))
    assert "Hours" in text and "Final\npoints" in text and "Credits" not in text and "GPA" not in text
