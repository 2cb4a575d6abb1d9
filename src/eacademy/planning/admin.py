from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.planning.models import Offering, OfferingQuota, TrainingNeed


class QuotaInline(admin.TabularInline):
    model = OfferingQuota
    extra = 0


@admin.register(Offering)
class OfferingAdmin(SimpleHistoryAdmin):
    list_display = ("version", "starts_on", "ends_on", "capacity", "language", "status")
    list_filter = ("status", "language")
    list_select_related = ("version__programme",)
    inlines = [QuotaInline]


@admin.register(TrainingNeed)
class TrainingNeedAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "year", "programme", "topic", "quantity")
    list_filter = ("year", "agency")
    list_select_related = ("agency", "programme")
