from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_countries import countries

from eacademy.core.access import public, role_required, signed_in_user
from eacademy.core.documents import dated_filename, pdf_response, xlsx_response
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.core.uploads import read_upload
from eacademy.events import documents, participants_import, queries, services
from eacademy.events.forms import EventForm, InviteForm, ParticipantAddForm, RegistrationForm, SessionForm
from eacademy.events.models import BadgeTemplate, Event, Expert, Format, Registration, Session
from eacademy.events.rules import ORGANISERS, READERS
from eacademy.staff.models import HubArea


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(*READERS)
def event_list(request: HttpRequest) -> HttpResponse:
    events = queries.events_visible_to(signed_in_user(request)).order_by("-starts_on")[:300]
    return render(request, "events/list.html", {"events": events, "is_organiser": signed_in_user(request).has_role(*ORGANISERS)})


@role_required(*ORGANISERS)
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            event = services.event_create(actor=signed_in_user(request), partners=data.pop("partners"), **data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The event is created: add its sessions, then open it for registration."))
            return redirect(event)
    return render(request, "events/form.html", {"form": form}, status=422 if form.errors else 200)


@role_required(*READERS)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    event = get_object_or_404(queries.events_visible_to(user).select_related("unit").prefetch_related("partners"), pk=pk)
    sessions = event.sessions.prefetch_related(Prefetch("speakers", to_attr="speaker_list"))
    session_form = SessionForm(request.POST if "title" in request.POST else None)
    invite_form = InviteForm(request.POST if "emails" in request.POST else None)
    add_form = ParticipantAddForm(request.POST if "add-iin" in request.POST else None, event=event, prefix="add")
    if request.method == "POST" and user.has_role(*ORGANISERS):
        if session_form.is_bound and session_form.is_valid():
            data = dict(session_form.cleaned_data)
            try:
                services.session_add(actor=user, event=event, speakers=data.pop("speakers"), **data)
            except DomainError as exc:
                form_errors_from(session_form, exc)
            else:
                messages.success(request, _("The session is added."))
                return redirect(event)
        if invite_form.is_bound and invite_form.is_valid():
            try:
                made = services.invitations_send(actor=user, event=event, **invite_form.cleaned_data)
            except DomainError as exc:
                form_errors_from(invite_form, exc)
            else:
                messages.success(request, _("%(count)s invitations are sent by e-mail. Their links, should you need to pass one on yourself: %(links)s")
                                 % {"count": len(made), "links": " ".join(link for _invitation, link in made)})
                return redirect(event)
        if add_form.is_bound and add_form.is_valid():
            data = {k: v for k, v in add_form.cleaned_data.items() if k != "iin" and v not in (None, "")}
            person = add_form.cleaned_data["iin"]
            try:
                added = services.participant_add(actor=user, event=event, person=person, **({} if person else data))
            except DomainError as exc:
                form_errors_from(add_form, exc)
            else:
                messages.success(request, _("%(name)s is added: %(status)s.") % {"name": added, "status": added.get_status_display()})
                return redirect(event)
    invitations = event.invitations.select_related("registration").order_by("-sent_at")[:200]
    return render(request, "events/detail.html", {"badge_templates": BadgeTemplate.objects.all(),
        "event": event, "sessions": sessions, "participants": queries.participants(event), "invitations": invitations,
        "session_form": session_form, "invite_form": invite_form, "add_form": add_form, "is_organiser": user.has_role(*ORGANISERS), "today": timezone.localdate(),
    }, status=422 if session_form.errors or invite_form.errors or add_form.errors else 200)


@role_required(*ORGANISERS)
@require_POST
def event_open(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    return act_and_return(request, lambda: services.event_open(actor=signed_in_user(request), event=event), _("Registration is open."), event.get_absolute_url())


@role_required(*ORGANISERS)
@require_POST
def participants_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose an Excel file."))
        return redirect(event)

    def act() -> object:
        rows = participants_import.read(read_upload(upload, "spreadsheet"), event)
        return services.participants_import(actor=signed_in_user(request), event=event, participants=rows)

    return act_and_return(request, act, _("The participants of the list are added."), event.get_absolute_url())


@role_required(*ORGANISERS)
@require_POST
def certificates_issue(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    return act_and_return(request, lambda: services.certificates_issue(actor=signed_in_user(request), event=event),
                          _("Certificates are issued to the participants who came."), event.get_absolute_url())


@role_required(*READERS)
@require_GET
def participants_export(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(queries.events_visible_to(signed_in_user(request)), pk=pk)
    header = [_("Last name"), _("First name"), _("Nationality"), _("Organisation"), _("Position"), _("Status"), _("Came")]
    rows = ([r.last_name, r.first_name, countries.name(r.nationality), r.organisation, r.position, r.get_status_display(), _("yes") if getattr(r, "came", False) else ""]
            for r in queries.participants(event))
    return xlsx_response(_("Participants"), header, rows, dated_filename("participants", event.starts_on, extension="xlsx"))


@role_required(*ORGANISERS)
@require_GET
def badges(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    approved = list(queries.participants(event).filter(status=Registration.Status.APPROVED))
    if not approved:
        messages.error(request, _("No approved participant yet: nothing to print."))
        return redirect(event)
    template = BadgeTemplate.objects.filter(pk=request.GET["template"]).first() if request.GET.get("template", "").isdigit() else None
    return _pdf(documents.badges_pdf(event, approved, template), dated_filename("badges", event.starts_on, extension="pdf"))


@public
@require_GET
def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's programme as iCalendar, for anyone it was announced to (not a draft)."""
    event = get_object_or_404(Event.objects.exclude(status=Event.Status.DRAFT), pk=pk)
    response = HttpResponse(queries.programme_ical(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="event-{event.pk}.ics"'
    return response


@public
@require_GET
def programme_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme as printed for the participants: sessions, rooms, speakers, in the event's languages."""
    event = get_object_or_404(Event.objects.exclude(status=Event.Status.DRAFT), pk=pk)
    sessions = event.sessions.prefetch_related(Prefetch("speakers", queryset=Expert.objects.select_related("person"), to_attr="speaker_list"))
    return pdf_response("events/programme.pdf.html", {"event": event, "sessions": sessions}, dated_filename("programme", event.starts_on, extension="pdf"))


@role_required(*READERS)
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event", "agency", "person"), pk=pk)
    return render(request, "events/participant.html", {
        "registration": registration, "is_organiser": signed_in_user(request).has_role(*ORGANISERS), "country": countries.name(registration.nationality),
        "check_ins": registration.check_ins.select_related("session"), "check_in_url": documents.check_in_url(registration),
    })


@role_required(*ORGANISERS)
@require_POST
def participant_decide(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration, pk=pk)
    approve = request.POST.get("decision") == "approve"
    return act_and_return(request, lambda: services.registration_decide(actor=signed_in_user(request), registration=registration, approve=approve),
                          _("The participant is approved.") if approve else _("The registration is declined."), registration.get_absolute_url())


@role_required(*ORGANISERS)
@require_GET
def visa_letter(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk, status=Registration.Status.APPROVED)
    user = signed_in_user(request)
    return _pdf(documents.visa_letter_pdf(registration, user.get_full_name() or user.username), dated_filename("visa-letter", registration.last_name, extension="pdf"))


@role_required(*ORGANISERS)
@require_GET
def badge(request: HttpRequest, pk: int) -> HttpResponse:
    """One badge on screen (as printed), e.g. to show on a phone at the door."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk, status=Registration.Status.APPROVED)
    return render(request, "events/badge.html", {"registration": registration, "check_in_url": documents.check_in_url(registration),
                                                 "country": countries.name(registration.nationality)})


@role_required(*ORGANISERS)
def check_in(request: HttpRequest, code: str) -> HttpResponse:
    """Where a badge's QR code leads an organiser's phone: who it is, and a button to check him in
    at the event or at one of its sessions."""
    registration = get_object_or_404(Registration.objects.select_related("event"), badge_code=code)
    sessions = registration.event.sessions.all()
    if request.method == "POST":
        session = get_object_or_404(Session, pk=request.POST["session"], event=registration.event) if request.POST.get("session") else None
        try:
            _check_in, new = services.check_in(actor=signed_in_user(request), badge_code=code, session=session)
        except DomainError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, (_("%(name)s is checked in.") if new else _("%(name)s was already checked in.")) % {"name": registration})
        return redirect("events:check_in", code=code)
    return render(request, "events/check_in.html", {"registration": registration, "sessions": sessions,
                                                    "check_ins": registration.check_ins.select_related("session")})


@role_required(*READERS)
@require_GET
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk, certificate_code__isnull=False)
    return _pdf(documents.certificate_pdf(registration), dated_filename("certificate", registration.last_name, extension="pdf"))


@public
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    registration = Registration.objects.select_related("event").filter(certificate_code=code).first()
    return render(request, "events/verify.html", {"registration": registration}, status=200 if registration else 404)


@public
def register(request: HttpRequest, token: str) -> HttpResponse:
    """The invited participant's form: no account, the link is the key, used once."""
    try:
        invitation = services.invitation_for(token)
    except DomainError as exc:
        return render(request, "events/closed.html", {"reason": exc.messages[0]}, status=404)
    if request.method == "POST" and request.POST.get("decline"):
        services.invitation_decline(token=token)
        return render(request, "events/closed.html", {"reason": _("Thank you: the organiser is told that you will not come.")})
    form = RegistrationForm(request.POST or None, event=invitation.event, initial={"email": invitation.email, "organisation": invitation.organisation})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
        try:
            registration = services.register_by_invitation(token=token, language=(request.LANGUAGE_CODE or "en")[:2], **data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            waiting = registration.status == Registration.Status.WAITLISTED
            return render(request, "events/closed.html", {"reason": _("Thank you: all seats are taken, and you are on the waiting list; we will write to you.")
                                                          if waiting else _("Thank you: your registration is received and awaits the organiser's approval.")})
    return render(request, "events/register.html", {"event": invitation.event, "form": form, "retention": queries.retention_periods()},
                  status=422 if form.errors else 200)


@role_required(*READERS)
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    figures = queries.statistics()
    by_country = [(countries.name(code), count) for code, count in figures.by_country]
    by_format = [(Format(code).label, count) for code, count in figures.events_by_format]
    by_area = [(HubArea(code).label, count) for code, count in figures.events_by_area]
    return render(request, "events/statistics.html", {"figures": figures, "by_country": by_country, "by_format": by_format, "by_area": by_area})


@role_required(*READERS)
@require_GET
def partners(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agreements = [(a, a.ends_soon(today)) for a in queries.agreements_overview()]
    return render(request, "events/partners.html", {"agreements": agreements, "today": today})


@role_required(*READERS)
@require_GET
def experts(request: HttpRequest) -> HttpResponse:
    return render(request, "events/experts.html", {"experts": queries.expert_pool()})


@role_required(*READERS)
@require_GET
def expert(request: HttpRequest, pk: int) -> HttpResponse:
    """A trainer's history: the sessions he taught, event by event."""
    found = get_object_or_404(Expert.objects.select_related("person"), pk=pk)
    sessions = found.sessions.select_related("event").order_by("-starts_at")
    return render(request, "events/expert.html", {"expert": found, "sessions": sessions,
                                                  "areas": [HubArea(a).label for a in found.areas if a in HubArea.values]})


