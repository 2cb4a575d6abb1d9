import datetime
import logging
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.utils import formats, timezone, translation

import eacademy
from eacademy.core.log_filters import DropRequest

LOCALE = Path(eacademy.__file__).parent / "locale"


@pytest.mark.django_db
def test_health_reports_database_and_task_queue() -> None:
    response = Client().get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "tasks": "ok"}


@pytest.mark.django_db
def test_health_fails_loudly_when_the_database_is_gone(monkeypatch) -> None:
    monkeypatch.setattr("eacademy.core.health.check_database", lambda: False)
    response = Client().get("/health")
    assert response.status_code == 503 and response.json()["database"] == "failing"


@pytest.mark.parametrize(("catalog_dir", "language"), [("locale", "kk"), ("locale", "ru"), ("locale_frameworks", "kk")])
def test_every_catalog_is_complete(catalog_dir: str, language: str) -> None:
    import polib

    catalog = polib.pofile(str(LOCALE.parent / catalog_dir / language / "LC_MESSAGES" / "django.po"))
    assert catalog.untranslated_entries() == [] and catalog.fuzzy_entries() == []  # msgmerge's guesses are not translations
    assert len(catalog) > 50


def test_english_is_the_source_text_itself():
    """The messages are written in English: an English page needs no catalog, and Django does
    not fall back to the default language (Russian) for English."""
    assert not (LOCALE / "en").exists()
    with translation.override("en"):
        assert translation.gettext("Sign out") == "Sign out"
        assert translation.ngettext("%(minutes)s minute", "%(minutes)s minutes", 3) == "%(minutes)s minutes"
    with translation.override("ru"):
        assert translation.gettext("Sign out") != "Sign out"


def test_dates_and_numbers_follow_the_language_and_almaty_time() -> None:
    moment = datetime.datetime(2026, 3, 22, 4, 30, tzinfo=datetime.UTC)
    local = timezone.localtime(moment)
    assert local.hour == 9  # Asia/Almaty: UTC+5 since March 2024
    with translation.override("kk"):
        assert formats.date_format(local, "SHORT_DATE_FORMAT") == "22.03.2026"
        assert formats.number_format(12345.5, 1, use_l10n=True, force_grouping=True) == "12\xa0345,5"
    with translation.override("ru"):
        assert formats.date_format(local, "SHORT_DATE_FORMAT") == "22.03.2026"
    with translation.override("en"):
        assert formats.date_format(local, "SHORT_DATE_FORMAT") == "03/22/2026"


def test_logged_errors_carry_no_query_string() -> None:
    request = RequestFactory().get("/people/", {"q": "850115300012"})
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", (request.path,), None)
    record.request = request
    assert DropRequest().filter(record)
    assert "850115300012" not in str(record.__dict__)
