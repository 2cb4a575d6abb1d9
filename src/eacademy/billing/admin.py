from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eacademy.billing.models import Customer, DiscountRule, Price, Service, VatRate


@admin.register(VatRate)
class VatRateAdmin(SimpleHistoryAdmin):
    list_display = ("valid_from", "percent", "source")


class PriceInline(admin.TabularInline):
    model = Price
    extra = 1


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_ru", "unit", "vat_exempt", "department")
    search_fields = ("code", "name_ru", "name_kk", "name_en")
    inlines = [PriceInline]


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "bin", "agency", "email")
    list_filter = ("kind",)
    search_fields = ("name", "bin")


@admin.register(DiscountRule)
class DiscountRuleAdmin(SimpleHistoryAdmin):
    list_display = ("name", "percent", "agency", "more_than", "valid_from", "valid_to")
