import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from eacademy.core.errors import DomainError
from eacademy.core.numbers import Id
from eacademy.org.models import AgencyUnit, ClassRank, Position
from eacademy.org.queries import agencies_visible_to
from eacademy.people import queries, services
from eacademy.people.rules import EDITORS, READERS

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    iin: str | None
    last_name: str
    first_name: str
    middle_name: str
    last_name_latin: str
    first_name_latin: str
    sex: str
    birth_date: datetime.date
    citizenship: str
    agency_id: int | None
    unit_id: int | None


class PersonIn(Schema):
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    middle_name: str = ""
    last_name_latin: str = ""
    first_name_latin: str = ""
    citizenship: str = "KZ"
    iin: str = ""
    passport_number: str = ""
    sex: str = ""
    birth_date: datetime.date | None = None
    email: str = ""
    phone: str = ""
    agency_id: Id | None = None
    unit_id: Id | None = None
    position_id: Id | None = None
    rank_id: Id | None = None


def _require(request: HttpRequest, roles: tuple[str, ...]) -> None:
    if not request.user.has_role(*roles):  # type: ignore[union-attr]
        raise PermissionDenied


@router.get("/", response=list[PersonOut])
@paginate
def list_people(request: HttpRequest, q: Annotated[str, Query(max_length=100)] = ""):
    _require(request, READERS)
    return queries.search(queries.visible_to(request.user), q[:100])  # type: ignore[arg-type]


@router.get("/{person_id}/", response=PersonOut)
def get_person(request: HttpRequest, person_id: Id):
    _require(request, READERS)
    return get_object_or_404(queries.visible_to(request.user), pk=person_id)  # type: ignore[arg-type]


@router.post("/", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn):
    _require(request, EDITORS)
    fields = payload.dict()
    agencies = agencies_visible_to(request.user)  # type: ignore[arg-type]
    refs = {
        "agency": (fields.pop("agency_id"), agencies),
        "unit": (fields.pop("unit_id"), AgencyUnit.objects.filter(agency__in=agencies)),
        "position": (fields.pop("position_id"), Position.objects.all()),
        "rank": (fields.pop("rank_id"), ClassRank.objects.all()),
    }
    errors = {}
    for name, (pk, choices) in refs.items():
        fields[name] = None if pk is None else choices.filter(pk=pk).first()
        if pk is not None and fields[name] is None:
            errors[f"{name}_id"] = [_("There is no such record, or it is not yours to use.")]
    if errors:
        raise DomainError(errors)
    return Status(201, services.person_create(data=services.PersonData(**fields)))
