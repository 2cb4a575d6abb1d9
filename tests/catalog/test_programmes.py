from decimal import Decimal

import pytest

from eacademy.catalog import services
from eacademy.catalog.models import Competency, Discipline, Programme, ProgrammeKind, ProgrammeVersion
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.org.models import AcademyUnit, Agency
from tests.governance.decisions import programme_decision
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _draft(persona, code: str = "adv-test") -> ProgrammeVersion:
    programme = services.programme_create(
        actor=persona(Role.METHODOLOGIST), code=code, kind=ProgrammeKind.ADVANCED,
        names=("Сынақ курсы", "Пробный курс", "Trial course"), department=AcademyUnit.objects.get(code="ivt-supervision"),
    )
    return programme.versions.get()


def _complete(persona, version: ProgrammeVersion) -> None:
    actor = persona(Role.METHODOLOGIST)
    module = services.module_add(actor=actor, version=version, names=("", "Модуль", ""))
    services.discipline_add(actor=actor, module=module, names=("", "Дисциплина", ""), hours={"lectures": 6, "seminars": 10})
    services.competency_set(actor=actor, version=version, competency=Competency.objects.get(code="professional"), level=2)


def test_initial_training_takes_the_durations_of_the_seed_by_entering_agency(persona) -> None:
    months = {}
    for code in ("prosecutor", "anticorruption", "financial-monitoring"):
        programme = services.programme_create(
            actor=persona(Role.METHODOLOGIST), code=f"init-{code}", kind=ProgrammeKind.INITIAL, names=("", f"ППП {code}", ""),
            department=AcademyUnit.objects.get(code="ivt-service"), entering_agency=Agency.objects.get(code=code),
        )
        version = programme.versions.get()
        months[code] = (version.study_months, version.internship_months)
    assert months == {"prosecutor": (6, 6), "anticorruption": (5, 1), "financial-monitoring": (5, 1)}


def test_approval_records_the_examination_and_the_approver_and_freezes_the_version(persona) -> None:
    version = _draft(persona)
    _complete(persona, version)
    head = persona(Role.HEAD_OF_DEPARTMENT)
    services.version_approve(actor=head, version=version, reviewing_agency=Agency.objects.get(code="prosecutor"), conclusion="Соответствует.", decision=programme_decision())
    version.refresh_from_db()
    assert (version.status, version.approved_by, version.reviewing_agency.code) == ("approved", head, "prosecutor")
    module = version.modules.get()
    with pytest.raises(DomainError, match="cannot be changed"):
        services.discipline_add(actor=persona(Role.METHODOLOGIST), module=module, names=("", "Ещё", ""), hours={"lectures": 2})
    with pytest.raises(DomainError, match="cannot be changed"):
        services.discipline_remove(actor=persona(Role.METHODOLOGIST), discipline=Discipline.objects.get(module=module))
    assert version.history.filter(status="approved").exists()


def test_a_change_makes_a_new_draft_and_approval_archives_the_old_version(persona) -> None:
    version = _draft(persona)
    _complete(persona, version)
    head = persona(Role.HEAD_OF_DEPARTMENT)
    services.version_approve(actor=head, version=version, reviewing_agency=Agency.objects.first(), conclusion="Да.", decision=programme_decision())
    draft = services.version_start_draft(actor=persona(Role.METHODOLOGIST), programme=version.programme)
    assert draft.number == 2 and draft.modules.get().disciplines.get().seminars == 10
    assert draft.competencies.get().level == 2
    with pytest.raises(DomainError, match="already has a draft"):
        services.version_start_draft(actor=persona(Role.METHODOLOGIST), programme=version.programme)
    services.version_approve(actor=head, version=draft, reviewing_agency=Agency.objects.first(), conclusion="Да.", decision=programme_decision())
    assert list(version.programme.versions.order_by("number").values_list("status", flat=True)) == ["archived", "approved"]


@pytest.mark.parametrize(
    ("reviewing", "conclusion", "complete", "message"),
    [(False, "Да.", True, "Name the agency"), (True, "  ", True, "Record the conclusion"), (True, "Да.", False, "no disciplines")],
)
def test_an_incomplete_draft_is_not_approved_and_stays_a_draft(persona, reviewing, conclusion, complete, message) -> None:
    version = _draft(persona)
    if complete:
        _complete(persona, version)
    with pytest.raises(DomainError, match=message):
        services.version_approve(actor=persona(Role.HEAD_OF_DEPARTMENT), version=version,
                                 reviewing_agency=Agency.objects.first() if reviewing else None, conclusion=conclusion, decision=programme_decision())
    version.refresh_from_db()
    assert version.status == "draft" and version.approved_by is None


def test_a_methodologist_may_draft_but_not_approve(persona) -> None:
    version = _draft(persona)
    _complete(persona, version)
    with pytest.raises(DomainError, match="does not allow"):
        services.version_approve(actor=persona(Role.METHODOLOGIST), version=version, reviewing_agency=Agency.objects.first(), conclusion="Да.", decision=programme_decision())


@pytest.mark.parametrize("hours", [{}, {"lectures": 0}, {"lectures": -2}, {"lectures": 5000}, {"naps": 3}])
def test_a_discipline_needs_sensible_hours(persona, hours) -> None:
    version = _draft(persona)
    module = services.module_add(actor=persona(Role.METHODOLOGIST), version=version, names=("", "Модуль", ""))
    with pytest.raises(DomainError):
        services.discipline_add(actor=persona(Role.METHODOLOGIST), module=module, names=("", "Дисциплина", ""), hours=hours)
    assert not module.disciplines.exists()


def test_the_pages_edit_a_draft_and_refuse_garbage_with_a_message(client_as) -> None:
    client = client_as(Role.METHODOLOGIST)
    response = client.post("/programmes/new/", {"code": "adv-page", "kind": "advanced", "department": AcademyUnit.objects.get(code="ivt-service").pk, "name_ru": "Курс со страницы"})
    programme = Programme.objects.get(code="adv-page")
    assert response.status_code == 302
    version = programme.versions.get()
    client.post(f"/programmes/versions/{version.pk}/modules/", {"name_ru": "Первый модуль"})
    module = version.modules.get()
    response = client.post(f"/programmes/versions/{version.pk}/disciplines/", {"module": module.pk, "name_ru": "Пустая", **dict.fromkeys(["lectures", "seminars", "workshops", "consultations", "independent", "internship", "control"], 0)}, follow=True)
    assert "A discipline needs hours" in response.content.decode()
    assert not Discipline.objects.filter(module=module).exists()
    client.post(f"/programmes/versions/{version.pk}/disciplines/", {"module": module.pk, "name_ru": "Настоящая", "lectures": 4, "seminars": 8, "workshops": 0, "consultations": 0, "independent": 2, "internship": 0, "control": 2})
    page = client.get(programme.get_absolute_url()).content.decode()
    assert 'data-testid="total-hours">16<' in page
    response = client.post(f"/programmes/versions/{version.pk}/", {"study_months": "-1", "internship_months": "0", "target_categories": ["officers"], "languages": ["ru"], "study_format": "full_time"}, follow=True)
    assert response.status_code == 200
    version.refresh_from_db()
    assert version.study_months == Decimal(0)


def test_listeners_see_approved_programmes_but_not_drafts(client_as, persona) -> None:
    version = _draft(persona, "adv-hidden")
    client = client_as(Role.LISTENER)
    assert client.get(version.programme.get_absolute_url()).status_code == 404
    approved = Programme.objects.get(code="adv-pretrial")
    assert client.get(approved.get_absolute_url()).status_code == 200


def test_catalog_and_curriculum_pages_keep_their_query_count_as_programmes_grow(client_as, persona) -> None:
    client = client_as(Role.METHODOLOGIST)
    detail = Programme.objects.get(code="initial-prosecutor").get_absolute_url()
    before = (page_queries(client, "/programmes/"), page_queries(client, detail))
    for number in range(15):
        version = _draft(persona, f"adv-more-{number}")
        _complete(persona, version)
        module = services.module_add(actor=persona(Role.METHODOLOGIST), version=version, names=("", "Ещё модуль", ""))
        services.discipline_add(actor=persona(Role.METHODOLOGIST), module=module, names=("", "Ещё", ""), hours={"lectures": 2})
    assert (page_queries(client, "/programmes/"), page_queries(client, detail)) == before


def test_the_api_gives_the_curriculum_with_hours_and_hides_drafts(client_as, persona) -> None:
    approved = Programme.objects.get(code="initial-prosecutor").versions.get()
    data = client_as(Role.LISTENER).get(f"/api/v1/programmes/{approved.programme_id}/versions/1/").json()
    assert data["status"] == "approved" and data["study_months"] == "6.0"
    assert data["hours"]["total"] == sum(sum(d["hours"].values()) for m in data["modules"] for d in m["disciplines"]) > 0
    draft = _draft(persona, "adv-api-draft")
    assert client_as(Role.LISTENER).get(f"/api/v1/programmes/{draft.programme_id}/versions/1/").status_code == 404
    assert client_as(Role.METHODOLOGIST).get(f"/api/v1/programmes/{draft.programme_id}/versions/1/").status_code == 200


def test_a_postgraduate_programme_is_approved_only_with_whole_credits_reaching_its_norm(persona) -> None:
    """Credits are data with their date (catalog.CreditNorm): a scientific-pedagogical master's of
    24 months carries at least 120. A discipline of an in-service programme carries none."""
    methodologist, head = persona(Role.METHODOLOGIST), persona(Role.HEAD_OF_DEPARTMENT)
    programme = services.programme_create(actor=methodologist, code="master-test", kind=ProgrammeKind.MASTER_SCIENTIFIC, names=("", "Магистратура", ""),
                                          department=AcademyUnit.objects.get(code="ipge-special-law"))
    version = programme.versions.get()
    services.version_update(actor=methodologist, version=version, study_months=Decimal(24), internship_months=Decimal(0), target_categories=["officers"],
                            languages=["ru"], study_format="distance")
    module = services.module_add(actor=methodologist, version=version, names=("", "Базовые", ""), cycle="basic")
    with pytest.raises(DomainError) as refusal:
        services.discipline_add(actor=methodologist, module=module, names=("", "Без кредитов", ""), hours={"lectures": 10})
    assert set(refusal.value.message_dict) == {"credits", "component", "period"}
    services.discipline_add(actor=methodologist, module=module, names=("", "Философия науки", ""), hours={"lectures": 60}, credits=100, component="compulsory", period=1)
    services.competency_set(actor=methodologist, version=version, competency=Competency.objects.get(code="professional"), level=2)
    with pytest.raises(DomainError) as refusal:
        services.version_approve(actor=head, version=version, reviewing_agency=Agency.objects.get(code="prosecutor"), conclusion="OK", decision=programme_decision())
    assert refusal.value.messages == ["The programme carries 100 credits; a Scientific-pedagogical master's programme of 24 months carries at least 120."]
    services.discipline_add(actor=methodologist, module=module, names=("", "Исследование", ""), hours={"independent": 600}, credits=20, component="compulsory", period=2)
    assert services.version_approve(actor=head, version=version, reviewing_agency=Agency.objects.get(code="prosecutor"), conclusion="OK", decision=programme_decision()).status == "approved"
    in_service = _draft(persona, code="adv-credits")
    module = services.module_add(actor=methodologist, version=in_service, names=("", "Модуль", ""))
    with pytest.raises(DomainError, match="postgraduate programmes only"):
        services.discipline_add(actor=methodologist, module=module, names=("", "Дисциплина", ""), hours={"lectures": 6}, credits=3)
