from eacademy.core.roles import Role

GRADUATORS = (Role.ADMINISTRATOR, Role.METHODOLOGIST)  # who graduates a course (and drafts its order)
READERS = (*GRADUATORS, Role.LEADERSHIP)
