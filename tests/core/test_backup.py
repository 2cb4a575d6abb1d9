"""`eacademy backup` and `eacademy restore` round-trip a real database (SQLite file, or a
scratch PostgreSQL database on the test server)."""

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from django.db import connection


@pytest.fixture
def scratch_database(tmp_path, db) -> Iterator[str]:
    """A database with the demo in it, a copy of this test's (loading one anew takes a minute or
    two): on SQLite its file image; on PostgreSQL a scratch database filled by pg_dump and
    pg_restore straight from the test database (its demo was committed when the session began)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "scratch.sqlite3"
        connection.ensure_connection()
        path.write_bytes(connection.connection.serialize())  # the database's file image, read through the test's own transaction
        yield f"sqlite:///{path}"
        return
    import psycopg

    server = connection.settings_dict
    name = f"eacademy_scratch_{uuid.uuid4().hex[:8]}"
    params = {"host": server["HOST"], "port": server["PORT"] or 5432, "user": server["USER"], "password": server["PASSWORD"], "dbname": "postgres"}
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{server['PASSWORD']}" if server["PASSWORD"] else ""
        url = f"postgres://{server['USER']}{password}@{server['HOST']}:{params['port']}/{name}"
        source = [f"--host={server['HOST']}", f"--port={params['port']}", f"--username={server['USER']}"]
        dump = subprocess.run([shutil.which("pg_dump") or "pg_dump", "--format=custom", "--no-owner", *source, server["NAME"]],
                              capture_output=True, check=True, timeout=300, env={**os.environ, "PGPASSWORD": server["PASSWORD"] or ""})
        subprocess.run([shutil.which("pg_restore") or "pg_restore", "--no-owner", *source, f"--dbname={name}"], input=dump.stdout,
                       capture_output=True, check=True, timeout=300, env={**os.environ, "PGPASSWORD": server["PASSWORD"] or ""})
        yield url
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
    return _eacademy(url, tmp_path, "shell", "--no-imports", "-c", code)


def test_a_restored_backup_equals_the_database_it_was_taken_from(scratch_database: str, tmp_path) -> None:
    before = _snapshot(scratch_database, tmp_path)
    backup = tmp_path / "academy.backup"
    _eacademy(scratch_database, tmp_path, "backup", str(backup))
    _eacademy(scratch_database, tmp_path, "shell", "--no-imports", "-c", "from eacademy.people.models import Person; Person.objects.filter(pk__lte=100).update(last_name='Изменён')")
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
