from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

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


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ("name", "user", "created_at", "last_used_at")
    readonly_fields = ("digest", "created_at", "last_used_at")
