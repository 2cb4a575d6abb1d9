from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eacademy.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by `eacademy backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: object, path: str, yes: bool, **options: object) -> None:
        if not yes and input("Every current record will be replaced by the backup. Type 'yes' to go on: ") != "yes":
            raise CommandError("Restore cancelled.")
        try:
            restore(Path(path))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Database restored from {path}"))
