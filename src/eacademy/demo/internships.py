"""The demo internship: a recruit of the prosecutor's office on this year's initial training,
now in its internship part at a district prosecutor's office, with a mentor, the `lecturer`
login as supervisor and two weeks of diary; he signs in as `intern` with the demo password."""

import datetime

from django.utils import timezone

from eacademy.catalog.models import ProgrammeKind, ProgrammeVersion
from eacademy.catalog.queries import course_end
from eacademy.core import services as core_services
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Enrollment
from eacademy.internships import services
from eacademy.internships.models import DiaryEntry, Placement
from eacademy.org.models import AcademyUnit, AgencyUnit
from eacademy.people.models import Person
from eacademy.planning.models import Offering

DIARY = ["Изучил надзорные производства отдела.", "Участвовал в проверке исполнения законодательства о госзакупках.",
         "Подготовил проект представления.", "Присутствовал в судебном заседании по уголовному делу.", "Принимал граждан вместе с наставником."]


def load_demo_internship(*, users: dict[str, User], recruit: Person) -> dict[str, int]:
    version = ProgrammeVersion.objects.get(programme__kind=ProgrammeKind.INITIAL, programme__entering_agency__code="prosecutor", status=ProgrammeVersion.Status.APPROVED)
    today = timezone.localdate()
    offering = Offering.objects.create(version=version, starts_on=today + datetime.timedelta(days=1), ends_on=today + datetime.timedelta(days=60),
                                       place="Косшы", capacity=25, language="ru", study_format="full_time",
                                       department=AcademyUnit.objects.filter(kind=AcademyUnit.Kind.DEPARTMENT).earliest("pk"), status=Offering.Status.PUBLISHED)
    application = enrollment_services.application_submit(actor=users["methodologist"], offering=offering, person=recruit)
    enrollment_services.application_accept(actor=users["methodologist"], application=application)
    # the study part is behind him: the course began 200 days ago and runs its programme's twelve months
    begun = today - datetime.timedelta(days=200)
    Offering.objects.filter(pk=offering.pk).update(starts_on=begun, ends_on=course_end(version, begun))
    recruit.user = core_services.user_create(username="intern", password=None, roles=[Role.LISTENER])  # the loader sets the demo password
    recruit.save(update_fields=["user"])
    enrollment = Enrollment.objects.get(application=application)
    unit = AgencyUnit.objects.filter(agency__code="prosecutor").latest("pk")
    mentor = Person.objects.filter(agency__code="prosecutor", position__code="senior-prosecutor").earliest("pk")
    placement = services.placement_create(actor=users["methodologist"], enrollment=enrollment, unit=unit, mentor=mentor, supervisor=users["lecturer"],
                                          starts_on=today - datetime.timedelta(days=14), ends_on=today + datetime.timedelta(days=46),
                                          plan="1. Надзор за законностью в социально-экономической сфере.\n2. Участие в судебных заседаниях.\n3. Подготовка актов прокурорского реагирования.")
    days = [today - datetime.timedelta(days=n) for n in range(14, 0, -1) if (today - datetime.timedelta(days=n)).weekday() < 5]
    DiaryEntry.objects.bulk_create([DiaryEntry(placement=placement, date=day, hours=8, text=DIARY[i % len(DIARY)]) for i, day in enumerate(days)])
    return {"internships": Placement.objects.count()}
