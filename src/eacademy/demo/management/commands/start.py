"""`make run`'s preparation in one process: each step prints its time, and the slow ones run
only when something changed (migrate renders every model of every migration, ~30 s, even with
nothing to apply; collectstatic compresses every file, ~60 s)."""

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from eacademy.core.roles_sync import sync_role_groups
from eacademy.demo.loader import DatabaseNotEmpty, load_demo


def _unapplied_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _static_fingerprint() -> str:
    """The names, sizes and times of every static source file: a change to any of them (or to
    an installed package's) changes it."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Prepare the embedded installation for `make run`: database, demo data, static files."

    def _step(self, what: str, action: Callable[[], str]) -> None:
        started = time.perf_counter()
        outcome = action()
        self.stdout.write(f"  {what + ': ' + outcome:<60} {time.perf_counter() - started:5.1f} s")

    def handle(self, *args: object, **options: object) -> None:
        self._step("database", self._migrate)
        self._step("demo academy", self._demo)
        self._step("static files", self._static)
        call_command("demo_logins", stdout=self.stdout)

    def _migrate(self) -> str:
        pending = _unapplied_migrations()
        if not pending:
            sync_role_groups()  # what migrate's post_migrate would have done
            return "up to date"
        call_command("migrate", interactive=False, verbosity=0)
        return f"{pending} migrations applied"

    def _demo(self) -> str:
        try:
            load_demo(scale_name="small", seed=1)
        except DatabaseNotEmpty:
            return "kept (the database has data)"
        return "loaded (small, seed 1)"

    def _static(self) -> str:
        stamp = Path(settings.STATIC_ROOT) / ".sources"
        fingerprint = _static_fingerprint()
        if stamp.exists() and stamp.read_text() == fingerprint:
            return "up to date"
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint)
        return "collected"
