"""Reads of the staff pages: whom a user may see, and one staff list for every filter."""

from django.db.models import Max, Q, QuerySet

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.org.models import Position
from eacademy.people.models import StaffMember

# Who keeps the staff records: the personnel side is the administrator's, the teaching side the
# methodologists'; a head of department keeps his own department's.
KEEPERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)


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
