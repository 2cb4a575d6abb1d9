"""`eacademy distance daily`: remind listeners of assignments due within two days that they have
not handed in (run by cron or the scheduler; each assignment is reminded of once)."""

from django.core.management.base import BaseCommand, CommandParser

from eacademy.distance.services import assignments


class Command(BaseCommand):
    help = "Distance learning: `daily` reminds of assignments falling due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["daily"])

    def handle(self, *args: object, action: str, **options: object) -> None:
        self.stdout.write(f"{assignments.reminders_send()} listeners reminded of assignments due.")
