"""Issue 17, point 5: initial training lasts as seed 004 says — internal affairs has two durations
(investigators and criminologists 6 months; sergeants, criminal-executive and local police 3) —
and a course's dates are checked against its programme's duration."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from eacademy.catalog import services
from eacademy.catalog.models import ProgrammeKind, ProgrammeVersion
from eacademy.core.dates import months_later
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.org.models import AcademyUnit, Agency
from eacademy.planning import services as planning
from eacademy.planning.models import Offering

pytestmark = pytest.mark.django_db


def _initial(persona, code, agency, track=""):
    return services.programme_create(actor=persona(Role.METHODOLOGIST), code=code, kind=ProgrammeKind.INITIAL, names=("", f"ППП {code}", ""),
                                     department=AcademyUnit.objects.get(code="ivt-service"), entering_agency=Agency.objects.get(code=agency),
                                     recruit_track=track)


def test_calendar_months_by_hand():
    """1 Sep + 6 months = 1 Mar; 31 Jan + 1 month = 29 Feb in a leap year (the month's last day);
    1 Sep + 1.5 months = 1 Oct + 15 days = 16 Oct; 15 Nov + 3 months = 15 Feb of the next year."""
    assert months_later(datetime.date(2027, 9, 1), Decimal(6)) == datetime.date(2028, 3, 1)
    assert months_later(datetime.date(2028, 1, 31), Decimal(1)) == datetime.date(2028, 2, 29)
    assert months_later(datetime.date(2027, 9, 1), Decimal("1.5")) == datetime.date(2027, 10, 16)
    assert months_later(datetime.date(2027, 11, 15), Decimal(3)) == datetime.date(2028, 2, 15)


def test_internal_affairs_has_two_durations_and_says_for_whom(persona):
    """Seed 004: investigators and criminologists 6 months, sergeants and local police 3, no
    internship part; the prosecutor's office 6 + 6."""
    investigators = _initial(persona, "init-ia-investigators", "internal-affairs", "investigators").versions.get()
    sergeants = _initial(persona, "init-ia-sergeants", "internal-affairs", "sergeants").versions.get()
    prosecutors = _initial(persona, "init-prosecutors", "prosecutor").versions.get()
    assert (investigators.study_months, investigators.internship_months) == (6, 0)
    assert (sergeants.study_months, sergeants.internship_months) == (3, 0)
    assert (prosecutors.study_months, prosecutors.internship_months) == (6, 6)
    with pytest.raises(DomainError, match="Say whom this initial training is for"):
        _initial(persona, "init-ia-whom", "internal-affairs")
    with pytest.raises(DomainError, match="Only initial training for internal affairs"):
        _initial(persona, "init-prosecutor-sergeants", "prosecutor", "sergeants")
    assert not ProgrammeVersion.objects.filter(programme__code__in=["init-ia-whom", "init-prosecutor-sergeants"]).exists()


def test_a_course_s_dates_are_checked_against_its_programme_s_duration(persona):
    """A sergeants' course from 1 Sep 2027 lasts 3 months: 1 Sep + 3 months = 1 Dec, so its last
    day is 30 Nov 2027; up to 14 days either side is accepted (10 Dec is), 1 Oct and 29 Feb are
    refused. An advanced-training course (hours only) may last any number of days."""
    version = _initial(persona, "init-ia-sergeants", "internal-affairs", "sergeants").versions.get()
    ProgrammeVersion.objects.filter(pk=version.pk).update(status="approved", approved_by=persona(Role.HEAD_OF_DEPARTMENT), approved_at=timezone.now())  # tested elsewhere
    version.refresh_from_db()
    starts = datetime.date(2027, 9, 1)

    def plan(ends):
        return planning.offering_create(actor=persona(Role.METHODOLOGIST), version=version, starts_on=starts, ends_on=ends, place="Қосшы", capacity=20,
                                        language="ru", study_format="full_time", department=version.programme.department)

    assert plan(datetime.date(2027, 11, 30)).ends_on == datetime.date(2027, 11, 30)
    assert plan(datetime.date(2027, 12, 10)).ends_on == datetime.date(2027, 12, 10)
    for ends in (datetime.date(2027, 10, 1), datetime.date(2028, 2, 29)):
        with pytest.raises(DomainError, match=r"lasts 3 months: a course that starts on 01\.09\.2027 ends about 30\.11\.2027"):
            plan(ends)
    assert Offering.objects.filter(version=version).count() == 2
    advanced = ProgrammeVersion.objects.filter(status="approved", programme__kind="advanced").first()
    short = planning.offering_create(actor=persona(Role.METHODOLOGIST), version=advanced, starts_on=starts, ends_on=starts + datetime.timedelta(days=4),
                                     place="Қосшы", capacity=20, language=advanced.languages[0], study_format="full_time", department=advanced.programme.department)
    assert (short.ends_on - short.starts_on).days == 4


def test_the_languages_of_instruction_are_named_in_the_reader_s_language(client_as):
    client = client_as(Role.METHODOLOGIST)
    client.post("/accounts/language/", {"language": "en", "next": "/"})
    english = client.get("/programmes/").content.decode()
    client.post("/accounts/language/", {"language": "kk", "next": "/"})
    kazakh = client.get("/programmes/").content.decode()
    assert "<td>Russian" in english or ", Russian" in english
    assert "Орысша" in kazakh and "<td>RU" not in english
