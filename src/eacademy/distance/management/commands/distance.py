"""`eacademy distance daily`: remind listeners of assignments due within two days that they have
not handed in (each assignment is reminded of once), and send the xAPI statements the learning
record store has not taken yet (the task worker retries them anyway; this is the safety net)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from eacademy.distance.services import assignments, xapi


class Command(BaseCommand):
    help = "Distance learning: `daily` reminds of assignments falling due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["daily"])

    def handle(self, *args: object, action: str, **options: object) -> None:
        self.stdout.write(f"{assignments.reminders_send()} listeners reminded of assignments due.")
        if settings.XAPI_LRS_URL:
            self.stdout.write(f"{xapi.send()} xAPI statements sent.")
