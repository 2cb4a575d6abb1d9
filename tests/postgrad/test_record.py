"""Must show 1, 2 and 4 of postgraduate study: the record computed by hand, the refusals, and the
transcript's queries."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.people.models import StaffMember
from eacademy.postgrad import queries, services
from eacademy.postgrad.models import Mark, Plan, PlanLine, Student
from tests.postgrad.world import approve_plan, build, staff_user
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db
EXAM, RETAKE, REPEAT = Mark.Attempt.EXAM, Mark.Attempt.RETAKE, Mark.Attempt.REPEAT


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_gpa_credits_and_standing_over_three_periods_with_a_retake_equal_the_transcript_and_the_supplement(persona, client_as):
    """By hand, on the point-letter scale (grade points A- 3.67, B+ 3.33, B- 2.67, C+ 2.33, C 2.00, A 4.00, F 0):

    Period 1: A 5 cr 92 → A- 3.67; B 4 cr 40 → FX, retaken 78 → B- 2.67 (the retake replaces it);
              C 3 cr 20 → F 0.    GPA = (5·3.67 + 4·2.67 + 3·0) / 12 = 29.03 / 12 = 2.419 → 2.42; earned 9 of 12.
    Period 2: D 6 cr 85 → B+ 3.33; E 4 cr 66 → C 2.00.  GPA = (19.98 + 8.00) / 10 = 2.798 → 2.80; earned 10.
    Period 3: C studied again, 71 → C+ 2.33; F 5 cr 96 → A 4.00.  GPA = (6.99 + 20.00) / 8 = 3.374 → 3.37; earned 8.
    Overall, each discipline's last attempt: (18.35 + 10.68 + 6.99 + 19.98 + 8.00 + 20.00) / 27 = 84.00 / 27
              = 3.111 → 3.11; credits earned 27 (C counts once); standing good.
    After period 1 alone the standing is "to study again" (C's F)."""
    world = build(persona)
    approve_plan(world)
    lecturer, student = world.lecturer, world.student
    for key, period, points, attempt in [("A", 1, 92, EXAM), ("B", 1, 40, EXAM), ("B", 1, 78, RETAKE), ("C", 1, 20, EXAM)]:
        services.mark_enter(actor=lecturer, student=student, teaching=world.teaching(key, period), points=points, attempt=attempt)
    assert queries.student_record(student).standing.code == "repeat"
    repeat = services.teaching_set(actor=world.registrar, discipline_id=world.disciplines["C"].pk, period=world.periods[2], lecturer=lecturer)
    for teaching, points, attempt in [(world.teaching("D", 2), 85, EXAM), (world.teaching("E", 2), 66, EXAM), (repeat, 71, REPEAT), (world.teaching("F", 3), 96, EXAM)]:
        services.mark_enter(actor=lecturer, student=student, teaching=teaching, points=points, attempt=attempt)

    record = queries.student_record(student)
    assert [(p.gpa, p.credits, p.earned) for p in record.periods] == [(Decimal("2.42"), 12, 9), (Decimal("2.80"), 10, 10), (Decimal("3.37"), 8, 8)]
    assert (record.gpa, record.credits, record.earned, record.standing.code) == (Decimal("3.11"), 27, 27, "good")
    assert [r.letter for r in record.periods[0].rows] == ["A-", "FX", "B-", "F"]  # every attempt stays on the transcript

    client = client_as(Role.METHODOLOGIST)
    transcript = _pdf_text(client.get(f"/postgrad/students/{student.pk}/transcript.pdf?language=en"))
    for figure in ("2.42", "2.80", "3.37", "3.11", "27", "FX", "B-", "Retake", "Repeated study"):
        assert figure in transcript, figure
    supplement = _pdf_text(client.get(f"/postgrad/students/{student.pk}/supplement.pdf?language=en"))
    for section in range(1, 9):
        assert f"{section}. " in supplement
    assert "3.11" in supplement and "27" in supplement and "Information on the national higher education system" in supplement
    kazakh = _pdf_text(client.get(f"/postgrad/students/{student.pk}/transcript.pdf?language=kk"))
    assert "3,11" in kazakh and "Пән A әңгіме" in kazakh  # Kazakh letters survive the PDF
    page = client.get(f"/postgrad/students/{student.pk}/").content.decode()
    assert 'data-testid="gpa">3.11<' in page and 'data-testid="earned">27<' in page


def test_a_plan_short_of_credits_is_refused_and_stays_a_draft(persona):
    world = build(persona)
    with pytest.raises(DomainError) as refusal:
        services.plan_submit(actor=world.registrar, student=world.student)  # no elective: 87 of 90 credits
    assert "The plan carries 87 credits; the programme requires at least 90." in refusal.value.messages
    assert Plan.objects.get(student=world.student).status == Plan.Status.DRAFT


def test_a_discipline_placed_in_two_periods_is_refused(persona, client):
    world = build(persona)
    services.teaching_set(actor=world.registrar, discipline_id=world.disciplines["C"].pk, period=world.periods[1], lecturer=world.lecturer)
    services.plan_choose(actor=world.registrar, student=world.student, teaching=world.teaching("C", 1))
    lines = PlanLine.objects.filter(plan__student=world.student).count()
    with pytest.raises(DomainError) as refusal:
        services.plan_choose(actor=world.registrar, student=world.student, teaching=world.teaching("C", 2))
    assert "is already in the plan in" in refusal.value.messages[0] and "Rules §39" in refusal.value.messages[0]
    # and through the page, by the registrar: the message is shown, nothing changes
    client.force_login(world.registrar)
    page = client.post(f"/postgrad/students/{world.student.pk}/plan/choose/", {"teaching": world.teaching("C", 2).pk}, follow=True)
    assert "Choose a discipline from the list." in page.content.decode()  # C is no longer offered in another period
    assert PlanLine.objects.filter(plan__student=world.student).count() == lines


def test_a_supervisor_outside_the_posts_of_paragraph_36_is_refused(persona):
    world = build(persona)
    clerk = staff_user("pg-clerk", Role.LECTURER, "chief-specialist")
    with pytest.raises(DomainError) as refusal:
        services.supervisor_assign(actor=world.registrar, student=world.student, supervisor=StaffMember.objects.get(person__user=clerk))
    assert "not among the posts that supervise dissertations" in refusal.value.messages[0] and "§36" in refusal.value.messages[0]
    assert Student.objects.get(pk=world.student.pk).supervisor.person.user == world.supervisor


def test_an_fx_is_retaken_once_and_an_f_is_not_retaken(persona):
    world = build(persona)
    approve_plan(world)
    b, c = world.teaching("B", 1), world.teaching("C", 1)
    services.mark_enter(actor=world.lecturer, student=world.student, teaching=b, points=40, attempt=EXAM)
    services.mark_enter(actor=world.lecturer, student=world.student, teaching=b, points=45, attempt=RETAKE)  # FX again
    with pytest.raises(DomainError) as refusal:
        services.mark_enter(actor=world.lecturer, student=world.student, teaching=b, points=90, attempt=RETAKE)
    assert "has already retaken" in refusal.value.messages[0] and "studied again" in refusal.value.messages[0]
    services.mark_enter(actor=world.lecturer, student=world.student, teaching=c, points=10, attempt=EXAM)
    with pytest.raises(DomainError) as refusal:
        services.mark_enter(actor=world.lecturer, student=world.student, teaching=c, points=90, attempt=RETAKE)
    assert "only an FX is retaken" in refusal.value.messages[0]
    assert Mark.objects.filter(student=world.student).count() == 3
    assert queries.student_record(world.student).standing.code == "repeat"


def test_marks_need_an_approved_plan_the_lecturer_of_the_discipline_and_points_from_0_to_100(persona):
    world = build(persona)
    a = world.teaching("A", 1)
    with pytest.raises(DomainError, match="not in the approved plan"):
        services.mark_enter(actor=world.lecturer, student=world.student, teaching=a, points=80, attempt=EXAM)
    approve_plan(world)
    with pytest.raises(DomainError, match="Only the discipline's lecturer"):
        services.mark_enter(actor=world.supervisor, student=world.student, teaching=a, points=80, attempt=EXAM)
    for garbage in (-1, 101):
        with pytest.raises(DomainError, match="from 0 to 100"):
            services.mark_enter(actor=world.lecturer, student=world.student, teaching=a, points=garbage, attempt=EXAM)
    assert not Mark.objects.filter(student=world.student).exists()


def test_the_plan_is_approved_by_the_supervisor_then_the_head_of_department_and_each_step_is_recorded(persona):
    world = build(persona)
    services.plan_choose(actor=world.registrar, student=world.student, teaching=world.teaching("C", 1))
    services.plan_submit(actor=world.registrar, student=world.student)
    with pytest.raises(DomainError, match="supervisor approves the plan first"):
        services.plan_approve(actor=world.head, student=world.student)
    services.plan_approve(actor=world.supervisor, student=world.student)
    with pytest.raises(DomainError, match="head of the programme's department"):
        services.plan_approve(actor=world.supervisor, student=world.student)
    services.plan_approve(actor=world.head, student=world.student)
    plan = Plan.objects.get(student=world.student)
    assert [(h.status, h.history_user) for h in plan.history.order_by("history_date")][-3:] == [
        (Plan.Status.SUBMITTED, world.registrar), (Plan.Status.SUPERVISOR_APPROVED, world.supervisor), (Plan.Status.APPROVED, world.head)]


def test_the_transcript_page_reads_the_same_number_of_queries_for_one_period_or_three(persona, client_as):
    world = build(persona)
    approve_plan(world)
    client = client_as(Role.METHODOLOGIST)
    url, pdf = f"/postgrad/students/{world.student.pk}/", f"/postgrad/students/{world.student.pk}/transcript.pdf?language=kk"
    services.mark_enter(actor=world.lecturer, student=world.student, teaching=world.teaching("A", 1), points=80, attempt=EXAM)
    one = page_queries(client, url), page_queries(client, pdf)
    for key, period, points in [("B", 1, 40), ("C", 1, 70), ("D", 2, 90), ("E", 2, 60), ("F", 3, 55)]:
        services.mark_enter(actor=world.lecturer, student=world.student, teaching=world.teaching(key, period), points=points, attempt=EXAM)
    services.mark_enter(actor=world.lecturer, student=world.student, teaching=world.teaching("B", 1), points=80, attempt=RETAKE)
    assert len(queries.student_record(world.student).periods) == 3
    assert (page_queries(client, url), page_queries(client, pdf)) == one


def test_the_transcript_carries_the_students_in_service_courses_beside_his_credits(persona, client_as):
    world = build(persona)
    listener = persona(Role.LISTENER).person
    officer = Student.objects.create(person=listener, version=world.student.version, admitted_in=world.student.admitted_in, order=world.student.order)
    Plan.objects.create(student=officer)
    course = listener.enrollments.filter(status="completed").select_related("offering__version__programme").first()
    text = _pdf_text(client_as(Role.METHODOLOGIST).get(f"/postgrad/students/{officer.pk}/transcript.pdf?language=en"))
    assert "In-service courses" in text and course.offering.version.programme.name_en.split()[0] in text
