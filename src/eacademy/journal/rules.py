
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role

TEACHERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)
REGISTRARS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
READERS = (*TEACHERS, Role.LEADERSHIP)


class Conflict(DomainError):
    """Somebody else changed the value since the page was opened; carries the current one."""

    def __init__(self, message: str, current: object, revision: int) -> None:
        super().__init__(message)
        self.current = current
        self.revision = revision
