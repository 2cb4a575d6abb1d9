"""A course of 1,000 listeners given beds for two weeks (14,000 bed nights): the whole proposal
and confirmation (free beds read, group and sex kept, stays and nights written with history, the
database's unique bed night checked) against a bare `bulk_create` of the same Stay and BedNight
rows, in the same process and database; and its queries per listener (batches only)."""

import datetime

from bench.common import in_process_demo, report, seconds_rolled_back

BENCH = "campus_allocation"
LISTENERS = 1000
NIGHTS = 14


def main() -> None:
    with in_process_demo():
        _run()


def _run() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from eacademy.campus import services
    from eacademy.campus.models import Bed, BedNight, Building, DormRoom, Stay
    from eacademy.core.models import User
    from eacademy.enrollment.models import Application, Enrollment
    from eacademy.people.models import Person
    from eacademy.planning.models import Offering

    officer = User.objects.get(username="dormitory")
    building = Building.objects.create(name="Bench")
    rooms = DormRoom.objects.bulk_create([DormRoom(building=building, floor=1 + n // 40, number=f"B{n}", sex=sex) for n, sex in
                                          enumerate(["M"] * 300 + ["F"] * 300)])
    Bed.objects.bulk_create([Bed(room=room, label=label) for room in rooms for label in "abc"])
    template = Offering.objects.filter(status="published").first()
    # foreign participants need no IIN: a passport number each, men and women alternating
    people = Person.objects.bulk_create([Person(citizenship="UZ", passport_number=f"BENCH{n:05d}", last_name="Каримов", first_name="Азиз",
                                                search_key="каримов азиз", sex="MF"[n % 2], birth_date=datetime.date(1990, 1, 1)) for n in range(LISTENERS)])
    start = datetime.date(timezone.localdate().year + 2, 2, 1)

    def course(size: int) -> Offering:
        offering = Offering.objects.get(pk=template.pk)
        offering.pk, offering.starts_on, offering.ends_on, offering.capacity = None, start, start + datetime.timedelta(days=NIGHTS - 1), size
        offering.save()
        applications = Application.objects.bulk_create([Application(offering=offering, person=p, status=Application.Status.ACCEPTED,
                                                                    source=Application.Source.NOMINATION) for p in people[:size]])
        Enrollment.objects.bulk_create([Enrollment(application=a, offering=offering, person_id=a.person_id) for a in applications])
        return offering


    def queries(offering: Offering) -> int:
        with CaptureQueriesContext(connection) as context:
            seconds_rolled_back(lambda: services.stay_confirm(actor=officer, stays=services.allocation_propose(actor=officer, offering=offering)))
        return len(context.captured_queries)

    small, large = course(100), course(LISTENERS)
    beds = list(Bed.objects.filter(room__building=building, room__sex="M")) + list(Bed.objects.filter(room__building=building, room__sex="F"))
    enrollments = list(large.enrollments.select_related("person"))
    by_sex = {"M": iter(b for b in beds if b.room.sex == "M"), "F": iter(b for b in beds if b.room.sex == "F")}
    chosen = [(e, next(by_sex[e.person.sex])) for e in enrollments]

    def full() -> None:
        stays = services.allocation_propose(actor=officer, offering=large)
        assert len(stays) == LISTENERS and services.stay_confirm(actor=officer, stays=stays) == LISTENERS

    def bare() -> None:
        stays = Stay.objects.bulk_create([Stay(bed=bed, person_id=e.person_id, enrollment=e, starts_on=start, ends_on=start + datetime.timedelta(days=NIGHTS),
                                               status=Stay.Status.CONFIRMED) for e, bed in chosen], batch_size=1000)
        BedNight.objects.bulk_create([BedNight(bed_id=s.bed_id, night=start + datetime.timedelta(days=n), stay=s) for s in stays for n in range(NIGHTS)],
                                     batch_size=1000)

    seconds_rolled_back(bare)  # warm caches on both paths
    baseline = min(seconds_rolled_back(bare) for _ in range(3))
    measured = min(seconds_rolled_back(full) for _ in range(3))
    ratio = measured / baseline
    counts = queries(small), queries(large)
    per_listener = counts[1] / LISTENERS
    report(BENCH, "allocation_seconds", measured, "s", "informational", True)
    report(BENCH, "bare_bulk_create_seconds", baseline, "s", "informational", True)
    report(BENCH, "ratio_to_bare_bulk_create", ratio, "ratio", "<= 3.0", ratio <= 3.0)
    report(BENCH, "queries_100_listeners", counts[0], "queries", "informational", True)
    report(BENCH, "queries_1000_listeners", counts[1], "queries", "informational", True)
    # batches of inserts (SQLite takes 999 parameters a statement), never a query per listener or night
    report(BENCH, "queries_per_listener", per_listener, "ratio", "<= 0.2", per_listener <= 0.2)


if __name__ == "__main__":
    main()
