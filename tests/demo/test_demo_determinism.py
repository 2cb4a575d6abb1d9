"""The same seed gives the same academy: two loads into fresh databases, compared."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

DIGEST = (
    "import hashlib;"
    "from eacademy.people.models import Person; from eacademy.planning.models import Offering;"
    "rows = list(Person.objects.order_by('pk').values_list('iin', 'last_name', 'first_name', 'agency__code'))"
    " + list(Offering.objects.order_by('pk').values_list('version__programme__code', 'starts_on', 'capacity', 'status'));"
    "print(len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())"
)


def _eacademy(var: Path, *args: str) -> str:
    env = {**os.environ, "EACADEMY_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "eacademy.settings"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "eacademy", *args], env=env, capture_output=True, text=True, timeout=300, check=True).stdout


def _load_and_digest(tmp_path: Path, name: str, seed: int) -> str:
    """A demo load into a copy of one migrated database (migrating takes longer than the load)."""
    var = tmp_path / name
    var.mkdir()
    with sqlite3.connect(tmp_path / "migrated" / "eacademy.sqlite3") as source, sqlite3.connect(var / "eacademy.sqlite3") as copy:
        source.backup(copy)
    _eacademy(var, "demo", "--scale", "small", "--seed", str(seed))
    return _eacademy(var, "shell", "-c", DIGEST)


def test_the_same_seed_gives_the_same_academy_and_another_seed_another(tmp_path) -> None:
    _eacademy(tmp_path / "migrated", "migrate", "-v0")
    first, again, other = (_load_and_digest(tmp_path, name, seed) for name, seed in (("a", 5), ("b", 5), ("c", 6)))
    assert first == again
    assert first != other
