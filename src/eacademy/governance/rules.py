"""Who may do what in governance: each role list named once, here."""

from eacademy.core.roles import Role

# The Academy's office: keeps the councils' minutes, drafts orders, registers appeals.
SECRETARIES = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
SIGNERS = (Role.LEADERSHIP,)  # the Rector and the vice-rectors
# Who reads the register of orders, the appeals and the strategy's monitoring.
READERS = (*SECRETARIES, Role.LEADERSHIP)
# Who may be named to read an order "for official use".
OFFICIAL_ROLES = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.ACCOUNTANT)
# Who may put a proposal or a best practice in the register: the Academy's staff.
PROPOSERS = (*READERS, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.LIBRARIAN, Role.ACCOUNTANT, Role.DORMITORY_OFFICER)
