"""Reads of the staff pages: whom a user may see, and one staff list for every filter."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.org.models import Position
from eacademy.people.models import StaffMember
from eacademy.staff.models import Development, HubTrainer
from eacademy.staff.rules import KEEPERS

# Who keeps the staff records: the personnel side is the administrator's, the teaching side the
# methodologists'; a head of department keeps his own department's.


def visible_staff(user: User) -> QuerySet[StaffMember]:
    """Academy-wide roles see all the staff; a head of department his department; anyone else himself."""
    staff = StaffMember.objects.all()
    if not user.is_authenticated or not user.is_active:
        return staff.none()
    if user.is_academy_wide:
        return staff
    scope = Q(person__user=user)
    if user.has_role(Role.HEAD_OF_DEPARTMENT):
        scope |= Q(academy_unit__in=StaffMember.objects.filter(person__user=user).values("academy_unit"))
    return staff.filter(scope)


def may_keep(user: User, member: StaffMember) -> bool:
    """Whether the user edits this profile and records its development."""
    if user.has_role(*KEEPERS):
        return True
    return user.has_role(Role.HEAD_OF_DEPARTMENT) and StaffMember.objects.filter(person__user=user, academy_unit_id=member.academy_unit_id).exists()


def teaching_staff() -> QuerySet[StaffMember]:
    """The Academy's scientific and pedagogical staff: teaching posts, invited lecturers left out."""
    return StaffMember.objects.filter(position__category=Position.Category.TEACHING, is_invited=False)


def staff_list(user: User, *, unit_id: int | None = None, invited: bool | None = None, degree: str | None = None) -> QuerySet[StaffMember]:
    """The staff a user may see with what the list shows, in one query whatever their number."""
    staff = visible_staff(user).select_related("person__rank", "academy_unit", "position").annotate(last_development=Max("developments__ends_on"))
    if unit_id:
        staff = staff.filter(academy_unit_id=unit_id)
    if invited is not None:
        staff = staff.filter(is_invited=invited)
    if degree is not None:
        staff = staff.filter(academic_degree=degree)
    return staff.order_by("academy_unit__code", "person__last_name", "person__first_name", "pk")


# --- Who may lecture --------------------------------------------------------------------------------
# Who may lecture (Rules seed 001 §36): a holder of one of the listed posts (`Position.may_lecture`:
# professors, associate professors, lecturers...), a scientific worker (an academic degree or title,
# or a post in the Academy's research institute), or a practitioner with at least three years of
# practical work in the field (invited judges, prosecutors, foreign experts).

PRACTICE_YEARS = 3
RESEARCH_INSTITUTE = "isri"


def is_scientific_worker(member: StaffMember) -> bool:
    return bool(member.academic_degree or member.academic_title) or member.academy_unit.code == RESEARCH_INSTITUTE


def may_lecture(member: StaffMember) -> bool:
    return member.position.may_lecture or is_scientific_worker(member) or member.practice_years >= PRACTICE_YEARS


def refusal(lecturer: User) -> str | None:
    """Why this user may not lecture, in words; None when he may."""
    member = StaffMember.objects.filter(person__user=lecturer).select_related("position", "person", "academy_unit").first()
    name = lecturer.get_full_name() or lecturer.username
    if member is None:
        return _("%(name)s is neither on the Academy's staff nor in its pool of invited lecturers.") % {"name": name}
    if may_lecture(member):
        return None
    return _("%(name)s may not lecture: the post of %(position)s is not one that lectures, he is not a scientific worker, and %(years)s years "
             "of practice are fewer than the %(required)s the Rules require (§36).") % {"name": member.person.full_name, "position": member.position, "years": member.practice_years,
                                                         "required": PRACTICE_YEARS}


# --- The strategy's indicators of the teaching staff ------------------------------------------------
# The strategy's staff indicators (seed 003): the share of scientists (an academic degree or
# title) and practitioners (a special title of at least Counsellor of Justice) among the teaching
# staff, the share of the teaching staff trained in a year, and the Regional Hub's national trainers.

# Counsellor of Justice and above; of the special ranks, lieutenant colonel and above, its equal.
PRACTITIONER_RANKS = ("counsellor", "senior-counsellor", "state-counsellor-3", "lieutenant-colonel", "colonel")
# Targets by year; after the strategy's last year its last target stands.
SCIENTISTS_PRACTITIONERS_TARGET = {2019: 0.40, 2020: 0.45, 2021: 0.50, 2022: 0.55, 2023: 0.60}
TRAINED_SHARE_TARGET = {2021: 0.10, 2022: 0.15, 2023: 0.20}


def target(targets: dict[int, float], year: int) -> float | None:
    if year < min(targets):
        return None
    return targets[min(year, max(targets))]


@dataclass(frozen=True)
class Composition:
    teaching: int
    scientists: int
    practitioners: int
    either: int

    @property
    def share(self) -> float | None:
        return self.either / self.teaching if self.teaching else None


def _teaching(department_id: int | None) -> QuerySet[StaffMember]:
    staff = teaching_staff()
    return staff.filter(academy_unit_id=department_id) if department_id else staff


def composition(department_id: int | None = None) -> Composition:
    """The teaching staff as it stands, in one query."""
    scientist = ~Q(academic_degree="") | ~Q(academic_title="")
    practitioner = Q(person__rank__code__in=PRACTITIONER_RANKS)
    sums = _teaching(department_id).aggregate(teaching=Count("pk"), scientists=Count("pk", filter=scientist),
                                      practitioners=Count("pk", filter=practitioner), either=Count("pk", filter=scientist | practitioner))
    return Composition(**sums)


def trained_by_year(department_id: int | None = None) -> dict[int, int]:
    """Teaching staff members with some professional development finished in each year."""
    rows = (Development.objects.filter(member__in=_teaching(department_id)).annotate(year=ExtractYear("ends_on")).values("year")
            .annotate(n=Count("member", distinct=True)))
    return {row["year"]: row["n"] for row in rows}


def stamp() -> str:
    """Changes when a staff record does: the dashboard's cached figures are keyed on it."""
    latest = [model.history.aggregate(latest=Max("history_date"))["latest"] for model in (StaffMember, Development, HubTrainer)]
    return ",".join(str(moment) for moment in latest)


def hub_trainers_by_year(years: list[int]) -> dict[int, int]:
    """National trainers qualified up to the end of each year (the strategy counts the total)."""
    rows = HubTrainer.objects.annotate(year=ExtractYear("qualified_on")).values("year").annotate(n=Count("pk"))
    qualified = {row["year"]: row["n"] for row in rows}
    return {year: sum(n for y, n in qualified.items() if y <= year) for year in years}
