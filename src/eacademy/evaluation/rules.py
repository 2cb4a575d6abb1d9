"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

ACADEMY_WIDE = (Role.ADMINISTRATOR, Role.METHODOLOGIST)  # act for every agency; a coordinator only for his own
SENDERS = (*ACADEMY_WIDE, Role.AGENCY_COORDINATOR)
LEVEL_FOUR_EDITORS = (*ACADEMY_WIDE, Role.AGENCY_COORDINATOR)
BUILDERS = ACADEMY_WIDE
RESULT_READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)
