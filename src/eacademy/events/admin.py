from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.events.models import BADGE_FIELDS, Activity, Agreement, BadgeTemplate, Expert, Partner


class BadgeTemplateForm(forms.ModelForm):
    shows = forms.MultipleChoiceField(label=BadgeTemplate._meta.get_field("shows").verbose_name, choices=list(BADGE_FIELDS.items()),
                                      widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = BadgeTemplate
        fields = ["name", "heading", "shows"]


@admin.register(BadgeTemplate)
class BadgeTemplateAdmin(SimpleHistoryAdmin):
    form = BadgeTemplateForm
    list_display = ("name", "heading")


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "kind", "country")
    list_filter = ("kind",)
    search_fields = ("name_ru", "name_en", "name_kk")


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 1
    raw_id_fields = ("event",)


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "partner", "kind", "signed_on", "valid_until")
    list_select_related = ("partner",)
    list_filter = ("kind",)
    inlines = [ActivityInline]


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ("person", "international", "organisation")
    list_select_related = ("person",)
    list_filter = ("international",)
    raw_id_fields = ("person",)
