"""What the journal's pages, documents and API read: a constant number of queries whatever
the size of the group or the number of lessons."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from eacademy.catalog.models import Discipline
from eacademy.catalog.queries import total_hours
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment, Group
from eacademy.journal.models import AssessmentPolicy, Attendance, Certificate, Certification, CertificationResult, Mark
from eacademy.journal.rules import READERS
from eacademy.journal.services import ACTIVE, MISSED, policy_for
from eacademy.people.models import Person, StaffMember
from eacademy.timetable.models import Lesson


@dataclass
class Row:
    enrollment: Enrollment
    cells: list[tuple[Attendance | None, Mark | None]] = field(default_factory=list)
    test_marks: list[Mark] = field(default_factory=list)
    missed: int = 0
    rating: Decimal | None = None
    over_limit: bool = False


@dataclass
class Grid:
    group: Group
    discipline: Discipline
    lessons: list[Lesson]
    rows: list[Row]
    policy: AssessmentPolicy


def grid(group: Group, discipline: Discipline) -> Grid:
    """The journal of a group in a discipline: listeners × lessons with attendance and marks,
    the tests' results, unexcused absences against the limit and the running rating."""
    lessons = list(Lesson.objects.filter(Q(group=group) | Q(group__isnull=True), offering_id=group.offering_id, discipline=discipline).order_by("starts_at", "id"))
    enrollments = list(Enrollment.objects.filter(group=group, status__in=ACTIVE).select_related("person").order_by("person__last_name", "person__first_name", "id"))
    attendance = {(a.lesson_id, a.enrollment_id): a for a in Attendance.objects.filter(lesson__in=[lesson.pk for lesson in lessons], enrollment__group=group)}
    marks: dict[tuple[int | None, int], Mark] = {}
    tests: dict[int, list[Mark]] = defaultdict(list)
    for mark in Mark.objects.filter(enrollment__group=group, discipline=discipline).select_related("exam"):
        if mark.exam_id or mark.activity:
            tests[mark.enrollment_id].append(mark)
        else:
            marks[(mark.lesson_id, mark.enrollment_id)] = mark
    policy = policy_for(group.offering.version.programme)
    held = sum(1 for lesson in lessons if lesson.starts_at <= timezone.now())
    rows = []
    for enrollment in enrollments:
        row = Row(enrollment, [(attendance.get((lesson.pk, enrollment.pk)), marks.get((lesson.pk, enrollment.pk))) for lesson in lessons], tests[enrollment.pk])
        row.missed = sum(1 for a, _m in row.cells if a is not None and a.status in MISSED)
        points = [m.points for _a, m in row.cells if m is not None] + [m.points for m in row.test_marks]
        row.rating = (sum(points, Decimal(0)) / len(points)).quantize(Decimal("0.01")) if points else None
        row.over_limit = bool(held) and row.missed * 100 > policy.absence_limit_percent * held
        rows.append(row)
    return Grid(group, discipline, lessons, rows, policy)


def activity_marks(activity: str, enrollment_ids: list[int]) -> list[Mark]:
    """An activity's marks in the journal for these listeners, each with its history as
    `records` (newest first): two queries."""
    marks = list(Mark.objects.filter(activity=activity, enrollment_id__in=enrollment_ids).select_related("enrollment__person")
                 .order_by("enrollment__person__last_name", "pk"))
    records = defaultdict(list)
    for record in Mark.history.filter(id__in=[m.pk for m in marks]).select_related("history_user").order_by("-history_date", "-history_id"):
        records[record.id].append(record)
    for mark in marks:
        mark.records = records[mark.pk]  # type: ignore[attr-defined]
    return marks


def groups_visible_to(user: User) -> QuerySet[Group]:
    """The groups whose journal the user may read and write: every group for the academy-wide
    roles; a lecturer those he teaches (a teaching, or a lesson of the group or of its whole
    course); a head of department also his department's courses and the groups his
    department's lecturers teach."""
    groups = Group.objects.select_related("offering__version__programme").order_by("-offering__starts_on", "number")
    if user.is_academy_wide:
        return groups
    if not user.has_role(*READERS):
        return groups.none()
    scope = (Q(teachings__lecturer=user) | Q(lessons__lecturer=user)
             | Q(offering__lessons__lecturer=user, offering__lessons__group=None))
    if user.has_role(Role.HEAD_OF_DEPARTMENT):
        department = StaffMember.objects.filter(person__user=user).values("academy_unit_id")
        colleagues = StaffMember.objects.filter(academy_unit_id__in=department).values("person__user_id")
        scope |= (Q(offering__department_id__in=department) | Q(teachings__lecturer_id__in=colleagues) | Q(lessons__lecturer_id__in=colleagues)
                  | Q(offering__lessons__lecturer_id__in=colleagues, offering__lessons__group=None))
    return groups.filter(pk__in=Group.objects.filter(scope).values("pk"))


def within_reach(user: User, *, offering_id: int, group_id: int | None) -> bool:
    """Whether the user may open this group's journal (a lesson of the whole course: any of its groups)."""
    reach = groups_visible_to(user)
    return (reach.filter(pk=group_id) if group_id else reach.filter(offering_id=offering_id)).exists()


@dataclass
class TranscriptCourse:
    enrollment: Enrollment
    hours: int
    result: CertificationResult | None
    certificate: Certificate | None


@dataclass
class Transcript:
    """An in-service transcript: hours and the final mark of each course. Credits and GPA belong
    to credit technology (postgraduate study, seed 001 §34), not to courses of advanced training."""

    person: Person
    courses: list[TranscriptCourse]


def transcript(person: Person) -> Transcript:
    """Every course of a person over the years, with its hours, the final result (the latest closed
    protocol's, a retake's if there was one) and the certificate."""
    enrollments = list(Enrollment.objects.filter(person=person).exclude(status=Enrollment.Status.TRANSFERRED)
                       .select_related("offering__version__programme").order_by("offering__starts_on"))
    results = {r.enrollment_id: r for r in _closed_finals().filter(enrollment__person=person)}
    certificates = {c.enrollment_id: c for c in Certificate.objects.filter(enrollment__person=person, status=Certificate.Status.VALID)}
    hours_by_version = total_hours(e.offering.version_id for e in enrollments)
    courses = [TranscriptCourse(e, hours_by_version[e.offering.version_id], results.get(e.pk), certificates.get(e.pk)) for e in enrollments]
    return Transcript(person, courses)



def final_results(offering_id: int) -> dict[int, CertificationResult]:
    """Each listener's result in the latest closed final certification of the course (a retake's
    protocol supersedes the first one), with the band it fell in. One query."""
    return {result.enrollment_id: result for result in _closed_finals().filter(certification__offering_id=offering_id).select_related("certification")}


def _closed_finals() -> QuerySet[CertificationResult]:
    """Results of closed final certifications, oldest protocol first: keyed by listener, a
    retake's result overwrites the first one's."""
    return CertificationResult.objects.filter(certification__kind=Certification.Kind.FINAL, certification__closed_at__isnull=False).order_by(
        "certification__held_on", "certification__closed_at")


def attended(enrollment_ids: list[int]) -> set[int]:
    """Those of the enrollments present (or late) at one lesson at least: the listeners to whom
    the course was rendered. One query."""
    return set(Attendance.objects.filter(enrollment_id__in=enrollment_ids, status__in=(Attendance.Status.PRESENT, Attendance.Status.LATE))
               .values_list("enrollment_id", flat=True).distinct())
