"""Settings come from the environment and refuse bad values with a clear message."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from eacademy.core.env import env_bool, env_choice, env_int, env_str, env_url

PRODUCTION = {
    "EACADEMY_MODE": "production",
    "SECRET_KEY": "x" * 20 + "-production-secret-key-for-tests-0123456789",
    "ALLOWED_HOSTS": "academy.example.kz",
    "DATABASE_URL": "postgres://eacademy@db.example.kz/eacademy",
    "REDIS_URL": "redis://cache.example.kz:6379/0",
}


def _eacademy(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and not k.startswith("DJANGO")}
    return subprocess.run([sys.executable, "-m", "eacademy", *args], env=clean | env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    ("reader", "raw", "message"),
    [
        (lambda: env_bool("T_FLAG", False), "maybe", "is not a boolean"),
        (lambda: env_int("T_NUMBER", 1), "ten", "is not a whole number"),
        (lambda: env_int("T_NUMBER", 1, minimum=1), "0", "below the minimum"),
        (lambda: env_int("T_NUMBER", 75, minimum=60, maximum=92), "93", "above the maximum 92"),
        (lambda: env_choice("T_CHOICE", "a", ("a", "b")), "c", "must be one of: a, b"),
        (lambda: env_url("T_URL", "", ("postgres",)), "mysql://x", "scheme postgres"),
    ],
)
def test_a_bad_value_is_refused_with_a_clear_message(monkeypatch, reader, raw: str, message: str) -> None:
    for name in ("T_FLAG", "T_NUMBER", "T_CHOICE", "T_URL"):
        monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        reader()


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path) -> None:
    (tmp_path / "key").write_text("from-the-file\n")
    monkeypatch.setenv("T_SECRET_FILE", str(tmp_path / "key"))
    monkeypatch.setenv("T_SECRET", "from-the-variable")
    assert env_str("T_SECRET") == "from-the-file"


def test_production_settings_pass_djangos_deployment_check() -> None:
    result = _eacademy("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "Set the environment variable SECRET_KEY"), ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS"), ("DATABASE_URL", "Production needs PostgreSQL"),
     ("REDIS_URL", "Production keeps sessions in a cache every app process shares")],
)
def test_production_refuses_to_start_without_its_settings(missing: str, message: str) -> None:
    result = _eacademy("check", env={k: v for k, v in PRODUCTION.items() if k != missing})
    assert result.returncode != 0
    assert message in result.stderr


def test_the_direct_head_is_asked_only_two_to_three_months_after_the_course() -> None:
    """Seed 002: the direct head's evaluation "after 2-3 months": 60 to 92 days (the bounds
    themselves are env_int's, tested above)."""
    result = _eacademy("check", env={"FOLLOW_UP_DAYS": "93"})
    assert result.returncode != 0 and "FOLLOW_UP_DAYS=93 is above the maximum 92" in result.stderr


def test_production_refuses_debug() -> None:
    result = _eacademy("check", env=PRODUCTION | {"DEBUG": "true"})
    assert "DEBUG must be off" in result.stderr
