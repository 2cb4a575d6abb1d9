"""Uploaded files are checked before anything parses them: each kind of upload has a size limit
of its own (settings.UPLOAD_LIMITS_MB), and a spreadsheet's unpacked size and the extent of
its cells are measured before a cell is read.

Why by hand: the reader (calamine) allocates a dense grid from the first to the last cell, so a
1.6 KB workbook with cells A1 and XFD1048576 asks for 512 GB and kills the process; and a
zip member may unpack to a thousand times its size. Nothing in the ecosystem checks that
before reading, so we do: every member is read through Python's zipfile (which also verifies
the declared sizes by their checksums) within a budget, and the sheets' cell references are
scanned with a streaming parser that resolves no entities."""

import io
import re
import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree
from python_calamine import CalamineError, CalamineWorkbook

from eacademy.core.errors import DomainError

MB = 1024 * 1024
_LETTERS = re.compile(r"[A-Z]+")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def limit_bytes(kind: str) -> int:
    return int(settings.UPLOAD_LIMITS_MB[kind] * MB)


def check_size(size: int, kind: str) -> None:
    """Refuse a file larger than its kind's limit, naming the limit."""
    if size > limit_bytes(kind):
        raise DomainError(_("The file is larger than the %(limit)s MB allowed here.") % {"limit": settings.UPLOAD_LIMITS_MB[kind]})


def read_upload(file: IO[bytes], kind: str) -> bytes:
    """The upload's bytes, read only after its size passed (an upload's size is known before
    it is read; a stream is read no further than one byte past the limit)."""
    size = getattr(file, "size", None)
    if size is not None:
        check_size(size, kind)
    data = file.read(limit_bytes(kind) + 1)
    check_size(len(data), kind)
    return data


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _not_a_workbook() -> DomainError:
    return DomainError(_("The file is not an Excel workbook (.xlsx)."))


def unpack_zip(data: bytes, *, budget: int, too_big: DomainError, not_a_zip: DomainError) -> dict[str, bytes]:
    """Every file of a zip by its name, unpacked within `budget` bytes (the declared sizes are
    checked first, then what is actually read): `too_big` past it, `not_a_zip` when unreadable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
        if sum(m.file_size for m in members) > budget:
            raise too_big
        unpacked: dict[str, bytes] = {}
        for member in members:
            with archive.open(member) as stream:
                content = stream.read(budget + 1)
            budget -= len(content)
            if budget < 0:
                raise too_big
            unpacked[member.filename] = content
        return unpacked
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        raise not_a_zip from None


def _unpacked_members(data: bytes) -> dict[str, bytes]:
    """Every member of the workbook's zip, unpacked within the budget of SPREADSHEET_UNPACKED_MB."""
    too_big = DomainError(_("The workbook unpacks to more than %(limit)s MB: split the list or remove what it does not need.")
                          % {"limit": settings.SPREADSHEET_UNPACKED_MB})
    return unpack_zip(data, budget=int(settings.SPREADSHEET_UNPACKED_MB * MB), too_big=too_big, not_a_zip=_not_a_workbook())


def _extent(sheet_xml: bytes) -> tuple[int, int]:
    """The last row and column a sheet's cells reach, whatever its <dimension> claims."""
    last_row = last_column = row = 0
    column = 0
    parser = etree.iterparse(io.BytesIO(sheet_xml), events=("start",), tag=(f"{_MAIN}row", f"{_MAIN}c"),
                             resolve_entities=False, no_network=True, huge_tree=False)
    try:
        for _event, element in parser:
            reference = element.get("r") or ""
            if element.tag == f"{_MAIN}row":
                row = int(reference) if reference.isdigit() else row + 1
                column = 0
            else:
                letters = _LETTERS.match(reference)
                column = _column_number(letters.group()) if letters else column + 1
                last_column = max(last_column, column)
            last_row = max(last_row, row)
            element.clear()
    except etree.XMLSyntaxError:
        raise _not_a_workbook() from None
    return last_row, last_column


def read_rows(data: bytes, *, max_rows: int, max_columns: int) -> list[list[object]]:
    """The first sheet of an .xlsx as rows of values, after its unpacked size and the extent of
    every sheet's cells are checked: a refused file costs a fraction of a second and no memory."""
    members = _unpacked_members(data)
    sheets = [name for name in members if name.startswith("xl/worksheets/") and name.endswith(".xml")]
    if not sheets:
        raise _not_a_workbook()
    for name in sheets:
        last_row, last_column = _extent(members[name])
        if last_row > max_rows:
            raise DomainError(_("The sheet reaches row %(rows)s; at most %(limit)s rows are read.") % {"rows": last_row, "limit": max_rows})
        if last_column > max_columns:
            raise DomainError(_("The sheet reaches column %(columns)s; at most %(limit)s columns are read.")
                              % {"columns": last_column, "limit": max_columns})
    try:
        rows: list[list[object]] = [list(row) for row in CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()]
    except (CalamineError, ValueError, IndexError, OSError):
        raise _not_a_workbook() from None
    return rows
