"""Writes of the organisations: loading the reference data (agencies, the Academy's units, posts,
class ranks); idempotent, rows matched by code and updated."""

from django.db import transaction

from eacademy.org.models import AcademyUnit, Agency, ClassRank, Position
from eacademy.org.reference import ACADEMY_UNITS, AGENCIES, CLASS_RANKS, POSITIONS


def _names(triple: tuple[str, str, str]) -> dict[str, str]:
    return {"name_kk": triple[0], "name_ru": triple[1], "name_en": triple[2]}


@transaction.atomic
def load_reference_data() -> None:
    for code, short_name, kind, country, names in AGENCIES:
        Agency.objects.update_or_create(code=code, defaults={"short_name": short_name, "kind": kind, "country": country, **_names(names)})
    for code, parent_code, unit_kind, names in ACADEMY_UNITS:
        fields = {"kind": unit_kind, **_names(names)}
        if AcademyUnit.objects.filter(code=code).update(**fields):
            continue
        if parent_code is None:
            AcademyUnit.objects.add_root({"code": code, **fields})
        else:
            AcademyUnit.objects.add_child(AcademyUnit.objects.get(code=parent_code), {"code": code, **fields})
    for code, category, may_lecture, names in POSITIONS:
        Position.objects.update_or_create(code=code, defaults={"category": category, "may_lecture": may_lecture, **_names(names)})
    for code, seniority, names in CLASS_RANKS:
        ClassRank.objects.update_or_create(code=code, defaults={"seniority": seniority, **_names(names)})
