"""Who may do what in the library: each role list named once, here."""

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.library.models import Work

LIBRARIANS = (Role.ADMINISTRATOR, Role.LIBRARIAN)  # the catalogue, the desk, acts, the repository
# Who reads works "for official use": the Academy's teaching and management staff.
OFFICIAL_READERS = (*LIBRARIANS, Role.LEADERSHIP, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)
READING_LIST_EDITORS = (*LIBRARIANS, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT)
# Who checks written works and sees every check's report.
CHECKERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.LIBRARIAN)
# Who keeps the register of violations and decides on them (a decision is a conduct record).
REGISTRARS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)  # as campus records conduct


def readable_access(user: User | None) -> tuple[str, ...]:
    """The repository's access levels a user may read: open for everyone, the Academy's for
    any signed-in user, "for official use" for the staff."""
    if user is None or not user.is_authenticated:
        return (Work.Access.OPEN,)
    if user.has_role(*OFFICIAL_READERS):
        return (Work.Access.OPEN, Work.Access.ACADEMY, Work.Access.RESTRICTED)
    return (Work.Access.OPEN, Work.Access.ACADEMY)
