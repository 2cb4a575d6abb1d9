from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.assessment.models import Anchor, Conflict, Exercise, Indicator, RequiredLevel, Reveal


class AnchorInline(admin.TabularInline):
    model = Anchor
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "competency", "position")
    list_filter = ("competency",)
    inlines = [AnchorInline]


@admin.register(RequiredLevel)
class RequiredLevelAdmin(admin.ModelAdmin):
    list_display = ("position", "competency", "level")
    list_filter = ("position",)


@admin.register(Exercise)
class ExerciseAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "kind", "minutes")
    list_filter = ("kind",)
    filter_horizontal = ("indicators",)


@admin.register(Conflict)
class ConflictAdmin(SimpleHistoryAdmin):
    list_display = ("expert", "kind")
    list_filter = ("kind",)
    autocomplete_fields = ("expert", "person")


@admin.register(Reveal)
class RevealAdmin(admin.ModelAdmin):
    """Read-only: the audit of disclosures cannot be edited."""

    list_display = ("session", "user", "at")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
