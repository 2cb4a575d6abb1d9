import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eacademy.demo.loader import SCALES, DatabaseNotEmpty, load_demo


class Command(BaseCommand):
    help = "Load the demo academy into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-empty", action="store_true", help="do nothing (and succeed) when data exists")

    def handle(self, *args: object, scale: str, seed: int, if_empty: bool, **options: object) -> None:
        started = time.perf_counter()
        try:
            counts = load_demo(scale_name=scale, seed=seed)
        except DatabaseNotEmpty as exc:
            if if_empty:
                self.stdout.write("The database already has data: the demo is not loaded.")
                return
            raise CommandError(str(exc)) from None
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{count} {what}" for what, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo academy ({scale}, seed {seed}) loaded in {elapsed:.1f} s: {summary}."))
        self.stdout.write("Its logins: `eacademy demo_logins`.")
