"""Staff profiles, professional development and the Regional Hub's trainers: who may keep them,
garbage refused with nothing changed, the strategy's staff indicators on a hand-built department,
and the pages' queries constant in the number of staff."""

import datetime

import pytest
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.org.models import AcademyUnit, ClassRank, Position
from eacademy.people.models import Person, StaffMember
from eacademy.staff import queries as indicators
from eacademy.staff import services
from eacademy.staff.models import Development, HubArea, HubTrainer
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _department(code: str) -> AcademyUnit:
    institute = AcademyUnit.objects.filter(kind="institute").first()
    return AcademyUnit.objects.add_child(institute, {"code": code, "kind": AcademyUnit.Kind.DEPARTMENT, "name_kk": code, "name_ru": code, "name_en": code})


def _member(unit: AcademyUnit, *, degree: str = "", title: str = "", rank: str | None = None, invited: bool = False,
            position: str = "senior-lecturer") -> StaffMember:
    person = Person.objects.filter(user=None, staff=None).exclude(iin=None).order_by("-pk").first()
    person.rank = ClassRank.objects.get(code=rank) if rank else None
    person.save(update_fields=["rank"])
    return StaffMember.objects.create(person=person, academy_unit=unit, position=Position.objects.get(code=position), academic_degree=degree,
                                      academic_title=title, is_invited=invited, organisation="Суд" if invited else "")


def _course(member: StaffMember, ends_on: datetime.date) -> Development:
    return Development.objects.create(member=member, kind=Development.Kind.COURSE, title="Курс", organisation="Академия",
                                      starts_on=ends_on - datetime.timedelta(days=5), ends_on=ends_on, hours=36)


def test_the_staff_indicators_equal_a_hand_counted_department():
    """Four on the teaching staff: a candidate of sciences, a Counsellor of Justice, a professor who
    is a Senior Counsellor too, one neither (a Junior Counsellor is below the bar); an invited judge
    with a doctorate and a methodologist do not count. Scientists 2, practitioners 2, either 3 of 4.
    Trained in 2025: the candidate twice and the counsellor once, so 2 of 4; in 2024 only the
    invited judge, who does not count."""
    unit = _department("kaf-test")
    candidate = _member(unit, degree=StaffMember.Degree.CANDIDATE)
    counsellor = _member(unit, rank="counsellor")
    _member(unit, title=StaffMember.Title.PROFESSOR, rank="senior-counsellor", position="professor")
    _member(unit, rank="junior-counsellor")
    judge = _member(unit, degree=StaffMember.Degree.DOCTOR, invited=True)
    _member(unit, degree=StaffMember.Degree.PHD, position="methodologist")
    for member, day in ((candidate, datetime.date(2025, 3, 1)), (candidate, datetime.date(2025, 11, 1)), (counsellor, datetime.date(2025, 6, 1)),
                        (judge, datetime.date(2024, 5, 1))):
        _course(member, day)

    now = indicators.composition(unit.pk)
    assert (now.teaching, now.scientists, now.practitioners, now.either) == (4, 2, 2, 3)
    assert now.share == 0.75
    assert indicators.trained_by_year(unit.pk) == {2025: 2}
    assert indicators.target(indicators.SCIENTISTS_PRACTITIONERS_TARGET, 2026) == 0.60
    assert indicators.target(indicators.TRAINED_SHARE_TARGET, 2022) == 0.15
    assert indicators.target(indicators.TRAINED_SHARE_TARGET, 2020) is None


def test_the_hub_trainers_are_counted_in_total_up_to_each_year(persona):
    HubTrainer.objects.all().delete()
    people = list(Person.objects.exclude(agency=None)[:3])
    for person, day in zip(people, (datetime.date(2019, 4, 1), datetime.date(2021, 2, 1), datetime.date(2021, 9, 1)), strict=True):
        services.hub_trainer_add(actor=persona(Role.METHODOLOGIST), person=person, area=HubArea.CYBERCRIME, qualified_on=day)
    assert indicators.hub_trainers_by_year([2018, 2019, 2020, 2021, 2022]) == {2018: 0, 2019: 1, 2020: 1, 2021: 3, 2022: 3}
    with pytest.raises(DomainError, match="a trainer in this area already"):
        services.hub_trainer_add(actor=persona(Role.METHODOLOGIST), person=people[0], area=HubArea.CYBERCRIME, qualified_on=datetime.date(2022, 1, 1))
    with pytest.raises(DomainError, match="Your role does not allow this"):
        services.hub_trainer_add(actor=persona(Role.LECTURER), person=people[0], area=HubArea.FINANCIAL, qualified_on=datetime.date(2022, 1, 1))
    assert HubTrainer.objects.count() == 3


def test_a_head_keeps_his_own_departments_profiles_and_garbage_changes_nothing(client_as, persona):
    head = persona(Role.HEAD_OF_DEPARTMENT)
    own = StaffMember.objects.filter(academy_unit=head.person.staff.academy_unit, developments=None).exclude(person__user=head).first()
    other = StaffMember.objects.filter(academy_unit__kind="department").exclude(academy_unit=own.academy_unit).first()
    browser = client_as(Role.HEAD_OF_DEPARTMENT)
    assert browser.get(f"/staff/{other.pk}/").status_code == 404

    garbage = {"form": "profile", "academic_degree": "sorcerer", "practice_years": "-3", "is_invited": "on", "organisation": "", "topics": ""}
    page = browser.post(f"/staff/{own.pk}/", garbage)
    assert page.status_code == 200 and "sorcerer" in page.content.decode()  # the choice is refused beside its field
    before = StaffMember.objects.values().get(pk=own.pk)
    page = browser.post(f"/staff/{own.pk}/", {"form": "profile", "academic_degree": "", "practice_years": "4", "is_invited": "on",
                                              "organisation": " ", "topics": ""})
    assert "Name the organisation an invited lecturer serves in." in page.content.decode()
    assert StaffMember.objects.values().get(pk=own.pk) == before

    counsellor = ClassRank.objects.get(code="counsellor")
    page = browser.post(f"/staff/{own.pk}/", {"form": "profile", "academic_degree": "phd", "academic_title": "", "rank": counsellor.pk,
                                              "practice_years": "7", "organisation": "", "topics": ""})
    assert page.status_code == 302
    own.refresh_from_db()
    assert (own.academic_degree, own.practice_years, own.person.rank) == ("phd", 7, counsellor)
    assert own.history.latest().history_user == head

    count = Development.objects.count()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for bad, message in (({"hours": "0"}, "Ensure this value is greater than or equal to 1."), ({"ends_on": "2024-01-01"}, "It ends on or after the day it starts."),
                         ({"ends_on": tomorrow.isoformat()}, "Record development once it is over."), ({"title": "  "}, "This field is required.")):
        data = {"form": "development", "kind": "course", "title": "Медиация", "organisation": "Академия", "starts_on": "2024-02-01", "ends_on": "2024-02-05",
                "hours": "36"} | bad
        page = browser.post(f"/staff/{own.pk}/", data)
        assert page.status_code == 200 and message in page.content.decode(), bad
    assert Development.objects.count() == count
    data = {"form": "development", "kind": "school", "title": "Школа педагогического мастерства", "organisation": "Академия", "starts_on": "2024-02-01",
            "ends_on": "2024-02-05", "hours": "36", "document": "ПК-1"}
    assert browser.post(f"/staff/{own.pk}/", data).status_code == 302
    assert own.developments.get().title == "Школа педагогического мастерства"
    assert "Школа педагогического мастерства" in browser.get(f"/staff/{own.pk}/").content.decode()

    assert client_as(Role.LECTURER).post(f"/staff/{own.pk}/", data).status_code == 404  # not his department, not him


def test_a_lecturer_sees_his_own_profile_only_and_may_not_edit_it(client_as, persona):
    lecturer = persona(Role.LECTURER)
    browser = client_as(Role.LECTURER)
    listing = browser.get("/staff/").content.decode()
    assert lecturer.person.full_name in listing
    assert listing.count('href="/staff/') == 1
    page = browser.get(f"/staff/{lecturer.person.staff.pk}/").content.decode()
    assert 'name="form"' not in page
    with pytest.raises(DomainError):
        services.development_add(actor=lecturer, member=lecturer.person.staff, kind="course", title="x", organisation="y",
                                 starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 1, 2), hours=8)


def test_the_dashboard_shows_the_staff_indicators(client_as):
    page = client_as(Role.LEADERSHIP).get("/analytics/").content.decode()
    assert "Scientists and practitioners among the teaching staff" in page
    assert "National trainers of the Regional Hub" in page


def test_the_staff_pages_keep_their_queries_as_staff_grow(client_as):
    browser = client_as(Role.ADMINISTRATOR)
    member = StaffMember.objects.filter(position__category="teaching").first()
    urls = ["/staff/", "/staff/?kind=invited", f"/staff/{member.pk}/", "/staff/hub/"]
    before = {url: page_queries(browser, url) for url in urls}
    unit = _department("kaf-grow")
    for _ in range(15):
        grown = _member(unit, degree="candidate", rank="counsellor")
        _course(grown, datetime.date(2025, 1, 10))
        _course(member, datetime.date(2025, 2, 10))
    for person in Person.objects.exclude(agency=None).exclude(hub_trainings__isnull=False)[:10]:
        HubTrainer.objects.create(person=person, area=HubArea.DRUGS, qualified_on=datetime.date(2024, 1, 1))
    assert {url: page_queries(browser, url) for url in urls} == before


def test_the_staff_list_exports_to_excel_what_the_user_may_see(client_as, persona):
    from io import BytesIO

    from openpyxl import load_workbook

    head = persona(Role.HEAD_OF_DEPARTMENT)
    response = client_as(Role.HEAD_OF_DEPARTMENT).get("/staff/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    own = StaffMember.objects.filter(academy_unit=head.person.staff.academy_unit)
    assert rows[0][:3] == ("Full name", "Unit", "Position") and len(rows) - 1 == own.count()
    assert sorted(r[0] for r in rows[1:]) == sorted(m.person.full_name for m in own.select_related("person"))
    invited = client_as(Role.ADMINISTRATOR).get("/staff/?kind=invited&format=xlsx")
    rows = list(load_workbook(BytesIO(invited.content)).active.iter_rows(values_only=True))[1:]
    assert rows and all(r[3] == "yes" and r[4] for r in rows)  # invited, with the organisation they serve in
