from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.core.access import role_required, signed_in, signed_in_user
from eacademy.core.documents import dated_filename, pdf_response, xlsx_response
from eacademy.core.errors import DomainError
from eacademy.core.numbers import query_year
from eacademy.core.roles import Role
from eacademy.org.models import Agency
from eacademy.org.queries import agencies_visible_to
from eacademy.planning import queries, services
from eacademy.planning.forms import NeedForm, OfferingForm, QuotaForm
from eacademy.planning.models import Offering
from eacademy.planning.rules import NEED_WRITERS, PLAN_READERS, PLANNERS


def _year(request: HttpRequest) -> int:
    return query_year(request) or timezone.localdate().year


def _apply_errors(form: object, exc: DomainError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)  # type: ignore[attr-defined]


@role_required(*NEED_WRITERS, *PLAN_READERS)
def need_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = _year(request)
    needs = queries.needs_visible_to(user).filter(year=year)
    form = NeedForm(request.POST or None, agencies=agencies_visible_to(user)) if user.has_role(*NEED_WRITERS) else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                services.need_submit(actor=user, **form.cleaned_data)
            except DomainError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The need is recorded."))
                return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    return render(request, "planning/need_list.html", {"needs": needs, "form": form, "year": year}, status=422 if form is not None and form.errors else 200)


@role_required(*NEED_WRITERS)
@require_POST
def need_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(queries.needs_visible_to(signed_in_user(request)), pk=pk)
    try:
        services.need_withdraw(actor=signed_in_user(request), need=need)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The need is withdrawn."))
    return redirect(f"/plan/needs/?year={need.year}")


@role_required(*PLAN_READERS)
def needs_consolidated(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(request, "planning/needs_consolidated.html", {"rows": queries.needs_consolidated(year), "year": year})


def _plan(request: HttpRequest) -> tuple[int, object]:
    year = _year(request)
    return year, queries.plan(queries.offerings_visible_to(signed_in_user(request)), year)


@signed_in
def plan(request: HttpRequest) -> HttpResponse:
    year, offerings = _plan(request)
    user = signed_in_user(request)
    return render(request, "planning/plan.html", {"offerings": offerings, "year": year, "can_plan": user.has_role(*PLANNERS)})


def _plan_rows(offerings: object) -> list[list[object]]:
    return [
        [o.version.programme.name, o.version.programme.get_kind_display(), o.starts_on, o.ends_on, o.place, o.capacity,
         o.get_language_display(), o.get_study_format_display(), str(o.department), o.get_status_display()]
        for o in offerings  # type: ignore[attr-defined]
    ]


def _plan_header() -> list[str]:
    return [_("Programme"), _("Kind"), _("Starts on"), _("Ends on"), _("Place"), _("Seats"), _("Language"), _("Format"), _("Department"), _("Status")]


@signed_in
def plan_xlsx(request: HttpRequest) -> HttpResponse:
    year, offerings = _plan(request)
    return xlsx_response(_("Plan %(year)s") % {"year": year}, _plan_header(), _plan_rows(offerings), dated_filename("plan", year, extension="xlsx"))


@signed_in
def plan_pdf(request: HttpRequest) -> HttpResponse:
    year, offerings = _plan(request)
    return pdf_response("planning/plan_pdf.html", {"year": year, "header": _plan_header(), "rows": _plan_rows(offerings)}, dated_filename("plan", year, extension="pdf"))


@role_required(*PLANNERS)
def offering_create(request: HttpRequest) -> HttpResponse:
    form = OfferingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offering = services.offering_create(actor=signed_in_user(request), **form.cleaned_data)
        except DomainError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The offering is added to the plan as a draft."))
            return redirect(offering)
    return render(request, "planning/offering_form.html", {"form": form}, status=422 if form.errors else 200)


def _quota_form(request: HttpRequest, offering: Offering) -> QuotaForm:
    agencies = list(Agency.objects.filter(is_active=True))
    current = dict(offering.quotas.values_list("agency_id", "seats"))
    return QuotaForm(request.POST or None, agencies=agencies, current=current)


@signed_in
def offering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    offering = get_object_or_404(queries.offerings_visible_to(user).select_related("version__programme__department"), pk=pk)
    can_plan = user.has_role(*PLANNERS)
    return render(request, "planning/offering_detail.html", {
        "offering": offering, "quotas": offering.quotas.select_related("agency"), "can_plan": can_plan,
        "quota_form": _quota_form(request, offering) if can_plan else None,
        "can_nominate": user.has_role(*PLANNERS, Role.AGENCY_COORDINATOR),
        "can_see_roster": user.has_role(*PLAN_READERS),
    })


@role_required(*PLANNERS)
@require_POST
def offering_quotas(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering, pk=pk)
    form = _quota_form(request, offering)
    if not form.is_valid():
        messages.error(request, _("Seats are whole numbers from 0 to 1,000."))
        return redirect(offering)
    try:
        services.offering_set_quotas(actor=signed_in_user(request), offering=offering, seats_by_agency=form.seats())
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The quotas are saved."))
    return redirect(offering)


@role_required(*PLANNERS)
@require_POST
def offering_publish(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering, pk=pk)
    action = services.offering_cancel if request.POST.get("action") == "cancel" else services.offering_publish
    try:
        action(actor=signed_in_user(request), offering=offering)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The offering is cancelled.") if action is services.offering_cancel else _("The offering is published."))
    return redirect(offering)


