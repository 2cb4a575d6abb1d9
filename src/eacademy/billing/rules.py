"""Who may do what in this app: each role list named once, here."""

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import require_role

BILLERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.ACCOUNTANT)
CONTRACT_READERS = (*BILLERS, Role.AGENCY_COORDINATOR)  # a coordinator reads his agency's (queries.contracts_visible_to)


def require_biller(actor: User) -> None:
    require_role(actor, BILLERS)
