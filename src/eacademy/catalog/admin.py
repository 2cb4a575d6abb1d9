from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.catalog.models import Competency, Programme, ProgrammeVersion


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "code", "position")


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_ru", "kind", "department")
    list_filter = ("kind",)
    search_fields = ("code", "name_ru", "name_kk")


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(SimpleHistoryAdmin):
    """Read-only: versions change through the catalog pages, where approval makes them immutable."""

    list_display = ("programme", "number", "status", "approved_by", "approved_at")
    list_filter = ("status",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
