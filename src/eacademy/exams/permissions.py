from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.roles import Role

AUTHORS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)


def require_author(actor: User) -> None:
    if not actor.has_role(*AUTHORS):
        raise DomainError(_("Your role does not allow this."))
