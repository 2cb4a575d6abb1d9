from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.staff.models import Development, HubTrainer


@admin.register(Development)
class DevelopmentAdmin(SimpleHistoryAdmin):
    list_display = ("member", "kind", "title", "starts_on", "ends_on", "hours")
    list_select_related = ("member__person",)
    list_filter = ("kind",)
    raw_id_fields = ("member",)
    date_hierarchy = "ends_on"


@admin.register(HubTrainer)
class HubTrainerAdmin(SimpleHistoryAdmin):
    list_display = ("person", "area", "qualified_on")
    list_select_related = ("person",)
    list_filter = ("area",)
    raw_id_fields = ("person",)
