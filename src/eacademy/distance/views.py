import json

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from eacademy.core.access import public, role_required, signed_in_user
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.file_types import VIDEOS, shown_inline
from eacademy.core.pages import act_and_return, messages_from_form
from eacademy.distance import queries, services
from eacademy.distance.forms import MaterialForm, MeetingForm, PackageForm, SectionForm
from eacademy.distance.models import Material, OnlineMeeting, Section
from eacademy.distance.rules import COMPLETION_SETTERS, READERS, TEACHERS
from eacademy.enrollment.models import Enrollment
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson


def _lesson(request: HttpRequest, pk: int) -> Lesson:
    """A lesson the user teaches (its journal is his) or attends."""
    lesson = get_object_or_404(Lesson.objects.select_related("discipline", "offering__version__programme", "group", "lecturer"), pk=pk)
    user = signed_in_user(request)
    if queries.teaches(user, lesson.offering_id, lesson.group_id) or queries.listener_enrollment(user, lesson):
        return lesson
    raise Http404(_("No such lesson of yours."))


@role_required(*READERS)
@require_GET
def lessons(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(request, "distance/lessons.html", {"meetings": queries.meetings_of(user)[:200]})


@role_required(*READERS)
@require_GET
def lesson(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _lesson(request, pk)
    meeting = OnlineMeeting.objects.filter(lesson=lesson).first()
    teacher = signed_in_user(request).has_role(*TEACHERS)
    presences = meeting.presences.select_related("enrollment__person").order_by("enrollment__person__last_name") if meeting and teacher else []
    form = MeetingForm(initial={"system": meeting.system, "url": meeting.url} if meeting else None) if teacher else None
    return render(request, "distance/lesson.html", {"lesson": lesson, "meeting": meeting, "teacher": teacher, "form": form, "presences": presences})


@role_required(*TEACHERS)
@require_POST
def meeting_set(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _lesson(request, pk)
    form = MeetingForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"system": "", "url": ""}
    return act_and_return(request, lambda: services.meeting_set(actor=signed_in_user(request), lesson=lesson, system=data["system"], url=data["url"]),
                          _("The lesson is held online."), f"/distance/lessons/{pk}/")


@role_required(*READERS)
@require_GET
def join(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = _lesson(request, pk)
    meeting = get_object_or_404(OnlineMeeting, lesson=lesson)
    try:
        return redirect(services.join_url(user=signed_in_user(request), meeting=meeting))
    except DomainError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("distance:lesson", pk)


@role_required(*TEACHERS)
@require_POST
def attendance_now(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(OnlineMeeting, lesson=_lesson(request, pk))
    return act_and_return(request, lambda: services.attendance_now(actor=signed_in_user(request), meeting=meeting),
                          _("Those in the room now are marked present."), f"/distance/lessons/{pk}/")


@role_required(*TEACHERS)
@require_POST
def recordings_fetch(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(OnlineMeeting, lesson=_lesson(request, pk))
    return act_and_return(request, lambda: services.recordings_fetch(actor=signed_in_user(request), meeting=meeting),
                          _("The recordings are linked."), f"/distance/lessons/{pk}/")


@public
@csrf_exempt  # posted by the BigBlueButton server, signed with the shared secret instead
@require_POST
def bbb_analytics(request: HttpRequest) -> HttpResponse:
    try:
        payload = json.loads(request.body)
        counts = services.analytics_receive(authorization=request.headers.get("Authorization", ""), payload=payload if isinstance(payload, dict) else {})
    except NotAllowed as exc:
        return JsonResponse({"detail": exc.messages}, status=403)
    except (ValueError, DomainError) as exc:
        return JsonResponse({"detail": getattr(exc, "messages", [str(exc)])}, status=422)
    return JsonResponse(counts)


# --- The course space ---------------------------------------------------------------------------------


def course_of_user(request: HttpRequest, offering_id: int) -> tuple[Offering, Enrollment | None, bool]:
    """The course, the user's enrollment in it as a listener, and whether he teaches it; 404 when neither."""
    offering = get_object_or_404(Offering.objects.select_related("version__programme"), pk=offering_id)
    user = signed_in_user(request)
    teacher = queries.teaches(user, offering.pk)
    enrollment = Enrollment.objects.filter(person__user=user, offering=offering, status=Enrollment.Status.ENROLLED).first()
    if not teacher and enrollment is None:
        raise Http404(_("No such course of yours."))
    return offering, enrollment, teacher


@role_required(*READERS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    courses = queries.courses_of(user)[:100]
    return render(request, "distance/index.html", {"courses": courses, "meetings": queries.meetings_of(user)[:50]})


@role_required(*READERS)
@require_GET
def course(request: HttpRequest, pk: int) -> HttpResponse:
    offering, enrollment, teacher = course_of_user(request, pk)
    context = {"offering": offering, "space": queries.space(offering.pk, enrollment=enrollment, teacher=teacher), "teacher": teacher,
               "grid": queries.progress_grid(offering.pk) if teacher else None, "section_form": SectionForm() if teacher else None,
               "material_form": MaterialForm() if teacher else None, "package_form": PackageForm(offering=offering) if teacher else None,
               "sets_completion": teacher and signed_in_user(request).has_role(*COMPLETION_SETTERS)}
    return render(request, "distance/course.html", context)


@role_required(*COMPLETION_SETTERS)
@require_POST
def completion_rule_set(request: HttpRequest, pk: int) -> HttpResponse:
    percent = request.POST.get("percent", "")
    return act_and_return(request, lambda: services.completion_rule_set(actor=signed_in_user(request), offering_id=pk,
                                                                        percent=int(percent) if percent.isdigit() else 0),
                          _("The completion rule is set."), reverse("distance:course", args=[pk]))


@role_required(*TEACHERS)
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = SectionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"title": "", "visible_from": None}
    return act_and_return(request, lambda: services.section_add(actor=signed_in_user(request), offering_id=pk, **data), _("The section is added."),
                          reverse("distance:course", args=[pk]))


@role_required(*TEACHERS)
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(Section, pk=pk)
    back = reverse("distance:course", args=[section.offering_id])
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages_from_form(request, form)
        return redirect(back)
    return act_and_return(request, lambda: services.material_add(actor=signed_in_user(request), section=section, **form.cleaned_data),
                          _("The material is added."), back)


def _material(request: HttpRequest, pk: int) -> tuple[Material, bool]:
    material = get_object_or_404(Material.objects.select_related("section"), pk=pk)
    _offering, _enrollment, teacher = course_of_user(request, material.section.offering_id)
    today = timezone.localdate()
    if not teacher and any(d and d > today for d in (material.visible_from, material.section.visible_from)):
        raise Http404(_("The material is not open yet."))
    return material, teacher


@role_required(*READERS)
@require_GET
def material(request: HttpRequest, pk: int) -> HttpResponse:
    """A material; opening it is recorded for a listener."""
    material, teacher = _material(request, pk)
    if not teacher:
        services.material_open(user=signed_in_user(request), material=material)
    return render(request, "distance/material.html", {"material": material, "inline": shown_inline(material.media_type) or material.media_type in VIDEOS})


@role_required(*READERS)
@require_GET
def material_file(request: HttpRequest, pk: int) -> FileResponse:
    material, _teacher = _material(request, pk)
    if not material.file:
        raise Http404(_("The material has no file."))
    inline = shown_inline(material.media_type) or material.media_type in VIDEOS
    return FileResponse(material.file.open("rb"), content_type=material.media_type, as_attachment=not inline, filename=material.file_name)
