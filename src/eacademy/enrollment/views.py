from collections.abc import Callable

from django.contrib import messages
from django.db.models import BooleanField, ExpressionWrapper
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.core.access import role_required, signed_in, signed_in_user
from eacademy.core.documents import pdf_file_response, pdf_response
from eacademy.core.errors import DomainError
from eacademy.core.numbers import as_id, id_or_404
from eacademy.core.pages import act_and_return
from eacademy.core.roles import Role
from eacademy.enrollment import queries, services
from eacademy.enrollment.forms import NominateForm
from eacademy.enrollment.imports import read_nominations
from eacademy.enrollment.models import Application, Enrollment, Group
from eacademy.enrollment.rules import NOMINATORS, ORDER_READERS, PLANNERS, ROSTER_READERS, SIGNERS
from eacademy.org.models import Agency
from eacademy.people.models import Person
from eacademy.people.queries import agency_id_of, visible_to
from eacademy.people.queries import search as people_search
from eacademy.planning.models import Offering
from eacademy.planning.queries import offerings_visible_to


@signed_in
def index(request: HttpRequest) -> HttpResponse:
    """/enrollment/ leads to the user's work there: the applications to decide, or his own courses."""
    return redirect("enrollment:applications" if signed_in_user(request).has_role(*NOMINATORS, *ROSTER_READERS) else "enrollment:my_courses")


WITHDRAWABLE = {Application.Status.SUBMITTED, Application.Status.AGENCY_APPROVED, Application.Status.WAITLISTED, Application.Status.ACCEPTED}


@signed_in
def my_courses(request: HttpRequest) -> HttpResponse:
    applications = list(queries.my_courses(signed_in_user(request)))
    today = timezone.localdate()
    for application in applications:  # withdrawing is offered only while it means something: before the course begins
        application.withdrawable = application.status in WITHDRAWABLE and application.offering.starts_on > today  # type: ignore[attr-defined]
    return render(request, "enrollment/my_courses.html", {"applications": applications})



@signed_in
@require_POST
def offering_apply(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    offering = get_object_or_404(offerings_visible_to(user), pk=pk)
    person = Person.objects.filter(user=user).first()
    if person is None:
        messages.error(request, _("Your login is not linked to a person: ask the administrator."))
        return redirect(offering)
    return act_and_return(request, lambda: services.application_submit(actor=user, offering=offering, person=person), _("Your application is sent to your agency."), "/enrollment/my/")


@role_required(*NOMINATORS)
def offering_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    """Nominate people to a course: find each by name or IIN among those the user may
    nominate, see who is already nominated from his reach, and nominate with one click."""
    user = signed_in_user(request)
    offering = get_object_or_404(offerings_visible_to(user).select_related("version__programme"), pk=pk)
    people = visible_to(user)
    form = NominateForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        person = form.nominee
        try:
            services.application_submit(actor=user, offering=offering, person=person)
        except DomainError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s is nominated to the course.") % {"name": person.full_name})
            return redirect("enrollment:offering_nominate", pk=offering.pk)
    text = request.GET.get("q", "")[:100].strip()
    nominated = queries.applications_visible_to(user).filter(offering=offering).select_related("person").order_by("person__last_name", "pk")
    # those the programme is for first; the others are listed with the reason beside the name
    fits = ExpressionWrapper(queries.in_categories(offering.version.target_categories), output_field=BooleanField())
    found = list(people_search(people, text).exclude(applications__offering=offering).select_related("position", "unit").annotate(fits=fits)
                 .order_by("-fits", "last_name", "first_name", "pk")[:20]) if text else []
    return render(request, "enrollment/nominate.html", {"offering": offering, "form": form, "q": text, "found": found, "nominated": nominated},
                  status=422 if form.errors else 200)


@role_required(*NOMINATORS, *ROSTER_READERS)
def applications(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Application.Status.SUBMITTED)
    status = status if status in Application.Status.values else Application.Status.SUBMITTED
    user = signed_in_user(request)
    rows = queries.applications_visible_to(user).filter(status=status).order_by("offering__starts_on", "created_at")[:500]
    agency_id = agency_id_of(user) if user.has_role(Role.AGENCY_COORDINATOR) else None
    quota_use = queries.agency_quota_use(agency_id, timezone.localdate().year + 1) if agency_id else None
    return render(request, "enrollment/applications.html", {
        "rows": rows, "status": status, "statuses": Application.Status.choices, "quota_use": quota_use,
        "can_reject": user.has_role(*PLANNERS),
    })


@role_required(*PLANNERS)
@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    return act_and_return(
        request,
        lambda: services.application_reject(actor=signed_in_user(request), application=application, reason=request.POST.get("reason", "")),
        _("The application is rejected."),
        f"/enrollment/offerings/{application.offering_id}/roster/",
    )


@role_required(*NOMINATORS)
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    application = get_object_or_404(queries.applications_visible_to(user), pk=pk)
    approve = request.POST.get("decision") == "approve"
    return act_and_return(
        request,
        lambda: services.application_agency_decide(actor=user, application=application, approve=approve, reason=request.POST.get("reason", "")),
        _("The application is approved.") if approve else _("The application is declined."),
        "/enrollment/applications/",
    )


@signed_in
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    application = get_object_or_404(queries.applications_visible_to(user), pk=pk)
    return act_and_return(request, lambda: services.application_withdraw(actor=user, application=application), _("The application is withdrawn."), "/enrollment/my/")


@role_required(*ROSTER_READERS)
def roster(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    offering = get_object_or_404(Offering.objects.select_related("version__programme"), pk=pk)
    return render(request, "enrollment/roster.html", {
        "offering": offering, "enrollments": queries.roster(offering), "waitlist": queries.waitlist(offering),
        "pending": queries.pending(offering), "quota_use": queries.quota_use(offering), "groups": offering.groups.all(),
        "can_act": user.has_role(*PLANNERS), "reasons": Enrollment.ExpulsionReason.choices,
    })


@role_required(*PLANNERS)
@require_POST
def roster_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept in bulk the chosen applications approved by agencies (oldest first)."""
    offering = get_object_or_404(Offering, pk=pk)
    chosen = [key for key in map(as_id, request.POST.getlist("application")) if key is not None]
    return act_and_return(request, lambda: services.applications_accept(actor=signed_in_user(request), offering=offering, application_ids=chosen), _("The applications are processed: accepted within seats and quotas, the rest waitlisted."), f"/enrollment/offerings/{pk}/roster/")


@role_required(*PLANNERS)
@require_POST
def roster_groups(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering, pk=pk)
    try:
        size = int(request.POST.get("max_size", ""))
    except ValueError:
        size = 0
    return act_and_return(request, lambda: services.groups_form(actor=signed_in_user(request), offering=offering, max_size=size), _("The groups are formed."), f"/enrollment/offerings/{pk}/roster/")


@role_required(*PLANNERS)
@require_POST
def enrollment_action(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    enrollment = get_object_or_404(Enrollment, pk=pk)
    action = request.POST.get("action", "")
    acts: dict[str, Callable[[], object]] = {
        "leave": lambda: services.enrollment_leave(actor=user, enrollment=enrollment),
        "restore": lambda: services.enrollment_restore(actor=user, enrollment=enrollment),
        "expel": lambda: services.enrollment_expel(actor=user, enrollment=enrollment, reason=request.POST.get("reason", "")),
        "group": lambda: services.enrollment_transfer(
            actor=user, enrollment=enrollment, to_group=id_or_404(Group.objects.filter(offering_id=enrollment.offering_id), request.POST.get("group"))
        ),
    }
    back = f"/enrollment/offerings/{enrollment.offering_id}/roster/"
    if action not in acts:
        messages.error(request, _("Unknown action."))
        return redirect(back)
    return act_and_return(request, acts[action], _("Done: the line is added to your draft order."), back)


@role_required(*ORDER_READERS)
def order_list(request: HttpRequest) -> HttpResponse:
    return render(request, "enrollment/order_list.html", {"orders": queries.orders(signed_in_user(request))[:200],
                                                          "can_sign": signed_in_user(request).has_role(*SIGNERS)})


@role_required(*ORDER_READERS)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(queries.orders(signed_in_user(request)), pk=pk)
    return render(request, "enrollment/order_detail.html", {"order": order, "lines": queries.order_lines(order), "can_sign": signed_in_user(request).has_role(*SIGNERS)})


@role_required(*SIGNERS)
@require_POST
def order_sign(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(queries.orders(signed_in_user(request)), pk=pk)
    return act_and_return(request, lambda: services.order_sign(actor=signed_in_user(request), order=order), _("The order is signed."), f"/enrollment/orders/{pk}/")


@role_required(*ORDER_READERS)
def order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(queries.orders(signed_in_user(request)), pk=pk)
    filename = f"order-{order.number or 'draft'}-{order.year}.pdf"
    if order.signed_pdf:
        return pdf_file_response(bytes(order.signed_pdf), filename)
    return pdf_response("enrollment/order_pdf.html", {"order": order, "lines": queries.order_lines(order)}, filename)


@role_required(*NOMINATORS)
@require_POST
def offering_nominations_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Nominate a whole list from Excel: applied whole, or every bad row shown and nothing applied."""
    user = signed_in_user(request)
    offering = get_object_or_404(offerings_visible_to(user), pk=pk)
    agency_id = request.POST.get("agency") if user.has_role(*PLANNERS) else agency_id_of(user)
    agency = Agency.objects.filter(pk=as_id(agency_id) or 0).first()
    upload = request.FILES.get("file")
    errors: list[str] = []
    if agency is None:
        errors.append(_("Choose the agency whose people are on the list."))
    elif upload is None:
        errors.append(_("Choose the Excel file with the list."))
    else:
        try:
            count = services.nominations_import(actor=user, offering=offering, agency=agency, rows=read_nominations(upload))
        except DomainError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("%(count)s people are nominated from the list.") % {"count": count})
            return redirect(offering)
    return render(request, "enrollment/import_errors.html", {"offering": offering, "errors": errors}, status=422)
