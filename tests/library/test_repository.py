"""The repository: deposits with metadata per language and files read for their text (a damaged
one refuses the deposit, nothing written), access levels on pages, downloads and search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.library import search
from eacademy.library.models import Document, Work, WorkFile
from eacademy.library.rules import readable_access
from eacademy.library.services import repository
from tests.library.documents import docx, pdf

pytestmark = pytest.mark.django_db
BROKEN_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Kids [3 0 R] /Count 1 >>\nstartxref\n99999\n%%EOF"


def _deposit(persona, access: str, *files: repository.Upload, title: str = "Тактика обыска в жилище") -> Work:
    return repository.work_deposit(actor=persona(Role.LIBRARIAN), kind=Work.Kind.ARTICLE, access=access, year=2025, files=list(files),
                                   metadata=[repository.Metadata("ru", title, "Ахметов А.А.; Ким Б.", "обыск; жилище", "Статья об обыске."),
                                             repository.Metadata("kk", "Тұрғын үйде тінту тактикасы", "Ахметов А.А.")])


def test_deposit_reads_the_files_and_indexes_them(persona):
    work = _deposit(persona, Work.Access.OPEN, repository.Upload("article.pdf", pdf("Понятые приглашаются до начала обыска в квартире."), "ru"),
                    repository.Upload("мақала.docx", docx("Тінту кезінде куәгерлер қатысады."), "kk"))
    files = list(work.files.order_by("language"))
    assert [(f.content_type, f.language) for f in files] == [("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "kk"),
                                                              ("application/pdf", "ru")]
    assert "Понятые приглашаются" in files[1].text
    assert search.find("понятых квартиры", search.Filters(kind="work")).hits == [("work", work.pk)]
    assert search.find("куәгерлердің", search.Filters(kind="work")).hits == [("work", work.pk)]
    assert Document.objects.filter(key=f"library.work:{work.pk}").exists()


@pytest.mark.parametrize(("data", "message"), [(BROKEN_PDF, "could not be read"), (b"<html>not a document</html>", "not a PDF, DOCX or ODT")])
def test_a_bad_file_refuses_the_deposit(persona, data, message):
    before = (Work.objects.count(), WorkFile.objects.count(), Document.objects.count())
    with pytest.raises(DomainError, match=message):
        _deposit(persona, Work.Access.OPEN, repository.Upload("good.docx", docx("Хороший файл."), "ru"), repository.Upload("bad.pdf", data, "ru"))
    assert (Work.objects.count(), WorkFile.objects.count(), Document.objects.count()) == before


def test_deposit_needs_a_title_and_authors(persona):
    with pytest.raises(DomainError, match="at least one language"):
        repository.work_deposit(actor=persona(Role.LIBRARIAN), kind=Work.Kind.ARTICLE, access=Work.Access.OPEN, year=2025, files=[],
                                metadata=[repository.Metadata("ru", " ", "Автор")])
    with pytest.raises(DomainError, match="authors"):
        repository.work_deposit(actor=persona(Role.LIBRARIAN), kind=Work.Kind.ARTICLE, access=Work.Access.OPEN, year=2025, files=[],
                                metadata=[repository.Metadata("ru", "Название", "")])


def test_access_levels(client, client_as, persona):
    secret = _deposit(persona, Work.Access.RESTRICTED, repository.Upload("m.docx", docx("Методика негласного наблюдения."), "ru"), title="Негласное наблюдение")
    academy = _deposit(persona, Work.Access.ACADEMY, title="Внутренний сборник")
    public = _deposit(persona, Work.Access.OPEN, title="Открытая статья")
    assert client.get(f"/library/repository/{public.pk}/").status_code == 200
    assert client.get(f"/library/repository/{academy.pk}/").status_code == 404
    listener = client_as(Role.LISTENER)
    assert listener.get(f"/library/repository/{academy.pk}/").status_code == 200
    assert listener.get(f"/library/repository/{secret.pk}/").status_code == 404
    assert listener.get(f"/library/repository/files/{secret.files.get().pk}/").status_code == 404
    lecturer = client_as(Role.LECTURER)
    assert lecturer.get(f"/library/repository/{secret.pk}/").status_code == 200
    download = lecturer.get(f"/library/repository/files/{secret.files.get().pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert search.find("негласного наблюдения", search.Filters(access=readable_access(persona(Role.LISTENER)))).total == 0
    assert search.find("негласного наблюдения", search.Filters(access=readable_access(persona(Role.LECTURER)))).hits == [("work", secret.pk)]
    assert "Негласное" not in listener.get("/library/repository/").content.decode()


def test_deposit_page(client_as):
    client = client_as(Role.LIBRARIAN)
    bad = client.post("/library/repository/new/", {"kind": "article", "access": "open", "year": "2025", "title_ru": "Статья", "creators_ru": "Автор А.",
                                                    "file_language": "ru", "file": SimpleUploadedFile("x.pdf", BROKEN_PDF)})
    assert bad.status_code == 422 and "could not be read" in bad.content.decode()
    good = client.post("/library/repository/new/", {"kind": "article", "access": "open", "year": "2025", "title_ru": "Статья о тактике", "creators_ru": "Автор А.",
                                                     "title_kk": "Тактика туралы мақала", "creators_kk": "Автор А.", "file_language": "ru",
                                                     "file": SimpleUploadedFile("x.docx", docx("Текст статьи."))})
    assert good.status_code == 302
    work = Work.objects.get(pk=good["Location"].rstrip("/").split("/")[-1])
    assert sorted(work.metadata.values_list("language", flat=True)) == ["kk", "ru"]
    assert client_as(Role.LISTENER).get("/library/repository/new/").status_code == 403


def test_the_librarian_changes_a_work_s_access(client, client_as, persona):
    work = _deposit(persona, Work.Access.RESTRICTED, title="Секретная методика")
    assert client.get(f"/library/repository/{work.pk}/").status_code == 404
    assert client_as(Role.LECTURER).post(f"/library/repository/{work.pk}/", {"access": "open", "reason": "x"}).status_code == 404
    assert client_as(Role.LIBRARIAN).post(f"/library/repository/{work.pk}/", {"access": "open", "reason": ""}).status_code == 422
    assert Work.objects.get(pk=work.pk).access == Work.Access.RESTRICTED  # no reason: nothing changed
    client_as(Role.LIBRARIAN).post(f"/library/repository/{work.pk}/", {"access": "open", "reason": "гриф снят решением комиссии"})
    work.refresh_from_db()
    assert work.access == Work.Access.OPEN and work.history.first().history_change_reason == "гриф снят решением комиссии"
    assert client.get(f"/library/repository/{work.pk}/").status_code == 200
    assert search.find("секретная методика", search.Filters()).hits == [("work", work.pk)]
