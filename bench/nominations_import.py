"""An Excel list of 10,000 nominations (new people) into one offering: the whole import
(read the workbook, check every row, register people and applications with history) against a
bare `bulk_create` of the same Person and Application rows, in the same process and database."""

import datetime
from io import BytesIO

from bench.common import in_process_demo, report, seconds_rolled_back

BENCH = "nominations_import"
ROWS = 10_000


def main() -> None:
    with in_process_demo():
        _run()


def _run() -> None:
    from django.utils import timezone
    from openpyxl import Workbook

    from eacademy.catalog.models import ProgrammeVersion
    from eacademy.core.iin import MALE, make_iin
    from eacademy.core.models import User
    from eacademy.core.names import search_key
    from eacademy.enrollment import services
    from eacademy.enrollment.imports import read_nominations
    from eacademy.enrollment.models import Application
    from eacademy.org.models import AcademyUnit, Agency, AgencyUnit, Position
    from eacademy.people.models import Person
    from eacademy.planning import services as planning

    methodologist = User.objects.get(username="methodologist")
    agency = Agency.objects.get(code="prosecutor")
    unit = AgencyUnit.objects.filter(agency=agency, depth=2).first()
    position = Position.objects.get(code="prosecutor")
    start = datetime.date(timezone.localdate().year + 1, 10, 1)
    offering = planning.offering_create(
        actor=methodologist, version=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved"),
        starts_on=start, ends_on=start + datetime.timedelta(days=9), place="Қосшы", capacity=1000, language="ru",
        study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"),
    )
    planning.offering_publish(actor=methodologist, offering=offering)

    existing = set(Person.objects.values_list("iin", flat=True))
    iins: list[str] = []
    serial = 0
    while len(iins) < ROWS:
        birth = datetime.date(1970 + serial % 30, 1 + serial % 12, 1 + serial % 28)
        iin = make_iin(birth, MALE, (serial * 7) % 10_000)
        serial += 1
        if iin and iin not in existing:
            existing.add(iin)
            iins.append(iin)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ИИН", "Фамилия", "Имя", "Отчество", "Подразделение", "Должность"])
    for iin in iins:
        sheet.append([iin, "Сәрсенбаев", "Нұрлан", "Ерланұлы", unit.name_ru, position.name_ru])
    buffer = BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()


    def full_import() -> None:
        count = services.nominations_import(actor=methodologist, offering=offering, agency=agency, rows=read_nominations(BytesIO(data)))
        assert count == ROWS, count

    def bare() -> None:
        people = Person.objects.bulk_create(
            [
                Person(iin=iin, last_name="Сәрсенбаев", first_name="Нұрлан", middle_name="Ерланұлы", search_key=search_key("Сәрсенбаев", "Нұрлан", "Ерланұлы"),
                       sex=MALE, birth_date=datetime.date(1980, 1, 1), citizenship="KZ", agency=agency, unit=unit, position=position)
                for iin in iins
            ],
            batch_size=2000,
        )
        Application.objects.bulk_create(
            [Application(offering=offering, person=p, source="nomination", status="agency_approved") for p in people], batch_size=2000
        )

    seconds_rolled_back(bare)  # warm caches on both paths
    baseline = min(seconds_rolled_back(bare) for _ in range(2))
    measured = min(seconds_rolled_back(full_import) for _ in range(2))
    ratio = measured / baseline
    report(BENCH, "import_seconds", measured, "s", "informational", True)
    report(BENCH, "bare_bulk_create_seconds", baseline, "s", "informational", True)
    report(BENCH, "ratio_to_bare_bulk_create", ratio, "ratio", "<= 3.0", ratio <= 3.0)


if __name__ == "__main__":
    main()
