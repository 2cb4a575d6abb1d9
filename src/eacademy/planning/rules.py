"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

PLAN_READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT)
PLANNERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
NEED_WRITERS = (*PLANNERS, Role.AGENCY_COORDINATOR)
