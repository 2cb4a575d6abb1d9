"""Run inside a scratch installation with the demo: 500 listeners complete a course, then the
batch issues their certificates; the same 500 rendered as HTML is the baseline. Also counts the
journal page's queries for a 5 × 5 and a 30 × 60 group. Prints JSON."""

import datetime
import json
import time

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eacademy.catalog.models import Discipline
from eacademy.core.models import User
from eacademy.enrollment.models import Application, Enrollment, Group
from eacademy.journal import certificates
from eacademy.journal.models import Certificate, CertificateBatch
from eacademy.people.models import Person
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson


def _people(offering: Offering, count: int, prefix: str, group: Group | None = None, status: str = "completed") -> list[Enrollment]:
    people = Person.objects.bulk_create([Person(passport_number=f"{prefix}{i:07d}", citizenship="UZ", last_name=f"Әбдіқадыров{i}", first_name="Ғалымжан",
                                                search_key=f"{prefix}{i}", sex="M", birth_date=datetime.date(1988, 1, 1)) for i in range(count)])
    applications = Application.objects.bulk_create([Application(offering=offering, person=p, status="accepted", source="nomination") for p in people])
    return Enrollment.objects.bulk_create([Enrollment(application=a, offering=offering, person=a.person, status=status, group=group) for a in applications])


def _journal_queries(group: Group, discipline: Discipline, listeners: int, lessons: int, client: Client) -> int:
    _people(group.offering, listeners, f"J{group.pk}", group=group, status="enrolled")
    start = timezone.now() - datetime.timedelta(days=90)
    Lesson.objects.bulk_create([Lesson(offering=group.offering, group=group, discipline=discipline, starts_at=start + datetime.timedelta(hours=i)) for i in range(lessons)])
    url = f"/journal/groups/{group.pk}/disciplines/{discipline.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(1 for q in queries.captured_queries if "django_session" not in q["sql"])


def main() -> None:
    methodologist = User.objects.get(username="methodologist")
    offering = Offering.objects.filter(status="published").order_by("pk").first()
    enrollments = _people(offering, 500, "C")
    batch = CertificateBatch.objects.create(offering=offering, requested_by=methodologist, total=500)
    started = time.perf_counter()
    certificates.batch_run(batch.pk)
    pdf_seconds = time.perf_counter() - started
    issued = list(Certificate.objects.filter(enrollment__in=enrollments))
    started = time.perf_counter()
    for certificate in issued:
        certificates.as_html(certificate)
    html_seconds = time.perf_counter() - started
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(methodologist)
    discipline = Discipline.objects.filter(module__version_id=offering.version_id).first()
    small = _journal_queries(Group.objects.create(offering=offering, number=90), discipline, 5, 5, client)
    large = _journal_queries(Group.objects.create(offering=offering, number=91), discipline, 30, 60, client)
    print(json.dumps({"issued": len(issued), "pdf_seconds": pdf_seconds, "html_seconds": html_seconds, "queries_small": small, "queries_large": large,
                      "pdf_bytes": len(bytes(CertificateBatch.objects.get(pk=batch.pk).pdf or b"")) / len(issued)}))


if __name__ == "__main__":
    main()
