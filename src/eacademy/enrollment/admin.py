from django.contrib import admin

from eacademy.core.admin import ReadOnlyHistoryAdmin
from eacademy.enrollment.models import Application, Enrollment


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

