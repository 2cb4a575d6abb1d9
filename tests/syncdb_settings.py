"""The project's settings with every app's tables made from its models instead of migrated, for
tests that need a fresh database in a subprocess (migrating one on SQLite takes a minute and a
half, mostly Django re-rendering model states; the migrations themselves run in CI's smoke
test, on PostgreSQL). `REFERENCE` then loads the reference data the migrations seed. Static
files are collected with their manifest but not compressed (whitenoise's gzip and brotli of the
fonts and scripts take half a minute; production's collectstatic, and CI's smoke test, do it)."""

from eacademy.settings import *


class _NoMigrations(dict):
    def __contains__(self, app_label: object) -> bool:
        return True

    def __getitem__(self, app_label: str) -> None:
        return None


MIGRATION_MODULES = _NoMigrations()
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}

# Run with `eacademy shell -c` after `migrate --run-syncdb` under these settings.
REFERENCE = ("from eacademy.core.grade_scales import load_grade_scales; load_grade_scales(); "
             "from eacademy.billing.services import load_vat_rates; load_vat_rates()")
