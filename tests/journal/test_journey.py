"""Must show 1: a group from the first lesson to certificates — attendance, marks, a test's
results pulled from exams, final certification by the programme's policy, certificates issued
on completion, the public verification page, revocation and reissue."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from eacademy.core.models import GradeScale
from eacademy.core.roles import Role
from eacademy.graduation import services as graduation_services
from eacademy.journal import certificates, services
from eacademy.journal.models import AssessmentPolicy, Certificate, Mark

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_from_the_first_lesson_to_a_verified_then_revoked_certificate(course, persona, django_capture_on_commit_callbacks):
    lecturer, head, methodologist = persona(Role.LECTURER), persona(Role.HEAD_OF_DEPARTMENT), persona(Role.METHODOLOGIST)
    AssessmentPolicy.objects.create(programme=course["offering"].version.programme, scale=GradeScale.objects.get(code="point-letter"),
                                    admission_weight=60, exam_weight=40, admission_threshold=50, absence_limit_percent=25)
    truant, *others = course["enrollments"]
    warnings = []
    for i, lesson in enumerate(course["lessons"]):
        for enrollment in course["enrollments"]:
            status = "absent" if enrollment == truant and i < 2 else "present"
            _row, warning = services.attendance_set(actor=lecturer, lesson=lesson, enrollment=enrollment, status=status)
            warnings.append(warning)
        for enrollment in course["enrollments"]:
            services.mark_set(actor=lecturer, enrollment=enrollment, discipline=course["discipline"], lesson=lesson, points=Decimal(70 + i * 5), revision=0)
    assert any(w and "50%" in w for w in warnings)  # the truant passed the 25 % limit
    pulled = services.marks_from_exam(actor=lecturer, exam=course["exam"], discipline=course["discipline"])
    assert pulled == 14  # the demo's graded input control of every colleague
    someone = others[0]
    test_mark = Mark.objects.get(enrollment=someone, exam=course["exam"])
    typed = [Decimal(70), Decimal(75), Decimal(80), Decimal(85)]
    rating = ((sum(typed) + test_mark.points) / 5).quantize(Decimal("0.01"))
    assert services.admission_points(someone, course["discipline"]) == rating

    certification = services.certification_create(actor=methodologist, offering=course["offering"], group=course["group"], kind="final",
                                                  held_on=course["lessons"][-1].starts_at.date(), chair=head, members=[lecturer], protocol_number="7")
    for member in (head, lecturer):
        for enrollment in others:
            services.certification_mark_set(actor=member, certification=certification, enrollment=enrollment, points=Decimal(90 if member == head else 80), revision=0)
    results = {r.enrollment_id: r for r in services.certification_close(actor=methodologist, certification=certification)}
    assert results[truant.pk].admitted is False and results[truant.pk].passed is False
    # Whole-course rating: the discipline above is the only one with marks.
    expected = (rating * 60 + Decimal(85) * 40) / 100
    assert results[someone.pk].final_points == expected.quantize(Decimal("0.01"))
    assert results[someone.pk].passed and results[someone.pk].letter

    with django_capture_on_commit_callbacks(execute=True):
        graduation = graduation_services.offering_graduate(actor=methodologist, offering=course["offering"])
    assert graduation.not_admitted == 1 and not Certificate.objects.filter(enrollment=truant).exists()
    certificate = Certificate.objects.get(enrollment=someone)
    assert certificate.status == "valid" and certificate.number >= 1
    text = _pdf_text(certificates.as_pdf([certificate]))
    assert "СЕРТИФИКАТ" in text and f"{certificate.number:05d}/{certificate.year}" in text
    assert "Құқық қорғау органдары академиясы" in text and someone.person.full_name in text

    page = Client().get(f"/verify/{certificate.code}/")
    body = page.content.decode()
    assert page.status_code == 200 and "valid" in body
    assert f"{someone.person.first_name} {someone.person.last_name[0]}." in body and someone.person.last_name not in body
    assert Client().get("/verify/no-such-code/").status_code == 404

    certificates.certificate_revoke(actor=methodologist, certificate=certificate, reason="Ошибка в фамилии")
    assert "revoked" in Client().get(f"/verify/{certificate.code}/").content.decode()
    with pytest.raises(Exception, match="already revoked"):
        certificates.certificate_revoke(actor=methodologist, certificate=certificate, reason="again")
    Certificate.objects.filter(pk=certificate.pk).update(status="valid", revoked_reason="", revoked_at=None)
    new = certificates.certificate_reissue(actor=methodologist, certificate=Certificate.objects.get(pk=certificate.pk), reason="Утерян")
    last = Certificate.objects.filter(year=new.year, series=new.series).exclude(pk=new.pk).order_by("-number").values_list("number", flat=True).first()
    assert new.replaces_id == certificate.pk and new.number == last + 1  # the next of the series, after the whole course's batch
    assert Certificate.objects.get(pk=certificate.pk).status == "revoked"
