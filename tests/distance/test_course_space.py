"""The course space: sections and materials (a page kept sanitised, files checked by their
content, links, videos) shown to the listeners from their dates, what each listener opened, his
progress and the lecturer's grid of who is behind; garbage refused in words with nothing saved."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.distance import queries, services
from eacademy.distance.models import Material, MaterialView, Section
from eacademy.enrollment.models import Enrollment
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def course(persona):
    return queries.courses_of(persona(Role.LISTENER)).first()


def test_a_listener_sees_what_is_open_reads_it_and_his_progress_moves(course, persona, client_as):
    methodologist = persona(Role.METHODOLOGIST)
    mine = Enrollment.objects.get(person__user=persona(Role.LISTENER), offering=course, status="enrolled")
    base = queries.space(course.pk, enrollment=mine, teacher=False)  # the demo's own materials and assignments
    others = {row.enrollment.pk: (row.done, row.required) for row in queries.progress_grid(course.pk) if row.enrollment.pk != mine.pk}
    week = services.section_add(actor=methodologist, offering_id=course.pk, title="Неделя 1. Досудебное расследование")
    later = services.section_add(actor=methodologist, offering_id=course.pk, title="Неделя 2", visible_from=timezone.localdate() + datetime.timedelta(days=7))
    page = services.material_add(actor=methodologist, section=week, kind="page", title="Лекция 1",
                                 body="<h2>Понятие</h2><p onclick='steal()'>Текст <script>alert(1)</script><b>ұстау</b></p>")
    assert "<script" not in page.body and "onclick" not in page.body and "<b>ұстау</b>" in page.body
    pdf = services.material_add(actor=methodologist, section=week, kind="file", title="Кодекс", upload=SimpleUploadedFile("upk.pdf", PDF))
    video = services.material_add(actor=methodologist, section=week, kind="video", title="Видеолекция", upload=SimpleUploadedFile("v.mp4", MP4))
    services.material_add(actor=methodologist, section=week, kind="link", title="Әділет", url="https://adilet.zan.kz/rus/docs/K1400000231", required=False)
    services.material_add(actor=methodologist, section=later, kind="page", title="Лекция 2", body="<p>Позже</p>")
    assert (pdf.media_type, video.media_type) == ("application/pdf", "video/mp4")

    listener = client_as(Role.LISTENER)
    space = listener.get(f"/distance/courses/{course.pk}/").content.decode()
    assert "Лекция 1" in space and "Неделя 2" not in space and "Лекция 2" not in space
    assert f'data-testid="progress-text">{base.done} / {base.required + 3}<' in space  # the link is optional
    assert listener.get(f"/distance/materials/{Material.objects.get(title='Лекция 2').pk}/").status_code == 404
    opened = listener.get(f"/distance/materials/{page.pk}/").content.decode()
    assert "<b>ұстау</b>" in opened and "alert(1)" not in opened
    listener.get(f"/distance/materials/{page.pk}/")
    download = listener.get(f"/distance/materials/{pdf.pk}/file")
    assert download["Content-Type"] == "application/pdf" and "attachment" in download["Content-Disposition"] and b"".join(download.streaming_content) == PDF
    assert MaterialView.objects.get(material=page, enrollment=mine).times == 2
    assert f'data-testid="progress-text">{base.done + 1} / {base.required + 3}<' in listener.get(f"/distance/courses/{course.pk}/").content.decode()
    grid = {row.enrollment.pk: (row.done, row.required) for row in queries.progress_grid(course.pk)}
    assert grid[mine.pk] == (base.done + 1, base.required + 3)
    assert all(grid[pk] == (done, base.required + 3) for pk, (done, _required) in others.items())  # nobody else moved
    teacher_view = client_as(Role.METHODOLOGIST).get(f"/distance/courses/{course.pk}/").content.decode()
    assert "Неделя 2" in teacher_view and "Who is behind" in teacher_view
    assert MaterialView.objects.filter(material=page).count() == 1  # the methodologist's look is not recorded


def test_garbage_in_the_course_space_is_refused_in_words_and_nothing_is_saved(course, persona, client_as):
    methodologist = persona(Role.METHODOLOGIST)
    week = services.section_add(actor=methodologist, offering_id=course.pk, title="Неделя 1")
    refusals = {
        "html as pdf": {"kind": "file", "upload": SimpleUploadedFile("fake.pdf", b"<html><script>alert(1)</script></html>")},
        "not a video": {"kind": "video", "upload": SimpleUploadedFile("v.mp4", PDF)},
        "plain http": {"kind": "link", "url": "http://example.kz/law"},
        "empty page": {"kind": "page", "body": "<script>only()</script>"},
        "no file": {"kind": "file"},
    }
    for name, fields in refusals.items():
        with pytest.raises(DomainError):
            services.material_add(actor=methodologist, section=week, title=name, **fields)
    with override_settings(UPLOAD_LIMITS_MB={**settings.UPLOAD_LIMITS_MB, "material": 1}), pytest.raises(DomainError, match="1 MB"):
        services.material_add(actor=methodologist, section=week, kind="file", title="big", upload=SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)))
    assert not Material.objects.filter(section=week).exists()
    listener = client_as(Role.LISTENER)
    page = listener.post(f"/distance/sections/{week.pk}/materials/", {"kind": "page", "title": "Моё", "body": "<p>x</p>"})
    assert page.status_code == 403 and not Material.objects.filter(section=week).exists()
    sections = Section.objects.count()
    answer = client_as(Role.METHODOLOGIST).post(f"/distance/courses/{course.pk}/sections/", {"title": ""}, follow=True)
    assert "This field is required." in answer.content.decode() and Section.objects.count() == sections
    other = Enrollment.objects.exclude(offering=course).exclude(offering__enrollments__person__user=persona(Role.LISTENER)).first().offering
    assert listener.get(f"/distance/courses/{other.pk}/").status_code == 404


def test_the_course_page_reads_as_many_queries_with_two_materials_as_with_twelve(course, persona, client_as):
    methodologist = persona(Role.METHODOLOGIST)
    week = services.section_add(actor=methodologist, offering_id=course.pk, title="Неделя 1")
    for n in range(2):
        services.material_add(actor=methodologist, section=week, kind="page", title=f"Лекция {n}", body="<p>Текст</p>")
    listener, teacher = client_as(Role.LISTENER), client_as(Role.METHODOLOGIST)
    url = f"/distance/courses/{course.pk}/"
    before = page_queries(listener, url), page_queries(teacher, url)
    second = services.section_add(actor=methodologist, offering_id=course.pk, title="Неделя 2")
    for n in range(10):
        services.material_add(actor=methodologist, section=second, kind="page", title=f"Тема {n}", body="<p>Текст</p>")
        listener.get(f"/distance/materials/{Material.objects.latest('pk').pk}/")
    assert (page_queries(listener, url), page_queries(teacher, url)) == before
