"""A submitted assignment goes to the library's similarity check: a passage copied from the
repository is reported beside its source, the assignment's own words are not, the lecturer
marking it blind reads the report without the author's name."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eacademy.core.roles import Role
from eacademy.distance.models import Submission
from eacademy.library.services import honesty
from tests.distance.test_assignments import mine, set_assignment  # noqa: F401 -- the fixture
from tests.library.documents import docx

pytestmark = pytest.mark.django_db
SOURCE = ("Задержание подозреваемого производится при наличии оснований полагать, что лицо совершило уголовное правонарушение, "
          "за которое может быть назначено наказание в виде лишения свободы, и составляется протокол в течение трёх часов")
TASK = "Прокомментируйте положение закона: задержанному немедленно разъясняются его права, включая право на защитника с момента задержания."


def test_a_submitted_work_is_checked_and_the_report_is_blind(mine, persona, client_as):  # noqa: F811
    honesty.document_put(key="library.work:source-of-test", title="Комментарий к УПК", text="Введение. " + SOURCE + ". Заключение.")
    essay = set_assignment(persona(Role.LECTURER), mine, blind=True, instructions=f"<p>{TASK}</p>")
    listener = client_as(Role.LISTENER)
    text = f"Моё мнение таково. {TASK} По существу дела. {SOURCE}. Таким образом, порядок соблюдён."
    listener.post(f"/distance/assignments/{essay.pk}/submit/", {"text": "Эссе в файле", "action": "submit", "statement": "on",
                                                                 "files": SimpleUploadedFile("эссе.docx", docx(text))})
    work = Submission.objects.get(assignment=essay)
    check = honesty.latest_check(f"distance.submission:{work.pk}")
    [match] = check.matches.all()
    assert check.document.text[match.start:match.end] == SOURCE
    assert match.source.title == "Комментарий к УПК"
    assert mine.person.full_name not in check.document.title
    teacher = client_as(Role.LECTURER)
    marking = teacher.get(f"/distance/submissions/{work.pk}/mark/").content.decode()
    assert f'href="{check.get_absolute_url()}"' in marking
    report = teacher.get(check.get_absolute_url()).content.decode()
    assert SOURCE in report and mine.person.last_name not in report
    assert client_as(Role.LISTENER).get(check.get_absolute_url()).status_code == 200  # his own work's report
