"""`eacademy backup` and `eacademy restore` round-trip a real database (SQLite file, or a
scratch PostgreSQL database on the test server)."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from django.db import connection


@pytest.fixture
def scratch_database(tmp_path) -> Iterator[str]:
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"eacademy_scratch_{uuid.uuid4().hex[:8]}"
    params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"], "dbname": "postgres"}
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        yield f"postgres://{db['USER']}{password}@{db['HOST']}:{params['port']}/{name}"
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _eacademy(url: str, tmp_path, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "EACADEMY_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "eacademy.settings"}
    result = subprocess.run([sys.executable, "-m", "eacademy", *args], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _snapshot(url: str, tmp_path) -> str:
    code = (
        "from eacademy.people.models import Person; from eacademy.org.models import AgencyUnit;"
        "print(Person.objects.count(), AgencyUnit.objects.count(), Person.history.count(),"
        " list(Person.objects.order_by('pk').values_list('iin', 'last_name', 'birth_date')[:20]))"
    )
    return _eacademy(url, tmp_path, "shell", "-c", code)


def test_a_restored_backup_equals_the_database_it_was_taken_from(scratch_database: str, tmp_path) -> None:
    _eacademy(scratch_database, tmp_path, "migrate", "-v0")
    _eacademy(scratch_database, tmp_path, "demo", "--scale", "small", "--seed", "3")
    before = _snapshot(scratch_database, tmp_path)
    backup = tmp_path / "academy.backup"
    _eacademy(scratch_database, tmp_path, "backup", str(backup))
    _eacademy(scratch_database, tmp_path, "shell", "-c", "from eacademy.people.models import Person; Person.objects.filter(pk__lte=100).update(last_name='Изменён')")
    assert _snapshot(scratch_database, tmp_path) != before
    _eacademy(scratch_database, tmp_path, "restore", "--yes", str(backup))
    assert _snapshot(scratch_database, tmp_path) == before


def test_restoring_a_file_that_is_not_a_backup_fails_clearly(tmp_path) -> None:
    garbage = tmp_path / "garbage.backup"
    garbage.write_text("not a database")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "EACADEMY_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "eacademy.settings"}
    result = subprocess.run([sys.executable, "-m", "eacademy", "restore", "--yes", str(garbage)], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "is not an SQLite backup" in result.stderr
