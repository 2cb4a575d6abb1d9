from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eacademy.core import services
from eacademy.core.models import ApiToken, User
from eacademy.core.roles import Role


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Records that change only through the services, which write their history (enrollments, orders)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class RoleFilter(admin.SimpleListFilter):
    """The groups are the roles, named by their codes: listed by the roles' names instead."""

    title = _("role")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in Role.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        return queryset.filter(groups__name=self.value()) if self.value() in Role.values else queryset


@admin.register(User)
class AcademyUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Administrators manage logins and roles (the groups) here; history shows who changed what."""

    list_display = ("username", "is_active", "language", "last_login")
    list_filter = ("is_active", RoleFilter)
    fieldsets = (
        (None, {"fields": ("username", "password", "is_active", "language")}),
        (_("Roles"), {"fields": ("groups",)}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    filter_horizontal = ("groups",)
    actions = ["reset_passwords"]

    @admin.action(description=_("Reset the password (a temporary one, changed at the next sign-in)"))
    def reset_passwords(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse:
        """The temporary passwords are shown on this answer alone, never stored or sent."""
        given = [(user, services.user_password_reset(actor=request.user, user=user)) for user in queryset.order_by("username")]  # type: ignore[arg-type]
        return render(request, "admin/core/temporary_passwords.html", {**self.admin_site.each_context(request), "given": given,
                                                                         "title": _("Temporary passwords")})


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """A role's group, shown by the role's name in the reader's language."""

    list_display = ("role",)

    @admin.display(description=_("role"), ordering="name")
    def role(self, group: Group) -> str:
        return str(Role(group.name).label) if group.name in Role.values else group.name


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ("name", "user", "created_at", "last_used_at")
    readonly_fields = ("digest", "created_at", "last_used_at")
