from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from eacademy.core.numbers import Id
from eacademy.org import queries

router = Router(tags=["organisations"])


class AgencyOut(Schema):
    id: int
    code: str
    short_name: str
    name: str
    kind: str
    country: str


class UnitOut(Schema):
    id: int
    name: str
    level: str
    region: str
    depth: int
    parent_path: str

    @staticmethod
    def resolve_parent_path(unit: object) -> str:
        path: str = unit.path  # type: ignore[attr-defined]
        return path[: -unit.steplen]  # type: ignore[attr-defined]


@router.get("/agencies/", response=list[AgencyOut])
@paginate
def list_agencies(request: HttpRequest):
    return queries.agencies_visible_to(request.user)  # type: ignore[arg-type]


@router.get("/agencies/{agency_id}/", response=AgencyOut)
def get_agency(request: HttpRequest, agency_id: Id):
    return get_object_or_404(queries.agencies_visible_to(request.user), pk=agency_id)  # type: ignore[arg-type]


@router.get("/agencies/{agency_id}/units/", response=list[UnitOut])
@paginate
def list_units(request: HttpRequest, agency_id: Id):
    agency = get_object_or_404(queries.agencies_visible_to(request.user), pk=agency_id)  # type: ignore[arg-type]
    return queries.units_of(agency)
