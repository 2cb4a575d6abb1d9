"""What a new user meets first: the sections named in the README lead each role to his work
there, and a refusal is a line in the log, not a traceback."""

import io
import logging
import re
import sys

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from eacademy.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "enrollment", "evaluation"), [
    (Role.METHODOLOGIST, "/enrollment/applications/", "/evaluation/surveys/manage/"),
    (Role.AGENCY_COORDINATOR, "/enrollment/applications/", "/evaluation/follow-ups/"),
    (Role.LISTENER, "/enrollment/my/", "/evaluation/surveys/"),
])
def test_the_sections_named_in_the_readme_lead_each_role_to_his_work(client_as, role, enrollment, evaluation):
    client = client_as(role)
    assert client.get("/enrollment/")["Location"] == enrollment and client.get(enrollment).status_code == 200
    assert client.get("/evaluation/")["Location"] == evaluation and client.get(evaluation).status_code == 200


def _record(status: int) -> logging.LogRecord:
    try:
        raise PermissionDenied if status == 403 else RuntimeError("a fault")
    except (PermissionDenied, RuntimeError):
        exc_info = sys.exc_info()
    return logging.makeLogRecord({"name": "django.request", "levelno": logging.WARNING, "levelname": "WARNING", "msg": "Forbidden: %s",
                                  "args": ("/staff/hub/",), "exc_info": exc_info, "status_code": status})


def test_a_refusal_is_logged_in_one_line_without_a_traceback(client_as, caplog):
    console = next(h for h in logging.getLogger().handlers if any(type(f).__name__ == "RefusalsWithoutTraceback" for f in h.filters))
    refusal, fault = _record(403), _record(500)
    assert console.filter(refusal) and console.filter(fault)
    assert "Forbidden: /staff/hub/" in console.format(refusal) and "Traceback" not in console.format(refusal)
    assert "RuntimeError: a fault" in console.format(fault)  # a fault keeps its traceback
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_as(Role.LISTENER).get("/staff/hub/").status_code == 403
    (logged,) = [r for r in caplog.records if r.name == "django.request" and getattr(r, "status_code", None) == 403]
    assert logged.exc_info is None  # the console's filter took the traceback off the request's record


def test_the_demo_logins_are_listed_once_in_the_console_s_language():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    listing = out.getvalue()
    assert "listener       Listener" in listing and not re.search("[А-Яа-яӘәҚқҢңӨөҰұҮүІі]", listing)


def test_a_second_start_skips_what_has_not_changed(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    first, second = io.StringIO(), io.StringIO()
    call_command("start", stdout=first)
    assert "static files: collected" in first.getvalue() and (tmp_path / "eacademy" / "eacademy.css").exists()
    call_command("start", stdout=second)
    steps = second.getvalue()
    assert "database: up to date" in steps and "demo academy: kept" in steps and "static files: up to date" in steps
    assert re.search(r"static files: up to date +\d+\.\d s", steps) and "listener       Listener" in steps
