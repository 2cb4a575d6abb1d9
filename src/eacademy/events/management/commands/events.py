"""`eacademy events erase`: the daily erasure of participants' personal data whose retention
period is over (run by cron or the scheduler; safe to run twice)."""

from django.core.management.base import BaseCommand, CommandParser

from eacademy.events import services


class Command(BaseCommand):
    help = "International events: `erase` empties personal fields past their retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["erase"])

    def handle(self, *args: object, action: str, **options: object) -> None:
        erased = services.erase_expired()
        self.stdout.write(f"{erased} personal fields erased after their retention period.")
