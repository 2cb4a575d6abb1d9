import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from eacademy.core.access import signed_in_user
from eacademy.core.numbers import Id, Year
from eacademy.planning import queries

router = Router(tags=["plan"])


class QuotaOut(Schema):
    agency_id: int
    seats: int


class OfferingOut(Schema):
    id: int
    programme_id: int
    programme: str
    version: int
    starts_on: datetime.date
    ends_on: datetime.date
    place: str
    capacity: int
    language: str
    study_format: str
    status: str
    quotas: list[QuotaOut]

    @staticmethod
    def resolve_programme_id(offering: object) -> int:
        return offering.version.programme_id  # type: ignore[attr-defined]

    @staticmethod
    def resolve_programme(offering: object) -> str:
        return str(offering.version.programme.name)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_version(offering: object) -> int:
        return offering.version.number  # type: ignore[attr-defined]

    @staticmethod
    def resolve_quotas(offering: object) -> list[object]:
        return list(offering.quotas.all())  # type: ignore[attr-defined]


@router.get("/offerings/", response=list[OfferingOut])
@paginate
def list_offerings(request: HttpRequest, year: Year | None = None):
    offerings = queries.offerings_visible_to(signed_in_user(request)).prefetch_related("quotas")
    return offerings.filter(starts_on__year=year) if year else offerings


@router.get("/offerings/{offering_id}/", response=OfferingOut)
def get_offering(request: HttpRequest, offering_id: Id):
    return get_object_or_404(queries.offerings_visible_to(signed_in_user(request)).prefetch_related("quotas"), pk=offering_id)
