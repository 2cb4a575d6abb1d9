"""Who may do what in this app: each role list named once, here."""

from eacademy.core.roles import Role

ORGANISERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
REVEALERS = (Role.ADMINISTRATOR,)  # who may see the names behind a finalised session's codes
READERS = (*ORGANISERS, Role.LEADERSHIP)
EXPERTS = (Role.EXPERT,)
