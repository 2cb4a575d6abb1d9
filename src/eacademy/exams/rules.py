from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import require_role

AUTHORS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)


def require_author(actor: User) -> None:
    require_role(actor, AUTHORS)
