from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eacademy.core import services
from eacademy.core.models import ApiToken, User


@admin.register(User)
class AcademyUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Administrators manage logins and roles (the groups) here; history shows who changed what."""

    list_display = ("username", "is_active", "language", "last_login")
    list_filter = ("is_active", "groups")
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


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ("name", "user", "created_at", "last_used_at")
    readonly_fields = ("digest", "created_at", "last_used_at")
