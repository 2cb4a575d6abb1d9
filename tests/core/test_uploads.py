"""Uploads that would kill a worker are refused before anything reads their cells: a sparse
workbook (cells A1 and XFD1048576 made the reader ask for 512 GB), one reaching row 1,048,576,
a zip bomb, a zip lying about its sizes, and files over their kind's limit. Through the pages,
and the command line in a process of its own (no core dump: exit status 1 and a message)."""

import io
import os
import struct
import subprocess
import sys
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.core.uploads import read_rows
from eacademy.enrollment.models import Application
from eacademy.exams.models import Bank, Question
from eacademy.planning.models import Offering

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(*cells: str) -> bytes:
    book = Workbook()
    for reference in cells:
        book.active[reference] = "ИИН"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_sheet(xml_parts: list[bytes], repeat: int) -> bytes:
    """A real workbook whose sheet is head + body × repeat + tail: megabytes of one letter pack
    into a few hundred kilobytes."""
    source = zipfile.ZipFile(io.BytesIO(_workbook("A1")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename == SHEET:
                with target.open(SHEET, "w") as sheet:
                    head, body, tail = xml_parts
                    sheet.write(head)
                    for _ in range(repeat):
                        sheet.write(body)
                    sheet.write(tail)
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def zip_bomb() -> bytes:
    """About 300 KB unpacking to 256 MB."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
    return _with_sheet([head, b"A" * (1 << 20), b"</t></is></c></row></sheetData></worksheet>"], 256)


def lying_zip() -> bytes:
    """The zip bomb with its sheet declared 1 KB long in both headers."""
    data = bytearray(zip_bomb())
    name = SHEET.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        if data[local + 30: local + 30 + len(name)] == name:
            struct.pack_into("<I", data, local + 22, 1024)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46: central + 46 + len(name)] == name:
            struct.pack_into("<I", data, central + 24, 1024)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


HOSTILE = {
    "sparse (A1 and XFD1048576)": (lambda: _workbook("A1", "XFD1048576"), "reaches row 1048576"),
    "tall (A1 and Z1048576)": (lambda: _workbook("A1", "Z1048576"), "reaches row 1048576"),
    "wide (A1 and XFD2)": (lambda: _workbook("A1", "XFD2"), "reaches column 16384"),
    "zip bomb (256 MB unpacked)": (zip_bomb, "unpacks to more than 50 MB"),
    "zip lying about its sizes": (lying_zip, "not an Excel workbook"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_workbook_is_refused_in_a_fraction_of_a_second(name: str) -> None:
    make, message = HOSTILE[name]
    data = make()
    assert len(data) < 5 * 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(DomainError, match=message):
        read_rows(data, max_rows=20_001, max_columns=64)
    assert time.perf_counter() - started < 1.0


def test_a_good_workbook_is_read_whole() -> None:
    assert read_rows(_workbook("A1", "F3"), max_rows=3, max_columns=6) == [["ИИН", "", "", "", "", ""], ["", "", "", "", "", ""], ["", "", "", "", "", "ИИН"]]


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE)
def test_the_nominations_upload_answers_422_and_changes_nothing(client_as, name: str) -> None:
    make, message = HOSTILE[name]
    offering = Offering.objects.filter(status="published").order_by("-starts_on").first()
    applications = Application.objects.count()
    response = client_as(Role.AGENCY_COORDINATOR).post(f"/enrollment/offerings/{offering.pk}/nominations/",
                                                       {"file": SimpleUploadedFile("list.xlsx", make())})
    assert response.status_code == 422 and message in response.content.decode()
    assert Application.objects.count() == applications


@pytest.mark.django_db
def test_files_over_their_kind_s_limit_are_refused_naming_the_limit(client_as, settings) -> None:
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "spreadsheet": 1, "questions": 1}
    offering = Offering.objects.filter(status="published").order_by("-starts_on").first()
    big = os.urandom(1024 * 1024 + 1)
    coordinator = client_as(Role.AGENCY_COORDINATOR)
    response = coordinator.post(f"/enrollment/offerings/{offering.pk}/nominations/", {"file": SimpleUploadedFile("list.xlsx", big)})
    assert response.status_code == 422 and "larger than the 1 MB allowed" in response.content.decode()
    bank = Bank.objects.create(name="limits")
    page = client_as(Role.METHODOLOGIST).post(f"/exams/banks/{bank.pk}/import/", {"file": SimpleUploadedFile("q.xml", big)})
    assert page.status_code == 422 and "larger than the 1 MB allowed" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["sparse (A1 and XFD1048576)", "zip bomb (256 MB unpacked)"])
def test_the_question_import_page_answers_422_and_imports_nothing(client_as, name: str) -> None:
    make, message = HOSTILE[name]
    bank = Bank.objects.create(name="hostile")
    response = client_as(Role.METHODOLOGIST).post(f"/exams/banks/{bank.pk}/import/", {"file": SimpleUploadedFile("q.xlsx", make())})
    assert response.status_code == 422 and message in response.content.decode()
    assert not Question.objects.filter(bank=bank).exists()


@pytest.mark.parametrize("name", ["sparse (A1 and XFD1048576)", "zip bomb (256 MB unpacked)"])
def test_the_command_line_refuses_with_a_message_and_exit_status_1(tmp_path, name: str) -> None:
    make, message = HOSTILE[name]
    path = tmp_path / "questions.xlsx"
    path.write_bytes(make())
    env = {**os.environ, "EACADEMY_VAR_DIR": str(tmp_path), "LANGUAGE_CODE": "en"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "-m", "eacademy", "questions", "import", str(path), "--bank", "X"],
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr[-2000:]
    assert message in result.stderr and "nothing was imported" in result.stderr
