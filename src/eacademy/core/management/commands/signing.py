"""`eacademy signing import FILE.p12 --user LOGIN` (or `--seal`): a signer's key from a PKCS#12
file; `eacademy signing trust FILE.pem`: accept the signatures of a certificate authority (its
root certificate) on the verification page. The file's password is read from the terminal or
from `--password-file`, never from the command line."""

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eacademy.core.errors import DomainError
from eacademy.core.models import TrustedAuthority, User
from eacademy.core.signing import import_pkcs12


class Command(BaseCommand):
    help = "Signing keys: `import FILE.p12 --user LOGIN | --seal`; `trust FILE.pem --name NAME`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "trust"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="the signer's login")
        parser.add_argument("--seal", action="store_true", help="the Academy's seal, for documents issued in numbers")
        parser.add_argument("--password-file", type=Path)
        parser.add_argument("--name", default="", help="the authority's name, as the verification page lists it")

    def handle(self, *args: object, action: str, file: Path, user: str | None, seal: bool, password_file: Path | None, name: str,
               **options: object) -> None:
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        if action == "trust":
            if b"-----BEGIN CERTIFICATE-----" not in data:
                raise CommandError("The file is not a PEM certificate.")
            TrustedAuthority.objects.create(name=name or file.stem, certificate=data.decode())
            self.stdout.write("The authority is trusted.")
            return
        if seal == bool(user):
            raise CommandError("Name the signer with --user LOGIN, or give --seal.")
        signer = None
        if user:
            signer = User.objects.filter(username=user, is_active=True).first()
            if signer is None:
                raise CommandError(f"No active user {user!r}.")
        password = Path(password_file).read_bytes().strip() if password_file else getpass.getpass("PKCS#12 password: ").encode()
        try:
            import_pkcs12(signer, data, password or None)
        except DomainError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write("The signing key is stored.")
