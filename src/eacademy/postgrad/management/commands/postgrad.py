"""`eacademy postgrad daily`: remind students and their supervisors of dissertation milestones
due within two weeks (run by cron or the scheduler; safe to run twice: once a week at most)."""

import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from eacademy.postgrad import services


class Command(BaseCommand):
    help = "Postgraduate study: `daily` reminds of dissertation milestones falling due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["daily"])
        parser.add_argument("--on", type=datetime.date.fromisoformat, help="the day to run for (YYYY-MM-DD); today by default")

    def handle(self, *args: object, action: str, on: datetime.date | None = None, **options: object) -> None:
        reminded = services.milestone_reminders_send(on=on or timezone.localdate())
        self.stdout.write(f"{reminded} milestones reminded of.")
