"""The certificate of completion as a one-page PDF, drawn with reportlab: a batch of a whole
course is hundreds of identical layouts, which a page-layout engine would take minutes for.
Texts are in Kazakh and Russian (DejaVu carries every Kazakh letter); the QR code opens the
public verification page."""

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from eacademy.core import drawing

ACADEMY = ("Қазақстан Республикасы Бас прокуратурасының жанындағы Құқық қорғау органдары академиясы",
           "Академия правоохранительных органов при Генеральной прокуратуре Республики Казахстан")


@dataclass(frozen=True)
class CertificateText:
    number: str  # "AP № 00012/2026"
    holder: str
    programme_kk: str
    programme_ru: str
    dates: str  # "12.01.2026 – 23.01.2026"
    hours: int
    issued: str
    verify_url: str


def render(texts: list[CertificateText]) -> bytes:
    """One page per certificate, in one document (a batch prints as one file, fonts embedded once)."""
    drawing.fonts()
    out = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(texts[0].number if len(texts) == 1 else f"{texts[0].number} …")
    for text in texts:
        _page(canvas, text, width, height)
    canvas.save()
    return out.getvalue()


def _page(canvas: Canvas, text: CertificateText, width: float, height: float) -> None:
    canvas.setLineWidth(3)
    canvas.rect(24, 24, width - 48, height - 48)
    y = drawing.centred(canvas, ACADEMY[0], height - 70, 11)
    y = drawing.centred(canvas, ACADEMY[1], y - 2, 11)
    y = drawing.centred(canvas, "СЕРТИФИКАТ", y - 30, 30, bold=True)
    y = drawing.centred(canvas, text.number, y - 4, 13)
    y = drawing.centred(canvas, text.holder, y - 26, 22, bold=True)
    y = drawing.centred(canvas, "біліктілікті арттыру курсынан өтті / прошёл(а) курс повышения квалификации", y - 10, 12)
    y = drawing.centred(canvas, f"«{text.programme_kk}»", y - 6, 14, bold=True)
    y = drawing.centred(canvas, f"«{text.programme_ru}»", y - 2, 14, bold=True)
    y = drawing.centred(canvas, f"{text.dates} · {text.hours} сағат / часов", y - 10, 12)
    drawing.centred(canvas, f"Берілген күні / Дата выдачи: {text.issued}", 120, 11)
    canvas.setFont("DejaVu", 9)
    canvas.drawString(60, 64, "Тексеру / Проверка:")
    canvas.drawString(60, 52, text.verify_url)
    drawing.qr(canvas, text.verify_url, width - 150, 44, 100)
    canvas.showPage()
