"""Councils decide only with their quorum, by a majority of those present; a programme version is
approved only by the Academic Council's adopted decision on a programme."""

import datetime

import pytest

from eacademy.catalog import services as catalog
from eacademy.catalog.models import Competency, ProgrammeKind
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.governance import services
from eacademy.governance.models import AgendaItem, Council, Decision, Meeting
from eacademy.org.models import AcademyUnit, Agency
from tests.governance.decisions import programme_decision
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db
LOGINS = ["leadership", "methodologist", "admin", "head", "lecturer", "librarian", "accountant"]  # the demo's Academic Council


def _meeting(persona, subject: str = AgendaItem.Subject.OTHER) -> tuple[Meeting, AgendaItem]:
    council = Council.objects.get(kind=Council.Kind.ACADEMIC)
    meeting = services.meeting_plan(actor=persona(Role.METHODOLOGIST), council=council, held_on=datetime.date(2026, 11, 20))
    item = services.agenda_add(actor=persona(Role.METHODOLOGIST), meeting=meeting, subject=subject, title="Вопрос повестки")
    return meeting, item


def _present(count: int) -> list[User]:
    return list(User.objects.filter(username__in=LOGINS[:count]))


def test_a_meeting_without_quorum_cannot_decide_and_nothing_is_written(persona) -> None:
    secretary = persona(Role.METHODOLOGIST)
    meeting, item = _meeting(persona)
    services.attendance_record(actor=secretary, meeting=meeting, present=_present(4))  # 4 of 7: 57 % < 67 %
    decisions = Decision.objects.count()
    with pytest.raises(DomainError, match=r"no quorum \(4 of 7 members present, 67 % needed\)"):
        services.decision_record(actor=secretary, item=item, text="Принять к сведению.", votes_for=4)
    assert Decision.objects.count() == decisions
    services.attendance_record(actor=secretary, meeting=meeting, present=_present(5))  # 5 of 7: 71 %
    decision = services.decision_record(actor=secretary, item=item, text="Принять к сведению.", votes_for=3, votes_against=2)
    assert decision.adopted  # 3 of the 5 present
    with pytest.raises(DomainError, match="attendance can no longer change"):
        services.attendance_record(actor=secretary, meeting=meeting, present=_present(7))


def test_a_decision_needs_a_majority_of_those_present_and_votes_no_more_than_them(persona) -> None:
    secretary = persona(Role.METHODOLOGIST)
    meeting, item = _meeting(persona)
    second = services.agenda_add(actor=secretary, meeting=meeting, subject=AgendaItem.Subject.OTHER, title="Второй вопрос")
    services.attendance_record(actor=secretary, meeting=meeting, present=_present(6))
    with pytest.raises(DomainError, match="cannot outnumber the 6 members present"):
        services.decision_record(actor=secretary, item=item, text="Утвердить.", votes_for=5, votes_against=2)
    assert not services.decision_record(actor=secretary, item=item, text="Утвердить.", votes_for=3, votes_against=3).adopted  # half is not a majority
    assert services.decision_record(actor=secretary, item=second, text="Утвердить.", votes_for=4, abstained=2).adopted
    with pytest.raises(DomainError, match="already decided"):
        services.decision_record(actor=secretary, item=item, text="Ещё раз.", votes_for=6)


def test_only_members_are_counted_and_only_the_office_keeps_the_minutes(persona) -> None:
    meeting, item = _meeting(persona)
    with pytest.raises(DomainError, match="Only members"):
        services.attendance_record(actor=persona(Role.METHODOLOGIST), meeting=meeting, present=[persona(Role.LISTENER)])
    with pytest.raises(DomainError, match="does not allow"):
        services.decision_record(actor=persona(Role.LECTURER), item=item, text="Утвердить.", votes_for=1)
    assert meeting.status == Meeting.Status.PLANNED


def _complete_draft(persona):
    methodologist = persona(Role.METHODOLOGIST)
    programme = catalog.programme_create(actor=methodologist, code="gov-test", kind=ProgrammeKind.ADVANCED, names=("Сынақ", "Проба", "Trial"),
                                         department=AcademyUnit.objects.get(code="ivt-supervision"))
    version = programme.versions.get()
    module = catalog.module_add(actor=methodologist, version=version, names=("Модуль", "Модуль", "Module"))
    catalog.discipline_add(actor=methodologist, module=module, names=("Пән", "Дисциплина", "Discipline"), hours={"lectures": 4, "seminars": 8})
    catalog.competency_set(actor=methodologist, version=version, competency=Competency.objects.first(), level=2)
    return version


def test_a_programme_version_is_approved_only_by_the_academic_councils_adopted_decision(persona, client_as) -> None:
    head, secretary = persona(Role.HEAD_OF_DEPARTMENT), persona(Role.METHODOLOGIST)
    version = _complete_draft(persona)
    prosecutor = Agency.objects.get(code="prosecutor")

    def approve(decision):
        return catalog.version_approve(actor=head, version=version, reviewing_agency=prosecutor, conclusion="Соответствует.", decision=decision)

    with pytest.raises(DomainError, match="Name the decision of the Academic Council"):
        approve(None)
    other = Council.objects.get(kind=Council.Kind.ACADEMIC_METHODOLOGICAL)
    meeting = services.meeting_plan(actor=secretary, council=other, held_on=datetime.date(2026, 11, 2))
    item = services.agenda_add(actor=secretary, meeting=meeting, subject=AgendaItem.Subject.PROGRAMME, title="О программе")
    services.attendance_record(actor=secretary, meeting=meeting, present=[m.user for m in other.members.all()])
    with pytest.raises(DomainError, match="approved by the Academic Council"):
        approve(services.decision_record(actor=secretary, item=item, text="Рекомендовать.", votes_for=5))
    academic, plan_item = _meeting(persona, AgendaItem.Subject.ANNUAL_PLAN)
    services.attendance_record(actor=secretary, meeting=academic, present=_present(7))
    with pytest.raises(DomainError, match="another kind of question"):
        approve(services.decision_record(actor=secretary, item=plan_item, text="Утвердить план.", votes_for=7))
    rejected_item = services.agenda_add(actor=secretary, meeting=academic, subject=AgendaItem.Subject.PROGRAMME, title="О программе")
    with pytest.raises(DomainError, match="not adopted"):
        approve(services.decision_record(actor=secretary, item=rejected_item, text="Утвердить.", votes_for=2, votes_against=5))
    version.refresh_from_db()
    assert version.status == "draft" and version.decision is None
    approved = approve(programme_decision())
    assert approved.status == "approved" and approved.decision == programme_decision()
    page = client_as(Role.LISTENER).get(version.programme.get_absolute_url()).content.decode()
    assert programme_decision().get_absolute_url() in page


def test_the_meeting_page_records_attendance_and_decisions_and_its_queries_do_not_grow(client_as, persona) -> None:
    client = client_as(Role.METHODOLOGIST)
    meeting, item = _meeting(persona)
    members = Council.objects.get(kind=Council.Kind.ACADEMIC).members.values_list("user_id", flat=True)
    client.post(f"/governance/meetings/{meeting.pk}/attendance/", {"present": list(members)[:5]})
    response = client.post(f"/governance/items/{item.pk}/decide/", {"text": "Утвердить.", "votes_for": "abc", "votes_against": "0", "abstained": "0"})
    assert response.status_code == 302 and not Decision.objects.filter(item=item).exists()
    client.post(f"/governance/items/{item.pk}/decide/", {"text": "Утвердить.", "votes_for": "5", "votes_against": "0", "abstained": "0"})
    assert Decision.objects.get(item=item).adopted
    url = meeting.get_absolute_url()
    before = page_queries(client, url)
    for n in range(5):
        services.agenda_add(actor=persona(Role.METHODOLOGIST), meeting=meeting, subject=AgendaItem.Subject.OTHER, title=f"Вопрос {n}")
    assert page_queries(client, url) == before
    extract = client.get(f"/governance/decisions/{Decision.objects.get(item=item).pk}/extract.pdf")
    assert extract["Content-Type"] == "application/pdf"
