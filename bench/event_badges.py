"""Must show 5 of issue 19: 1,000 badges of one event as one PDF (drawn with reportlab, each
with its check-in QR code), timed against rendering the same 1,000 badges as HTML (a Django
template with the same QR codes as inline SVG) in the same process."""

import secrets
import time
from pathlib import Path

from bench.common import in_process_demo, report

BENCH = "event_badges"
COUNT = 1000


def main() -> None:
    with in_process_demo():
        from django.template import engines
        from django.utils import timezone

        from eacademy.events import documents
        from eacademy.events.models import Event, Registration

        event = Event.objects.get(cis_council="prosecutors", status=Event.Status.OPEN)
        Registration.objects.bulk_create([
            Registration(event=event, last_name=f"PARTICIPANT{i:04d}", first_name="BENCH", nationality=("KG", "UZ", "TJ", "AF")[i % 4],
                         organisation="Prosecutor General's Office", passport_number=f"P{i:07d}", status=Registration.Status.APPROVED,
                         registered_at=timezone.now(), badge_code=secrets.token_urlsafe(16)) for i in range(COUNT)])
        registrations = list(Registration.objects.filter(event=event, first_name="BENCH"))
        template = engines["django"].from_string((Path(__file__).parent / "templates" / "event_badges.html").read_text())
        started = time.perf_counter()
        html = template.render({"event": event, "registrations": registrations})
        html_seconds = time.perf_counter() - started
        started = time.perf_counter()
        pdf = documents.badges_pdf(event, registrations)
        pdf_seconds = time.perf_counter() - started
    assert html.count('class="badge"') == COUNT and pdf.startswith(b"%PDF")
    ratio = pdf_seconds / html_seconds
    report(BENCH, "badges", COUNT, "badges", f"== {COUNT}", True)
    report(BENCH, "pdf_seconds", pdf_seconds, "s", "informational", True)
    report(BENCH, "ratio_to_html_rendering", ratio, "ratio", "<= 10", ratio <= 10)
    report(BENCH, "pdf_kilobytes_per_badge", len(pdf) / 1024 / COUNT, "KiB", "informational", True)
