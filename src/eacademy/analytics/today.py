"""Each role's working day on its home page: what is due, waiting for the user or happening
today, with counts and the first few items, each a link to where the work is done (as Moodle's
timeline and Canvas's to-do list). A few queries per role, whatever the data's size."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eacademy.assessment.models import Assignment
from eacademy.campus import queries as campus_queries
from eacademy.campus.models import LeaveRequest, Stay
from eacademy.catalog.models import ProgrammeVersion
from eacademy.core.models import User
from eacademy.core.multilang import in_language
from eacademy.core.roles import Role
from eacademy.enrollment.models import Application, Enrollment
from eacademy.evaluation import queries as evaluation_queries
from eacademy.evaluation.models import Survey
from eacademy.events.models import Registration
from eacademy.exams.models import Attempt, Bank, Exam, Slot
from eacademy.governance import queries as governance_queries
from eacademy.journal.models import Certificate
from eacademy.library import queries as library_queries
from eacademy.people.queries import academy_unit_id_of, agency_id_of
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson

SHOWN = 5  # items listed under a task; the count and the link give the rest


@dataclass
class Item:
    label: str
    url: str = ""
    note: str = ""
    action: str = ""  # a POST form's address (starting a test), shown as a button
    action_label: str = ""


@dataclass
class Task:
    key: str  # for tests and styles: data-testid="task-<key>"
    title: str
    count: int
    url: str = ""
    link_label: str = ""
    items: list[Item] = field(default_factory=list)
    empty: str = ""  # said when there is nothing to do


def _first(rows: QuerySet) -> tuple[int, list]:
    """How many rows a task has, and the first few to list: two queries however many there are."""
    return rows.count(), list(rows[:SHOWN])


def _day_bounds() -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def _at(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


def _listener(user: User) -> list[Task]:
    now, (start, end) = timezone.now(), _day_bounds()
    enrolled = Enrollment.objects.filter(person__user=user, status=Enrollment.Status.ENROLLED)
    finished = Attempt.objects.filter(person__user=user).exclude(status=Attempt.Status.IN_PROGRESS).values("exam_id")
    exams = _first(Exam.objects.filter(offering__in=enrolled.values("offering_id"), opens_at__lte=now, closes_at__gt=now)
                   .filter(Q(group=None) | Q(group__in=enrolled.values("group_id"))).exclude(pk__in=finished).order_by("closes_at", "pk"))
    lessons = _first(Lesson.objects.filter(group__in=enrolled.values("group_id"), starts_at__gte=start, starts_at__lt=end)
                     .select_related("discipline", "room", "lecturer").order_by("starts_at"))
    surveys = _first(Survey.objects.filter(invitations__person__user=user, invitations__answered=False, opens_at__lte=now, closes_at__gt=now)
                     .order_by("closes_at"))
    certificates = _first(Certificate.objects.filter(enrollment__person__user=user, status=Certificate.Status.VALID)
                          .select_related("enrollment__offering__version__programme").order_by("-pk"))
    language = get_language() or "ru"
    return [
        Task("tests", _("Tests open for you"), exams[0], reverse("exams:exam_list"), _("All tests"),
             [Item(in_language(e.title, language), note=_("open until %(date)s") % {"date": f"{timezone.localtime(e.closes_at):%d.%m.%Y %H:%M}"},
                   action=reverse("exams:exam_start", args=[e.pk]), action_label=_("Start")) for e in exams[1]],
             _("No test is open for you now.")),
        Task("lessons", _("Your lessons today"), lessons[0], reverse("timetable:my"), _("My timetable"),
             [Item(f"{_at(lesson.starts_at)} {lesson.discipline}", note=" · ".join(str(x) for x in (lesson.room, lesson.lecturer and (lesson.lecturer.get_full_name() or lesson.lecturer.username)) if x))
              for lesson in lessons[1]], _("No lessons today.")),
        Task("surveys", _("Surveys to answer"), surveys[0], reverse("evaluation:my_surveys"), _("All surveys"),
             [Item(s.title, reverse("evaluation:survey", args=[s.pk])) for s in surveys[1]], _("No survey is waiting for you.")),
        Task("certificates", _("Your certificates"), certificates[0], reverse("journal:my_journal"), _("My studies"),
             [Item(str(c.enrollment.offering.version.programme), reverse("journal:certificate_page", args=[c.pk]), str(c)) for c in certificates[1]],
             _("No certificates yet.")),
    ]


def _lecturer(user: User) -> list[Task]:
    start, end = _day_bounds()
    count, lessons = _first(Lesson.objects.filter(lecturer=user, starts_at__gte=start, starts_at__lt=end)
                            .select_related("discipline", "room", "group__offering__version__programme").order_by("starts_at"))
    return [Task("teaching", _("Your lessons today"), count, reverse("timetable:my"), _("My timetable"),
                 [Item(f"{_at(lesson.starts_at)} {lesson.discipline}",
                       reverse("journal:journal", args=[lesson.group_id, lesson.discipline_id]) if lesson.group_id else "",
                       " · ".join(str(x) for x in (lesson.group and lesson.group.offering.version.programme, lesson.group, lesson.room) if x))
                  for lesson in lessons], _("No lessons today.")),
            _grading()]


def _grading() -> Task:
    waiting = Slot.objects.filter(attempt__status=Attempt.Status.AWAITING_GRADING, kind="essay", fraction__isnull=True).count()
    return Task("grading", _("Answers to grade"), waiting, reverse("exams:grading_queue"), _("Open the queue"), empty=_("No answer waits for grading."))


def _methodologist(user: User) -> list[Task]:
    today = timezone.localdate()
    waiting = Application.objects.filter(status=Application.Status.AGENCY_APPROVED)
    starting = _first(Offering.objects.filter(status=Offering.Status.PUBLISHED, starts_on__gte=today, starts_on__lte=today + datetime.timedelta(days=14))
                      .select_related("version__programme").order_by("starts_on", "pk"))
    banks = _first(Bank.objects.order_by("name"))
    return [
        Task("academy-applications", _("Applications awaiting the Academy"), waiting.count(), reverse("enrollment:applications"), _("Decide"),
             empty=_("No application is waiting.")),
        Task("courses-starting", _("Courses starting within two weeks"), starting[0], reverse("planning:plan"), _("Plan of courses"),
             [Item(str(o.version.programme), reverse("enrollment:roster", args=[o.pk]), f"{o.starts_on:%d.%m.%Y}") for o in starting[1]],
             _("No course starts within two weeks.")),
        Task("banks", _("Question banks"), banks[0], reverse("exams:bank_list"), _("All banks"), [Item(b.name, b.get_absolute_url()) for b in banks[1]]),
        _grading(),
        _event_registrations(),
    ]


def _event_registrations() -> Task:
    """Participants of international events awaiting the organiser's approval."""
    waiting = _first(Registration.objects.filter(status=Registration.Status.PENDING).select_related("event").order_by("registered_at", "pk"))
    return Task("event-registrations", _("Event participants awaiting approval"), waiting[0], reverse("events:list"), _("International events"),
                [Item(f"{r.last_name} {r.first_name}", r.get_absolute_url(), r.event.name) for r in waiting[1]], _("No registration is waiting."))


def _head(user: User) -> list[Task]:
    count, drafts = _first(ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.DRAFT, programme__department_id=academy_unit_id_of(user))
                           .select_related("programme").order_by("programme__code"))
    return [Task("drafts", _("Programme drafts awaiting your approval"), count, reverse("catalog:programme_list"), _("Programmes"),
                 [Item(str(v.programme), f"{v.programme.get_absolute_url()}?version={v.number}", _("version %(number)s") % {"number": v.number})
                  for v in drafts],
                 _("No draft is waiting for approval."))]


def _coordinator(user: User) -> list[Task]:
    agency = agency_id_of(user) or -1
    waiting = Application.objects.filter(status=Application.Status.SUBMITTED, person__agency_id=agency)
    count, open_courses = _first(Offering.objects.filter(status=Offering.Status.PUBLISHED, starts_on__gt=timezone.localdate(), quotas__agency_id=agency,
                                                         quotas__seats__gt=0).select_related("version__programme").order_by("starts_on", "pk"))
    return [
        Task("agency-applications", _("Applications awaiting your decision"), waiting.count(), reverse("enrollment:applications"), _("Decide"),
             empty=_("No application is waiting.")),
        Task("nominate", _("Courses open for nomination"), count, reverse("planning:plan"), _("Plan of courses"),
             [Item(str(o.version.programme), reverse("enrollment:offering_nominate", args=[o.pk]), f"{o.starts_on:%d.%m.%Y}") for o in open_courses],
             _("No course is open for your agency.")),
    ]


def _direct_head(user: User) -> list[Task]:
    count, waiting = _first(evaluation_queries.follow_ups_addressed_to(user))
    return [Task("follow-ups", _("Evaluations of your officers to give"), count, "", "",
                 [Item(f.enrollment.person.full_name, reverse("evaluation:follow_up_mine", args=[f.pk]), str(f.enrollment.offering.version.programme))
                  for f in waiting], _("No evaluation is waiting for you."))]


def _expert(user: User) -> list[Task]:
    count, waiting = _first(Assignment.objects.filter(expert__person__user=user, expert__dropped_out=False, submitted_at__isnull=True)
                            .select_related("candidate", "exercise", "session").order_by("session__date", "pk"))
    return [Task("ratings", _("Candidates to rate"), count, reverse("assessment:index"), _("Assessment centre"),
                 [Item(f"{a.candidate} · {a.exercise}", reverse("assessment:rate", args=[a.pk]), str(a.session)) for a in waiting],
                 _("Nothing to rate."))]


def _dormitory(user: User) -> list[Task]:
    today = timezone.localdate()
    arrivals, arriving = _first(Stay.objects.filter(status=Stay.Status.CONFIRMED, starts_on__lte=today, ends_on__gt=today)
                                .select_related("person", "bed__room__building", "enrollment").order_by("starts_on", "person__last_name", "pk"))
    tonight = Stay.objects.filter(status=Stay.Status.CHECKED_IN, starts_on__lte=today, ends_on__gt=today).count()
    lates, late = _first(campus_queries.late_back())
    return [
        Task("arrivals", _("Arrivals to check in"), arrivals, reverse("campus:overview"), _("Dormitory"),
             [Item(s.person.full_name, reverse("campus:allocation", args=[s.enrollment.offering_id]) if s.enrollment else "", str(s.bed))
              for s in arriving], _("Nobody is expected.")),
        Task("tonight", _("Beds occupied tonight"), tonight, reverse("campus:overview"), _("Free beds by night")),
        Task("late", _("Late back from leave"), lates, reverse("campus:leave"), _("Leave passes"),
             [Item(r.person.full_name, note=f"{timezone.localtime(r.returns_at):%d.%m %H:%M}") for r in late], _("Nobody is late.")),
    ]


def _leadership(user: User) -> list[Task]:
    count, drafts = _first(governance_queries.awaiting_signature())
    leave = LeaveRequest.objects.filter(status=LeaveRequest.Status.REQUESTED)
    return [
        Task("orders", _("Orders awaiting your signature"), count, reverse("governance:orders"), _("Orders and visas"),
             [Item(f"{o.get_kind_display()}: {o.title}" if o.title_ru else str(o.get_kind_display()), o.get_absolute_url()) for o in drafts],
             _("No order is waiting.")),
        Task("leave", _("Leave requests to decide"), leave.count(), reverse("campus:leave"), _("Leave passes"), empty=_("No request is waiting.")),
    ]


def _librarian(user: User) -> list[Task]:
    today = timezone.localdate()
    overdue, late = _first(library_queries.overdue(today).order_by("due_on", "pk"))
    kept, holds = _first(library_queries.holds_ready().order_by("ready_until", "pk"))
    return [
        Task("overdue", _("Overdue loans"), overdue, reverse("library:desk"), _("Circulation desk"),
             [Item(f"{loan.reader} · {loan.copy.record.title}", reverse("library:record", args=[loan.copy.record_id]), f"{loan.due_on:%d.%m}") for loan in late],
             _("Nothing is overdue.")),
        Task("kept", _("Copies kept for reservations"), kept, reverse("library:desk"), _("Circulation desk"),
             [Item(f"{hold.reader} · {hold.record.title}", reverse("library:record", args=[hold.record_id]), hold.copy.inventory_number if hold.copy else "")
              for hold in holds], _("No copy is waiting.")),
        Task("due", _("Due back today"), library_queries.due_on(today).count(), reverse("library:desk"), _("Circulation desk")),
    ]


def _administrator(user: User) -> list[Task]:
    locked = User.objects.filter(is_active=False).count()
    return [Task("users", _("Users"), User.objects.filter(is_active=True).count(), reverse("admin:core_user_changelist"), _("Manage users and passwords"),
                 [Item(_("Deactivated accounts"), reverse("admin:core_user_changelist") + "?is_active__exact=0", str(locked))] if locked else [])]


# The order a user with several roles sees them in: the daily, personal work first.
_BY_ROLE: list[tuple[str, Callable[[User], list[Task]]]] = [
    (Role.LISTENER, _listener), (Role.LECTURER, _lecturer), (Role.EXPERT, _expert), (Role.DIRECT_HEAD, _direct_head),
    (Role.AGENCY_COORDINATOR, _coordinator), (Role.HEAD_OF_DEPARTMENT, _head), (Role.METHODOLOGIST, _methodologist),
    (Role.DORMITORY_OFFICER, _dormitory), (Role.LIBRARIAN, _librarian), (Role.LEADERSHIP, _leadership), (Role.ADMINISTRATOR, _administrator),
]


def _visas(user: User) -> Task:
    count, orders = _first(governance_queries.visas_asked_of(user))
    return Task("visas", _("Draft orders awaiting your visa"), count, reverse("governance:orders"), _("Orders and visas"),
                [Item(o.title, o.get_absolute_url()) for o in orders])


def tasks_for(user: User) -> list[Task]:
    tasks: dict[str, Task] = {}
    for role, build in _BY_ROLE:
        if user.has_role(role):
            for task in build(user):
                tasks.setdefault(task.key, task)
    visas = _visas(user)  # whatever the role: the head of any unit concerned is asked
    if visas.count:
        tasks[visas.key] = visas
    return list(tasks.values())
