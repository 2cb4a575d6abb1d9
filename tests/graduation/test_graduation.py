"""Must show 1 of issue 17: graduation reads the closed final certification. Of three listeners,
one passed, one was not admitted and one failed: one certificate, one order line "graduate",
the two others' outcomes recorded, and no certificate for them — through the page and the API."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from eacademy.catalog.models import Discipline, ProgrammeVersion
from eacademy.core.errors import DomainError
from eacademy.core.models import GradeScale
from eacademy.core.roles import Role
from eacademy.enrollment.models import Application, Enrollment, Group, OrderLine
from eacademy.evaluation.models import Invitation
from eacademy.graduation import services
from eacademy.graduation.models import Outcome
from eacademy.journal import certificates
from eacademy.journal import services as journal
from eacademy.journal.models import AssessmentPolicy, Certificate, CertificateBatch
from eacademy.org.models import AcademyUnit
from eacademy.people.models import Person
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src"


def _course(persona, *, retake_days=30):
    """A course that ended five days ago, three listeners, one lesson with a mark each, and a
    final certification by a commission of the lecturer, closed. By the policy (60 % rating +
    40 % exam, admission from 50):
      passed:       rating 90, exam 90  → 0.6·90 + 0.4·90 = 90 → A-, passed;
      not admitted: rating 30 < 50      → not admitted (no exam);
      failed:       rating 60, exam 10  → 0.6·60 + 0.4·10 = 40 → FX, a retake is allowed."""
    lecturer, head, methodologist = persona(Role.LECTURER), persona(Role.HEAD_OF_DEPARTMENT), persona(Role.METHODOLOGIST)
    version = ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved")
    AssessmentPolicy.objects.update_or_create(programme=version.programme, defaults={
        "scale": GradeScale.objects.get(code="point-letter"), "admission_weight": 60, "exam_weight": 40, "admission_threshold": 50,
        "absence_limit_percent": 25, "retake_days": retake_days, "attendance_certificate": True})
    ends = timezone.localdate() - datetime.timedelta(days=5)
    # Recorded as a course that has run (the services refuse to enrol into a course that has started).
    offering = Offering.objects.create(version=version, starts_on=ends - datetime.timedelta(days=11), ends_on=ends, place="Қосшы", capacity=25,
                                       language="ru", study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"),
                                       status=Offering.Status.PUBLISHED)
    group = Group.objects.create(offering=offering, number=1)
    people = list(Person.objects.filter(agency__code="prosecutor", user=None, applications=None).order_by("pk")[:3])
    enrolled = {}
    for name, person in zip(("passed", "not_admitted", "failed"), people, strict=True):
        application = Application.objects.create(offering=offering, person=person, status=Application.Status.ACCEPTED, source=Application.Source.NOMINATION)
        enrolled[name] = Enrollment.objects.create(application=application, offering=offering, person=person, group=group)
    discipline = Discipline.objects.filter(module__version=version).order_by("module__position", "position").first()
    lesson = Lesson.objects.create(offering=offering, group=group, discipline=discipline, lecturer=lecturer,
                                   starts_at=timezone.now() - datetime.timedelta(days=8), topic="Тақырып")
    for name, points in (("passed", 90), ("not_admitted", 30), ("failed", 60)):
        journal.mark_set(actor=lecturer, enrollment=enrolled[name], discipline=discipline, lesson=lesson, points=Decimal(points), revision=0)
    certification = journal.certification_create(actor=methodologist, offering=offering, group=group, kind="final", held_on=ends,
                                                 chair=lecturer, members=[lecturer], protocol_number="1")
    for name, points in (("passed", 90), ("failed", 10)):
        journal.certification_mark_set(actor=lecturer, certification=certification, enrollment=enrolled[name], points=Decimal(points), revision=0)
    journal.certification_close(actor=methodologist, certification=certification)
    assert head  # the head of department stays out of this commission
    return offering, enrolled


def _assert_graduated_one_of_three(offering, enrolled, *, retake_until):
    status = {name: Enrollment.objects.get(pk=e.pk).status for name, e in enrolled.items()}
    assert status == {"passed": "completed", "not_admitted": "unfinished", "failed": "enrolled" if retake_until else "unfinished"}
    assert list(Certificate.objects.filter(enrollment__offering=offering).values_list("enrollment_id", flat=True)) == [enrolled["passed"].pk]
    lines = OrderLine.objects.filter(enrollment__offering=offering)
    assert list(lines.values_list("enrollment_id", "action")) == [(enrolled["passed"].pk, "complete")]
    outcomes = {o.enrollment_id: o for o in Outcome.objects.filter(enrollment__offering=offering)}
    assert outcomes[enrolled["passed"].pk].result == "graduated" and not outcomes[enrolled["passed"].pk].attendance_certificate
    assert (outcomes[enrolled["not_admitted"].pk].result, outcomes[enrolled["not_admitted"].pk].retake_until) == ("not_admitted", None)
    assert outcomes[enrolled["not_admitted"].pk].attendance_certificate  # the programme allows one
    assert (outcomes[enrolled["failed"].pk].result, outcomes[enrolled["failed"].pk].retake_until) == ("failed", retake_until)
    assert outcomes[enrolled["failed"].pk].certification_result.letter == "FX"
    (batch,) = CertificateBatch.objects.filter(offering=offering)
    assert (batch.total, batch.done, batch.status) == (1, 1, "finished")  # nothing queued for the two others
    assert list(Invitation.objects.filter(survey__offering=offering).values_list("person_id", flat=True)) == [enrolled["passed"].person_id]
    assert outcomes[enrolled["failed"].pk].history.first().history_user.username == "methodologist"


def test_the_roster_page_graduates_by_the_results(persona, client_as, django_capture_on_commit_callbacks):
    offering, enrolled = _course(persona)
    client = client_as(Role.METHODOLOGIST)
    preview = client.get(f"/graduation/offerings/{offering.pk}/").content.decode()
    assert "Not admitted to the final certification" in preview and "Failed the final certification" in preview and "FX" in preview
    assert f"/graduation/offerings/{offering.pk}/" in client.get(f"/enrollment/offerings/{offering.pk}/roster/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/graduation/offerings/{offering.pk}/graduate/", follow=True).content.decode()
    assert "Graduated: 1; not admitted: 1; failed: 1, of whom 1 await a retake." in page
    held_on = offering.ends_on
    _assert_graduated_one_of_three(offering, enrolled, retake_until=held_on + datetime.timedelta(days=30))
    with pytest.raises(DomainError, match="passed the final certification"):
        certificates.certificate_issue(Enrollment.objects.get(pk=enrolled["not_admitted"].pk))


def test_the_api_graduates_through_the_same_step(persona, client_as, django_capture_on_commit_callbacks):
    offering, enrolled = _course(persona, retake_days=0)  # no retake: the failing listener does not graduate
    client = client_as(Role.METHODOLOGIST)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/offerings/{offering.pk}/graduation/", content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() | {"certificate_batch_id": None} == {"graduated": 1, "not_admitted": 1, "failed": 1, "awaiting_retake": 0, "certificate_batch_id": None}
    _assert_graduated_one_of_three(offering, enrolled, retake_until=None)
    outcomes = client.get(f"/api/v1/offerings/{offering.pk}/outcomes/").json()
    assert sorted(o["result"] for o in outcomes) == ["failed", "graduated", "not_admitted"]
    assert client_as(Role.LECTURER).post(f"/api/v1/offerings/{offering.pk}/graduation/", content_type="application/json").status_code == 403


def test_a_retake_graduates_the_listener_who_failed(persona, django_capture_on_commit_callbacks):
    """After the retake's protocol (rating 60, exam 100 → 0.6·60 + 0.4·100 = 76, B-), graduating
    again graduates him: a second certificate, a second order line, his outcome rewritten."""
    offering, enrolled = _course(persona)
    methodologist, lecturer = persona(Role.METHODOLOGIST), persona(Role.LECTURER)
    with django_capture_on_commit_callbacks(execute=True):
        services.offering_graduate(actor=methodologist, offering=offering)
    retake = journal.certification_create(actor=methodologist, offering=offering, kind="final", held_on=timezone.localdate(), chair=lecturer,
                                          members=[lecturer], protocol_number="1-П")
    journal.certification_mark_set(actor=lecturer, certification=retake, enrollment=enrolled["failed"], points=Decimal(100), revision=0)
    journal.certification_close(actor=methodologist, certification=retake)
    with django_capture_on_commit_callbacks(execute=True):
        done = services.offering_graduate(actor=methodologist, offering=offering)
    assert (done.graduated, done.failed, done.awaiting_retake) == (1, 0, 0)
    outcome = Outcome.objects.get(enrollment=enrolled["failed"])
    assert (outcome.result, outcome.retake_until, outcome.certification_result.letter) == ("graduated", None, "B-")
    assert [h.result for h in outcome.history.order_by("history_date")] == ["failed", "graduated"]
    assert Certificate.objects.filter(enrollment__offering=offering).count() == 2
    assert OrderLine.objects.filter(enrollment__offering=offering, action="complete").count() == 2


def test_graduation_waits_for_a_closed_protocol_and_changes_nothing(persona, client_as):
    offering, enrolled = _course(persona)
    other = Offering.objects.create(version=offering.version, starts_on=offering.starts_on, ends_on=offering.ends_on, place="Қосшы", capacity=5,
                                    language="ru", study_format="full_time", department=offering.department, status=Offering.Status.PUBLISHED)
    person = Person.objects.filter(agency__code="prosecutor", user=None, applications=None).order_by("pk").first()
    application = Application.objects.create(offering=other, person=person, status=Application.Status.ACCEPTED, source=Application.Source.NOMINATION)
    Enrollment.objects.create(application=application, offering=other, person=person)
    page = client_as(Role.METHODOLOGIST).post(f"/graduation/offerings/{other.pk}/graduate/", follow=True).content.decode()
    assert "Close the final certification first" in page and person.full_name in page
    assert not Outcome.objects.filter(enrollment__offering=other).exists() and not OrderLine.objects.filter(enrollment__offering=other).exists()
    assert client_as(Role.LECTURER).post(f"/graduation/offerings/{offering.pk}/graduate/").status_code == 403
    assert Enrollment.objects.get(pk=enrolled["passed"].pk).status == "enrolled"


def test_nothing_completes_a_listener_but_graduation():
    """No signal carries completion any more, and only graduation calls the enrollment's closing step."""
    sources = {path.relative_to(SRC).as_posix(): path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")}
    assert [name for name, text in sources.items() if "enrollment_completed" in text] == []
    assert sorted(name for name, text in sources.items() if "enrollments_close(" in text) == ["eacademy/enrollment/services.py", "eacademy/graduation/services.py"]
