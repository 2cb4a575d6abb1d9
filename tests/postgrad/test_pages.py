"""Postgraduate study through its pages: the registrar's forms reject garbage in words and change
nothing; admission from the round's page to the signed order; the lecturer's sheet; reminders and
the dashboard's cards."""

import datetime
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from eacademy.core.models import Notification
from eacademy.core.roles import Role
from eacademy.enrollment.models import Order
from eacademy.postgrad import queries, services
from eacademy.postgrad.models import (
    AcademicYear,
    AdmissionRound,
    Applicant,
    Mark,
    Milestone,
    Period,
    Plan,
    PlanLine,
    Student,
    Teaching,
)
from tests.postgrad.world import approve_plan, build
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else response.content.decode()


def test_garbage_in_the_registrars_forms_is_refused_in_words_and_nothing_is_written(client_as):
    client = client_as(Role.METHODOLOGIST)
    years, periods, rounds = AcademicYear.objects.count(), Period.objects.count(), AdmissionRound.objects.count()
    page = client.post("/postgrad/calendar/years/", {"starts_on": "2050-09-01", "ends_on": "2049-08-31"}, follow=True)
    assert "An academic year ends after it starts" in page.content.decode()
    page = client.post("/postgrad/calendar/years/", {"starts_on": "not a date", "ends_on": ""}, follow=True)
    assert "Enter a valid date." in page.content.decode()
    year = AcademicYear.objects.first()
    page = client.post("/postgrad/calendar/periods/", {"year": year.pk, "kind": "autumn", "starts_on": "2001-09-01", "ends_on": "2001-12-01",
                                                       "registration_opens": "2001-08-01", "registration_closes": "2001-09-01"}, follow=True)
    assert "The period lies within its academic year" in page.content.decode()
    page = client.post("/postgrad/rounds/new/", {"version": "", "year": year.pk, "places": "-3", "documents": "", "exams": "Profile exam 50 100", "rules": ""})
    text = page.content.decode()
    assert page.status_code == 422 and "name; pass mark; maximum" in text and "This field is required." in text
    assert (AcademicYear.objects.count(), Period.objects.count(), AdmissionRound.objects.count()) == (years, periods, rounds)
    admission = AdmissionRound.objects.first()
    applicants = Applicant.objects.count()
    page = client.post(f"/postgrad/rounds/{admission.pk}/applicants/", {"iin": "12345"}, follow=True)
    assert "An IIN is twelve digits." in page.content.decode()
    page = client.post(f"/postgrad/rounds/{admission.pk}/applicants/", {"iin": "990101300000"}, follow=True)
    assert "The admission order is drafted: the round is closed." in page.content.decode() or "No person with this IIN" in page.content.decode()
    assert Applicant.objects.count() == applicants


def test_admission_from_the_rounds_page_ranks_the_applicants_and_the_signed_order_makes_them_students(persona, client_as):
    world = build(persona)  # a round of one place, already signed; a second round for the next year
    registrar = client_as(Role.METHODOLOGIST)
    year = AcademicYear.objects.get(starts_on=datetime.date(2011, 9, 1))
    version = world.student.version
    page = registrar.post("/postgrad/rounds/new/", {"version": version.pk, "year": year.pk, "places": 1, "documents": "diploma\napplication",
                                                    "exams": "Foreign language; 50; 100\nProfile; 75; 150", "rules": "Order No. 45 of 27.01.2023"})
    admission = AdmissionRound.objects.get(version=version, year=year)
    assert page.status_code == 302 and [e.name for e in admission.exams.all()] == ["Foreign language", "Profile"]
    people = list(world.student.person.__class__.objects.filter(user=None, staff=None).exclude(agency=None).exclude(pk=world.student.person_id)[:3])
    for person, docs, marks in zip(people, (["diploma", "application"], ["diploma", "application"], ["diploma"]), ((60, 120), (90, 140), (100, 150)), strict=True):
        registrar.post(f"/postgrad/rounds/{admission.pk}/applicants/", {"iin": person.iin, "documents": docs})
        applicant = Applicant.objects.get(round=admission, person=person)
        for exam, points in zip(admission.exams.all(), marks, strict=True):
            registrar.post(f"/postgrad/rounds/{admission.pk}/marks/", {"applicant": applicant.pk, "exam": exam.pk, "points": points})
    ranked = queries.ranked(admission)
    assert [(r.applicant.person, r.total, r.eligible) for r in ranked] == [(people[1], 230, True), (people[0], 180, True), (people[2], 250, False)]
    assert "Documents missing: application." == ranked[2].reason
    registrar.post(f"/postgrad/rounds/{admission.pk}/order/")
    admission.refresh_from_db()
    assert admission.order.kind == Order.Kind.ADMISSION and admission.order.status == Order.Status.DRAFT
    # the enrollment app's own signing refuses it: it is signed on the round's page, where the students are made
    leadership = client_as(Role.LEADERSHIP)
    leadership.post(f"/enrollment/orders/{admission.order_id}/sign/")
    assert Order.objects.get(pk=admission.order_id).status == Order.Status.DRAFT
    leadership.post(f"/postgrad/rounds/{admission.pk}/sign/")
    admission.order.refresh_from_db()
    assert admission.order.status == Order.Status.SIGNED and admission.order.number
    assert list(Student.objects.filter(order=admission.order).values_list("person", flat=True)) == [people[1].pk]
    printed = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(registrar.get(f"/postgrad/rounds/{admission.pk}/order.pdf").content)).pages)
    assert f"№ {admission.order.number}/{admission.order.year}" in printed and people[1].full_name in printed and people[0].full_name not in printed
    assert [a.status for a in admission.applicants.order_by("person__last_name")] != []
    assert Applicant.objects.get(round=admission, person=people[0]).status == Applicant.Status.NOT_ADMITTED


def test_the_lecturer_enters_marks_on_his_sheet_and_the_next_attempt_follows_the_rules(persona, client):
    world = build(persona)
    approve_plan(world)
    client.force_login(world.lecturer)
    teaching = world.teaching("B", 1)
    sheet = client.get(f"/postgrad/teachings/{teaching.pk}/").content.decode()
    assert world.student.person.full_name in sheet and 'value="exam"' in sheet
    client.post(f"/postgrad/teachings/{teaching.pk}/", {"student": world.student.pk, "points": 41, "attempt": "exam"})
    sheet = client.get(f"/postgrad/teachings/{teaching.pk}/").content.decode()
    assert "41 · FX" in sheet and 'value="retake"' in sheet
    page = client.post(f"/postgrad/teachings/{teaching.pk}/", {"student": world.student.pk, "points": "lots", "attempt": "retake"}, follow=True)
    assert "Points are whole numbers from 0 to 100." in page.content.decode()
    client.post(f"/postgrad/teachings/{teaching.pk}/", {"student": world.student.pk, "points": 77, "attempt": "retake"})
    assert [(m.attempt, m.points, m.band.letter) for m in Mark.objects.filter(student=world.student).order_by("entered_at")] == [("exam", 41, "FX"), ("retake", 77, "B-")]
    assert 'value="retake"' not in client.get(f"/postgrad/teachings/{teaching.pk}/").content.decode()
    exam, retake = Mark.objects.filter(student=world.student).order_by("entered_at")
    page = client.post(f"/postgrad/teachings/{teaching.pk}/correct/", {"mark": exam.pk, "points": 60, "reason": "typo"}, follow=True)
    assert "A later attempt follows this mark" in page.content.decode()
    page = client.post(f"/postgrad/teachings/{teaching.pk}/correct/", {"mark": retake.pk, "points": 97, "reason": ""}, follow=True)
    assert "This field is required." in page.content.decode()
    client.post(f"/postgrad/teachings/{teaching.pk}/correct/", {"mark": retake.pk, "points": 79, "reason": "Арифметическая ошибка в ведомости"})
    retake.refresh_from_db()
    assert (retake.points, retake.band.letter) == (79, "B-") and retake.history.first().history_change_reason == "Арифметическая ошибка в ведомости"
    assert exam.points == Mark.objects.get(pk=exam.pk).points == 41
    other = Teaching.objects.exclude(lecturer=world.lecturer).first()
    assert client.get(f"/postgrad/teachings/{other.pk}/").status_code == 404


def test_a_milestone_falling_due_is_reminded_to_the_student_and_the_supervisor_once_a_week(persona):
    world = build(persona)
    dissertation = services.dissertation_set(actor=world.registrar, student=world.student, topics=("", "Тема", ""))
    today = datetime.date(2011, 3, 1)
    services.milestone_add(actor=world.registrar, dissertation=dissertation, kind=Milestone.Kind.SEMINAR, due_on=today + datetime.timedelta(days=10))
    services.milestone_add(actor=world.registrar, dissertation=dissertation, kind=Milestone.Kind.DEFENCE, due_on=today + datetime.timedelta(days=200))
    theirs = Notification.objects.filter(user__in=[world.student.person.user, world.supervisor])
    call_command("postgrad", "daily", "--on", today.isoformat())
    assert sorted(n.user.username for n in theirs) == ["pg-student", "pg-supervisor"]  # for the seminar only
    assert all("Research seminar of" in n.message and "11.03.2011" in n.message for n in theirs)
    call_command("postgrad", "daily", "--on", (today + datetime.timedelta(days=3)).isoformat())
    assert theirs.count() == 2  # not again within the week


def test_the_dashboard_counts_defences_on_time_and_the_share_implemented_against_the_strategys_target(client_as):
    figures = queries.indicators(datetime.date.today().year)
    assert figures.defences == 2 and figures.implemented == 1 and figures.implementation_target == 0.9
    assert sum(n for _label, n in figures.gpa_bands) == Student.objects.filter(status="studying", marks__isnull=False).distinct().count()
    page = client_as(Role.LEADERSHIP).get("/analytics/").content.decode()
    assert "Dissertations implemented in practice" in page and ">50%<" in page.replace(" ", "") and "Defences on time" in page


def test_the_students_list_and_the_lecturers_sheet_read_as_many_queries_for_one_student_as_for_four(persona, client_as, client):
    world = build(persona)
    approve_plan(world)
    teaching = world.teaching("A", 1)
    registrar = client_as(Role.METHODOLOGIST)
    client.force_login(world.lecturer)
    before = page_queries(registrar, "/postgrad/"), page_queries(client, f"/postgrad/teachings/{teaching.pk}/")
    for person in world.student.person.__class__.objects.filter(user=None, staff=None, postgrad_studies=None).exclude(agency=None)[:3]:
        student = Student.objects.create(person=person, version=world.student.version, admitted_in=world.student.admitted_in, order=world.student.order,
                                         supervisor=world.student.supervisor)
        plan = Plan.objects.create(student=student, status="approved")
        PlanLine.objects.create(plan=plan, teaching=teaching, discipline=teaching.discipline)
        services.mark_enter(actor=world.lecturer, student=student, teaching=teaching, points=70, attempt=Mark.Attempt.EXAM)
    assert len(queries.roster(teaching)) == 4
    assert (page_queries(registrar, "/postgrad/"), page_queries(client, f"/postgrad/teachings/{teaching.pk}/")) == before
