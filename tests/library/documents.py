"""Real documents for the library's tests: a PDF drawn by WeasyPrint (its text extractable, as
an editor's export is) and a DOCX with the WordprocessingML namespace."""

from django.utils.html import escape
from weasyprint import HTML

from eacademy.demo import library as demo_library


def pdf(*paragraphs: str) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return HTML(string=f"<html><body style='font-family: DejaVu Sans'>{body}</body></html>").write_pdf()


def docx(*paragraphs: str) -> bytes:
    return demo_library.docx("\n".join(paragraphs))
