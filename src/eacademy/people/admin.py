from django.contrib import admin
from django.http import HttpRequest
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

    # People are registered and edited through the app's form (`services.person_create`), which
    # checks the IIN; the admin only reads them and shows their history.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Person | None = None) -> bool:
        return False


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    list_display = ("person", "academy_unit", "position", "is_invited", "academic_degree", "academic_title")
    list_select_related = ("person", "academy_unit", "position")
    raw_id_fields = ("person",)
