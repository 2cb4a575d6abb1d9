"""The certificate of completion as a one-page PDF, drawn with reportlab: a batch of a whole
course is hundreds of identical layouts, which a page-layout engine would take minutes for.
Texts are in Kazakh and Russian (DejaVu carries every Kazakh letter); the QR code opens the
public verification page."""

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

_FONTS = Path(__file__).resolve().parent.parent / "static" / "eacademy" / "fonts"
ACADEMY = ("Қазақстан Республикасы Бас прокуратурасының жанындағы Құқық қорғау органдары академиясы",
           "Академия правоохранительных органов при Генеральной прокуратуре Республики Казахстан")


@cache
def _fonts() -> None:
    rl_config.useA85 = 0  # binary streams: ASCII85 would only make them bigger and slower
    pdfmetrics.registerFont(TTFont("DejaVu", str(_FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_FONTS / "DejaVuSans-Bold.ttf")))


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


def _centred(canvas: Canvas, text: str, y: float, size: float, bold: bool = False, width: float = 0) -> float:
    """Draw `text` centred at height y, wrapped to the page; returns the next line's height."""
    font = "DejaVu-Bold" if bold else "DejaVu"
    page_width = landscape(A4)[0]
    limit = width or page_width - 160
    words, line, lines = text.split(), "", []
    for word in words:
        candidate = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) > limit and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    canvas.setFont(font, size)
    for text_line in lines:
        canvas.drawCentredString(page_width / 2, y, text_line)
        y -= size * 1.35
    return y


def _qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code as one path of horizontal runs (a rectangle per module would be ~900)."""
    matrix = segno.make(url, error="m", mask=0).matrix  # a fixed mask: scoring all eight costs more than the page
    cell = size / len(matrix)
    path = canvas.beginPath()
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            if cells[column]:
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                path.rect(x + start * cell, y + size - (row + 1) * cell, (column - start) * cell, cell)
            else:
                column += 1
    canvas.setFillGray(0)
    canvas.drawPath(path, stroke=0, fill=1)


def render(texts: list[CertificateText]) -> bytes:
    """One page per certificate, in one document (a batch prints as one file, fonts embedded once)."""
    _fonts()
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
    y = _centred(canvas, ACADEMY[0], height - 70, 11)
    y = _centred(canvas, ACADEMY[1], y - 2, 11)
    y = _centred(canvas, "СЕРТИФИКАТ", y - 30, 30, bold=True)
    y = _centred(canvas, text.number, y - 4, 13)
    y = _centred(canvas, text.holder, y - 26, 22, bold=True)
    y = _centred(canvas, "біліктілікті арттыру курсынан өтті / прошёл(а) курс повышения квалификации", y - 10, 12)
    y = _centred(canvas, f"«{text.programme_kk}»", y - 6, 14, bold=True)
    y = _centred(canvas, f"«{text.programme_ru}»", y - 2, 14, bold=True)
    y = _centred(canvas, f"{text.dates} · {text.hours} сағат / часов", y - 10, 12)
    _centred(canvas, f"Берілген күні / Дата выдачи: {text.issued}", 120, 11)
    canvas.setFont("DejaVu", 9)
    canvas.drawString(60, 64, "Тексеру / Проверка:")
    canvas.drawString(60, 52, text.verify_url)
    _qr(canvas, text.verify_url, width - 150, 44, 100)
    canvas.showPage()
