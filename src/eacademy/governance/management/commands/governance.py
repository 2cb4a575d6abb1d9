"""`eacademy governance daily`: remind executors of appeals whose deadline is near, and add next
year's public holidays to the calendar of working days once the year comes into view.
`eacademy governance holidays YEAR` adds a year's holidays by hand."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from eacademy.governance import services


class Command(BaseCommand):
    help = "Governance: `daily` reminds of appeals' deadlines and keeps the calendar a year ahead; `holidays YEAR` fills a year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["daily", "holidays"])
        parser.add_argument("year", nargs="?", type=int)

    def handle(self, *args: object, action: str, year: int | None = None, **options: object) -> None:
        if action == "holidays":
            years = [year or timezone.localdate().year]
        else:
            this = timezone.localdate().year
            years = [this, this + 1]
        added = sum(services.calendar_fill(actor=None, year=y) for y in years)
        reminded = services.appeals_remind() if action == "daily" else 0
        self.stdout.write(f"{added} calendar days added; {reminded} executors reminded of appeals' deadlines.")
