"""Reads of distance learning shared by pages."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core.models import User
from eacademy.distance.models import (
    Assignment,
    CompletionRule,
    Extension,
    Grade,
    Material,
    MaterialView,
    OnlineMeeting,
    Package,
    PackageAttempt,
    Section,
    Submission,
    Thread,
)
from eacademy.distance.rules import TEACHERS
from eacademy.enrollment.models import Enrollment
from eacademy.journal import queries as journal_queries
from eacademy.planning.models import Offering
from eacademy.timetable.models import Lesson


def meetings_of(user: User, *, days_back: int = 14) -> QuerySet[OnlineMeeting]:
    """The user's online lessons from two weeks ago on: a listener's by his courses and groups;
    a teacher's those of the groups whose journal he keeps."""
    since = timezone.now() - datetime.timedelta(days=days_back)
    meetings = OnlineMeeting.objects.filter(lesson__starts_at__gte=since).select_related("lesson__discipline", "lesson__offering__version__programme",
                                                                                         "lesson__group", "lesson__lecturer").order_by("lesson__starts_at")
    if user.is_academy_wide:
        return meetings
    mine = Enrollment.objects.filter(person__user=user, status=Enrollment.Status.ENROLLED)
    scope = Q(lesson__offering__in=mine.values("offering")) & (Q(lesson__group=None) | Q(lesson__group__in=mine.values("group")))
    groups = journal_queries.groups_visible_to(user)
    scope |= Q(lesson__lecturer=user) | Q(lesson__group__in=groups.values("pk")) | Q(lesson__group=None, lesson__offering__in=groups.values("offering"))
    return meetings.filter(scope)


def listener_enrollment(user: User, lesson: Lesson) -> Enrollment | None:
    """The user's enrollment as a listener of the lesson (its course, and its group if it has one)."""
    enrollments = Enrollment.objects.filter(person__user=user, offering_id=lesson.offering_id, status=Enrollment.Status.ENROLLED)
    return (enrollments.filter(group_id=lesson.group_id) if lesson.group_id else enrollments).first()


@dataclass
class Space:
    sections: list[Section]
    opened: set[int]  # the listener's opened materials
    required: int
    done: int
    assignments: list[Assignment]  # of no section
    passed: set[int]  # the listener's passed assignments
    packages_done: set[int]  # the listener's SCORM packages completed or passed
    threshold: int  # the share of required activities that completes the course

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.required) if self.required else 100

    @property
    def complete(self) -> bool:
        return self.done * 100 >= self.threshold * self.required


def _visible(materials: QuerySet[Material], today: datetime.date) -> QuerySet[Material]:
    return materials.filter(Q(visible_from=None) | Q(visible_from__lte=today), Q(section__visible_from=None) | Q(section__visible_from__lte=today))


def _passed(offering_id: int) -> QuerySet[Grade]:
    """Released marks at or above their assignment's pass mark."""
    return Grade.objects.filter(submission__assignment__offering_id=offering_id, state=Grade.State.RELEASED,
                                points__gte=F("submission__assignment__pass_points"))


def passed_by(enrollment: Enrollment) -> set[int]:
    """The assignments the listener has passed, by his own work or his group's."""
    mine = Q(submission__enrollment=enrollment, submission__group=None)
    if enrollment.group_id:
        mine |= Q(submission__group_id=enrollment.group_id)
    return set(_passed(enrollment.offering_id).filter(mine).values_list("submission__assignment_id", flat=True))


def _packages_done(offering_id: int) -> QuerySet[PackageAttempt]:
    return PackageAttempt.objects.filter(package__section__offering_id=offering_id).filter(Q(passed=True) | Q(status="completed"))


def space(offering_id: int, *, enrollment: Enrollment | None, teacher: bool) -> Space:
    """The course's sections with their materials (a listener sees those visible today),
    assignments and packages, what he has opened, passed and completed, and his progress: the
    required activities done of those visible, against the course's rule. Eight queries."""
    today = timezone.localdate()
    materials = Material.objects.filter(section__offering_id=offering_id).order_by("position", "id")
    if not teacher:
        materials = _visible(materials, today)
    assignments = Assignment.objects.filter(offering_id=offering_id).order_by("due_at", "id")
    sections = Section.objects.filter(offering_id=offering_id).prefetch_related(Prefetch("materials", queryset=materials),
                                                                                Prefetch("assignments", queryset=assignments), "packages")
    if not teacher:
        sections = sections.filter(Q(visible_from=None) | Q(visible_from__lte=today))
    shown = list(sections)
    loose = list(assignments.filter(section=None))
    opened = set(MaterialView.objects.filter(enrollment=enrollment).values_list("material_id", flat=True)) if enrollment else set()
    passed = passed_by(enrollment) if enrollment else set()
    done_packages = set(_packages_done(offering_id).filter(enrollment=enrollment).values_list("package_id", flat=True)) if enrollment else set()
    required = [m.pk for section in shown for m in section.materials.all() if m.required]
    tasks = [a.pk for a in [*loose, *(a for section in shown for a in section.assignments.all())] if a.required]
    runs = [p.pk for section in shown for p in section.packages.all() if p.required]
    return Space(shown, opened, len(required) + len(tasks) + len(runs),
                 len(opened & set(required)) + len(passed & set(tasks)) + len(done_packages & set(runs)), loose, passed, done_packages,
                 threshold_of(offering_id))


def threshold_of(offering_id: int) -> int:
    """The course's completion rule: the share of required activities to do (all, unless set)."""
    return CompletionRule.objects.filter(offering_id=offering_id).values_list("percent", flat=True).first() or 100


@dataclass
class Behind:
    enrollment: Enrollment
    done: int
    required: int
    threshold: int

    @property
    def complete(self) -> bool:
        return self.done * 100 >= self.threshold * self.required


def progress_grid(offering_id: int) -> list[Behind]:
    """Each listener of the course with the required activities done (materials visible today
    opened, assignments passed, packages completed), the furthest behind first: the lecturer's
    view. Eight queries."""
    required = _visible(Material.objects.filter(section__offering_id=offering_id, required=True), timezone.localdate())
    tasks = Assignment.objects.filter(offering_id=offering_id, required=True).filter(Q(section=None) | Q(section__visible_from=None)
                                                                                      | Q(section__visible_from__lte=timezone.localdate()))
    runs = Package.objects.filter(section__offering_id=offering_id, required=True).filter(Q(section__visible_from=None)
                                                                                          | Q(section__visible_from__lte=timezone.localdate()))
    total = required.count() + tasks.count() + runs.count()
    enrollments = Enrollment.objects.filter(offering_id=offering_id, status=Enrollment.Status.ENROLLED).select_related("person", "group")
    done = dict(MaterialView.objects.filter(material__in=required, enrollment__offering_id=offering_id).values("enrollment_id").annotate(n=Count("pk"))
                .values_list("enrollment_id", "n"))
    own: dict[int, set[int]] = {}
    by_group: dict[int, set[int]] = {}
    for assignment_id, enrollment_id, group_id in _passed(offering_id).filter(submission__assignment__in=tasks).values_list(
            "submission__assignment_id", "submission__enrollment_id", "submission__group_id"):
        (by_group.setdefault(group_id, set()) if group_id else own.setdefault(enrollment_id, set())).add(assignment_id)
    completed = dict(_packages_done(offering_id).filter(package__in=runs).values("enrollment_id").annotate(n=Count("pk")).values_list("enrollment_id", "n"))
    threshold = threshold_of(offering_id)
    rows = [Behind(e, done.get(e.pk, 0) + len(own.get(e.pk, set()) | by_group.get(e.group_id or 0, set())) + completed.get(e.pk, 0), total, threshold)
            for e in enrollments]
    return sorted(rows, key=lambda r: (r.done, r.enrollment.person.last_name, r.enrollment.pk))


def courses_of(user: User) -> QuerySet[Offering]:
    """The courses whose space the user opens: those he listens to, and those whose journal he
    keeps; the running ones first, then those to come, then the past."""
    listening = Enrollment.objects.filter(person__user=user, status=Enrollment.Status.ENROLLED).values("offering")
    taught = journal_queries.groups_visible_to(user).values("offering") if not user.is_academy_wide else None
    today = timezone.localdate()
    running_first = Case(When(starts_on__lte=today, ends_on__gte=today, then=Value(0)), When(starts_on__gt=today, then=Value(1)), default=Value(2))
    offerings = Offering.objects.select_related("version__programme").order_by(running_first, "starts_on")
    if user.is_academy_wide:
        return offerings.filter(starts_on__lte=today + datetime.timedelta(days=60), ends_on__gte=today - datetime.timedelta(days=60))
    return offerings.filter(Q(pk__in=listening) | Q(pk__in=taught))


def teaches(user: User, offering_id: int, group_id: int | None = None) -> bool:
    """Whether the user keeps the journal of the course (or of the lesson's group): he sets its
    online lessons and its space up, and sees every listener's progress."""
    return user.has_role(*TEACHERS) and (user.is_academy_wide or journal_queries.within_reach(user, offering_id=offering_id, group_id=group_id))


@dataclass
class Work:
    """A row of an assignment's board: a listener (or a study group) and his latest attempt."""

    enrollment: Enrollment | None
    group_id: int | None
    label: str  # the name, or "Participant N" while the marking is blind
    submission: Submission | None
    grade: Grade | None
    extension: Extension | None


def board(assignment: Assignment) -> list[Work]:
    """Every listener (or study group) of the assignment's course with his latest attempt, its
    mark and his extension; names hidden while marking is blind and the mark not released.
    Three queries whatever the number of listeners."""
    latest: dict[tuple[int | None, int | None], Submission] = {}
    for attempt in Submission.objects.filter(assignment=assignment).select_related("grade").order_by("attempt"):
        latest[(None, attempt.group_id) if assignment.by_group else (attempt.enrollment_id, None)] = attempt
    extensions = {x.enrollment_id: x for x in Extension.objects.filter(assignment=assignment)}
    enrollments = Enrollment.objects.filter(offering_id=assignment.offering_id, status__in=(Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED))
    rows = []
    if assignment.by_group:
        seen: set[int] = set()
        for enrollment in enrollments.exclude(group=None).select_related("group").order_by("group__number"):
            if enrollment.group_id not in seen:
                seen.add(enrollment.group_id)  # type: ignore[arg-type]
                submission = latest.get((None, enrollment.group_id))
                rows.append(Work(None, enrollment.group_id, str(enrollment.group), submission, _grade(submission), None))
        return rows
    for enrollment in enrollments.select_related("person").order_by("person__last_name", "person__first_name", "pk"):
        submission = latest.get((enrollment.pk, None))
        grade = _grade(submission)
        hidden = assignment.blind and not (grade and grade.state == Grade.State.RELEASED)
        label = (participant_label(submission.participant) if submission else "") if hidden else enrollment.person.full_name
        rows.append(Work(enrollment if not hidden else None, None, label, submission, grade, extensions.get(enrollment.pk) if not hidden else None))
    if assignment.blind:  # an order by name would give the names away
        rows.sort(key=lambda row: (row.submission is None, row.submission.participant if row.submission else 0))
    return rows


def _grade(submission: Submission | None) -> Grade | None:
    return getattr(submission, "grade", None) if submission else None


def participant_label(number: int) -> str:
    return _("Participant %(number)s") % {"number": number}


def threads_of(offering_id: int, section_id: int | None = None) -> QuerySet[Thread]:
    """A forum's threads, the latest active first, with their number of posts: one query."""
    threads = Thread.objects.filter(offering_id=offering_id).select_related("author__person", "section").annotate(replies=Count("posts"))
    return threads.filter(section_id=section_id) if section_id else threads


DIGITAL_TARGET = {2019: 0.30, 2020: 0.40, 2021: 0.50, 2022: 0.60, 2023: 0.70}  # seed 003, task 1.3 (held at 70 % after 2023)


def digital_courses(year: int) -> tuple[int, int]:
    """Of the courses that start in a year, how many run partly or wholly online in the system (an
    online section, an assignment or an online lesson), and how many there are: the
    digitalisation share of the educational process (seed 003, task 1.3)."""
    offerings = Offering.objects.filter(starts_on__year=year)
    online = offerings.filter(Q(sections__isnull=False) | Q(assignments__isnull=False) | Q(lessons__online_meeting__isnull=False)).distinct()
    return online.count(), offerings.count()
