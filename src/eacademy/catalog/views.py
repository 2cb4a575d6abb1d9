from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eacademy.catalog import queries, services
from eacademy.catalog.forms import ApprovalForm, CompetencyForm, DisciplineForm, ModuleForm, ProgrammeForm, VersionForm
from eacademy.catalog.models import Competency, Discipline, Programme, ProgrammeKind, ProgrammeVersion
from eacademy.catalog.rules import APPROVERS, EDITORS
from eacademy.core.access import role_required, signed_in, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return


@signed_in
def programme_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in ProgrammeKind.values else ""
    return render(request, "catalog/programme_list.html", {
        "programmes": queries.catalog(kind), "kinds": ProgrammeKind.choices, "kind": kind,
        "can_edit": signed_in_user(request).has_role(*EDITORS),
    })


@signed_in
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    programme = get_object_or_404(Programme.objects.select_related("department", "entering_agency"), pk=pk)
    versions = list(queries.versions_visible_to(user).filter(programme=programme).select_related("decision__item__meeting__council"))
    if not versions:
        return render(request, "404.html", status=404)
    wanted = request.GET.get("version")
    version = next((v for v in versions if str(v.number) == wanted), None) or next(
        (v for v in versions if v.status == ProgrammeVersion.Status.APPROVED), versions[0]
    )
    editable = version.is_editable and user.has_role(*EDITORS)
    modules = queries.curriculum(version)
    levels = {c.competency_id: c for c in version.competencies.all()}
    context = {
        "programme": programme, "versions": versions, "version": version, "modules": modules,
        "hours": queries.hours_by_type(version),
        "competencies": [(c, levels.get(c.pk)) for c in Competency.objects.all()],
        "editable": editable, "can_approve": version.is_editable and user.has_role(*APPROVERS),
        "can_start_draft": user.has_role(*EDITORS) and not any(v.is_editable for v in versions),
    }
    if editable:
        context |= {
            "version_form": VersionForm(initial={
                "study_months": version.study_months, "internship_months": version.internship_months,
                "target_categories": version.target_categories, "languages": version.languages, "study_format": version.study_format,
            }),
            "module_form": ModuleForm(), "discipline_form": DisciplineForm(modules=version.modules.all()),
            "approval_form": ApprovalForm(),
        }
    return render(request, "catalog/programme_detail.html", context)


@role_required(*EDITORS)
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_create(
                actor=signed_in_user(request), code=data["code"], kind=data["kind"], names=form.names(),
                department=data["department"], entering_agency=data["entering_agency"], recruit_track=data["recruit_track"],
            )
        except DomainError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The programme is created as a draft."))
            return redirect(programme)
    return render(request, "catalog/programme_form.html", {"form": form}, status=422 if form.errors else 200)


def _draft_action(request: HttpRequest, version: ProgrammeVersion, act: Callable[[], object], success: str) -> HttpResponse:
    """Run a change of a draft; back to the programme at that version."""
    return act_and_return(request, act, success, f"{reverse('catalog:programme_detail', args=[version.programme_id])}?version={version.number}")


def _invalid(request: HttpRequest, version: ProgrammeVersion, form: object) -> HttpResponse:
    for field, errors in form.errors.items():  # type: ignore[attr-defined]
        for error in errors:
            messages.error(request, f"{form[field].label}: {error}" if field != "__all__" else error)  # type: ignore[index]
    return redirect(f"{reverse('catalog:programme_detail', args=[version.programme_id])}?version={version.number}")


@role_required(*EDITORS)
@require_POST
def version_update(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(ProgrammeVersion, pk=pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, version, form)
    return _draft_action(request, version, lambda: services.version_update(actor=signed_in_user(request), version=version, **form.cleaned_data), _("The changes are saved."))


@role_required(*EDITORS)
@require_POST
def module_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(ProgrammeVersion, pk=pk)
    form = ModuleForm(request.POST)
    if not form.is_valid():
        return _invalid(request, version, form)
    return _draft_action(request, version, lambda: services.module_add(actor=signed_in_user(request), version=version, names=form.names(), cycle=form.cleaned_data["cycle"]), _("The module is added."))


@role_required(*EDITORS)
@require_POST
def discipline_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(ProgrammeVersion, pk=pk)
    form = DisciplineForm(request.POST, modules=version.modules.all())
    if not form.is_valid():
        return _invalid(request, version, form)
    return _draft_action(
        request, version,
        lambda: services.discipline_add(actor=signed_in_user(request), module=form.cleaned_data["module"], names=form.names(), hours=form.hours(),
                                         **form.credit_fields()),  # type: ignore[arg-type]
        _("The discipline is added."),
    )


@role_required(*EDITORS)
@require_POST
def discipline_remove(request: HttpRequest, pk: int) -> HttpResponse:
    discipline = get_object_or_404(Discipline.objects.select_related("module__version"), pk=pk)
    version = discipline.module.version
    return _draft_action(request, version, lambda: services.discipline_remove(actor=signed_in_user(request), discipline=discipline), _("The discipline is removed."))


@role_required(*EDITORS)
@require_POST
def competency_set(request: HttpRequest, pk: int, competency_pk: int) -> HttpResponse:
    version = get_object_or_404(ProgrammeVersion, pk=pk)
    competency = get_object_or_404(Competency, pk=competency_pk)
    form = CompetencyForm(request.POST)
    if not form.is_valid():
        return _invalid(request, version, form)
    return _draft_action(
        request, version,
        lambda: services.competency_set(actor=signed_in_user(request), version=version, competency=competency, level=form.cleaned_data["level"]),
        _("The changes are saved."),
    )


@role_required(*APPROVERS)
@require_POST
def version_approve(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(ProgrammeVersion, pk=pk)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return _invalid(request, version, form)
    return _draft_action(
        request, version,
        lambda: services.version_approve(actor=signed_in_user(request), version=version,
                                         reviewing_agency=form.cleaned_data["reviewing_agency"], conclusion=form.cleaned_data["conclusion"],
                                         decision=form.cleaned_data["decision"]),
        _("The version is approved."),
    )


@role_required(*EDITORS)
@require_POST
def version_start_draft(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    try:
        draft = services.version_start_draft(actor=signed_in_user(request), programme=programme)
    except DomainError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(programme)
    messages.success(request, _("A new draft is started from the latest version."))
    return redirect(f"{programme.get_absolute_url()}?version={draft.number}")
