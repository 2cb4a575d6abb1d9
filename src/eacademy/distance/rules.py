"""Who may do what in distance learning: each role list named once, here."""

from eacademy.core.roles import Role

# Who sets an online lesson up and takes its attendance: those who keep the lesson's journal
# (journal.queries.within_reach narrows a lecturer and a head to their groups).
TEACHERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)
READERS = (*TEACHERS, Role.LISTENER)
# Who says when a course is completed at a distance: those who plan it, not each lecturer.
COMPLETION_SETTERS = (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT)
