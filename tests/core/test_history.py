"""Who made a change is written in one place (core.history): no module outside core sets
django-simple-history's attributes by hand, and work of the task worker names the system user."""

import re
from pathlib import Path

import pytest

from eacademy.core.history import SYSTEM_USERNAME, save_by, system_user

SRC = Path(__file__).resolve().parents[2] / "src" / "eacademy"


def test_no_module_outside_core_names_the_history_user_by_hand() -> None:
    offenders = [f"{path.relative_to(SRC)}:{number}" for path in SRC.rglob("*.py") if "core" not in path.relative_to(SRC).parts[:1]
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if re.search(r"\._history_user\b|\._change_reason\b", line)]
    assert offenders == []


@pytest.mark.django_db
def test_a_save_without_an_actor_is_the_system_user_s() -> None:
    from eacademy.org.models import Agency

    agency = Agency.objects.first()
    agency.short_name = agency.short_name + " "
    save_by(agency, None, reason="nightly check", update_fields=["short_name"])
    record = agency.history.latest()
    assert record.history_user.username == SYSTEM_USERNAME and record.history_change_reason == "nightly check"
    assert not system_user().is_active and not system_user().has_usable_password()


@pytest.mark.django_db
def test_rows_created_in_bulk_get_the_same_history_records_as_the_library_writes() -> None:
    from simple_history.utils import bulk_create_with_history

    from eacademy.core.history import bulk_create_recorded
    from eacademy.org.models import Agency

    def made(count: int) -> list[Agency]:
        return [Agency(code=f"bulk-{count}-{n}", name_ru=f"Ведомство {n}", short_name=f"В{n}") for n in range(count)]

    user = system_user()
    ours = bulk_create_recorded(made(1200), Agency, user, reason="import")  # more than one batch
    theirs = bulk_create_with_history(made(3), Agency, default_user=user, default_change_reason="import")
    fields = ["code", "name_ru", "short_name", "kind", "country", "is_active", "history_type", "history_change_reason", "history_user_id"]
    records = {r["code"]: r for r in Agency.history.filter(code__startswith="bulk-").values(*fields)}
    assert len(records) == 1203
    assert {k: v for k, v in records[ours[0].code].items() if k != "code"} == {k: v for k, v in records[theirs[0].code].items() if k != "code"}
    assert records[ours[-1].code]["name_ru"] == "Ведомство 1199" and Agency.history.get(code=ours[-1].code).history_date is not None
