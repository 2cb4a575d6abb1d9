from django.http import HttpRequest, HttpResponse
from django.urls import path

from eacademy.core.access import public
from eacademy.urls import urlpatterns as project_urlpatterns


@public
def minimal(request: HttpRequest) -> HttpResponse:
    """The baseline: Django's whole middleware stack, no database work."""
    return HttpResponse("ok")


urlpatterns = [path("bench/minimal", minimal, name="bench_minimal"), *project_urlpatterns]
