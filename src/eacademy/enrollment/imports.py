"""Nominations from an Excel list: every row is checked first; the list applies whole or not
at all, and every bad row is reported with its number and reason."""

import datetime
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.uploads import read_rows, read_upload

COLUMNS = ("iin", "last_name", "first_name", "middle_name", "unit", "position")
MAX_ROWS = 20_000
MAX_COLUMNS = 64  # the six that are read, and room for a personnel office's own notes


@dataclass(frozen=True)
class NominationRow:
    number: int  # the row's number in the sheet, as the user sees it
    iin: str
    last_name: str
    first_name: str
    middle_name: str
    unit: str
    position: str


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an IIN typed as a number
    if isinstance(value, datetime.datetime | datetime.date):
        return ""
    return " ".join(str(value).split())


def read_nominations(file: IO[bytes]) -> list[NominationRow]:
    """Rows of the first sheet (.xlsx) after a header row: IIN, last name, first name, patronymic,
    unit, position. A file that is not a workbook, too large or reaching too far is refused with
    a clear message before a cell is read."""
    sheet = read_rows(read_upload(file, "spreadsheet"), max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
    rows: list[NominationRow] = []
    for number, values in enumerate(sheet[1:], start=2):
        cells = [_text(v) for v in values[: len(COLUMNS)]]
        cells += [""] * (len(COLUMNS) - len(cells))
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise DomainError(_("A list holds at most %(count)s rows.") % {"count": MAX_ROWS})
        rows.append(NominationRow(number, *cells))
    if not rows:
        raise DomainError(_("The list is empty: put one person per row under the header row."))
    return rows
