"""A list of participants from Excel: officers of Kazakhstan's agencies by IIN, foreigners by
their name as in the passport, passport number and country. Every row is checked as the web
form checks one participant; one bad row and nothing is added, and every bad row is named."""

import datetime

from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.uploads import read_rows
from eacademy.events.forms import ParticipantAddForm
from eacademy.events.models import Event

COLUMNS = ["iin", "last_name", "first_name", "passport_number", "nationality", "birth_date", "organisation", "position", "email"]
MAX_ROWS = 1000


def _text(value: object) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read(data: bytes, event: Event) -> list[dict[str, object]]:
    """The participants of the file, cleaned; DomainError listing every bad row otherwise."""
    sheet = read_rows(data, max_rows=MAX_ROWS + 1, max_columns=len(COLUMNS) + 10)
    header = [_text(v).lower() for v in (sheet[0] if sheet else [])]
    missing = [c for c in ("last_name", "first_name", "nationality", "organisation") if c not in header]
    if missing:
        raise DomainError(_("The first row must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)})
    cleaned, problems = [], []
    for number, values in enumerate(sheet[1:], start=2):
        cells = {column: _text(value) for column, value in zip(header, values, strict=False) if column in COLUMNS}
        if not any(cells.values()):
            continue
        form = ParticipantAddForm({f"add-{k}": v for k, v in cells.items()} | {"add-iin": cells.get("iin", "")}, event=event, prefix="add")
        if form.is_valid():
            cleaned.append(form.cleaned_data)
        else:
            for field, errors in form.errors.items():
                problems.append(_("row %(row)s, %(column)s: %(error)s") % {"row": number, "column": field, "error": " ".join(str(e) for e in errors)})
    if problems:
        raise DomainError(problems)
    if not cleaned:
        raise DomainError(_("The list holds no participants."))
    return cleaned
