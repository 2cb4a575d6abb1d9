"""`eacademy questions import FILE --bank NAME [--format …]` and
`eacademy questions export --bank NAME --format … FILE`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.uploads import read_upload
from eacademy.exams import bank as bank_services
from eacademy.exams.formats.files import FORMATS, guess
from eacademy.exams.models import Bank


class Command(BaseCommand):
    help = "Import questions into a bank from Moodle XML, GIFT or the Excel template, or export a bank."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        into = sub.add_parser("import", help="import a file into a bank (created when missing)")
        into.add_argument("file")
        into.add_argument("--bank", required=True)
        into.add_argument("--format", choices=FORMATS)
        out = sub.add_parser("export", help="write a bank to a file")
        out.add_argument("file")
        out.add_argument("--bank", required=True)
        out.add_argument("--format", choices=FORMATS, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        with translation.override("en"):  # the console's language, frames and reasons alike
            if options["action"] == "import":
                self._import(path, options["bank"], options["format"] or guess(path.name))
            else:
                self._export(path, options["bank"], options["format"])

    def _import(self, path: Path, name: str, file_format: str) -> None:
        # The file is checked and read whole before the database is touched.
        try:
            with path.open("rb") as file:
                result = bank_services.questions_read(read_upload(file, bank_services.upload_kind(file_format)), file_format)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        except DomainError as exc:
            raise CommandError(f"{path}: {'; '.join(exc.messages)} — nothing was imported.") from None
        # The command line acts as the administrator: history names him.
        actor = User.objects.filter(Q(groups__name=Role.ADMINISTRATOR) | Q(is_superuser=True), is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError("No active administrator, and the history must name who imported: create one with "
                               "`eacademy createsuperuser` (deploy/README.md), then run this again.")
        try:
            with transaction.atomic():  # a refused file leaves no new bank behind either
                bank, _created = Bank.objects.get_or_create(name=name)
                report = bank_services.questions_import(bank, result, actor)
        except DomainError as exc:
            raise CommandError(f"{path}: {'; '.join(exc.messages)} — nothing was imported.") from None
        self.stdout.write(f"{path}: {report.imported} questions imported into “{bank.name}”, {report.categories_created} categories created.")
        for item in report.unsupported:
            self.stdout.write(f"  not imported — {item.position}, “{item.name}”: {item.reason}")

    def _export(self, path: Path, name: str, file_format: str) -> None:
        bank = Bank.objects.filter(name=name).first()
        if bank is None:
            raise CommandError(f"No bank named “{name}”.")
        data, lost = bank_services.bank_export(bank, file_format)
        path.write_bytes(data)
        self.stdout.write(f"{path}: {len(bank_services.bank_questions(bank))} questions written as {file_format}.")
        for item in lost:
            self.stdout.write(f"  not carried — “{item.name}”: {item.reason}")
