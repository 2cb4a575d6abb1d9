"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

PLANNERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
SUPERVISORS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)
