"""The /api/v1/ composition root: one NinjaAPI, each app contributing a router."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema

from eacademy.api.auth import AUTH
from eacademy.assessment.api import router as assessment_router
from eacademy.catalog.api import router as catalog_router
from eacademy.core.errors import DomainError
from eacademy.enrollment.api import router as enrollment_router
from eacademy.exams.api import router as exams_router
from eacademy.graduation.api import router as graduation_router
from eacademy.journal.api import router as journal_router
from eacademy.org.api import router as org_router
from eacademy.people.api import router as people_router
from eacademy.planning.api import router as planning_router

# Every operation may answer these; the schema says so, so that a client (and schemathesis)
# knows a refusal from a fault. `detail` is a message, or messages by field.
ERRORS = {
    "400": "The request breaks the schema: a value is missing, of the wrong type or out of range.",
    "401": "Not signed in: a session or a bearer token is needed.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such record, or not one this user may see.",
    "422": "A rule of the domain refuses this well-formed request (a check digit, a date, the record's state).",
}


class AcademyAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        too_long = {"description": "The address is too long: gunicorn refuses it before the application sees it.",
                    "content": {"text/html": {"schema": {"type": "string"}}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                documented = {str(status) for status in operation["responses"]}
                for status, description in ERRORS.items():
                    if status not in documented:
                        operation["responses"][status] = {"description": description, "content": error}
                operation["responses"].setdefault("414", too_long)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
            "type": "object", "properties": {"detail": {"description": "a message, or messages by field"}}, "required": ["detail"]}
        return schema


api = AcademyAPI(
    title="E-Academy API",
    version="1",
    urls_namespace="api",
    auth=AUTH,
    description="Every list is limited to what the signed-in user may see.",
)
api.add_router("/", org_router)
api.add_router("/people/", people_router)
api.add_router("/", catalog_router)
api.add_router("/", planning_router)
api.add_router("/", enrollment_router)
api.add_router("/", exams_router)
api.add_router("/", journal_router)
api.add_router("/", graduation_router)
api.add_router("/", assessment_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(ValidationError)
def schema_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A request that breaks the schema is a bad request (400); 422 is kept for a well-formed
    request that a rule of the domain refuses (a wrong IIN check digit, an order already signed)."""
    return api.create_response(request, {"detail": exc.errors}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("You do not have permission to do this.")}, status=403)
