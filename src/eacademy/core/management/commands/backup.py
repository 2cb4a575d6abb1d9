from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from eacademy.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to a file (SQLite online backup, or pg_dump's custom format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="file to write; default var/backups/eacademy-<time>.backup")

    def handle(self, *args: object, path: str | None, **options: object) -> None:
        from django.conf import settings

        target = Path(path) if path else settings.VAR_DIR / "backups" / f"eacademy-{timezone.now():%Y%m%d-%H%M%S}.backup"
        try:
            backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
