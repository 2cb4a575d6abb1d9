from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eacademy.core.roles import Role

# The work, in its order: plan → enrol → teach → assess → evaluate; campus; administration.
GROUPS = [("plan", _("Planning")), ("enrol", _("Enrolment")), ("teach", _("Teaching")), ("assess", _("Assessment")),
          ("evaluate", _("Evaluation")), ("campus", _("Campus")), ("govern", _("Governance")), ("admin", _("Administration"))]

# (label, url name, group, roles that see it; empty = every signed-in user)
_NAVIGATION = [
    (_("Programmes"), "catalog:programme_list", "plan", ()),
    (_("Plan of courses"), "planning:plan", "plan", ()),
    (_("Training needs"), "planning:need_list", "plan", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.AGENCY_COORDINATOR)),
    (_("Applications"), "enrollment:applications", "enrol", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)),
    (_("My courses"), "enrollment:my_courses", "enrol", ()),
    (_("Orders on listeners"), "enrollment:order_list", "enrol", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP)),
    (_("Timetable"), "timetable:overview", "teach", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.LEADERSHIP)),
    (_("My timetable"), "timetable:my", "teach", (Role.LISTENER, Role.LECTURER)),
    (_("Journal"), "journal:group_list", "teach", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.LEADERSHIP)),
    (_("My studies"), "journal:my_journal", "teach", (Role.LISTENER,)),
    (_("Postgraduate study"), "postgrad:index", "teach", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)),
    (_("My postgraduate studies"), "postgrad:my", "teach", (Role.STUDENT,)),
    (_("Distance learning"), "distance:index", "teach", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER, Role.LISTENER)),
    (_("Internships"), "internships:list", "teach", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LECTURER, Role.LISTENER)),
    (_("Teaching staff"), "staff:list", "teach", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT)),
    (_("International events"), "events:list", "teach", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)),
    (_("Tests"), "exams:exam_list", "assess", ()),
    (_("Question banks"), "exams:bank_list", "assess", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)),
    (_("Assessment centre"), "assessment:index", "assess", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.EXPERT)),
    (_("Surveys"), "evaluation:my_surveys", "evaluate", (Role.LISTENER,)),
    (_("All surveys"), "evaluation:survey_list", "evaluate", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT, Role.LEADERSHIP)),
    (_("Follow-up"), "evaluation:follow_up_list", "evaluate", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR)),
    (_("Indicators"), "analytics:dashboard", "evaluate", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.AGENCY_COORDINATOR)),
    (_("Effectiveness"), "analytics:effectiveness", "evaluate", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.AGENCY_COORDINATOR)),
    (_("Results in the service"), "evaluation:level_four", "evaluate", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR)),
    (_("Dormitory"), "campus:overview", "campus", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.DORMITORY_OFFICER, Role.LEADERSHIP)),
    (_("Leave passes"), "campus:leave", "campus", (Role.LISTENER, Role.ADMINISTRATOR, Role.DORMITORY_OFFICER, Role.LEADERSHIP)),
    (_("People"), "people:person_list", "admin", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.AGENCY_COORDINATOR, Role.HEAD_OF_DEPARTMENT)),
    (_("Agencies"), "org:agency_list", "admin", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.AGENCY_COORDINATOR, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)),
    (_("Academy structure"), "org:academy_structure", "admin", ()),
    (_("Paid services"), "billing:contracts", "admin", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.ACCOUNTANT, Role.AGENCY_COORDINATOR)),
    (_("Invoices"), "billing:invoices", "admin", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.ACCOUNTANT, Role.AGENCY_COORDINATOR)),
    (_("Debts"), "billing:debts", "admin", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.ACCOUNTANT)),
    (_("Library"), "library:index", "teach", ()),
    (_("Circulation desk"), "library:desk", "teach", (Role.ADMINISTRATOR, Role.LIBRARIAN)),
    (_("Academic honesty"), "library:violations", "evaluate", (Role.ADMINISTRATOR, Role.METHODOLOGIST)),
    (_("Orders and visas"), "governance:orders", "govern", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.LECTURER,
                                                           Role.ACCOUNTANT, Role.LIBRARIAN)),
    (_("Councils"), "governance:councils", "govern", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP)),
    (_("Appeals"), "governance:appeals", "govern", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT, Role.LECTURER)),
    (_("Quality and strategy"), "governance:quality", "govern", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP)),
    (_("Proposals and best practices"), "governance:proposals", "govern", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP, Role.HEAD_OF_DEPARTMENT,
                                                                         Role.LECTURER, Role.LIBRARIAN, Role.ACCOUNTANT, Role.DORMITORY_OFFICER)),
    (_("Educational work"), "governance:education", "govern", (Role.ADMINISTRATOR, Role.METHODOLOGIST, Role.LEADERSHIP)),
    (_("Administration"), "admin:index", "admin", (Role.ADMINISTRATOR,)),
]

# Each role's daily pages, shown beside Home before the groups (the first role that has any).
DAILY = {
    Role.STUDENT: ["postgrad:my", "exams:exam_list"],
    Role.LISTENER: ["journal:my_journal", "timetable:my", "exams:exam_list"],
    Role.LECTURER: ["timetable:my", "journal:group_list", "exams:exam_list"],
    Role.EXPERT: ["assessment:index"],
    Role.AGENCY_COORDINATOR: ["enrollment:applications", "planning:plan", "people:person_list"],
    Role.HEAD_OF_DEPARTMENT: ["catalog:programme_list", "journal:group_list", "staff:list"],
    Role.METHODOLOGIST: ["planning:plan", "enrollment:applications", "exams:bank_list"],
    Role.DORMITORY_OFFICER: ["campus:overview", "campus:leave"],
    Role.LEADERSHIP: ["enrollment:order_list", "analytics:dashboard"],
    Role.ACCOUNTANT: ["billing:contracts", "billing:invoices", "billing:debts"],
    Role.LIBRARIAN: ["library:desk", "library:index"],
    Role.ADMINISTRATOR: ["admin:index", "people:person_list"],
}


def navigation(request: HttpRequest) -> dict[str, object]:
    """The links of the user's roles: Home and his daily pages, then the others grouped by the
    work. Lazy: base.html caches the rendered menu per user, language and page, so the roles are
    read only when the menu is rendered afresh (a role change shows in the menu within a minute;
    access itself is always checked live)."""

    def menu() -> dict[str, object]:
        user = request.user
        links = {name: {"label": label, "url": reverse(name), "active": request.path == reverse(name), "group": group}
                 for label, name, group, roles in _NAVIGATION if not roles or user.has_role(*roles)}  # type: ignore[union-attr]
        daily = next((names for role, names in DAILY.items() if user.has_role(role)), [])  # type: ignore[union-attr]
        first = [links[name] for name in daily if name in links]
        groups = []
        for key, label in GROUPS:
            items = [link for name, link in links.items() if link["group"] == key and name not in daily]
            if items:
                groups.append({"key": key, "label": label, "items": items, "active": any(i["active"] for i in items)})
        home = {"label": _("Home"), "url": reverse("home"), "active": request.path == reverse("home")}
        return {"daily": [home, *first], "groups": groups}

    return {"navigation": menu}
