"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

# Besides the Academy-wide roles, who sees every agency (a listener's or coordinator's own is always shown).
AGENCY_READERS = (Role.HEAD_OF_DEPARTMENT, Role.LECTURER)
