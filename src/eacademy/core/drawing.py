"""Pages drawn directly with reportlab, for documents printed by the hundred (certificates,
badges), where a page-layout engine would take minutes: the bundled DejaVu fonts (every
Kazakh letter), text centred and wrapped, QR codes as one path."""

from functools import cache
from pathlib import Path

import segno
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

_FONTS = Path(__file__).resolve().parent.parent / "static" / "eacademy" / "fonts"


@cache
def fonts() -> None:
    rl_config.useA85 = 0  # binary streams: ASCII85 would only make them bigger and slower
    pdfmetrics.registerFont(TTFont("DejaVu", str(_FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_FONTS / "DejaVuSans-Bold.ttf")))


def centred(canvas: Canvas, text: str, y: float, size: float, bold: bool = False, width: float = 0, centre: float = 0) -> float:
    """Draw `text` centred on `centre` (the middle of a landscape A4 page by default) at height y,
    wrapped to `width`; returns the next line's height."""
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
        canvas.drawCentredString(centre or page_width / 2, y, text_line)
        y -= size * 1.35
    return y


def qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
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
