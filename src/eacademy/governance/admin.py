from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.core.admin import ReadOnlyHistoryAdmin
from eacademy.governance.models import CalendarDay, Council, Measure, Order, Recommendation


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    """A decree that moves a day off or makes a weekend a working day is entered here."""

    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "quorum_percent"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["goal", "task", "text", "unit", "deadline", "status"]
    list_filter = ["status", "goal"]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "standard", "unit", "deadline", "status"]
    list_filter = ["status"]


@admin.register(Order)
class OrderAdmin(ReadOnlyHistoryAdmin):
    """Orders change only through the services (visas, numbering, the signed PDF)."""

    list_display = ("__str__", "kind", "status", "drafted_by", "signed_by", "signed_at")
    list_filter = ("kind", "status", "year")
