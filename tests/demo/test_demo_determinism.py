"""The same seed gives the same academy: a fresh load compared with the test database's own
(seed 1), and another seed gives another. The fresh loads are SQLite whatever the suite's
database, so the PostgreSQL run skips it (it would repeat the same SQLite work)."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eacademy.people.models import Person
from eacademy.planning.models import Offering
from tests.syncdb_settings import REFERENCE

DIGEST = (
    "import hashlib;"
    "from eacademy.people.models import Person; from eacademy.planning.models import Offering;"
    "rows = list(Person.objects.order_by('pk').values_list('iin', 'last_name', 'first_name', 'agency__code'))"
    " + list(Offering.objects.order_by('pk').values_list('version__programme__code', 'starts_on', 'capacity', 'status'));"
    "print(len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())"
)


def _eacademy(var: Path, *args: str, settings: str = "eacademy.settings") -> str:
    env = {**os.environ, "EACADEMY_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": settings}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "eacademy", *args], env=env, capture_output=True, text=True, timeout=300, check=True).stdout


def _load_and_digest(tmp_path: Path, name: str, seed: int) -> str:
    """A demo load into a copy of one empty database (making it takes as long as a load)."""
    var = tmp_path / name
    var.mkdir()
    with sqlite3.connect(tmp_path / "empty" / "eacademy.sqlite3") as source, sqlite3.connect(var / "eacademy.sqlite3") as copy:
        source.backup(copy)
    _eacademy(var, "demo", "--scale", "small", "--seed", str(seed))
    return _eacademy(var, "shell", "--no-imports", "-c", DIGEST)


def _this_database_s_digest() -> str:
    """DIGEST, computed on the test database: the conftest loaded it with seed 1, small."""
    rows = list(Person.objects.order_by("pk").values_list("iin", "last_name", "first_name", "agency__code")) + list(
        Offering.objects.order_by("pk").values_list("version__programme__code", "starts_on", "capacity", "status"))
    return f"{len(rows)} {hashlib.sha256(repr(rows).encode()).hexdigest()}\n"


@pytest.mark.django_db
@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the fresh loads are SQLite: run once, by the SQLite suite")
def test_the_same_seed_gives_the_same_academy_and_another_seed_another(tmp_path) -> None:
    empty = tmp_path / "empty"  # the tables made from the models, with the reference data the migrations seed
    _eacademy(empty, "migrate", "--run-syncdb", "-v0", settings="tests.syncdb_settings")
    _eacademy(empty, "shell", "--no-imports", "-c", REFERENCE, settings="tests.syncdb_settings")
    first = _load_and_digest(tmp_path, "a", 1)
    again = _this_database_s_digest()
    other = _load_and_digest(tmp_path, "c", 2)
    assert first == again
    assert first != other
