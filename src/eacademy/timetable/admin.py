from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.timetable.models import AvailableSlot, DayOff, LecturerLimits, Period, Room, RoomClosure, Unavailability


@admin.register(Room)
class RoomAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "capacity", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("number", "starts", "ends")


@admin.register(DayOff)
class DayOffAdmin(admin.ModelAdmin):
    list_display = ("date", "reason")
    date_hierarchy = "date"


@admin.register(LecturerLimits)
class LecturerLimitsAdmin(SimpleHistoryAdmin):
    list_display = ("lecturer", "invited", "per_day", "per_week")
    list_filter = ("invited",)
    list_select_related = ("lecturer",)
    autocomplete_fields = ("lecturer",)


@admin.register(AvailableSlot)
class AvailableSlotAdmin(admin.ModelAdmin):
    list_display = ("lecturer", "date", "period")
    list_select_related = ("lecturer", "period")
    autocomplete_fields = ("lecturer",)


@admin.register(RoomClosure)
class RoomClosureAdmin(admin.ModelAdmin):
    list_display = ("room", "starts_on", "ends_on", "reason")
    list_select_related = ("room",)


@admin.register(Unavailability)
class UnavailabilityAdmin(SimpleHistoryAdmin):
    list_display = ("lecturer", "starts_on", "ends_on", "reason")
    list_select_related = ("lecturer",)
    autocomplete_fields = ("lecturer",)
