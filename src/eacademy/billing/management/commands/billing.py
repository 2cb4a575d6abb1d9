"""`eacademy billing daily`: acts of completed work for contracts whose courses have ended, and
reminders of invoices past their due date (run by cron or the scheduler; safe to run twice)."""

import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from eacademy.billing import services


class Command(BaseCommand):
    help = "Paid services: `daily` draws the acts of ended courses and reminds customers of overdue invoices."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["daily"])
        parser.add_argument("--on", type=datetime.date.fromisoformat, help="the day to run for (YYYY-MM-DD), to make up a missed run; today by default")

    def handle(self, *args: object, action: str, on: datetime.date | None = None, **options: object) -> None:
        today = on or timezone.localdate()
        acts = services.acts_for_ended_courses(today)
        reminded = services.debt_reminders_send(today)
        self.stdout.write(f"{len(acts)} acts of completed work drawn; {reminded} customers reminded of overdue invoices.")
