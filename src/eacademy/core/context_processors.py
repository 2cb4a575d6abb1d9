from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eacademy.core.roles import Role

# (label, url name, roles that see it; empty = every signed-in user)
_NAVIGATION = [
    (_("Home"), "home", ()),
    (_("People"), "people:person_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.AGENCY_COORDINATOR, Role.HEAD_OF_DEPARTMENT)),
    (_("Agencies"), "org:agency_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.AGENCY_COORDINATOR, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)),
    (_("Programmes"), "catalog:programme_list", ()),
    (_("Plan of courses"), "planning:plan", ()),
    (_("Training needs"), "planning:need_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.AGENCY_COORDINATOR)),
    (_("My courses"), "enrollment:my_courses", ()),
    (_("Applications"), "enrollment:applications", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)),
    (_("Tests"), "exams:exam_list", ()),
    (_("Journal"), "journal:group_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.LEADERSHIP)),
    (_("My studies"), "journal:my_journal", (Role.LISTENER,)),
    (_("My timetable"), "timetable:my", (Role.LISTENER, Role.LECTURER)),
    (_("Timetable"), "timetable:overview", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.LEADERSHIP)),
    (_("Surveys"), "evaluation:my_surveys", (Role.LISTENER,)),
    (_("Follow-up"), "evaluation:follow_up_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR)),
    (_("All surveys"), "evaluation:survey_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)),
    (_("Indicators"), "analytics:dashboard", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.AGENCY_COORDINATOR)),
    (_("Results in the service"), "evaluation:level_four", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR)),
    (_("Dormitory"), "campus:overview", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.DORMITORY_OFFICER, Role.LEADERSHIP)),
    (_("Leave"), "campus:leave", (Role.LISTENER, Role.ADMINISTRATOR, Role.DORMITORY_OFFICER, Role.LEADERSHIP)),
    (_("Internships"), "internships:list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LECTURER, Role.LISTENER)),
    (_("Teaching staff"), "staff:list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT)),
    (_("Assessment centre"), "assessment:index", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.EXPERT)),
    (_("Question banks"), "exams:bank_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)),
    (_("Orders"), "enrollment:order_list", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP)),
    (_("Academy structure"), "org:academy_structure", ()),
    (_("Administration"), "admin:index", (Role.ADMINISTRATOR,)),
]


def navigation(request: HttpRequest) -> dict[str, object]:
    """The links of the user's roles. Lazy: base.html caches the rendered menu per user,
    language and page, so the roles are read only when the menu is rendered afresh (a role
    change shows in the menu within a minute; access itself is always checked live)."""

    def items() -> list[dict[str, object]]:
        user = request.user
        return [
            {"label": label, "url": reverse(name), "active": request.path == reverse(name)}
            for label, name, roles in _NAVIGATION
            if not roles or user.has_role(*roles)  # type: ignore[union-attr]
        ]

    return {"navigation": items}
