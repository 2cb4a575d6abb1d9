import datetime
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eacademy.timetable import planner


class Command(BaseCommand):
    help = "Timetable the teachings of a window of days (or re-plan it, moving as few lessons as possible); prints the outcome as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("starts_on", type=datetime.date.fromisoformat)
        parser.add_argument("ends_on", type=datetime.date.fromisoformat)
        parser.add_argument("--seconds", type=float, default=120.0)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--repair", action="store_true")

    def handle(self, *args: object, starts_on: datetime.date, ends_on: datetime.date, seconds: float, workers: int, repair: bool, **options: object) -> None:
        if ends_on < starts_on:
            raise CommandError("The window ends before it starts.")
        outcome = planner.plan(starts_on, ends_on, repair=repair, seconds=seconds, workers=workers)
        self.stdout.write(json.dumps({"status": outcome.status, "placed": outcome.placed, "moved": outcome.moved, "penalty": outcome.penalty,
                                      "seconds": round(outcome.seconds, 1), "conflicts": outcome.conflicts}, ensure_ascii=False))
