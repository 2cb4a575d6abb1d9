from django.core.management.base import BaseCommand, CommandParser

from eacademy.evaluation.tasks import daily


class Command(BaseCommand):
    help = "The daily round: follow-up links due to direct heads, reminders, effectiveness rollups. Run once a day (deploy/systemd has a timer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="hand it to the task worker instead of running it here")

    def handle(self, *args: object, enqueue: bool = False, **options: object) -> None:
        if enqueue:
            daily.enqueue()
            return
        counts = daily.call()
        self.stdout.write(", ".join(f"{name}: {value}" for name, value in counts.items()))
