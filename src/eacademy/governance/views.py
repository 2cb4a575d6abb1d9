import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.core.access import public, role_required, signed_in, signed_in_user
from eacademy.core.documents import dated_filename, pdf_file_response, pdf_response, xlsx_response
from eacademy.core.errors import DomainError
from eacademy.core.file_types import PDF, content_type
from eacademy.core.pages import act_and_return, act_on_form, form_errors_from
from eacademy.core.signing import verify_pdf
from eacademy.core.uploads import read_upload
from eacademy.governance import queries, services
from eacademy.governance.forms import (
    AgendaForm,
    AnswerForm,
    AppealForm,
    DecisionForm,
    EventForm,
    EventReportForm,
    ExtensionForm,
    MeetingForm,
    MemberForm,
    OrderForm,
    ProgressForm,
    ProposalDecisionForm,
    ProposalForm,
    VerifyForm,
    VisaForm,
    VisaRouteForm,
)
from eacademy.governance.models import (
    AgendaItem,
    CalendarDay,
    Council,
    Decision,
    EducationalEvent,
    Measure,
    Meeting,
    Member,
    Order,
    Proposal,
    Recommendation,
    Visa,
)
from eacademy.governance.rules import PROPOSERS, READERS, SECRETARIES, SIGNERS

# --- Councils ----------------------------------------------------------------------------------


@role_required(*READERS)
def councils(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/councils.html", {"councils": queries.councils()})


@role_required(*READERS)
def council(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    council = get_object_or_404(Council, pk=pk)
    member_form, meeting_form = MemberForm(request.POST if "user" in request.POST else None), MeetingForm(request.POST if "held_on" in request.POST else None)
    for form, act in ((member_form, lambda d: services.member_set(actor=user, council=council, user=d["user"], role=d["role"])),
                      (meeting_form, lambda d: services.meeting_plan(actor=user, council=council, held_on=d["held_on"], place=d["place"]))):
        if form.is_bound and form.is_valid():
            try:
                done = act(form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(done.get_absolute_url() if isinstance(done, Meeting) else council.get_absolute_url())
    return render(request, "governance/council.html", {
        "council": council, "members": council.members.select_related("user"), "meetings": queries.meetings_of(council),
        "member_form": member_form, "meeting_form": meeting_form, "can_manage": user.has_role(*SECRETARIES),
    }, status=422 if member_form.errors or meeting_form.errors else 200)


@role_required(*SECRETARIES)
@require_POST
def member_remove(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    seat = get_object_or_404(Member, pk=member, council_id=pk)
    return act_and_return(request, lambda: services.member_remove(actor=signed_in_user(request), member=seat), _("Saved."), f"/governance/councils/{pk}/")


@role_required(*READERS)
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    agenda_form = AgendaForm(request.POST if "title" in request.POST else None)
    if agenda_form.is_bound and agenda_form.is_valid():
        try:
            services.agenda_add(actor=user, meeting=meeting, **agenda_form.cleaned_data)
        except DomainError as exc:
            form_errors_from(agenda_form, exc)
        else:
            return redirect(meeting.get_absolute_url())
    present = set(meeting.present.values_list("pk", flat=True))
    items = meeting.items.select_related("decision").order_by("position")
    return render(request, "governance/meeting.html", {
        "meeting": meeting, "items": items, "members": meeting.council.members.select_related("user"), "present": present,
        "quorum": queries.has_quorum(meeting, len(present)), "agenda_form": agenda_form, "decision_form": DecisionForm(),
        "can_manage": user.has_role(*SECRETARIES),
    }, status=422 if agenda_form.errors else 200)


@role_required(*SECRETARIES)
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    chosen = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
    members = [m.user for m in meeting.council.members.select_related("user") if m.user_id in chosen]
    if len(members) != len(set(chosen)):
        messages.error(request, _("Only members of the council are counted as present."))
        return redirect(meeting.get_absolute_url())
    return act_and_return(request, lambda: services.attendance_record(actor=signed_in_user(request), meeting=meeting, present=members),
                          _("The attendance is recorded."), meeting.get_absolute_url())


@role_required(*SECRETARIES)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    return act_on_form(request, DecisionForm(request.POST), lambda data: services.decision_record(actor=signed_in_user(request), item=item, **data),
                       _("The decision is recorded."), item.meeting.get_absolute_url())


@role_required(*READERS)
def extract(request: HttpRequest, pk: int) -> HttpResponse:
    """An extract from the minutes: the question and the decision taken on it."""
    decision = get_object_or_404(Decision.objects.select_related("item__meeting__council"), pk=pk)
    meeting = decision.item.meeting
    return pdf_response("governance/extract.pdf.html", {"decision": decision, "meeting": meeting, "present": meeting.present.count()},
                        dated_filename("extract", meeting.council.kind, meeting.number, decision.item.position, extension="pdf"))


# --- Orders ------------------------------------------------------------------------------------


@signed_in
def orders(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    chosen = request.GET.get("kind", "")
    rows = queries.orders_visible_to(user).order_by("-year", "status", "-number", "-id")
    if chosen in Order.Kind.values:
        rows = rows.filter(kind=chosen)
    return render(request, "governance/orders.html", {"orders": rows[:300], "kinds": Order.Kind.choices, "chosen": chosen,
                                                      "can_draft": user.has_role(*SECRETARIES)})


def _order_form_save(request: HttpRequest, form: OrderForm, order: Order | None) -> HttpResponse | None:
    if not (form.is_bound and form.is_valid()):
        return None
    try:
        saved = services.order_draft(actor=signed_in_user(request), order=order, **form.cleaned_data)
    except DomainError as exc:
        form_errors_from(form, exc)
        return None
    messages.success(request, _("The draft is saved."))
    return redirect(saved.get_absolute_url())


@role_required(*SECRETARIES)
def order_new(request: HttpRequest) -> HttpResponse:
    form = OrderForm(request.POST or None)
    done = _order_form_save(request, form, None)
    return done or render(request, "governance/order_form.html", {"form": form}, status=422 if form.errors else 200)


@role_required(*SECRETARIES)
def order_edit(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(queries.orders_visible_to(signed_in_user(request)).exclude(kind__in=services.LINE_KINDS), pk=pk)
    initial = {"kind": order.kind, "title_kk": order.title_kk, "title_ru": order.title_ru, "text_kk": order.text_kk, "text_ru": order.text_ru,
               "decision": order.decision_id, "official_use": order.official_use, "readers": order.readers, "concerned": list(order.concerned.all())}
    form = OrderForm(request.POST or None, initial=initial)
    done = _order_form_save(request, form, order)
    return done or render(request, "governance/order_form.html", {"form": form, "order": order}, status=422 if form.errors else 200)


@signed_in
def order(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    order = get_object_or_404(queries.orders_visible_to(user).select_related("decision__item__meeting__council"), pk=pk)
    if order.kind == Order.Kind.MOVEMENT:
        return redirect(order.get_absolute_url())
    visas = list(order.visas.select_related("visor", "unit"))
    mine = next((v for v in visas if v.visor_id == user.pk and v.status == Visa.Status.PENDING and order.status == Order.Status.DRAFT), None)
    return render(request, "governance/order.html", {
        "order": order, "visas": visas, "mine": mine, "visa_form": VisaForm(), "route_form": VisaRouteForm(),
        "can_draft": user.has_role(*SECRETARIES) and order.kind not in services.LINE_KINDS,
        "can_sign": user.has_role(*SIGNERS) and order.kind not in services.LINE_KINDS, "concerned": order.concerned.all(),
    })


@role_required(*SECRETARIES)
@require_POST
def order_route(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(queries.orders_visible_to(signed_in_user(request)), pk=pk)
    form = VisaRouteForm(request.POST)
    return act_on_form(request, form, lambda _data: services.visa_route_set(actor=signed_in_user(request), order=order, route=form.route()),
                       _("The approval route is set: the visas are asked."), f"/governance/orders/{pk}/")


@signed_in
@require_POST
def visa(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    visa = get_object_or_404(Visa.objects.select_related("order"), pk=pk, visor=user)
    return act_on_form(request, VisaForm(request.POST), lambda data: services.visa_decide(actor=user, visa=visa, **data),
                       _("Your visa is given."), f"/governance/orders/{visa.order_id}/")


@role_required(*SIGNERS)
@require_POST
def order_sign(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(queries.orders_visible_to(signed_in_user(request)), pk=pk)
    return act_and_return(request, lambda: services.order_sign(actor=signed_in_user(request), order=order), _("The order is signed."), f"/governance/orders/{pk}/")


@signed_in
def order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(queries.orders_visible_to(signed_in_user(request)), pk=pk)
    filename = dated_filename("order", order.kind, order.number or "draft", order.year, extension="pdf")
    if order.signed_pdf:
        return pdf_file_response(bytes(order.signed_pdf), filename)
    if order.kind in services.LINE_KINDS:
        raise Http404
    return pdf_file_response(services.order_print(order), filename)


@public
def verify(request: HttpRequest) -> HttpResponse:
    """The public verification of a signed PDF: anyone uploads it and learns whether the
    signature is valid, whose it is, when it was made, and that nothing changed since."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if form.is_bound and form.is_valid():
        try:
            data = read_upload(form.cleaned_data["document"], "document")
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            if content_type(data) != PDF:
                form.add_error("document", _("The file is not a PDF."))
            else:
                result = verify_pdf(data)
    return render(request, "governance/verify.html", {"form": form, "result": result}, status=422 if form.errors else 200)


# --- Appeals -----------------------------------------------------------------------------------


@signed_in
def appeals(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = AppealForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if form.is_bound:
        if not user.has_role(*SECRETARIES):
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                appeal = services.appeal_register(actor=user, **form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Appeal %(number)s is registered; it is due by %(date)s.") % {"number": appeal, "date": appeal.deadline.strftime("%d.%m.%Y")})
                return redirect(appeal.get_absolute_url())
    shown = request.GET.get("status", "open")
    rows = queries.appeals_visible_to(user).order_by("deadline" if shown == "open" else "-received_on")
    if shown in ("open", "answered"):
        rows = rows.filter(status=shown)
    return render(request, "governance/appeals.html", {"appeals": rows[:300], "form": form, "shown": shown, "today": timezone.localdate(),
                                                       "can_register": user.has_role(*SECRETARIES)}, status=422 if form.errors else 200)


@signed_in
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    appeal = get_object_or_404(queries.appeals_visible_to(user), pk=pk)
    answer_form = AnswerForm(request.POST or None, request.FILES or None, initial={"answered_on": timezone.localdate()})
    if answer_form.is_bound and answer_form.is_valid():
        document = answer_form.cleaned_data["document"]
        try:
            data = read_upload(document, "document") if document else None
            if data is not None and content_type(data) != PDF:
                raise DomainError({"document": [_("The answer document is a PDF.")]})
            services.appeal_answer(actor=user, appeal=appeal, answer=answer_form.cleaned_data["answer"], document=data,
                                   filename=document.name if document else "", answered_on=answer_form.cleaned_data["answered_on"])
        except DomainError as exc:
            form_errors_from(answer_form, exc)
        else:
            messages.success(request, _("The answer is recorded."))
            return redirect(appeal.get_absolute_url())
    return render(request, "governance/appeal.html", {
        "appeal": appeal, "extensions": appeal.extensions.select_related("decided_by"), "answer_form": answer_form,
        "extension_form": ExtensionForm(), "can_answer": appeal.status == "open" and (user.has_role(*SECRETARIES) or appeal.assignee_id == user.pk),
        "can_extend": appeal.status == "open" and user.has_role(*SIGNERS), "today": timezone.localdate(),
    }, status=422 if answer_form.errors else 200)


@role_required(*SIGNERS)
@require_POST
def appeal_extend(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = get_object_or_404(queries.appeals_visible_to(signed_in_user(request)), pk=pk)
    return act_on_form(request, ExtensionForm(request.POST), lambda data: services.appeal_extend(actor=signed_in_user(request), appeal=appeal, **data),
                       _("The deadline is extended."), appeal.get_absolute_url())


@signed_in
def appeal_document(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = get_object_or_404(queries.appeals_visible_to(signed_in_user(request)).exclude(answer_file=None), pk=pk)
    return pdf_file_response(bytes(appeal.answer_file or b""), dated_filename("answer", appeal.year, appeal.number, extension="pdf"))


@role_required(*READERS)
def overdue(request: HttpRequest) -> HttpResponse:
    """Appeals past their deadline: still unanswered, and answered late."""
    today = timezone.localdate()
    rows = list(queries.overdue(today))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(_("Overdue appeals"), [_("Number"), _("Received on"), _("Applicant"), _("Subject"), _("Unit"), _("Executor"),
                                                    _("Deadline"), _("Answered on"), _("Days overdue")],
                             ([str(a), a.received_on, a.applicant, a.subject, a.unit.name, a.assignee.get_full_name() if a.assignee else "",
                               a.deadline, a.answered_on, ((a.answered_on or today) - a.deadline).days] for a in rows),
                             dated_filename("overdue-appeals", extension="xlsx"))
    return render(request, "governance/overdue.html", {"appeals": rows, "today": today})


@role_required(*READERS)
def calendar(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    years = queries.calendar_years()
    wanted = request.GET.get("year", "")
    year = int(wanted) if wanted.isdigit() and 2000 <= int(wanted) <= 2100 else timezone.localdate().year
    if request.method == "POST":
        if not user.has_role(*SECRETARIES):
            return render(request, "403.html", status=403)
        count = services.calendar_fill(actor=user, year=year)
        messages.success(request, _("%(count)s days of %(year)s are added to the calendar.") % {"count": count, "year": year})
        return redirect(f"/governance/calendar/?year={year}")
    return render(request, "governance/calendar.html", {"days": CalendarDay.objects.filter(date__year=year), "year": year, "years": years,
                                                        "can_manage": user.has_role(*SECRETARIES)})


# --- Quality, strategy and educational work ----------------------------------------------------


@role_required(*READERS)
def quality(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(request, "governance/quality.html", {
        "measures": Measure.objects.select_related("unit"), "recommendations": Recommendation.objects.select_related("unit"),
        "iqaa": queries.iqaa_fulfilment(), "target": queries.IQAA_TARGET, "plan": queries.action_plan_fulfilment(today.year), "year": today.year,
        "progress_form": ProgressForm(), "can_manage": signed_in_user(request).has_role(*SECRETARIES),
    })


@role_required(*SECRETARIES)
@require_POST
def progress(request: HttpRequest, what: str, pk: int) -> HttpResponse:
    if what not in ("measure", "recommendation"):
        raise Http404
    item = get_object_or_404(Measure if what == "measure" else Recommendation, pk=pk)
    return act_on_form(request, ProgressForm(request.POST), lambda data: services.progress_record(actor=signed_in_user(request), item=item, **data),
                       _("Saved."), "/governance/quality/")


@role_required(*PROPOSERS)
def proposals(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ProposalForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            services.proposal_submit(actor=user, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Thank you: your proposal is in the register."))
            return redirect("governance:proposals")
    return render(request, "governance/proposals.html", {"proposals": Proposal.objects.select_related("author", "unit")[:300], "form": form,
                                                         "decision_form": ProposalDecisionForm(), "can_manage": user.has_role(*SECRETARIES)},
                  status=422 if form.errors else 200)


@role_required(*SECRETARIES)
@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk)
    return act_on_form(request, ProposalDecisionForm(request.POST),
                       lambda data: services.proposal_decide(actor=signed_in_user(request), proposal=proposal, **data), _("Saved."), "/governance/proposals/")


@role_required(*READERS)
def education(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = EventForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            services.educational_event_plan(actor=user, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("governance:education")
    year = timezone.localdate().year
    events = EducationalEvent.objects.filter(held_on__gte=datetime.date(year - 1, 9, 1)).select_related("unit").prefetch_related("participants")
    student_council = Council.objects.filter(kind=Council.Kind.STUDENTS).first()
    return render(request, "governance/education.html", {"events": events, "form": form, "report_form": EventReportForm(),
                                                         "student_council": student_council, "can_manage": user.has_role(*SECRETARIES)},
                  status=422 if form.errors else 200)


@role_required(*SECRETARIES)
@require_POST
def education_report(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(EducationalEvent, pk=pk)
    return act_on_form(request, EventReportForm(request.POST),
                       lambda data: services.educational_event_report(actor=signed_in_user(request), event=event, participants=event.participants.all(), **data),
                       _("Saved."), "/governance/education/")
