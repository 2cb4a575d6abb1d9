from django.contrib import admin

from eacademy.campus.models import Bed, Building, DormRoom


class BedInline(admin.TabularInline):
    model = Bed
    extra = 0


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ("name", "address")


@admin.register(DormRoom)
class DormRoomAdmin(admin.ModelAdmin):
    """Rooms and their beds; stays change only through the dormitory's pages (the nights they hold)."""

    list_display = ("__str__", "floor", "sex", "accessible")
    list_filter = ("building", "sex", "accessible")
    inlines = [BedInline]
