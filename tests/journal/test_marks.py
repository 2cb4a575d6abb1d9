"""Must show 2 and 3: the point-letter scale at every boundary, a configurable final-mark
formula, and two people editing the same mark: the second sees the conflict, nothing is lost."""

import datetime
from decimal import Decimal

import pytest

from eacademy.core.errors import DomainError
from eacademy.core.grade_scales import band_for
from eacademy.core.models import GradeScale
from eacademy.core.roles import Role
from eacademy.journal import services
from eacademy.journal.models import AssessmentPolicy, Mark
from eacademy.journal.rules import Conflict

pytestmark = pytest.mark.django_db

# (lowest points, highest points, letter, grade point) of Kazakhstan's point-letter scale
POINT_LETTER = [(95, 100, "A", "4.00"), (90, 94, "A-", "3.67"), (85, 89, "B+", "3.33"), (80, 84, "B", "3.00"), (75, 79, "B-", "2.67"),
                (70, 74, "C+", "2.33"), (65, 69, "C", "2.00"), (60, 64, "C-", "1.67"), (55, 59, "D+", "1.33"), (50, 54, "D", "1.00"),
                (25, 49, "FX", "0.50"), (0, 24, "F", "0.00")]


@pytest.mark.parametrize(("low", "high", "letter", "grade_point"), POINT_LETTER)
def test_the_point_letter_scale_at_every_boundary(low, high, letter, grade_point):
    bands = list(GradeScale.objects.get(code="point-letter").bands.all())
    for points in (low, high, low + 0.4, high + 0.49 if high < 100 else 100):
        band = band_for(bands, points)
        assert (band.letter, band.grade_point) == (letter, Decimal(grade_point)), points
    if low > 0:
        assert band_for(bands, low - 1).letter != letter
        assert band_for(bands, low - 0.5).letter == letter  # 0.5 rounds up to the band
    assert band_for(bands, high).passed is (letter not in ("FX", "F"))


def test_the_five_point_scale_tells_every_point_as_the_point_letter_table_does():
    """The point-letter table's words (A, A- "excellent"; B+, B, B- "good"; C+ to D "satisfactory";
    FX, F "fail") give the five-point marks: 90-100 is 5, 75-89 is 4, 50-74 is 3, 0-49 is 2. So
    85 is "good" (B+, 4) and 70 "satisfactory" (C+, 3) on both, and so is every point from 0 to 100."""
    letters = list(GradeScale.objects.get(code="point-letter").bands.all())
    five = list(GradeScale.objects.get(code="five-point").bands.all())
    mark = {"excellent": "5", "good": "4", "satisfactory": "3", "fail": "2"}
    for points in range(101):
        letter, number = band_for(letters, points), band_for(five, points)
        assert (number.letter, number.word_en, number.passed) == (mark[letter.word_en], letter.word_en, letter.passed), points
    assert (band_for(five, 85).letter, band_for(five, 70).letter) == ("4", "3")


def test_the_point_letter_scale_is_the_current_table_kept_with_its_source_and_date():
    """The Ministry's current table (DOMAIN.md, credit technology rules No. 152 as amended):
    A 95-100 4.0, A- 90-94 3.67, B+ 85-89 3.33, B 80-84 3.0, B- 75-79 2.67, C+ 70-74 2.33,
    C 65-69 2.0, C- 60-64 1.67, D+ 55-59 1.33, D 50-54 1.0, FX 25-49 0.5 (a retake is allowed),
    F 0-24 0 (the discipline is studied again). Older tables had F for all of 0-49."""
    scale = GradeScale.objects.get(code="point-letter")
    table = [("A", 95, 100, "4.00"), ("A-", 90, 94, "3.67"), ("B+", 85, 89, "3.33"), ("B", 80, 84, "3.00"), ("B-", 75, 79, "2.67"),
             ("C+", 70, 74, "2.33"), ("C", 65, 69, "2.00"), ("C-", 60, 64, "1.67"), ("D+", 55, 59, "1.33"), ("D", 50, 54, "1.00"),
             ("FX", 25, 49, "0.50"), ("F", 0, 24, "0.00")]
    assert [(b.letter, int(b.min_points), int(b.max_points), str(b.grade_point)) for b in scale.bands.all()] == table
    bands = list(scale.bands.all())
    assert [(band_for(bands, p).letter, band_for(bands, p).retake_allowed, band_for(bands, p).passed) for p in (50, 49, 25, 24, 0)] == [
        ("D", False, True), ("FX", True, False), ("FX", True, False), ("F", False, False), ("F", False, False)]
    assert "No. 152" in scale.source and "FX 25-49, F 0-24" in scale.source and scale.checked_on == datetime.date(2026, 12, 2)


def test_points_outside_0_to_100_are_refused():
    bands = list(GradeScale.objects.get(code="point-letter").bands.all())
    for points in (-1, 100.5, 101):
        with pytest.raises(ValueError):
            band_for(bands, points)


def test_five_point_and_pass_fail_scales_are_data_too():
    five = list(GradeScale.objects.get(code="five-point").bands.all())
    assert [band_for(five, p).letter for p in (100, 90, 89, 75, 74, 50, 49, 0)] == ["5", "5", "4", "4", "3", "3", "2", "2"]
    pass_fail = list(GradeScale.objects.get(code="pass-fail").bands.all())
    assert [band_for(pass_fail, p).passed for p in (50, 49)] == [True, False]


def _policy(**fields) -> AssessmentPolicy:
    return AssessmentPolicy(scale=GradeScale.objects.get(code="point-letter"), **fields)


def test_the_final_mark_formula_is_the_programmes_setting():
    rating, exam = Decimal(70), Decimal(90)
    assert services.final_points(_policy(admission_weight=60, exam_weight=40, admission_threshold=50, absence_limit_percent=25), rating, exam, 0).final == Decimal("78.00")
    assert services.final_points(_policy(admission_weight=30, exam_weight=70, admission_threshold=50, absence_limit_percent=25), rating, exam, 0).final == Decimal("84.00")
    assert services.final_points(_policy(admission_weight=50, exam_weight=50, admission_threshold=75, absence_limit_percent=25), rating, exam, 0).admitted is False
    absent = services.final_points(_policy(admission_weight=60, exam_weight=40, admission_threshold=50, absence_limit_percent=10), rating, exam, 0.2)
    assert (absent.admitted, absent.final) == (False, Decimal(0))
    assert services.final_points(_policy(admission_weight=60, exam_weight=40, admission_threshold=50, absence_limit_percent=25), Decimal(50), exam, 0.25).admitted


def test_a_second_editor_sees_the_conflict_and_nothing_is_lost(course, persona):
    lecturer, head = persona(Role.LECTURER), persona(Role.HEAD_OF_DEPARTMENT)
    enrollment, lesson, discipline = course["enrollments"][0], course["lessons"][0], course["discipline"]
    services.mark_set(actor=lecturer, enrollment=enrollment, discipline=discipline, lesson=lesson, points=Decimal(60), revision=0)
    # Both open the journal at revision 1; the lecturer saves first.
    services.mark_set(actor=lecturer, enrollment=enrollment, discipline=discipline, lesson=lesson, points=Decimal(75), revision=1, reason="Пересдача")
    with pytest.raises(Conflict) as conflict:
        services.mark_set(actor=head, enrollment=enrollment, discipline=discipline, lesson=lesson, points=Decimal(65), revision=1, reason="Апелляция")
    assert conflict.value.current == Decimal(75) and conflict.value.revision == 2 and "75" in conflict.value.messages[0]
    mark = Mark.objects.get(enrollment=enrollment, lesson=lesson)
    assert (mark.points, mark.revision, mark.changed_by) == (Decimal(75), 2, lecturer)
    history = list(mark.history.order_by("history_date").values_list("points", "history_user__username", "history_change_reason"))
    assert history == [(Decimal(60), "lecturer", None), (Decimal(75), "lecturer", "Пересдача")]
    # Seen the current value, the head saves against it, with a reason.
    services.mark_set(actor=head, enrollment=enrollment, discipline=discipline, lesson=lesson, points=Decimal(65), revision=2, reason="Апелляция")
    assert Mark.objects.get(pk=mark.pk).history.count() == 3


def test_a_conflicting_save_on_the_page_shows_the_current_value(course, client_as, persona):
    enrollment, lesson = course["enrollments"][0], course["lessons"][0]
    page = f"/journal/groups/{course['group'].pk}/disciplines/{course['discipline'].pk}/"
    lecturer, head = client_as(Role.LECTURER), client_as(Role.HEAD_OF_DEPARTMENT)
    lecturer.post("/journal/marks/", {"enrollment": enrollment.pk, "lesson": lesson.pk, "points": "55", "revision": "0", "next": page})
    response = head.post("/journal/marks/", {"enrollment": enrollment.pk, "lesson": lesson.pk, "points": "95", "revision": "0", "next": page}, follow=True)
    assert "changed this mark meanwhile: it is now 55" in response.content.decode()
    assert Mark.objects.get(enrollment=enrollment, lesson=lesson).points == Decimal(55)


@pytest.mark.parametrize(("points", "status"), [("101", 302), ("-3", 302), ("abc", 302)])
def test_garbage_marks_are_refused_and_change_nothing(course, client_as, points, status):
    enrollment, lesson = course["enrollments"][0], course["lessons"][0]
    response = client_as(Role.LECTURER).post("/journal/marks/", {"enrollment": enrollment.pk, "lesson": lesson.pk, "points": points, "revision": "0"}, follow=True)
    assert "from 0 to 100" in response.content.decode()
    assert not Mark.objects.filter(enrollment=enrollment).exists()


def test_an_excused_absence_needs_a_reason_and_only_teachers_take_attendance(course, persona):
    with pytest.raises(DomainError, match="needs a reason"):
        services.attendance_set(actor=persona(Role.LECTURER), lesson=course["lessons"][0], enrollment=course["enrollments"][0], status="excused")
    with pytest.raises(DomainError, match="role does not allow"):
        services.attendance_set(actor=persona(Role.LISTENER), lesson=course["lessons"][0], enrollment=course["enrollments"][0], status="present")


def test_the_api_takes_attendance_and_marks_and_verifies_publicly(course, client_as):
    from django.test import Client

    lecturer = client_as(Role.LECTURER)
    enrollment, lesson = course["enrollments"][0], course["lessons"][0]
    ok = lecturer.post("/api/v1/journal/attendance/", {"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "status": "late"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "late"
    bad = lecturer.post("/api/v1/journal/attendance/", {"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "status": "excused"}, content_type="application/json")
    assert bad.status_code == 422 and "needs a reason" in str(bad.json())
    first = lecturer.post("/api/v1/journal/marks/", {"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "points": "81", "revision": 0}, content_type="application/json")
    assert first.status_code == 200 and first.json()["revision"] == 1
    stale = lecturer.post("/api/v1/journal/marks/", {"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "points": "90", "revision": 0, "reason": "x"},
                          content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current"] == "81.00"
    assert client_as(Role.LISTENER).post("/api/v1/journal/marks/", {"lesson_id": lesson.pk, "enrollment_id": enrollment.pk, "points": "99", "revision": 1},
                                         content_type="application/json").status_code == 404
    assert Client().get("/api/v1/certificates/verify/nothing/").status_code == 404


def test_an_excused_absence_with_its_document_from_the_journal_page(course, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from eacademy.journal.models import Attendance

    enrollment, lesson = course["enrollments"][0], course["lessons"][0]
    page = f"/journal/groups/{course['group'].pk}/disciplines/{course['discipline'].pk}/"
    assert 'value="excused"' in client_as(Role.LECTURER).get(page).content.decode()
    client_as(Role.LECTURER).post("/journal/attendance/", {"lesson": lesson.pk, "enrollment": enrollment.pk, "status": "excused", "reason": "Больничный лист",
                                                           "document": SimpleUploadedFile("справка.pdf", b"%PDF-1.4 note"), "next": page})
    row = Attendance.objects.get(lesson=lesson, enrollment=enrollment)
    assert (row.status, row.reason, row.document_name, bytes(row.document)) == ("excused", "Больничный лист", "справка.pdf", b"%PDF-1.4 note")


def test_a_lecturer_adds_a_lesson_and_garbage_is_refused(course, client_as):
    from eacademy.timetable.models import Lesson

    url = f"/journal/groups/{course['group'].pk}/"
    before = Lesson.objects.filter(group=course["group"]).count()
    refused = client_as(Role.LECTURER).post(url, {"discipline": course["discipline"].pk, "starts_at": "not a date", "minutes": "80", "kind": "lecture"})
    assert refused.status_code == 200 and Lesson.objects.filter(group=course["group"]).count() == before
    day = course["offering"].starts_on
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    client_as(Role.LECTURER).post(url, {"discipline": course["discipline"].pk, "starts_at": f"{day}T09:30", "minutes": "80", "kind": "seminar", "topic": "Тема"})
    assert Lesson.objects.filter(group=course["group"], kind="seminar", topic="Тема").count() == 1
    assert client_as(Role.LEADERSHIP).post(url, {"discipline": course["discipline"].pk, "starts_at": "2026-11-20T09:30", "minutes": "80", "kind": "lecture"}).status_code == 403
