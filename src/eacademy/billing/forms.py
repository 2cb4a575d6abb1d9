import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eacademy.billing.models import Contract, ContractLine, Customer, Invoice, Service
from eacademy.core.widgets import DATE
from eacademy.planning.models import Offering


def _today() -> datetime.date:
    return timezone.localdate()


class ContractForm(forms.Form):
    customer = forms.ModelChoiceField(label=_("Customer"), queryset=Customer.objects.all())
    language = forms.ChoiceField(label=_("Language of the contract"), choices=[("kk", "Қазақша"), ("ru", "Русский")], initial="ru")
    made_on = forms.DateField(label=_("Made on"), widget=DATE, initial=_today)


class LineForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.all(), required=False)
    offering = forms.ModelChoiceField(label=_("Course"), queryset=Offering.objects.filter(status="published").select_related("version__programme"),
                                      required=False, help_text=_("For a course: its listeners nominated by the customer's agency are named in the contract."))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2, required=False,
                                  help_text=_("Leave empty for a course: as many as the agency has nominated."))
    discount = forms.DecimalField(label=_("Discount, %"), min_value=Decimal(0), max_value=Decimal(100), decimal_places=2, required=False,
                                  help_text=_("Leave empty: the discount rules decide."))

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("service") and (data.get("offering") or data.get("quantity")):
            self.add_error("service", _("Choose the service."))
        if data.get("service") and not data.get("quantity") and not data.get("offering"):
            self.add_error("quantity", _("Give the quantity."))
        return data


LineFormSet = forms.formset_factory(LineForm, extra=3, max_num=20)


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE, initial=_today)


class InvoiceForm(forms.Form):
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE, initial=_today)
    turnover_on = forms.DateField(label=_("Date of turnover"), widget=DATE, initial=_today)


class ActForm(forms.Form):
    made_on = forms.DateField(label=_("Made on"), widget=DATE, initial=_today)


class PaymentForm(forms.Form):
    invoice = forms.ModelChoiceField(label=_("Invoice"), queryset=Invoice.objects.none())
    amount = forms.DecimalField(label=_("Amount, tenge"), max_digits=14, decimal_places=2, help_text=_("Negative for a refund."))
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE, initial=_today)
    reference = forms.CharField(label=_("Bank reference"), max_length=60)

    def __init__(self, *args: object, contract: Contract, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["invoice"].queryset = contract.invoices.all()  # type: ignore[attr-defined]


class AmendmentForm(forms.Form):
    made_on = forms.DateField(label=_("Made on"), widget=DATE, initial=_today)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args: object, lines: list[ContractLine], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for line in lines:
            self.fields[f"line-{line.pk}"] = forms.DecimalField(label=str(line.service), initial=line.quantity, min_value=Decimal("0.01"), max_digits=10,
                                                                decimal_places=2)

    def quantities(self, lines: list[ContractLine]) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data[f"line-{line.pk}"] for line in lines if self.cleaned_data[f"line-{line.pk}"] != line.quantity}


class StatementForm(forms.Form):
    file = forms.FileField(label=_("Bank statement (CSV or Excel)"))
    reference = forms.CharField(label=_("Column of the document number"), initial="Номер документа", max_length=100)
    paid_on = forms.CharField(label=_("Column of the date"), initial="Дата", max_length=100)
    amount = forms.CharField(label=_("Column of the amount"), initial="Кредит", max_length=100)
    purpose = forms.CharField(label=_("Column of the purpose of payment"), initial="Назначение платежа", max_length=100)


class RevenueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    by = forms.ChoiceField(label=_("By"), choices=[("month", _("Month")), ("service", _("Service")), ("department", _("Department")), ("customer", _("Customer"))])


class MonthForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    month = forms.IntegerField(min_value=1, max_value=12)
