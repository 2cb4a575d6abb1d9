"""Staff pages: the teaching staff and invited lecturers a user may see, a staff profile with its
professional development, and the Regional Hub's pool of national trainers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from eacademy.core.access import role_required, signed_in_user
from eacademy.core.documents import dated_filename, xlsx_response
from eacademy.core.errors import DomainError
from eacademy.core.pages import form_errors_from
from eacademy.people.models import StaffMember
from eacademy.staff import queries, services
from eacademy.staff.forms import DevelopmentForm, HubTrainerForm, ProfileForm, StaffFilterForm
from eacademy.staff.models import HubTrainer
from eacademy.staff.queries import may_keep, staff_list, visible_staff
from eacademy.staff.rules import HUB_READERS, KEEPERS, READERS

LIST_LIMIT = 500


def _columns() -> list[str]:
    return [_("Full name"), _("Unit"), _("Position"), _("Invited lecturer"), _("Organisation served in"), _("Academic degree"), _("Academic title"),
            _("Special title"), _("Years of practice"), _("May lecture"), _("Last development")]


def _row(member: StaffMember) -> list[object]:
    return [member.person.full_name, str(member.academy_unit), str(member.position), _("yes") if member.is_invited else _("no"), member.organisation,
            member.get_academic_degree_display(), member.get_academic_title_display(), str(member.person.rank or ""), member.practice_years,
            _("yes") if queries.may_lecture(member) else _("no"), member.last_development]  # type: ignore[attr-defined]


@role_required(*READERS)
def staff_index(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    filters = StaffFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    kind, degree = data.get("kind"), data.get("degree")
    staff = staff_list(user, unit_id=data["unit"].pk if data.get("unit") else None, invited={"staff": False, "invited": True}.get(kind or ""),
                       degree="" if degree == "none" else degree or None)
    if request.GET.get("format") == "xlsx":  # every row the filters give, for the personnel office
        return xlsx_response(_("Teaching staff"), _columns(), (_row(m) for m in staff), dated_filename("teaching-staff", extension="xlsx"))
    members = list(staff[:LIST_LIMIT + 1])
    for member in members:
        member.may_lecture = queries.may_lecture(member)  # type: ignore[attr-defined]
    return render(request, "staff/list.html", {"members": members[:LIST_LIMIT], "more": len(members) > LIST_LIMIT, "filters": filters,
                                               "show_hub": user.has_role(*HUB_READERS)})


@role_required(*READERS)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    member = get_object_or_404(visible_staff(user).select_related("person__rank", "academy_unit", "position"), pk=pk)
    forms = {}
    if may_keep(user, member):
        initial = {f: getattr(member, f) for f in ProfileForm.base_fields if f != "rank"} | {"rank": member.person.rank}
        forms = {"profile": ProfileForm(initial=initial), "development": DevelopmentForm()}
        acting = request.POST.get("form") if request.method == "POST" else None
        if acting in forms:
            form = forms[acting] = (ProfileForm if acting == "profile" else DevelopmentForm)(request.POST)
            if form.is_valid():
                try:
                    if acting == "profile":
                        services.profile_update(actor=user, member=member, **form.cleaned_data)
                    else:
                        services.development_add(actor=user, member=member, **form.cleaned_data)
                except DomainError as exc:
                    form_errors_from(form, exc)
                else:
                    return redirect("staff:detail", pk=pk)
    return render(request, "staff/detail.html", {"member": member, "may_lecture": queries.may_lecture(member),
                                                 "developments": member.developments.all(), "forms": forms})


@role_required(*HUB_READERS)
def hub_pool(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = HubTrainerForm(request.POST or None) if user.has_role(*KEEPERS) else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.hub_trainer_add(actor=user, person=data.pop("identifier"), **data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("staff:hub")
    trainers = HubTrainer.objects.select_related("person__agency")
    return render(request, "staff/hub.html", {"trainers": trainers, "form": form})
