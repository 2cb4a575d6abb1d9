from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from eacademy.enrollment.models import Application, Enrollment
from eacademy.governance.models import Order


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Enrollment records change only through the services, which write orders and history."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyHistoryAdmin):
    list_display = ("person", "offering", "status", "source", "created_at")
    list_filter = ("status", "source")
    list_select_related = ("person", "offering__version__programme")
    raw_id_fields = ("person", "offering")


@admin.register(Enrollment)
class EnrollmentAdmin(ReadOnlyHistoryAdmin):
    list_display = ("person", "offering", "group", "status")
    list_filter = ("status",)
    list_select_related = ("person", "offering__version__programme", "group")
    raw_id_fields = ("person", "offering", "application", "group")


@admin.register(Order)
class OrderAdmin(ReadOnlyHistoryAdmin):
    list_display = ("__str__", "kind", "status", "drafted_by", "signed_by", "signed_at")
    list_filter = ("status", "year")
