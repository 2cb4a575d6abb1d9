"""Every change to programmes: one function, one transaction, validated."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog.models import (
    CREDIT_KINDS,
    HOUR_FIELDS,
    Competency,
    Component,
    CreditNorm,
    Cycle,
    Discipline,
    ListenerCategory,
    Module,
    Programme,
    ProgrammeKind,
    ProgrammeVersion,
    StudyFormat,
    VersionCompetency,
)
from eacademy.catalog.queries import credit_norm
from eacademy.catalog.reference import COMPETENCIES, INITIAL_TRAINING_MONTHS, load_credit_norms
from eacademy.catalog.rules import APPROVERS, EDITORS
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.services import require_role
from eacademy.governance import services as governance_services
from eacademy.governance.models import AgendaItem, Council, Decision
from eacademy.org.models import AcademyUnit, Agency

LANGUAGES = ("kk", "ru", "en")



def _require_draft(version: ProgrammeVersion) -> None:
    if not version.is_editable:
        raise DomainError(_("An approved version cannot be changed: start a new draft."))


@transaction.atomic
def programme_create(
    *,
    actor: User,
    code: str,
    kind: str,
    names: tuple[str, str, str],
    department: AcademyUnit,
    entering_agency: Agency | None = None,
    recruit_track: str = "",
) -> Programme:
    """A new programme with its first draft; initial training gets the durations of seed 004
    (internal affairs: by whom it is for, investigators 6 months, sergeants 3)."""
    require_role(actor, EDITORS)
    if kind not in ProgrammeKind.values:
        raise DomainError({"kind": [_("Unknown kind of programme.")]})
    if Programme.objects.filter(code=code).exists():
        raise DomainError({"code": [_("A programme with this code exists.")]})
    if kind == ProgrammeKind.INITIAL and entering_agency is None:
        raise DomainError({"entering_agency": [_("Initial training is built for the agency the recruits enter.")]})
    if not names[1].strip():
        raise DomainError({"name_ru": [_("This field is required.")]})
    agency = entering_agency.code if entering_agency is not None else ""
    if recruit_track and (kind != ProgrammeKind.INITIAL or (agency, recruit_track) not in INITIAL_TRAINING_MONTHS):
        raise DomainError({"recruit_track": [_("Only initial training for internal affairs is made for investigators or for sergeants.")]})
    study, internship = Decimal(0), Decimal(0)
    if kind == ProgrammeKind.INITIAL:
        if (agency, recruit_track) not in INITIAL_TRAINING_MONTHS and any(a == agency and t for a, t in INITIAL_TRAINING_MONTHS):
            raise DomainError({"recruit_track": [_("Say whom this initial training is for: %(agency)s has one for each.") % {"agency": entering_agency}]})
        study, internship = INITIAL_TRAINING_MONTHS.get((agency, recruit_track), (Decimal(0), Decimal(0)))
    programme = Programme.objects.create(
        code=code, kind=kind, name_kk=names[0], name_ru=names[1], name_en=names[2], department=department, entering_agency=entering_agency,
        recruit_track=recruit_track,
    )
    categories = {
        ProgrammeKind.INITIAL: [ListenerCategory.RECRUITS],
        ProgrammeKind.RESERVE: [ListenerCategory.RESERVE],
        ProgrammeKind.CIS: [ListenerCategory.FOREIGN],
        ProgrammeKind.INTERNATIONAL: [ListenerCategory.FOREIGN],
    }.get(ProgrammeKind(kind), [ListenerCategory.OFFICERS, ListenerCategory.MANAGERS])
    ProgrammeVersion.objects.create(
        programme=programme, number=1, study_months=study, internship_months=internship,
        target_categories=[str(c) for c in categories], languages=["kk", "ru"],
    )
    return programme


@transaction.atomic
def version_update(
    *,
    actor: User,
    version: ProgrammeVersion,
    study_months: Decimal,
    internship_months: Decimal,
    target_categories: Iterable[str],
    languages: Iterable[str],
    study_format: str,
) -> ProgrammeVersion:
    require_role(actor, EDITORS)
    _require_draft(version)
    categories, chosen_languages = sorted(set(target_categories)), sorted(set(languages))
    errors: dict[str, list[str]] = {}
    if not categories or not set(categories) <= set(ListenerCategory.values):
        errors["target_categories"] = [_("Choose at least one category of listeners.")]
    if not chosen_languages or not set(chosen_languages) <= set(LANGUAGES):
        errors["languages"] = [_("Choose at least one language of instruction.")]
    if study_format not in StudyFormat.values:
        errors["study_format"] = [_("Unknown format.")]
    if study_months < 0 or internship_months < 0 or study_months + internship_months > 60:
        errors["study_months"] = [_("Give the duration in months, from 0 to 60 in all.")]
    if errors:
        raise DomainError(errors)
    version.study_months, version.internship_months = study_months, internship_months
    version.target_categories, version.languages, version.study_format = categories, chosen_languages, study_format
    version.save(update_fields=["study_months", "internship_months", "target_categories", "languages", "study_format"])
    return version


@transaction.atomic
def module_add(*, actor: User, version: ProgrammeVersion, names: tuple[str, str, str], cycle: str = "") -> Module:
    require_role(actor, EDITORS)
    _require_draft(version)
    if not names[1].strip():
        raise DomainError({"name_ru": [_("This field is required.")]})
    if cycle not in ("", *Cycle.values):
        raise DomainError({"cycle": [_("Choose a cycle from the list.")]})
    position = (version.modules.aggregate(last=Max("position"))["last"] or 0) + 1
    return Module.objects.create(version=version, position=position, name_kk=names[0], name_ru=names[1], name_en=names[2], cycle=cycle)


@transaction.atomic
def discipline_add(*, actor: User, module: Module, names: tuple[str, str, str], hours: dict[str, int],
                   credits: int | None = None, component: str = "", period: int | None = None) -> Discipline:
    """A discipline with its hours; in a postgraduate programme also its whole credits, component
    and the one academic period it is studied in (Rules §39)."""
    require_role(actor, EDITORS)
    _require_draft(module.version)
    unknown = set(hours) - set(HOUR_FIELDS)
    if unknown or any(h < 0 or h > 2000 for h in hours.values()):
        raise DomainError({"hours": [_("Hours are whole numbers from 0 to 2000 for each type of work.")]})
    if sum(hours.values()) == 0:
        raise DomainError({"hours": [_("A discipline needs hours of at least one type of work.")]})
    if not names[1].strip():
        raise DomainError({"name_ru": [_("This field is required.")]})
    if module.version.programme.kind in CREDIT_KINDS:
        _check_credits(credits, component, period)
    elif credits or component or period:
        raise DomainError({"credits": [_("Credits, components and academic periods belong to postgraduate programmes only.")]})
    position = (module.disciplines.aggregate(last=Max("position"))["last"] or 0) + 1
    return Discipline.objects.create(module=module, position=position, name_kk=names[0], name_ru=names[1], name_en=names[2], **hours,
                                     credits=credits, component=component, period=period)


def _check_credits(credits: int | None, component: str, period: int | None) -> None:
    errors: dict[str, list[str]] = {}
    if not isinstance(credits, int) or not 1 <= credits <= 120:
        errors["credits"] = [_("A discipline carries a whole number of credits, from 1 to 120.")]
    if component not in Component.values:
        errors["component"] = [_("Say whether the discipline is compulsory or elective.")]
    if not isinstance(period, int) or not 1 <= period <= 8:
        errors["period"] = [_("Name the academic period of the programme the discipline is studied in, from 1 to 8.")]
    if errors:
        raise DomainError(errors)





def _credit_errors(version: ProgrammeVersion) -> dict[str, list[str]]:
    """A postgraduate programme carries at least its norm of credits for its kind and length."""
    norm = credit_norm(version)
    if norm is None:
        return {"__all__": [_("No norm of credits is recorded for a %(kind)s of %(months)s months: record it before approving.")
                            % {"kind": version.programme.get_kind_display(), "months": int(version.study_months)}]}
    total = Discipline.objects.filter(module__version=version).aggregate(total=Sum("credits"))["total"] or 0
    if total < norm.min_credits:
        return {"__all__": [_("The programme carries %(total)s credits; a %(kind)s of %(months)s months carries at least %(norm)s.")
                            % {"total": total, "kind": version.programme.get_kind_display(), "months": norm.study_months, "norm": norm.min_credits}]}
    return {}


@transaction.atomic
def discipline_remove(*, actor: User, discipline: Discipline) -> None:
    require_role(actor, EDITORS)
    _require_draft(discipline.module.version)
    discipline.delete()


@transaction.atomic
def competency_set(*, actor: User, version: ProgrammeVersion, competency: Competency, level: int | None) -> None:
    """Develop the competency to a level, or (level None) not at all."""
    require_role(actor, EDITORS)
    _require_draft(version)
    if level is None:
        VersionCompetency.objects.filter(version=version, competency=competency).delete()
        return
    if level not in VersionCompetency.Level.values:
        raise DomainError({"level": [_("Unknown level.")]})
    VersionCompetency.objects.update_or_create(version=version, competency=competency, defaults={"level": level})


@transaction.atomic
def version_approve(
    *, actor: User, version: ProgrammeVersion, reviewing_agency: Agency | None, conclusion: str, decision: Decision | None
) -> ProgrammeVersion:
    """Approve a complete draft after the employers' examination, by the Academic Council's
    decision; the approved version before it is archived, and the new one can no longer change."""
    require_role(actor, APPROVERS)
    version = ProgrammeVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != ProgrammeVersion.Status.DRAFT:
        raise DomainError(_("Only a draft can be approved."))
    errors: dict[str, list[str]] = {}
    if reviewing_agency is None:
        errors["reviewing_agency"] = [_("Name the agency whose experts examined the programme.")]
    if not conclusion.strip():
        errors["conclusion"] = [_("Record the conclusion of the employer's examination.")]
    if not Discipline.objects.filter(module__version=version).exists():
        errors["__all__"] = [_("The programme has no disciplines yet.")]
    elif not version.competencies.exists():
        errors["__all__"] = [_("Say which competencies the programme develops.")]
    elif version.programme.kind in CREDIT_KINDS:
        errors.update(_credit_errors(version))
    try:
        governance_services.decision_require(decision, council=Council.Kind.ACADEMIC, subject=AgendaItem.Subject.PROGRAMME)
    except DomainError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise DomainError(errors)
    version.decision = decision
    ProgrammeVersion.objects.filter(programme=version.programme, status=ProgrammeVersion.Status.APPROVED).update(
        status=ProgrammeVersion.Status.ARCHIVED
    )
    version.status = ProgrammeVersion.Status.APPROVED
    version.reviewing_agency, version.review_conclusion = reviewing_agency, conclusion.strip()
    version.approved_by, version.approved_at = actor, timezone.now()
    version.save(update_fields=["status", "reviewing_agency", "review_conclusion", "approved_by", "approved_at", "decision"])
    return version


@transaction.atomic
def version_start_draft(*, actor: User, programme: Programme) -> ProgrammeVersion:
    """A new draft copied from the latest version, to change an approved programme."""
    require_role(actor, EDITORS)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.versions.filter(status=ProgrammeVersion.Status.DRAFT).exists():
        raise DomainError(_("This programme already has a draft: finish or approve it first."))
    source = programme.versions.order_by("-number").first()
    if source is None:
        raise DomainError(_("This programme has no version to copy."))
    draft = ProgrammeVersion.objects.create(
        programme=programme, number=source.number + 1, study_months=source.study_months,
        internship_months=source.internship_months, target_categories=source.target_categories,
        languages=source.languages, study_format=source.study_format,
    )
    for module in source.modules.prefetch_related("disciplines"):
        copy = Module.objects.create(version=draft, position=module.position, name_kk=module.name_kk, name_ru=module.name_ru, name_en=module.name_en)
        Discipline.objects.bulk_create(
            Discipline(module=copy, position=d.position, name_kk=d.name_kk, name_ru=d.name_ru, name_en=d.name_en,
                       **{field: getattr(d, field) for field in HOUR_FIELDS})
            for d in module.disciplines.all()
        )
    VersionCompetency.objects.bulk_create(
        VersionCompetency(version=draft, competency_id=c.competency_id, level=c.level) for c in source.competencies.all()
    )
    return draft


@transaction.atomic
def load_catalog_reference() -> None:
    for position, (code, (kk, ru, en)) in enumerate(COMPETENCIES, start=1):
        Competency.objects.update_or_create(code=code, defaults={"position": position, "name_kk": kk, "name_ru": ru, "name_en": en})
    load_credit_norms(CreditNorm)
