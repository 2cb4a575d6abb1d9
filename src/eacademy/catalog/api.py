import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from eacademy.catalog import queries
from eacademy.catalog.models import HOUR_FIELDS
from eacademy.core.access import signed_in_user
from eacademy.core.numbers import Id

router = Router(tags=["programmes"])


class VersionOut(Schema):
    number: int
    status: str
    study_months: Decimal
    internship_months: Decimal
    target_categories: list[str]
    languages: list[str]
    study_format: str
    approved_at: datetime.datetime | None


class ProgrammeOut(Schema):
    id: int
    code: str
    kind: str
    name: str
    department_id: int
    entering_agency_id: int | None
    recruit_track: str


class DisciplineOut(Schema):
    name: str
    hours: dict[str, int]

    @staticmethod
    def resolve_hours(discipline: object) -> dict[str, int]:
        return {field: getattr(discipline, field) for field in HOUR_FIELDS}


class ModuleOut(Schema):
    name: str
    disciplines: list[DisciplineOut]

    @staticmethod
    def resolve_disciplines(module: object) -> list[object]:
        return list(module.disciplines.all())  # type: ignore[attr-defined]


class CurriculumOut(VersionOut):
    modules: list[ModuleOut]
    hours: dict[str, int]


@router.get("/programmes/", response=list[ProgrammeOut])
@paginate
def list_programmes(request: HttpRequest, kind: str = ""):
    return queries.catalog(kind)


@router.get("/programmes/{programme_id}/versions/{number}/", response=CurriculumOut)
def get_curriculum(request: HttpRequest, programme_id: Id, number: Id):
    version = get_object_or_404(queries.versions_visible_to(signed_in_user(request)), programme_id=programme_id, number=number)
    return {**VersionOut.from_orm(version).dict(), "modules": queries.curriculum(version), "hours": queries.hours_by_type(version)}
