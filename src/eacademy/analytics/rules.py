"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

DASHBOARD_READERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.AGENCY_COORDINATOR)
