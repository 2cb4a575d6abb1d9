"""The roles of E-Academy. Each is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    METHODOLOGIST = "methodologist", _("Methodologist")
    HEAD_OF_DEPARTMENT = "head_of_department", _("Head of department")
    LECTURER = "lecturer", _("Lecturer")
    AGENCY_COORDINATOR = "agency_coordinator", _("Agency coordinator")
    DIRECT_HEAD = "direct_head", _("Direct head")
    LISTENER = "listener", _("Listener")
    STUDENT = "student", _("Master's or doctoral student")
    EXPERT = "expert", _("Assessment expert")
    DORMITORY_OFFICER = "dormitory_officer", _("Dormitory officer")
    LEADERSHIP = "leadership", _("Leadership")
    ACCOUNTANT = "accountant", _("Accountant")
    LIBRARIAN = "librarian", _("Librarian")


# Roles that work with other people's personal data: two-factor authentication is required
# for them in production.
STAFF_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.METHODOLOGIST,
        Role.HEAD_OF_DEPARTMENT,
        Role.LECTURER,
        Role.AGENCY_COORDINATOR,
        Role.EXPERT,
        Role.DORMITORY_OFFICER,
        Role.LEADERSHIP,
        Role.ACCOUNTANT,
        Role.LIBRARIAN,
    }
)

# Roles that see every person of every agency (read-only for leadership).
ACADEMY_WIDE_ROLES = frozenset({Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP})
