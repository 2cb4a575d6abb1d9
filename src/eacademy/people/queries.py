"""Reads of people shared by pages, the API and reports. Every list starts from `visible_to`."""

from django.db.models import Q

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.people.models import Person, PersonQuerySet, StaffMember


def visible_to(user: User) -> PersonQuerySet:
    """The people this user may see: least privilege, one rule for pages and API alike."""
    people = Person.objects.all()
    if not user.is_authenticated or not user.is_active:
        return people.none()
    if user.is_academy_wide:
        return people
    me = Person.objects.filter(user=user).select_related("staff").first()
    if me is None:
        return people.none()
    scope = Q(pk=me.pk)
    if user.has_role(Role.AGENCY_COORDINATOR) and me.agency_id:
        scope |= Q(agency_id=me.agency_id)
    if user.has_role(Role.HEAD_OF_DEPARTMENT) and hasattr(me, "staff"):
        scope |= Q(staff__academy_unit_id=me.staff.academy_unit_id)
    return people.filter(scope)


def agency_id_of(user: User) -> int | None:
    """The agency the user's person serves in (an agency coordinator acts for it)."""
    agency_id: int | None = Person.objects.filter(user=user).values_list("agency_id", flat=True).first()
    return agency_id


def academy_unit_id_of(user: User) -> int | None:
    """The Academy unit (a department, for its head) the user's person works in."""
    unit_id: int | None = StaffMember.objects.filter(person__user=user).values_list("academy_unit_id", flat=True).first()
    return unit_id


def search(people: PersonQuerySet, text: str) -> PersonQuerySet:
    """Find by IIN (all or leading digits) or by the start of "last first middle" name, any case."""
    text = " ".join(text.split())
    if not text:
        return people
    if text.isdigit():
        return people.filter(iin__startswith=text)
    return people.filter(search_key__startswith=text.casefold())
