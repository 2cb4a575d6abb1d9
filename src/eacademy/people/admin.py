from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.people.models import Person, StaffMember


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("last_name", "first_name", "middle_name", "iin", "agency")
    list_select_related = ("agency",)
    list_filter = ("agency", "sex")
    search_fields = ("iin", "last_name", "passport_number")
    raw_id_fields = ("user", "unit")
    show_full_result_count = False


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    list_display = ("person", "academy_unit", "position", "is_invited")
    list_select_related = ("person", "academy_unit", "position")
    raw_id_fields = ("person",)
