"""Internship pages: the placements a user may see, a placement's plan and diary, and the forms
of whoever acts on it (the intern's diary, the mentor's evaluation, the supervisor's mark)."""

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from eacademy.core.access import signed_in, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.pages import form_errors_from
from eacademy.internships import services
from eacademy.internships.forms import DiaryForm, MarkForm, MentorForm, PlacementForm
from eacademy.internships.models import Placement
from eacademy.internships.rules import PLANNERS


def visible_placements(user: User) -> QuerySet[Placement]:
    """Planners see every placement; a supervisor his interns'; an intern his own."""
    placements = Placement.objects.select_related("enrollment__person", "unit__agency", "mentor", "supervisor")
    if user.has_role(*PLANNERS):
        return placements
    return placements.filter(Q(supervisor=user) | Q(enrollment__person__user=user))


@signed_in
def placement_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = PlacementForm(request.POST or None) if user.has_role(*PLANNERS) else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        data["mentor"] = data.pop("mentor_iin")
        try:
            placement = services.placement_create(actor=user, **data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("internships:detail", pk=placement.pk)
    return render(request, "internships/list.html", {"placements": visible_placements(user)[:200], "form": form})


@signed_in
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    placement = get_object_or_404(visible_placements(user), pk=pk)
    allowed: dict[str, type[forms.Form]] = {}
    if placement.status == Placement.Status.PLANNED:
        if placement.enrollment.person.user_id == user.pk:
            allowed["diary"] = DiaryForm
        if user.pk == placement.supervisor_id or user.has_role(*PLANNERS):
            allowed["mentor"] = MentorForm
        if user.pk == placement.supervisor_id:
            allowed["mark"] = MarkForm
    acting = request.POST.get("form") if request.method == "POST" else None
    bound = {name: (cls(request.POST) if name == acting else cls()) for name, cls in allowed.items()}
    if acting in bound and bound[acting].is_valid():
        data = bound[acting].cleaned_data
        act = {"diary": lambda: services.diary_add(actor=user, placement=placement, **data),
               "mentor": lambda: services.mentor_evaluate(actor=user, placement=placement, **data),
               "mark": lambda: services.supervisor_mark(actor=user, placement=placement, **data)}[acting]
        try:
            act()
        except DomainError as exc:
            form_errors_from(bound[acting], exc)
        else:
            return redirect("internships:detail", pk=pk)
    return render(request, "internships/detail.html", {"placement": placement, "diary": placement.diary.all(), "forms": bound})
