from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.org.models import AcademyUnit, Agency, AgencyHeadcount, AgencyUnit, ClassRank, Position


class HeadcountInline(admin.TabularInline):
    model = AgencyHeadcount
    extra = 0


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("short_name", "name_ru", "kind", "country", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("short_name", "name_ru", "name_kk", "name_en", "code")
    inlines = [HeadcountInline]


@admin.register(AgencyUnit)
class AgencyUnitAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "agency", "level", "region")
    list_filter = ("agency", "level")
    search_fields = ("name_ru", "name_kk")
    readonly_fields = ("path", "depth", "numchild")


@admin.register(AcademyUnit)
class AcademyUnitAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "kind", "code")
    list_filter = ("kind",)
    readonly_fields = ("path", "depth", "numchild")


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "category", "may_lecture")
    list_filter = ("category", "may_lecture")


@admin.register(ClassRank)
class ClassRankAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "seniority")
