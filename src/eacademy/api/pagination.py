"""The API's pages: `limit` and `offset` bounded in the schema, so that a number the database
cannot take is refused with 422 like any other bad parameter."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from eacademy.core.numbers import MAX_ID

MAX_LIMIT = 500


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_ID)
