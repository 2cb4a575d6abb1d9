"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

ROSTER_READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT)
PLANNERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
SIGNERS = (Role.LEADERSHIP,)
NOMINATORS = (*PLANNERS, Role.AGENCY_COORDINATOR)
ORDER_READERS = (*PLANNERS, *SIGNERS)
