"""Who may lecture (Rules seed 001 §36): a holder of one of the listed posts (`Position.may_lecture`:
professors, associate professors, lecturers...), a scientific worker (an academic degree or title,
or a post in the Academy's research institute), or a practitioner with at least three years of
practical work in the field (invited judges, prosecutors, foreign experts)."""

from django.utils.translation import gettext as _

from eacademy.core.models import User
from eacademy.people.models import StaffMember

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
