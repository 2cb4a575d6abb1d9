import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from eacademy.core.access import public, role_required, signed_in_user
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.pages import act_and_return
from eacademy.distance import queries, services
from eacademy.distance.forms import MeetingForm
from eacademy.distance.models import OnlineMeeting
from eacademy.distance.rules import READERS, TEACHERS
from eacademy.journal import queries as journal_queries
from eacademy.timetable.models import Lesson


def _lesson(request: HttpRequest, pk: int) -> Lesson:
    """A lesson the user teaches (its journal is his) or attends."""
    lesson = get_object_or_404(Lesson.objects.select_related("discipline", "offering__version__programme", "group", "lecturer"), pk=pk)
    user = signed_in_user(request)
    teaches = user.has_role(*TEACHERS) and journal_queries.within_reach(user, offering_id=lesson.offering_id, group_id=lesson.group_id)
    if teaches or queries.listener_enrollment(user, lesson):
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
