"""The project's settings with every app's tables made from its models instead of migrated, for
tests that need a fresh database in a subprocess (migrating one takes half a minute; the
migrations themselves run in the browser tests' and CI's smoke test's `migrate`)."""

from eacademy.settings import *


class _NoMigrations(dict):
    def __contains__(self, app_label: object) -> bool:
        return True

    def __getitem__(self, app_label: str) -> None:
        return None


MIGRATION_MODULES = _NoMigrations()
