"""The pages of SCORM packages: adding one to a section, playing it (the player page, the
package's own files in a frame) and the run's commits."""

import json
import mimetypes
import posixpath

from csp.decorators import csp_replace
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from eacademy.core.access import role_required, signed_in_user
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.pages import act_and_return, messages_from_form
from eacademy.distance.forms import PackageForm
from eacademy.distance.models import Package, PackageAttempt, Section
from eacademy.distance.rules import READERS, TEACHERS
from eacademy.distance.services import packages
from eacademy.distance.views import course_of_user


@role_required(*TEACHERS)
@require_POST
def package_add(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(Section, pk=pk)
    back = reverse("distance:course", args=[section.offering_id])
    form = PackageForm(request.POST, request.FILES, offering=section.offering)
    if not form.is_valid():
        messages_from_form(request, form)
        return redirect(back)
    return act_and_return(request, lambda: packages.package_add(actor=signed_in_user(request), section=section, **form.cleaned_data),
                          _("The package is added."), back)


def _package(request: HttpRequest, pk: int) -> tuple[Package, bool]:
    package = get_object_or_404(Package.objects.select_related("section__offering__version__programme"), pk=pk)
    _offering, _enrollment, teacher = course_of_user(request, package.section.offering_id)
    return package, teacher


@role_required(*READERS)
@require_GET
def package(request: HttpRequest, pk: int) -> HttpResponse:
    """The player for a listener (resumed where he left); the runs' results for a teacher."""
    package, teacher = _package(request, pk)
    if teacher:
        runs = PackageAttempt.objects.filter(package=package).select_related("enrollment__person").order_by("enrollment__person__last_name")
        return render(request, "distance/package.html", {"package": package, "runs": runs, "teacher": True})
    enrollment = packages.listener_of(signed_in_user(request), package)
    run = PackageAttempt.objects.filter(package=package, enrollment=enrollment).first()
    return render(request, "distance/package.html", {
        "package": package, "run": run, "saved": run.cmi if run else {},
        "commit": reverse("distance:package_commit", args=[package.pk, packages.commit_token(package, enrollment)]),
        "launch": reverse("distance:package_content", args=[package.pk, package.launch.split("?")[0]]) + ("?" + package.launch.split("?", 1)[1] if "?" in package.launch else "")})


@role_required(*READERS)
@require_GET
@xframe_options_sameorigin  # shown in the player's frame
@csp_replace({"script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"], "frame-ancestors": ["'self'"]})  # type: ignore[arg-type]  # packages are written that way
def package_content(request: HttpRequest, pk: int, path: str) -> FileResponse:
    package, _teacher = _package(request, pk)
    name = posixpath.normpath(path)
    if name.startswith(("..", "/")) or not default_storage.exists(f"{package.folder}/{name}"):
        raise Http404(_("No such file in the package."))
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(default_storage.open(f"{package.folder}/{name}", "rb"), content_type=media_type)


@role_required(*READERS)
@csrf_exempt  # the address carries a signed token of this listener's run instead (the final commit is a beacon)
@require_POST
def package_commit(request: HttpRequest, pk: int, token: str) -> JsonResponse:
    package = get_object_or_404(Package.objects.select_related("section", "discipline", "added_by"), pk=pk)
    try:
        payload = json.loads(request.body or b"{}")
        cmi = payload.get("cmi", payload) if isinstance(payload, dict) else None
        packages.commit(user=signed_in_user(request), package=package, token=token, cmi=cmi)
    except NotAllowed as exc:
        return JsonResponse({"result": "false", "errorCode": 101, "detail": exc.messages}, status=403)
    except (ValueError, DomainError) as exc:
        return JsonResponse({"result": "false", "errorCode": 101, "detail": getattr(exc, "messages", [str(exc)])}, status=422)
    return JsonResponse({"result": "true", "errorCode": 0})
