"""Moves and the occupancy over a chosen range: a booked stay moves whole; a listener already
living in the dormitory keeps his past nights on the old bed and moves for the nights to come;
a taken or wrong bed is refused with nothing changed."""

import datetime

import pytest
from django.utils import timezone

from eacademy.campus import services
from eacademy.campus.models import BedNight, Stay
from eacademy.core.roles import Role
from eacademy.people.models import Person

pytestmark = pytest.mark.django_db


def _man() -> Person:
    return Person.objects.filter(sex="M", user=None, stays=None).order_by("pk").first()


def test_a_booked_stay_moves_whole_through_the_page(persona, client_as):
    officer = persona(Role.DORMITORY_OFFICER)
    start = datetime.date(2027, 5, 3)
    end = start + datetime.timedelta(days=4)
    old, new = services.free_beds(start, end, "M")[:2]
    stay = services.stay_book(actor=officer, bed=old, person=_man(), starts_on=start, ends_on=end)
    browser = client_as(Role.DORMITORY_OFFICER)
    page = browser.get(f"/campus/stays/{stay.pk}/move/").content.decode()
    assert f'value="{new.pk}"' in page and f'value="{old.pk}"' not in page  # only beds free on all its nights
    assert browser.post(f"/campus/stays/{stay.pk}/move/", {"bed": new.pk}).status_code == 302
    assert set(BedNight.objects.filter(stay=stay).values_list("bed", flat=True)) == {new.pk}
    assert Stay.objects.get(pk=stay.pk).bed == new and not BedNight.objects.filter(bed=old, night__gte=start, night__lt=end).exists()


def test_a_listener_living_in_moves_for_the_nights_to_come_only(persona):
    officer = persona(Role.DORMITORY_OFFICER)
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=3), today + datetime.timedelta(days=4)
    old, new = services.free_beds(start, end, "M")[:2]
    stay = services.stay_book(actor=officer, bed=old, person=_man(), starts_on=start, ends_on=end)
    services.check_in(actor=officer, stay=stay)
    moved = services.stay_move(actor=officer, stay=stay, bed=new)
    stay.refresh_from_db()
    assert (stay.bed, stay.starts_on, stay.ends_on, stay.status) == (old, start, today, Stay.Status.CHECKED_OUT)
    assert (moved.bed, moved.starts_on, moved.ends_on, moved.status) == (new, today, end, Stay.Status.CHECKED_IN)
    assert sorted(BedNight.objects.filter(stay=stay).values_list("night", flat=True)) == [start + datetime.timedelta(days=n) for n in range(3)]
    assert BedNight.objects.filter(stay=moved).count() == 4


def test_a_move_to_a_taken_or_wrong_bed_is_refused_and_nothing_changes(persona, client_as):
    officer = persona(Role.DORMITORY_OFFICER)
    start = datetime.date(2027, 6, 7)
    end = start + datetime.timedelta(days=3)
    first, second = services.free_beds(start, end, "M")[:2]
    man, other = list(Person.objects.filter(sex="M", user=None, stays=None).order_by("pk")[:2])
    stay = services.stay_book(actor=officer, bed=first, person=man, starts_on=start, ends_on=end)
    services.stay_book(actor=officer, bed=second, person=other, starts_on=start + datetime.timedelta(days=1), ends_on=end)
    woman_bed = services.free_beds(start, end, "F")[0]
    browser = client_as(Role.DORMITORY_OFFICER)
    for bed in (second, woman_bed, first):
        page = browser.post(f"/campus/stays/{stay.pk}/move/", {"bed": bed.pk})
        assert page.status_code == 200 and "Select a valid choice" in page.content.decode()
    assert Stay.objects.get(pk=stay.pk).bed == first and BedNight.objects.filter(stay=stay, bed=first).count() == 3
    assert client_as(Role.METHODOLOGIST).post(f"/campus/stays/{stay.pk}/move/", {"bed": second.pk}).status_code == 403


def test_occupancy_is_shown_for_the_range_asked_and_a_bad_range_is_refused(client_as):
    browser = client_as(Role.DORMITORY_OFFICER)
    page = browser.get("/campus/?starts_on=2027-01-01&ends_on=2027-01-11").content.decode()
    assert page.count("<td>") >= 10 and "01.01" in page and "10.01" in page and "11.01" not in page
    page = browser.get("/campus/?starts_on=2027-01-11&ends_on=2027-01-01").content.decode()
    assert "Show from 1 to 92 nights." in page
