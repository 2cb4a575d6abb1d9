"""The same seed gives the same academy: two loads into fresh databases, compared."""

import os
import subprocess
import sys

DIGEST = (
    "import hashlib;"
    "from eacademy.people.models import Person; from eacademy.planning.models import Offering;"
    "rows = list(Person.objects.order_by('pk').values_list('iin', 'last_name', 'first_name', 'agency__code'))"
    " + list(Offering.objects.order_by('pk').values_list('version__programme__code', 'starts_on', 'capacity', 'status'));"
    "print(len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())"
)


def _load_and_digest(tmp_path, name: str, seed: int) -> str:
    env = {**os.environ, "EACADEMY_VAR_DIR": str(tmp_path / name), "DJANGO_SETTINGS_MODULE": "eacademy.settings"}
    env.pop("DATABASE_URL", None)
    for args in (["migrate", "-v0"], ["demo", "--scale", "small", "--seed", str(seed)], ["shell", "-c", DIGEST]):
        result = subprocess.run([sys.executable, "-m", "eacademy", *args], env=env, capture_output=True, text=True, timeout=300, check=True)
    return result.stdout


def test_the_same_seed_gives_the_same_academy_and_another_seed_another(tmp_path) -> None:
    first, again, other = (_load_and_digest(tmp_path, name, seed) for name, seed in (("a", 5), ("b", 5), ("c", 6)))
    assert first == again
    assert first != other
