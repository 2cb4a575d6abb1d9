"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

EDITORS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR)
READERS = (*EDITORS, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT)
HISTORY_READERS = (Role.ADMINISTRATOR,)  # the person's full change history names who changed what
