from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.roles import Role

TEACHERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)
REGISTRARS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
READERS = (*TEACHERS, Role.LEADERSHIP)


def require(actor: User, roles: tuple[str, ...]) -> None:
    if not actor.has_role(*roles):
        raise DomainError(_("Your role does not allow this."))


class Conflict(DomainError):
    """Somebody else changed the value since the page was opened; carries the current one."""

    def __init__(self, message: str, current: object, revision: int) -> None:
        super().__init__(message)
        self.current = current
        self.revision = revision
