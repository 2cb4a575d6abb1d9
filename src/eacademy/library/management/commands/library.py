"""`eacademy library daily`: remind readers of overdue loans (once a week each) and pass a
reserved copy nobody collected in time to the next reader waiting."""

from django.core.management.base import BaseCommand, CommandParser

from eacademy.library.services import circulation


class Command(BaseCommand):
    help = "Library: `daily` reminds of overdue loans and releases uncollected reservations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["daily"])

    def handle(self, *args: object, action: str, **options: object) -> None:
        reminded, released = circulation.daily()
        self.stdout.write(f"{reminded} readers reminded of overdue loans; {released} reservations not collected released.")
