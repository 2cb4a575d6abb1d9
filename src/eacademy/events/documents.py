"""An event's papers: badges (eight to an A4 sheet, drawn with reportlab: a thousand print as one
file in seconds) and certificates of participation, each with its QR code, and the visa support
letter (one page from an HTML template, for the organiser's signature)."""

import io

from django.conf import settings
from django.utils import timezone
from django_countries import countries
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from eacademy.core import drawing
from eacademy.core.documents import pdf_bytes
from eacademy.events.models import BADGE_FIELDS, BadgeTemplate, Event, Registration

BADGE_COLUMNS, BADGE_ROWS = 2, 4
DEFAULT_BADGE_FIELDS = ("nationality", "organisation", "position")
ACADEMY_EN = "Academy of Law Enforcement Agencies under the Prosecutor General's Office of the Republic of Kazakhstan"


def check_in_url(registration: Registration) -> str:
    return f"{settings.SITE_URL}/events/check-in/{registration.badge_code}/"


def verify_url(registration: Registration) -> str:
    return f"{settings.SITE_URL}/events/verify/{registration.certificate_code}/"


def _badge_value(registration: Registration, field: str) -> str:
    if field == "nationality":
        return str(countries.name(registration.nationality))
    if field == "language":
        return str(registration.get_language_display())
    return str(getattr(registration, field) or "")


def _badge_lines(registration: Registration, template: BadgeTemplate | None) -> list[str]:
    fields = template.shows if template else DEFAULT_BADGE_FIELDS
    return [value for field in fields if field in BADGE_FIELDS and (value := _badge_value(registration, field))]


def badges_pdf(event: Event, registrations: list[Registration], template: BadgeTemplate | None = None) -> bytes:
    """Eight badges to an A4 page: the event, the name as in the passport, the template's fields and the QR code that checks the holder in."""
    drawing.fonts()
    out = io.BytesIO()
    width, height = A4
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(event.name_en or event.name_ru)
    cell_w, cell_h = width / BADGE_COLUMNS, height / BADGE_ROWS
    title = event.name_en or event.name_ru
    for index, registration in enumerate(registrations):
        slot = index % (BADGE_COLUMNS * BADGE_ROWS)
        if index and slot == 0:
            canvas.showPage()
        x, y = (slot % BADGE_COLUMNS) * cell_w, height - (slot // BADGE_COLUMNS + 1) * cell_h
        canvas.setLineWidth(0.5)
        canvas.rect(x + 8, y + 8, cell_w - 16, cell_h - 16)
        centre = x + cell_w / 2
        line = drawing.centred(canvas, template.heading if template and template.heading else "E-Academy", y + cell_h - 30, 8, centre=centre, width=cell_w - 40)
        line = drawing.centred(canvas, title, line - 2, 9, bold=True, centre=centre, width=cell_w - 40)
        line = drawing.centred(canvas, registration.last_name, line - 8, 15, bold=True, centre=centre, width=cell_w - 40)
        line = drawing.centred(canvas, registration.first_name, line, 12, centre=centre, width=cell_w - 40)
        for text in _badge_lines(registration, template):
            line = drawing.centred(canvas, text, line - 2, 8, centre=centre, width=cell_w - 40)
        drawing.qr(canvas, check_in_url(registration), centre - 36, y + 16, 72)
    canvas.save()
    return out.getvalue()


def certificate_pdf(registration: Registration) -> bytes:
    """The certificate of participation in English, Russian and Kazakh."""
    drawing.fonts()
    out = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1)
    event = registration.event
    canvas.setTitle(f"Certificate {registration.certificate_code}")
    canvas.setLineWidth(3)
    canvas.rect(24, 24, width - 48, height - 48)
    y = drawing.centred(canvas, ACADEMY_EN, height - 70, 11)
    y = drawing.centred(canvas, "CERTIFICATE OF PARTICIPATION · СЕРТИФИКАТ УЧАСТНИКА · ҚАТЫСУШЫ СЕРТИФИКАТЫ", y - 24, 18, bold=True)
    y = drawing.centred(canvas, f"{registration.last_name} {registration.first_name}", y - 20, 22, bold=True)
    y = drawing.centred(canvas, "took part in · принял(а) участие в · қатысты", y - 8, 12)
    for title in dict.fromkeys(t for t in (event.name_en, event.name_ru, event.name_kk) if t):
        y = drawing.centred(canvas, f"«{title}»", y - 4, 14, bold=True)
    y = drawing.centred(canvas, f"{event.place or event.online_link} · {event.starts_on:%d.%m.%Y} – {event.ends_on:%d.%m.%Y}", y - 8, 12)
    issued = timezone.localtime(registration.certificate_issued_at).strftime("%d.%m.%Y") if registration.certificate_issued_at else ""
    drawing.centred(canvas, f"Issued · Выдан · Берілді: {issued}", 120, 11)
    canvas.setFont("DejaVu", 9)
    canvas.drawString(60, 64, "Verify · Проверка · Тексеру:")
    canvas.drawString(60, 52, verify_url(registration))
    drawing.qr(canvas, verify_url(registration), width - 150, 44, 100)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def visa_letter_pdf(registration: Registration, signer: str) -> bytes:
    return pdf_bytes("events/visa_letter.pdf.html", {
        "registration": registration, "event": registration.event, "country": countries.name(registration.nationality),
        "academy": ACADEMY_EN, "signer": signer, "today": timezone.localdate(),
    })
