"""Real documents for the library's tests: a PDF drawn by WeasyPrint (its text extractable, as
an editor's export is) and a DOCX with the WordprocessingML namespace."""

import io
import zipfile

from django.utils.html import escape
from weasyprint import HTML

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def pdf(*paragraphs: str) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return HTML(string=f"<html><body style='font-family: DejaVu Sans'>{body}</body></html>").write_pdf()


def docx(*paragraphs: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    return buffer.getvalue()
