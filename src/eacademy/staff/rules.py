"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

KEEPERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)
HUB_READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP)
