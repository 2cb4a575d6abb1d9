"""A bank statement read and matched to invoices. The columns are named by a mapping (banks'
exports differ); each payment is matched by the invoice number in its purpose ("№ 12/2026")
and must be positive; what cannot be matched is listed for matching by hand, never guessed.
A file with a row that cannot be read is refused whole, every such row named."""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.uploads import read_rows

FIELDS = ("reference", "paid_on", "amount", "purpose")
MAX_ROWS = 20_000
_INVOICE = re.compile(r"(\d{1,7})\s*/\s*(\d{4})")


@dataclass(frozen=True)
class Row:
    line: int
    reference: str
    paid_on: datetime.date
    amount: Decimal
    purpose: str

    def invoice_key(self) -> tuple[int, int] | None:
        found = _INVOICE.search(self.purpose)
        return (int(found.group(2)), int(found.group(1))) if found else None


def _table(data: bytes, file_format: str) -> list[list[object]]:
    if file_format == "xlsx":
        return read_rows(data, max_rows=MAX_ROWS + 1, max_columns=40)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("The statement is not UTF-8 text.")) from None
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if len(rows) > MAX_ROWS + 1:
        raise DomainError(_("A statement holds at most %(count)s rows.") % {"count": MAX_ROWS})
    return rows  # type: ignore[return-value]


def _date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    day_first = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)  # 05.02.2026, as Kazakh banks write it
    if day_first:
        return datetime.date(int(day_first.group(3)), int(day_first.group(2)), int(day_first.group(1)))
    return datetime.date.fromisoformat(text)


def _amount(value: object) -> Decimal:
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    amount = Decimal(text)
    if amount != amount.quantize(Decimal("0.01")) or not amount.is_finite():
        raise InvalidOperation(text)
    return amount.quantize(Decimal("0.01"))


def read(data: bytes, file_format: str, mapping: dict[str, str]) -> list[Row]:
    """The statement's rows; `mapping` names the column of each of FIELDS."""
    table = _table(data, file_format)
    if not table:
        raise DomainError(_("The statement is empty."))
    header = [str(c).strip() for c in table[0]]
    missing = [mapping.get(f, f) for f in FIELDS if mapping.get(f, f) not in header]
    if missing:
        raise DomainError(_("The statement has no column %(columns)s.") % {"columns": ", ".join(missing)})
    index = {f: header.index(mapping.get(f, f)) for f in FIELDS}
    rows, problems = [], []
    for line, values in enumerate(table[1:], start=2):
        if not any(str(v).strip() for v in values if v is not None):
            continue
        cell = {f: (values[i] if i < len(values) and values[i] is not None else "") for f, i in index.items()}
        try:
            rows.append(Row(line, str(cell["reference"]).strip(), _date(cell["paid_on"]), _amount(cell["amount"]), str(cell["purpose"]).strip()))
        except ValueError:
            problems.append(_("line %(line)s: the date “%(value)s” is not a date.") % {"line": line, "value": cell["paid_on"]})
        except InvalidOperation:
            problems.append(_("line %(line)s: the amount “%(value)s” is not an amount in tenge and tiyn.") % {"line": line, "value": cell["amount"]})
    if problems:
        raise DomainError(problems)
    return rows
