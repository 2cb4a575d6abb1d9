"""Must show 2 of issue 17: the apps' boundaries are an allow-list (another app is reached only
through its models, services and queries) with no exceptions, and breaking it fails the lint."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, check=False)


def test_the_contract_is_an_allow_list_without_exceptions():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    surface = [c for c in contracts if c["type"] == "surface"]
    assert len(surface) == 1 and surface[0]["public"] == ["models", "services", "queries"]
    assert not any("ignore_imports" in c for c in contracts)


def test_a_journal_module_importing_the_timetable_views_breaks_it(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates"))
    shutil.copytree(ROOT / "tools", copy / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    assert _lint(copy).returncode == 0
    journal = copy / "src/eacademy/journal/queries.py"
    journal.write_text(journal.read_text(encoding="utf-8") + "\nfrom eacademy.timetable.views import week_view  # noqa\n", encoding="utf-8")
    broken = _lint(copy)
    assert broken.returncode == 1
    assert "eacademy.journal.queries -> eacademy.timetable.views" in broken.stdout
    assert "Another app is reached only through its models, services and queries BROKEN" in broken.stdout
