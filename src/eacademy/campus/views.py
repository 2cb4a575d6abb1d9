"""Campus pages: occupancy and a course's allocation for the dormitory officers, leave requests
(the listener's own, the Rector's decisions, the register of who is out and who is late, the
printed permission), and a listener's record of conduct."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.campus import queries, services
from eacademy.campus.forms import AccessNeedForm, ConductForm, DecisionForm, LeaveForm, MoveForm, OccupancyForm
from eacademy.campus.models import AccessNeed, Building, ConductRecord, LeaveRequest, Stay
from eacademy.campus.rules import DECIDERS, HOUSING, RECORDERS, REGISTER, STAFF
from eacademy.core.access import role_required, signed_in, signed_in_user
from eacademy.core.documents import pdf_response
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.people.models import Person, Sex
from eacademy.people.queries import visible_to
from eacademy.planning.models import Offering


@role_required(*STAFF)
def overview(request: HttpRequest) -> HttpResponse:
    """Occupancy night by night over a chosen range (the next four weeks unless asked) and the courses to house."""
    today = timezone.localdate()
    period = OccupancyForm(request.GET or None, initial={"starts_on": today, "ends_on": today + datetime.timedelta(days=28)})
    starts_on, ends_on = (period.cleaned_data["starts_on"], period.cleaned_data["ends_on"]) if period.is_valid() else (today, today + datetime.timedelta(days=28))
    nights = queries.occupancy(starts_on, ends_on)
    courses = Offering.objects.filter(ends_on__gte=today, enrollments__status=Enrollment.Status.ENROLLED).distinct().select_related("version__programme").order_by("starts_on")[:30]
    rooms_for = {Sex.MALE: _("men's rooms"), Sex.FEMALE: _("women's rooms")}
    wings = [(name, rooms_for[Sex(sex)]) for _building, name, sex in queries.wings()]
    return render(request, "campus/overview.html", {"nights": nights, "wings": wings, "courses": courses, "period": period,
                                                    "buildings": Building.objects.order_by("name"), "can_house": signed_in_user(request).has_role(*HOUSING)})


@role_required(*STAFF)
def allocation(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering.objects.select_related("version__programme"), pk=pk)
    user = signed_in_user(request)
    need = AccessNeedForm(request.POST or None, offering=offering) if user.has_role(*HOUSING) else None
    if request.method == "POST" and need is not None and need.is_valid():
        data = need.cleaned_data
        return act_and_return(request, lambda: services.access_need_set(actor=user, person=data["enrollment"].person, needed=data["needed"], note=data["note"]),
                              _("Recorded."), reverse("campus:allocation", args=[pk]))
    stays = Stay.objects.filter(enrollment__offering=offering).select_related("person", "bed__room__building", "enrollment__group").order_by("bed__room__building__name", "bed__room__number", "bed__label")
    needs = AccessNeed.objects.filter(person__enrollments__offering=offering).select_related("person").order_by("person__last_name")
    return render(request, "campus/allocation.html", {"offering": offering, "stays": stays, "needs": needs, "need_form": need,
                                                      "can_house": user.has_role(*HOUSING)})


@role_required(*HOUSING)
@require_POST
def allocation_propose(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering, pk=pk)
    return act_and_return(request, lambda: services.allocation_propose(actor=signed_in_user(request), offering=offering),
                          _("Beds proposed: check and confirm them."), reverse("campus:allocation", args=[pk]))


@role_required(*HOUSING)
@require_POST
def allocation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering, pk=pk)
    stays = Stay.objects.filter(enrollment__offering=offering, status=Stay.Status.PROPOSED)
    return act_and_return(request, lambda: services.stay_confirm(actor=signed_in_user(request), stays=stays),
                          _("Beds confirmed."), reverse("campus:allocation", args=[pk]))


@role_required(*HOUSING)
@require_POST
def stay_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Check in (a booked stay) or out (a stay checked in)."""
    stay = get_object_or_404(Stay, pk=pk)
    act = services.check_out if stay.status == Stay.Status.CHECKED_IN else services.check_in
    back = reverse("campus:allocation", args=[stay.enrollment.offering_id]) if stay.enrollment else reverse("campus:overview")
    return act_and_return(request, lambda: act(actor=signed_in_user(request), stay=stay), _("Recorded."), back)


@role_required(*HOUSING)
def stay_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Another bed for a stay's nights to come: the beds for the listener's sex free on all of them."""
    stay = get_object_or_404(Stay.objects.select_related("person", "bed__room__building"), pk=pk, status__in=services.HELD)
    starts_on = services.moves_from(stay)
    beds = services.free_beds(starts_on, stay.ends_on, stay.person.sex) if starts_on < stay.ends_on else []
    form = MoveForm(request.POST or None, beds=beds)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.stay_move(actor=signed_in_user(request), stay=stay, bed=form.cleaned_data["bed"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("campus:allocation", pk=moved.enrollment.offering_id) if moved.enrollment else redirect("campus:overview")
    return render(request, "campus/move.html", {"stay": stay, "starts_on": starts_on, "form": form})


@signed_in
def leave(request: HttpRequest) -> HttpResponse:
    """A listener: his requests and a form for a new one. The Rector and the dormitory: requests
    waiting for a decision, who is out now and who is late back."""
    user = signed_in_user(request)
    if user.has_role(*REGISTER):
        now = timezone.now()
        return render(request, "campus/register.html", {
            "waiting": LeaveRequest.objects.filter(status=LeaveRequest.Status.REQUESTED).select_related("person__agency").order_by("leaves_at"),
            "out": queries.out_now(now), "late": queries.late_back(now), "decision_form": DecisionForm(),
            "can_decide": user.has_role(*DECIDERS)})
    if not user.has_role(Role.LISTENER):
        raise Http404
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_request(actor=user, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("campus:leave")
    return render(request, "campus/my_leave.html", {"form": form, "requests": LeaveRequest.objects.filter(person__user=user).select_related("decided_by")})


@role_required(*DECIDERS)
@require_POST
def leave_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(LeaveRequest, pk=pk)
    form = DecisionForm(request.POST)

    def act() -> None:
        if not form.is_valid():
            raise DomainError(_("Approve or refuse."))
        services.leave_decide(actor=signed_in_user(request), leave=found, **form.cleaned_data)

    return act_and_return(request, act, _("Decision recorded."), reverse("campus:leave"))


@role_required(*REGISTER)
@require_POST
def leave_return(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(LeaveRequest, pk=pk)
    return act_and_return(request, lambda: services.leave_return(actor=signed_in_user(request), leave=found), _("Return registered."), reverse("campus:leave"))


@signed_in
def permission_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The written permission: the listener's own, or for the register."""
    user = signed_in_user(request)
    found = get_object_or_404(LeaveRequest.objects.select_related("person__agency", "decided_by"), pk=pk, status=LeaveRequest.Status.APPROVED)
    if found.person.user_id != user.pk and not user.has_role(*REGISTER):
        raise Http404
    return pdf_response("campus/permission_pdf.html", {"leave": found}, f"permission-{found.pk}.pdf")


@signed_in
def conduct(request: HttpRequest, pk: int) -> HttpResponse:
    """A listener's record of conduct: his own, or of a person the user may see; staff add to it."""
    user = signed_in_user(request)
    person = get_object_or_404(Person, pk=pk)
    if person.user_id != user.pk and not user.has_role(*RECORDERS) and not visible_to(user).filter(pk=pk).exists():
        raise Http404  # his own, the dormitory's and the Academy's staff, and whoever may see the person (his agency's coordinator)
    can_record = user.has_role(*RECORDERS)
    form = ConductForm(request.POST or None) if can_record else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.conduct_record(actor=user, person=person, enrollment=person.enrollments.filter(status=Enrollment.Status.ENROLLED).first(), **form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                return redirect("campus:conduct", pk=pk)
    records = ConductRecord.objects.filter(person=person).select_related("recorded_by")
    return render(request, "campus/conduct.html", {"person": person, "records": records, "form": form})
