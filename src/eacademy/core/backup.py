"""Online backup and restore of the database: SQLite's backup API, or pg_dump/pg_restore."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _postgres_env_and_args(alias: str) -> tuple[dict[str, str], list[str]]:
    db = connections[alias].settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", str(db["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client (Debian: postgresql-client).")
    return path


def backup(target: Path, alias: str = "default") -> None:
    connection = connections[alias]
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as destination:
            connection.connection.backup(destination)  # consistent while the site keeps writing
        return
    if connection.vendor == "postgresql":
        env, args = _postgres_env_and_args(alias)
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tool, settings' values
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def restore(source: Path, alias: str = "default") -> None:
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    connection = connections[alias]
    if connection.vendor == "sqlite":
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_db:
                backup_db.execute("PRAGMA schema_version")
                connection.ensure_connection()
                backup_db.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source} is not an SQLite backup: {exc}") from exc
        return
    if connection.vendor == "postgresql":
        env, args = _postgres_env_and_args(alias)
        connection.close()
        command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(source)]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tool, settings' values
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        return
    raise BackupError(f"Restores of {connection.vendor} databases are not supported.")
