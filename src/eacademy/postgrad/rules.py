"""Who may do what in postgraduate study: each role list named once, here."""

from eacademy.core.roles import Role

# The unit that keeps the record of credits and the history of achievements (Rules §41).
REGISTRARS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)
# Who opens the students' pages; a lecturer and a head of department see only theirs (queries).
READERS = (*REGISTRARS, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.STUDENT)
MARKERS = (*REGISTRARS, Role.LECTURER, Role.HEAD_OF_DEPARTMENT)
ORDER_SIGNERS = (Role.LEADERSHIP,)  # the admission order is signed as the enrollment app's orders are
