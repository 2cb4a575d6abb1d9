"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

DRAFT_READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)
EDITORS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT)
APPROVERS = (Role.ADMINISTRATOR, Role.HEAD_OF_DEPARTMENT)
