import datetime

from django.contrib import messages
from django.core import signing
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.core.access import public, role_required, signed_in, signed_in_user
from eacademy.core.documents import pdf_response
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.pages import form_errors_from
from eacademy.enrollment.models import Group
from eacademy.timetable import calendar_feed, load, services
from eacademy.timetable.forms import ClosureForm, LecturerForm, LoadForm, MoveForm, RunForm, SlotsForm, UnavailabilityForm
from eacademy.timetable.models import AvailableSlot, Lesson, Room, RoomClosure, Teaching, TimetableRun, Unavailability
from eacademy.timetable.rules import PLANNERS, READERS
from eacademy.timetable.week import monday_of, week


@role_required(*READERS)
def overview(request: HttpRequest) -> HttpResponse:
    """The solver's runs, a form to start one (planners), and the timetables to open."""
    user = signed_in_user(request)
    form = RunForm(request.POST or None, initial={k: v for k, v in request.GET.items() if k in ("starts_on", "ends_on", "repair")})
    if request.method == "POST":
        if not user.has_role(*PLANNERS):
            raise Http404
        if form.is_valid():
            try:
                run = services.run_create(actor=user, **form.cleaned_data)
            except DomainError as exc:
                for error in exc.messages:
                    form.add_error(None, error)
            else:
                return redirect("timetable:run", pk=run.pk)
    context = {"form": form, "runs": TimetableRun.objects.select_related("requested_by")[:20], "can_plan": user.has_role(*PLANNERS),
               "groups": Group.objects.filter(teachings__isnull=False).distinct().select_related("offering__version__programme").order_by("offering__starts_on", "number")[:200],
               "rooms": Room.objects.filter(is_active=True).order_by("code"),
               "lecturers": User.objects.filter(teachings__isnull=False).distinct().order_by("last_name", "username")[:300]}
    return render(request, "timetable/overview.html", context)


@role_required(*READERS)
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's progress (the page refreshes itself while the solver works) and its result."""
    found = get_object_or_404(TimetableRun, pk=pk)
    template = "timetable/_run.html" if request.htmx else "timetable/run.html"  # type: ignore[attr-defined]
    return render(request, template, {"run": found, "explanation": [line for line in found.explanation.splitlines() if line]})


def _monday(request: HttpRequest) -> datetime.date:
    try:
        return monday_of(datetime.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return monday_of(timezone.localdate())


def _subject(request: HttpRequest) -> tuple[Q, str]:
    """Whose week: ?group=, ?lecturer= or ?room=."""
    group, lecturer, room = (request.GET.get(name, "") for name in ("group", "lecturer", "room"))
    if group.isdigit():
        found = get_object_or_404(Group.objects.select_related("offering__version__programme"), pk=int(group))
        return Q(group_id=found.pk), f"{found.offering.version.programme} · {found}"
    if lecturer.isdigit():
        teacher = get_object_or_404(User, pk=int(lecturer))
        return Q(lecturer_id=teacher.pk), teacher.get_full_name() or teacher.username
    if room.isdigit():
        place = get_object_or_404(Room, pk=int(room))
        return Q(room_id=place.pk), f"{place} · {place.get_kind_display()}"
    raise Http404


@role_required(*READERS)
def week_view(request: HttpRequest) -> HttpResponse:
    """The week of a group, a lecturer or a room; `format=pdf` prints it."""
    subject, title = _subject(request)
    grid = week(subject, _monday(request))
    query = request.GET.copy()
    query.pop("week", None)
    context = {"week": grid, "title": title, "query": query.urlencode(), "can_plan": signed_in_user(request).has_role(*PLANNERS)}
    if request.GET.get("format") == "pdf":
        return pdf_response("timetable/week_pdf.html", context, f"timetable-{grid.monday}.pdf")
    return render(request, "timetable/week.html", context)


@signed_in
def my_timetable(request: HttpRequest) -> HttpResponse:
    """Today's lessons and the week of the signed-in listener or lecturer, and his calendar feed."""
    user = signed_in_user(request)
    subject = services.lessons_of(person_user=user)
    grid = week(subject, _monday(request))
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    lessons_today = (Lesson.objects.filter(subject, starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1))
                     .select_related("discipline", "room", "lecturer").distinct().order_by("starts_at"))
    token = calendar_feed.token_for(user)
    feed = request.build_absolute_uri(reverse("timetable_feed", args=[token]))
    return render(request, "timetable/my.html", {"week": grid, "today": lessons_today, "feed": feed, "feed_expires": calendar_feed.expires_on(token), "query": ""})


@signed_in
@require_POST
def feed_renew(request: HttpRequest) -> HttpResponse:
    """Revoke every calendar address given to the user so far (one was shared or lost)."""
    calendar_feed.renew(signed_in_user(request))
    messages.success(request, _("Your old calendar addresses no longer work. Add the new one to your calendar."))
    return redirect("timetable:my")


@public
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's lessons as iCalendar, at a secret address (no sign-in: calendar apps fetch it)."""
    try:
        user = calendar_feed.user_of(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404 from None
    response = HttpResponse(calendar_feed.ical(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="timetable.ics"'
    return response


@role_required(*PLANNERS)
def lesson_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a lesson by hand; the hard constraints are checked and any breach named."""
    lesson = get_object_or_404(Lesson.objects.select_related("offering", "group", "discipline", "room", "lecturer", "teaching"), pk=pk)
    local = timezone.localtime(lesson.starts_at)
    form = MoveForm(request.POST or None, initial={"day": local.date(), "room": lesson.room_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_move(actor=signed_in_user(request), lesson=lesson, **form.cleaned_data)
        except DomainError as exc:
            for error in exc.messages:
                form.add_error(None, error)
        else:
            messages.success(request, _("The lesson is moved; the lecturer and the group are told."))
            return redirect(f"{reverse('timetable:week')}?group={lesson.group_id}&week={form.cleaned_data['day'].isoformat()}")
    return render(request, "timetable/lesson_move.html", {"lesson": lesson, "form": form})


@role_required(*PLANNERS)
def changes(request: HttpRequest) -> HttpResponse:
    """A lecturer falls ill, a room closes: record it, then re-plan those days."""
    user = signed_in_user(request)
    which = request.POST.get("form")
    absence = UnavailabilityForm(request.POST if which == "absence" else None)
    closure = ClosureForm(request.POST if which == "closure" else None)
    slots = SlotsForm(request.POST if which == "slots" else None)
    for form, act in ((absence, services.unavailability_add), (closure, services.room_close)):
        if form.is_bound and form.is_valid():
            try:
                record = act(actor=user, **form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Recorded. Re-plan these days to move the lessons concerned."))
                return redirect(f"{reverse('timetable:overview')}?starts_on={record.starts_on}&ends_on={record.ends_on}&repair=1")
    if slots.is_bound and slots.is_valid():
        try:
            offered = services.slots_offer(actor=user, **slots.cleaned_data)
        except DomainError as exc:
            form_errors_from(slots, exc)
        else:
            messages.success(request, _("%(count)s times offered; the lecturer is planned only in the times he offered.") % {"count": offered})
            return redirect("timetable:changes")
    offered_slots = (AvailableSlot.objects.filter(date__gte=timezone.localdate()).values("lecturer__last_name", "lecturer__first_name", "lecturer__username")
                     .annotate(first=Min("date"), last=Max("date"), n=Count("pk")).order_by("lecturer__last_name", "lecturer__username")[:50])
    context = {"absence": absence, "closure": closure, "slots": slots, "offered": offered_slots,
               "absences": Unavailability.objects.select_related("lecturer")[:50], "closures": RoomClosure.objects.select_related("room")[:50]}
    return render(request, "timetable/changes.html", context)


@role_required(*READERS)
def load_view(request: HttpRequest) -> HttpResponse:
    """Teaching load per lecturer, planned against held, for the courses starting in a window (this year by default)."""
    year = timezone.localdate().year
    form = LoadForm(request.GET or None, initial={"starts_on": datetime.date(year, 1, 1), "ends_on": datetime.date(year, 12, 31)})
    starts_on, ends_on = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if form.is_valid():
        starts_on, ends_on = form.cleaned_data["starts_on"], form.cleaned_data["ends_on"]
    return render(request, "timetable/load.html", {"form": form, "loads": load.loads(starts_on, ends_on), "starts_on": starts_on, "ends_on": ends_on})


@role_required(*PLANNERS)
def teaching_lecturer(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a teaching to another lecturer; the Rules' eligibility is checked (§36)."""
    teaching = get_object_or_404(Teaching.objects.select_related("group", "discipline", "lecturer"), pk=pk)
    form = LecturerForm(request.POST or None, initial={"lecturer": teaching.lecturer_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.teaching_assign(actor=signed_in_user(request), teaching=teaching, lecturer=form.cleaned_data["lecturer"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The lecturer is assigned."))
            return redirect("timetable:overview")
    return render(request, "timetable/teaching_lecturer.html", {"teaching": teaching, "form": form})
