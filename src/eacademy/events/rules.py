"""Who may do what in this app: each role list named once, here."""

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import require_role

ORGANISERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT)
READERS = (*ORGANISERS, Role.LEADERSHIP)


def require_organiser(actor: User) -> None:
    require_role(actor, ORGANISERS)
