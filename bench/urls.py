from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from eacademy.core.access import public, signed_in
from eacademy.people.models import Person
from eacademy.urls import urlpatterns as project_urlpatterns


@public
def minimal(request: HttpRequest) -> HttpResponse:
    """The baseline: Django's whole middleware stack, no database work."""
    return HttpResponse("ok")


@signed_in
def one_row(request: HttpRequest) -> HttpResponse:
    """A page like any other (session, menu, base template) that reads one row: the baseline of a dashboard."""
    return render(request, "bench/one_row.html", {"person": Person.objects.filter(user=request.user).first()})


@signed_in
def plain_upload(request: HttpRequest) -> HttpResponse:
    """The baseline of handing in work: the same upload through the whole middleware stack,
    written by plain Django storage, nothing checked or recorded."""
    default_storage.save(f"bench/plain/{request.FILES['files'].name}", request.FILES["files"])
    return redirect("/bench/minimal")


urlpatterns = [path("bench/minimal", minimal, name="bench_minimal"), path("bench/one-row", one_row, name="bench_one_row"),
               path("bench/plain-upload", plain_upload, name="bench_plain_upload"), *project_urlpatterns]
