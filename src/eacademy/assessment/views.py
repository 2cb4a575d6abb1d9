"""Pages of the assessment centre. Experts' pages carry candidates' codes and nothing else of
them; organisers see names while preparing a session (they enrol the candidates), codes while
it is rated, and names again only after finalisation through an audited reveal."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.assessment import charts, queries, services
from eacademy.assessment.forms import CandidatesForm, ConflictForm, ConsensusForm, ExpertsForm, RatingForm, SessionForm
from eacademy.assessment.models import Anchor, Candidate, Exercise, Indicator, Session, SessionExpert
from eacademy.assessment.rules import EXPERTS, ORGANISERS, READERS, REVEALERS
from eacademy.core.access import role_required, signed_in_user
from eacademy.core.documents import pdf_response
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.core.roles import Role


@role_required(*READERS, Role.EXPERT)
def index(request: HttpRequest) -> HttpResponse:
    """Organisers: the sessions and a form for a new one. Experts: the candidates (codes) they rate."""
    user = signed_in_user(request)
    if not user.has_role(*READERS):
        return render(request, "assessment/expert_index.html", {"assignments": queries.assignments_of_expert(user)})
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        if not user.has_role(*ORGANISERS):
            raise Http404
        if form.is_valid():
            try:
                session = services.session_create(actor=user, **form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                return redirect("assessment:session", pk=session.pk)
    return render(request, "assessment/index.html", {"form": form, "can_organise": user.has_role(*ORGANISERS),
                                                      "sessions": queries.sessions_visible_to(user)[:50]})


def _session(request: HttpRequest, pk: int) -> Session:
    return get_object_or_404(queries.sessions_visible_to(signed_in_user(request)).select_related("position"), pk=pk)


@role_required(*READERS)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    session = _session(request, pk)
    show_names = session.status == Session.Status.DRAFT or queries.names_visible(user, session)
    candidates = list(session.candidates.select_related("person__agency", "person__unit") if show_names else session.candidates.only("pk", "code", "session_id"))
    experts = list(session.experts.select_related("person"))
    exercises = list(session.exercises.all())
    surnames = {e.pk: e.person.last_name for e in experts}
    cells: dict[tuple[int, int], list[str]] = {}
    loads: dict[int, int] = {}
    for candidate_id, exercise_id, expert_id, submitted_at in session.assignments.values_list("candidate_id", "exercise_id", "expert_id", "submitted_at"):
        cells.setdefault((candidate_id, exercise_id), []).append(surnames[expert_id] + ("✓" if submitted_at else ""))
        loads[expert_id] = loads.get(expert_id, 0) + 1
    matrix = [(c, [sorted(cells.get((c.pk, e.pk), [])) for e in exercises]) for c in candidates]
    organiser = user.has_role(*ORGANISERS)
    context = {"session": session, "show_names": show_names, "matrix": matrix, "exercises": exercises,
               "experts": [(e, loads.get(e.pk, 0)) for e in experts], "progress": queries.progress(session),
               "organiser": organiser, "can_reveal": user.has_role(*REVEALERS) and session.status == Session.Status.FINALISED,
               "revealed": show_names and session.status == Session.Status.FINALISED,
               "reveals": session.reveals.select_related("user")[:20],
               "unsettled": len(queries.discrepancies(session)) if session.status == Session.Status.RATING else 0}
    if organiser and session.status != Session.Status.FINALISED:
        context |= {"candidates_form": CandidatesForm(), "experts_form": ExpertsForm(), "conflict_form": ConflictForm(session=session)}
    return render(request, "assessment/session.html", context)


@role_required(*ORGANISERS)
@require_POST
def candidates_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = CandidatesForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("assessment:session", pk=pk)
    return act_and_return(request, lambda: services.candidates_add(actor=signed_in_user(request), session=session, people=form.cleaned_data["iins"]),
                          _("Candidates added with their codes."), reverse("assessment:session", args=[pk]))


@role_required(*ORGANISERS)
@require_POST
def experts_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = ExpertsForm(request.POST)
    people = form.cleaned_data["people"] if form.is_valid() else []
    return act_and_return(request, lambda: services.experts_add(actor=signed_in_user(request), session=session, people=people),
                          _("Experts added."), reverse("assessment:session", args=[pk]))


@role_required(*ORGANISERS)
@require_POST
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = ConflictForm(request.POST, session=session)

    def act() -> None:
        if not form.is_valid():
            raise DomainError(_("Choose the expert, the candidate and the kind of conflict."))
        data = form.cleaned_data
        services.conflict_declare(actor=signed_in_user(request), expert=data["expert"], person=data["candidate"].person, kind=data["kind"], note=data["note"])

    return act_and_return(request, act, _("Conflict of interest recorded: this expert will not rate this candidate."), reverse("assessment:session", args=[pk]))


@role_required(*ORGANISERS)
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return act_and_return(request, lambda: services.experts_assign(actor=signed_in_user(request), session=session),
                          _("Experts assigned."), reverse("assessment:session", args=[pk]))


@role_required(*ORGANISERS)
@require_POST
def expert_drop(request: HttpRequest, pk: int) -> HttpResponse:
    expert = get_object_or_404(SessionExpert.objects.select_related("session"), pk=pk)
    return act_and_return(request, lambda: services.expert_drop(actor=signed_in_user(request), expert=expert),
                          _("The expert's candidates were given to the others."), reverse("assessment:session", args=[expert.session_id]))


@role_required(*ORGANISERS)
@require_POST
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return act_and_return(request, lambda: services.session_finalise(actor=signed_in_user(request), session=session),
                          _("The session is finalised."), reverse("assessment:session", args=[pk]))


@role_required(*REVEALERS)
@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return act_and_return(request, lambda: services.names_reveal(actor=signed_in_user(request), session=session),
                          _("Names revealed; the disclosure is recorded."), reverse("assessment:session", args=[pk]))


@role_required(*READERS)
def discrepancies(request: HttpRequest, pk: int) -> HttpResponse:
    """Ratings more than a level apart, each with a form for the consensus reached."""
    session = _session(request, pk)
    items = queries.discrepancies(session)
    codes = dict(session.candidates.values_list("pk", "code"))
    exercises = {e.pk: e for e in session.exercises.all()}
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in={i for _c, _e, i in items})}
    experts = {e.pk: e.person.last_name for e in session.experts.select_related("person")}
    if request.method == "POST":
        if not signed_in_user(request).has_role(*ORGANISERS):
            raise Http404
        form = ConsensusForm(request.POST)
        try:
            item = tuple(int(request.POST.get(name, "")) for name in ("candidate", "exercise", "indicator"))
        except ValueError:
            raise Http404 from None
        if item not in items:
            raise Http404
        candidate = get_object_or_404(Candidate, pk=item[0], session=session)

        def act() -> None:
            if not form.is_valid():
                raise DomainError(_("Choose the agreed level and record the reasoning."))
            services.consensus_record(actor=signed_in_user(request), candidate=candidate, exercise=exercises[item[1]], indicator=indicators[item[2]],
                                      **form.cleaned_data)

        return act_and_return(request, act, _("Consensus recorded."), reverse("assessment:discrepancies", args=[pk]))
    rows = [{"candidate": c, "code": codes[c], "exercise": exercises[e], "indicator": indicators[i], "indicator_pk": i,
             "ratings": [(experts[x], level) for x, level in rated]} for (c, e, i), rated in sorted(items.items())]
    return render(request, "assessment/discrepancies.html", {"session": session, "rows": rows, "form": ConsensusForm(),
                                                             "organiser": signed_in_user(request).has_role(*ORGANISERS)})


@role_required(*READERS)
def reliability(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return render(request, "assessment/reliability.html", {"session": session, "rows": queries.reliability_table(session),
                                                           "calibration": queries.calibration(session)})


@role_required(*READERS)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """Every candidate's profile and the group's statistics; names only after an audited reveal."""
    user = signed_in_user(request)
    session = _session(request, pk)
    profiles = queries.profiles(session)
    return render(request, "assessment/results.html", {"session": session, "profiles": profiles, "group": queries.group_statistics(profiles),
                                                       "show_names": queries.names_visible(user, session)})


@role_required(*READERS)
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A candidate's competence profile (radar), strengths and what to develop; ?format=pdf&lang=kk|ru for the report."""
    user = signed_in_user(request)
    candidate = get_object_or_404(Candidate.objects.select_related("session__position", "person"), pk=pk, session__in=queries.sessions_visible_to(user))
    session = candidate.session
    found = queries.profiles(session, candidate)[0]
    context = {"session": session, "profile": found, "show_names": queries.names_visible(user, session), "candidate": found.candidate}
    if request.GET.get("format") == "pdf":
        if session.status != Session.Status.FINALISED:
            raise Http404
        language = request.GET.get("lang") if request.GET.get("lang") in ("kk", "ru") else "ru"
        with translation.override(language):
            context["chart"] = charts.radar_data_uri(found)
            return pdf_response("assessment/profile_pdf.html", context, f"profile-{candidate.code}-{language}.pdf")
    context["chart"] = charts.radar(found)
    return render(request, "assessment/profile.html", context)


@role_required(*EXPERTS)
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    """The expert's rating form: the exercise, its materials and time, and each indicator with its behavioural anchors."""
    user = signed_in_user(request)
    found = get_object_or_404(queries.assignments_of_expert(user), pk=pk)
    exercise = get_object_or_404(Exercise.objects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.select_related("competency").prefetch_related(Prefetch("anchors", queryset=Anchor.objects.order_by("level"))))),
        pk=found.exercise_id)
    indicators = list(exercise.indicators.all())
    current = {r.indicator_id: (r.level, r.comment) for r in found.ratings.all()}
    form = RatingForm(request.POST or None, indicators=indicators, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.ratings_submit(actor=user, assignment_=found, levels=form.levels(), comments=form.comments())
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Ratings saved."))
            return redirect("assessment:index")
    return render(request, "assessment/rate.html", {"assignment": found, "exercise": exercise, "form": form,
                                                    "rows": [(i, form[f"level_{i.pk}"], form[f"comment_{i.pk}"]) for i in indicators]})
