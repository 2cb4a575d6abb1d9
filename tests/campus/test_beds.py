"""Must show 1: no bed is held by two people at once, and the database itself guarantees it. Two
bookings racing for one bed both pass the service's own checks; the second insert of the same
nights fails on the unique (bed, night), and the loser is told in words while the winner keeps
the bed. Also: allocation keeps a group together, by sex, and refuses whole when beds run short."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from eacademy.campus import queries, services
from eacademy.campus.models import AccessNeed, Bed, BedNight, Stay
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.people.models import Person
from eacademy.planning.models import Offering

pytestmark = pytest.mark.django_db
START = datetime.date(2027, 3, 1)


def _free_men_bed() -> Bed:
    return services.free_beds(START, START + datetime.timedelta(days=10), "M")[0]


def _men(count: int) -> list[Person]:
    return list(Person.objects.filter(sex="M", user=None, stays=None).order_by("pk")[:count])


def test_the_second_of_two_racing_bookings_gets_a_clear_message_and_the_first_keeps_the_bed(persona, monkeypatch):
    officer = persona(Role.DORMITORY_OFFICER)
    bed = _free_men_bed()
    first, second = _men(2)
    # both requests read the bed as free before either writes: the race, made deterministic
    monkeypatch.setattr(services, "_check_bed", lambda *args: None)
    won = services.stay_book(actor=officer, bed=bed, person=first, starts_on=START, ends_on=START + datetime.timedelta(days=5))
    with pytest.raises(DomainError) as refused:
        services.stay_book(actor=officer, bed=bed, person=second, starts_on=START + datetime.timedelta(days=3), ends_on=START + datetime.timedelta(days=8))
    assert "is taken on some of these nights" in refused.value.messages[0]
    holders = Stay.objects.filter(bed=bed, starts_on__lt=START + datetime.timedelta(days=8), ends_on__gt=START)
    assert list(holders.values_list("person", flat=True)) == [first.pk] and won.nights.count() == 5
    assert not Stay.objects.filter(person=second).exists()  # nothing of the loser's is left


def test_the_database_refuses_a_second_person_on_a_bed_even_without_the_service():
    stay = Stay.objects.filter(status__in=services.HELD).first()
    night = stay.nights.first()
    other = Stay.objects.exclude(pk=stay.pk).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BedNight.objects.create(bed_id=night.bed_id, night=night.night, stay=other)


def test_bookings_are_checked_before_the_database(persona):
    officer = persona(Role.DORMITORY_OFFICER)
    bed = _free_men_bed()
    man = _men(1)[0]
    woman = Person.objects.filter(sex="F", user=None).first()
    with pytest.raises(DomainError, match="for the other sex"):
        services.stay_book(actor=officer, bed=bed, person=woman, starts_on=START, ends_on=START + datetime.timedelta(days=2))
    with pytest.raises(DomainError):
        services.stay_book(actor=officer, bed=bed, person=man, starts_on=START, ends_on=START)
    services.stay_book(actor=officer, bed=bed, person=man, starts_on=START, ends_on=START + datetime.timedelta(days=2))
    with pytest.raises(DomainError, match="already has a bed"):
        services.stay_book(actor=officer, bed=services.free_beds(START, START + datetime.timedelta(days=2), "M")[0], person=man,
                           starts_on=START + datetime.timedelta(days=1), ends_on=START + datetime.timedelta(days=4))
    with pytest.raises(DomainError, match="role"):
        services.stay_book(actor=persona(Role.LISTENER), bed=bed, person=man, starts_on=START + datetime.timedelta(days=5), ends_on=START + datetime.timedelta(days=6))


def test_allocation_houses_each_group_together_and_counts_free_beds(persona):
    officer = persona(Role.DORMITORY_OFFICER)
    enrollment = Enrollment.objects.filter(status="enrolled", stays=None, group__isnull=False).select_related("offering").order_by("-offering__starts_on").first()
    offering = enrollment.offering
    nights = (offering.starts_on, offering.ends_on + datetime.timedelta(days=1))
    free_before = queries.occupancy(*nights)[0].free
    proposed = services.allocation_propose(actor=officer, offering=offering)
    waiting = offering.enrollments.filter(status="enrolled").count()
    assert 0 < len(proposed) <= waiting and all(s.status == Stay.Status.PROPOSED for s in proposed)
    assert all(s.bed.room.sex == s.person.sex for s in proposed)
    assert queries.occupancy(*nights)[0].free == free_before - len(proposed)
    for group in {s.enrollment.group_id for s in proposed}:
        rooms = [s.bed.room_id for s in proposed if s.enrollment.group_id == group]
        assert len(set(rooms)) <= -(-len(rooms) // 3) + 2  # rooms of three filled in turn (a sex change may open one more)
    assert services.stay_confirm(actor=officer, stays=proposed) == len(proposed)


def test_allocation_short_of_beds_allocates_nothing(persona):
    officer = persona(Role.DORMITORY_OFFICER)
    Bed.objects.update(is_active=False)
    enrollment = Enrollment.objects.filter(status="enrolled", stays=None).select_related("offering").first()
    before = Stay.objects.count()
    with pytest.raises(DomainError, match="Not enough free beds"):
        services.allocation_propose(actor=officer, offering=enrollment.offering)
    assert Stay.objects.count() == before


def test_two_allocations_racing_for_the_same_beds_one_wins_and_the_other_is_told(persona, monkeypatch):
    """Two courses over the same nights (one course's listeners split in two) both read the same
    beds as free before either writes; the second's nights collide with the first's in the
    database, and it is refused whole with a message, nothing of it written."""
    officer = persona(Role.DORMITORY_OFFICER)
    first = Enrollment.objects.filter(status="enrolled", stays=None).select_related("offering").order_by("-offering__starts_on").first().offering
    second = Offering.objects.get(pk=first.pk)
    second.pk = None
    second.save()
    waiting = list(first.enrollments.filter(status="enrolled", stays=None).values_list("pk", flat=True))
    assert len(waiting) >= 2
    Enrollment.objects.filter(pk__in=waiting[1::2]).update(offering=second)
    nights = (first.starts_on, first.ends_on + datetime.timedelta(days=1))
    stale = {sex: services.free_beds(*nights, sex) for sex in ("M", "F")}  # what both read before either wrote
    monkeypatch.setattr(services, "free_beds", lambda starts_on, ends_on, sex: stale[sex])
    won = services.allocation_propose(actor=officer, offering=first)
    before = Stay.objects.count(), BedNight.objects.count()
    with pytest.raises(DomainError, match="taken just now, by someone else"):
        services.allocation_propose(actor=officer, offering=second)
    assert (Stay.objects.count(), BedNight.objects.count()) == before
    assert won and all(BedNight.objects.filter(stay=stay).count() == (stay.ends_on - stay.starts_on).days for stay in won)


def test_a_listener_needing_a_fitted_room_gets_one_and_the_others_leave_them_free(persona, client_as):
    officer = persona(Role.DORMITORY_OFFICER)
    enrollment = Enrollment.objects.filter(status="enrolled", stays=None, person__sex="M").select_related("offering").order_by("-offering__starts_on").first()
    offering = enrollment.offering
    browser = client_as(Role.DORMITORY_OFFICER)
    stranger = Enrollment.objects.exclude(offering=offering).first()
    page = browser.post(f"/campus/courses/{offering.pk}/", {"enrollment": stranger.pk, "needed": "on"})
    assert page.status_code == 200 and "Select a valid choice" in page.content.decode()  # only this course's listeners
    assert not AccessNeed.objects.exists()
    assert browser.post(f"/campus/courses/{offering.pk}/", {"enrollment": enrollment.pk, "needed": "on", "note": "Кресло-коляска"}).status_code == 302
    assert AccessNeed.objects.get().person == enrollment.person
    assert "Кресло-коляска" in browser.get(f"/campus/courses/{offering.pk}/").content.decode()

    stays = services.allocation_propose(actor=officer, offering=offering)
    fitted = {s.person_id for s in stays if s.bed.room.accessible}
    assert enrollment.person_id in fitted
    ordinary_free = [b for b in services.free_beds(offering.starts_on, offering.ends_on + datetime.timedelta(days=1), "M") if not b.room.accessible]
    assert fitted == {enrollment.person_id} or not ordinary_free  # nobody else in a fitted room while ordinary beds are free


def test_without_a_free_fitted_room_nothing_is_allocated(persona):
    officer = persona(Role.DORMITORY_OFFICER)
    enrollment = Enrollment.objects.filter(status="enrolled", stays=None, person__sex="M").select_related("offering").order_by("-offering__starts_on").first()
    services.access_need_set(actor=officer, person=enrollment.person, needed=True)
    Bed.objects.filter(room__accessible=True).update(is_active=False)
    before = Stay.objects.count()
    with pytest.raises(DomainError, match="need a room fitted for a disability"):
        services.allocation_propose(actor=officer, offering=enrollment.offering)
    assert Stay.objects.count() == before
    services.access_need_set(actor=officer, person=enrollment.person, needed=False)
    assert not AccessNeed.objects.filter(person=enrollment.person).exists()
    with pytest.raises(DomainError, match="role"):
        services.access_need_set(actor=persona(Role.LISTENER), person=enrollment.person, needed=True)


def test_free_beds_night_by_night_split_by_building_and_men_s_or_women_s_rooms(client_as):
    today = timezone.localdate()
    wings = queries.wings()
    assert [(name, sex) for _id, name, sex in wings] == [("Общежитие № 1", "M"), ("Общежитие № 2", "F"), ("Общежитие № 2", "M")]
    nights = queries.occupancy(today, today + datetime.timedelta(days=7))
    assert all(sum(n.free_by_wing) == n.free for n in nights) and nights[0].occupied > 0
    page = client_as(Role.DORMITORY_OFFICER).get("/campus/").content.decode()
    assert '<span translate="no">Общежитие № 2</span>: women&#x27;s rooms' in page
