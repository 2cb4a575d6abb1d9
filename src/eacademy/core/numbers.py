"""Numbers that come from outside (addresses, query strings, forms, API calls) are checked
against what the database can hold before they reach it: a key of 20 digits or a year of
288230376151711744 is a bad request (400) or nothing found (404), never a server error.

- `<id:pk>` in URL patterns: a row's key, 1 to 2^63 - 1; anything else does not match (404).
- `Id`, `Year`, `Count`, `Points`, `Money` for the API's parameters and payloads: the bounds are in the schema.
- `id_or_404`, `query_int` for views reading a form's or a query's number.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, TypeVar

from django.core.exceptions import BadRequest
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field, WithJsonSchema

MAX_ID = 2**63 - 1  # a bigint key, on SQLite and PostgreSQL alike
FIRST_YEAR, LAST_YEAR = 1900, 2199  # years a plan, a course or a report may concern

M = TypeVar("M", bound=Model)
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]  # a revision, a level: what an integer column holds


def to_cents(value: Decimal) -> Decimal:
    """The one rounding rule for marks and money: to hundredths, halves up."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Numbers in JSON (the schema says so: a string there is refused). Points are rounded to
# hundredths as the journal keeps them; an amount of money with fractions of a tiyn is refused,
# never rounded behind the payer's back.
Points = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False), AfterValidator(to_cents),
                   WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100})]
Money = Annotated[Decimal, Field(ge=0, lt=10**12, decimal_places=2, allow_inf_nan=False),
                  WithJsonSchema({"type": "number", "minimum": 0, "exclusiveMaximum": 10**12, "multipleOf": 0.01})]


class IdConverter:
    """A path segment that is a row's key."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def as_id(raw: object) -> int | None:
    """The key written in `raw`, or None when it is not one."""
    text = str(raw if raw is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def id_or_404(queryset: type[M] | QuerySet[M], raw: object) -> M:
    """The row whose key a form sent, from the rows the user may reach; 404 for garbage too."""
    key = as_id(raw)
    if key is None:
        raise Http404
    return get_object_or_404(queryset, pk=key)


def query_int(request: HttpRequest, name: str, *, minimum: int, maximum: int) -> int | None:
    """A whole number from the query string, None when absent; out of range or not a number
    is a bad request, answered 400 with the parameter named."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        number = int(raw) if raw.isascii() and len(raw) <= 20 else None
    except ValueError:
        number = None
    if number is None or not minimum <= number <= maximum:
        raise BadRequest(_("“%(name)s” must be a whole number from %(minimum)s to %(maximum)s.") % {"name": name, "minimum": minimum, "maximum": maximum})
    return number


def query_year(request: HttpRequest, name: str = "year") -> int | None:
    return query_int(request, name, minimum=FIRST_YEAR, maximum=LAST_YEAR)
