"""Documents: PDF from HTML templates (WeasyPrint, with the bundled DejaVu fonts, which carry
every Kazakh letter), and Excel workbooks (openpyxl)."""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONTS = Path(__file__).resolve().parent.parent / "static" / "eacademy" / "fonts"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_bytes(template: str, context: dict[str, object]) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only documents need it

    html = render_to_string(template, {**context, "fonts_url": FONTS.as_uri()})
    return HTML(string=html, base_url=str(FONTS)).write_pdf()


def pdf_bytes_bilingual(template: str, context: dict[str, object]) -> bytes:
    """The document in Kazakh, then in Russian, in one PDF: how an order is signed and kept."""
    from django.utils import translation
    from weasyprint import HTML

    documents = []
    for language in ("kk", "ru"):
        with translation.override(language):
            html = render_to_string(template, {**context, "fonts_url": FONTS.as_uri()})
        documents.append(HTML(string=html, base_url=str(FONTS)).render())
    return documents[0].copy([page for document in documents for page in document.pages]).write_pdf()


def pdf_response(template: str, context: dict[str, object], filename: str, *, sealed_as: str = "") -> HttpResponse:
    """The PDF of a template; `sealed_as` names a document the Academy issues (a certificate, a
    transcript, a contract), signed with its seal."""
    data = pdf_bytes(template, context)
    if sealed_as:
        from eacademy.core.signing import seal_pdf  # cryptography is loaded only for documents that are signed

        data = seal_pdf(data, reason=sealed_as)
    return pdf_file_response(data, filename)


def pdf_file_response(data: bytes, filename: str) -> HttpResponse:
    """A PDF made before (a signed document is served as it was signed, byte for byte)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dated_filename(*parts: object, extension: str) -> str:
    """A download's name that says what it holds and when it was made:
    `effectiveness-programme-2025-on-2026-12-02.xlsx`."""
    what = "-".join(slugify(str(part)) for part in parts if part not in (None, ""))
    return f"{what}-on-{timezone.localdate():%Y-%m-%d}.{extension}"


class Percent(float):
    """A share written to Excel as a percentage: 0.4865 shows as 48.7 % and stays a number."""


PERCENT_FORMAT, DATE_FORMAT, DATETIME_FORMAT, DECIMAL_FORMAT = "0.0%", "DD.MM.YYYY", "DD.MM.YYYY HH:MM", "0.00"


def _excel_value(value: object) -> tuple[object, str | None]:
    """The value as Excel stores it, and its number format (None: General)."""
    if isinstance(value, Percent):
        return float(value), PERCENT_FORMAT
    if isinstance(value, datetime.datetime):  # Excel has no time zones: the Academy's local time
        return (timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value), DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return value, DATE_FORMAT
    if isinstance(value, float | Decimal):
        return value, DECIMAL_FORMAT
    return value, None


def sheet_append(sheet: Worksheet, row: Sequence[object]) -> None:
    """Appends a row with every string written as text and every number, date and share in its
    format. openpyxl takes a string beginning with "=" for a formula: a person's or a question's
    name like =HYPERLINK(...) would run in the reader's Excel. Every workbook the project writes
    appends its rows here."""
    values = [_excel_value(value) for value in row]
    sheet.append([value for value, _format in values])
    for cell, (_value, number_format) in zip(sheet[sheet.max_row], values, strict=False):
        if cell.data_type == "f":
            cell.data_type = "s"
        if number_format:
            cell.number_format = number_format


Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # title, header, rows


def xlsx_response(title: str, header: Sequence[str], rows: Iterable[Sequence[object]], filename: str) -> HttpResponse:
    return xlsx_sheets_response([(title, header, rows)], filename)


def xlsx_sheets_response(sheets: Sequence[Sheet], filename: str) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet_append(sheet, [str(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in header]
        for row in rows:
            sheet_append(sheet, row)
            widths = [max(w, 10 if isinstance(v, datetime.date) else len(str(v or ""))) for w, v in zip(widths, row, strict=False)]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
        sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
