"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

HOUSING = (Role.ADMINISTRATOR, Role.DORMITORY_OFFICER)
DECIDERS = (Role.ADMINISTRATOR, Role.LEADERSHIP)  # the Rector and the vice-rectors he delegates to
RECORDERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.DORMITORY_OFFICER)
REGISTER = (*HOUSING, *DECIDERS)
STAFF = (*REGISTER, Role.METHODOLOGIST)
