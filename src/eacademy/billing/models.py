"""Paid educational services: VAT rates and prices as data with the dates they take effect,
customers, contracts with their lines, invoices with VAT by the date of turnover, payments."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.campus.models import Stay
from eacademy.core.base import TrilingualName
from eacademy.core.iin import validate_bin
from eacademy.enrollment.models import Application
from eacademy.events.models import Registration
from eacademy.org.models import AcademyUnit, Agency
from eacademy.planning.models import Offering

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def money(label: "StrOrPromise", *, not_negative: bool = False) -> models.DecimalField:
    """Tenge with tiyn, up to a trillion."""
    return models.DecimalField(label, max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))] if not_negative else [])


class VatRate(models.Model):
    """Kazakhstan's VAT rate from a date (by the date of turnover): 12 % until 2025, 16 % from
    1 January 2026 (Tax Code of 18 July 2025). A new law is a new row, never a code change."""

    valid_from = models.DateField(_("valid from"), unique=True)
    percent = models.DecimalField(_("rate, %"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    source = models.CharField(_("source"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")

    def __str__(self) -> str:
        return f"{self.percent} % ({self.valid_from:%d.%m.%Y})"


class Service(TrilingualName):
    """What the Academy sells: a course, a seminar, a test, accommodation, a copy of a document."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    unit = models.CharField(_("unit"), max_length=40)  # "listener", "night", "copy"
    vat_exempt = models.BooleanField(_("exempt from VAT"), default=False)
    department = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("department"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")


class Price(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="prices", verbose_name=_("service"))
    valid_from = models.DateField(_("valid from"))
    amount = money(_("price, tenge"), not_negative=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "-valid_from"]
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        constraints = [models.UniqueConstraint(fields=["service", "valid_from"], name="billing_price_once_a_day"),
                       models.CheckConstraint(condition=models.Q(amount__gte=0), name="billing_price_not_negative")]

    def __str__(self) -> str:
        return f"{self.service}: {self.amount} ({self.valid_from:%d.%m.%Y})"


class DiscountRule(models.Model):
    """A discount by rule: for an agency under an agreement, for a group of more than N, or both.
    A contract line takes the largest discount whose conditions it meets; discounts do not add up."""

    name = models.CharField(_("name"), max_length=200)
    percent = models.DecimalField(_("discount, %"), max_digits=5, decimal_places=2)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("for the agency"))
    more_than = models.PositiveIntegerField(_("for more than (quantity)"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "name"]
        verbose_name = _("discount rule")
        verbose_name_plural = _("discount rules")
        constraints = [models.CheckConstraint(condition=models.Q(percent__gt=0, percent__lte=100), name="billing_discount_percent_sane")]

    def __str__(self) -> str:
        return f"{self.name}: {self.percent} %"


class Customer(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    bin = models.CharField(_("BIN"), max_length=12, blank=True, validators=[validate_bin])
    iin_or_passport = models.CharField(_("IIN or passport"), max_length=20, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency"))
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bank = models.CharField(_("bank"), max_length=200, blank=True)
    bik = models.CharField(_("BIC"), max_length=11, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        constraints = [models.CheckConstraint(condition=~models.Q(kind="organisation") | ~models.Q(bin=""), name="billing_organisation_has_bin")]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    """A contract for paid services, numbered per year, its lines priced when it is made."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        CANCELLED = "cancelled", _("Cancelled")

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("customer"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    made_on = models.DateField(_("made on"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by"))
    language = models.CharField(_("language of the contract"), max_length=2, choices=[("kk", "Қазақша"), ("ru", "Русский")], default="ru")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("contract for paid services")
        verbose_name_plural = _("contracts for paid services")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="billing_contract_number_unique")]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year}"


class ContractLine(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lines", verbose_name=_("contract"))
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service"))
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit_price = money(_("unit price"))
    discount_percent = models.DecimalField(_("discount, %"), max_digits=5, decimal_places=2, default=Decimal(0))
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("course"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "pk"]
        verbose_name = _("contract line")
        verbose_name_plural = _("contract lines")
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0, unit_price__gte=0, discount_percent__gte=0, discount_percent__lte=100),
                                              name="billing_contract_line_sane")]

    def __str__(self) -> str:
        return f"{self.service} × {self.quantity}"


class Beneficiary(models.Model):
    """A place the contract pays for: a listener's application to a course, a participant's
    registration for an event, or a stay in the dormitory. Not confirmed until the contract is signed."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="beneficiaries", verbose_name=_("contract"))
    application = models.OneToOneField(Application, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("application"))
    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("participant"))
    stay = models.OneToOneField(Stay, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("stay"))

    class Meta:
        ordering = ["contract", "pk"]
        verbose_name = _("paid place")
        verbose_name_plural = _("paid places")
        constraints = [models.CheckConstraint(
            condition=models.Q(application__isnull=False, registration=None, stay=None) | models.Q(application=None, registration__isnull=False, stay=None)
            | models.Q(application=None, registration=None, stay__isnull=False), name="billing_beneficiary_one_place")]

    def __str__(self) -> str:
        return str(self.application or self.registration or self.stay)


class Amendment(models.Model):
    """An additional agreement to a contract, numbered within it; what it changed is in the
    history of the contract's lines, which the amendment names as the reason."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("contract"))
    number = models.PositiveSmallIntegerField(_("number"))
    made_on = models.DateField(_("made on"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="billing_amendment_number_unique")]

    def __str__(self) -> str:
        return f"{self.contract} / {self.number}"


class Invoice(models.Model):
    """An invoice for the whole contract or a stage: each line's VAT at the rate of the turnover date."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("contract"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued on"))
    turnover_on = models.DateField(_("date of turnover"))
    due_on = models.DateField(_("due on"))
    net = money(_("amount without VAT"))
    vat = money(_("VAT"))
    total = money(_("total"))
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="billing_invoice_number_unique"),
                       models.CheckConstraint(condition=models.Q(total=models.F("net") + models.F("vat")), name="billing_invoice_total_is_net_plus_vat")]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year}"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name=_("invoice"))
    contract_line = models.ForeignKey(ContractLine, on_delete=models.PROTECT, related_name="invoiced", verbose_name=_("contract line"))
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    net = money(_("amount without VAT"))
    vat_percent = models.DecimalField(_("VAT, %"), max_digits=5, decimal_places=2)
    vat = money(_("VAT"))

    class Meta:
        ordering = ["invoice", "pk"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self) -> str:
        return f"{self.invoice}: {self.net} + {self.vat}"


class Payment(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments", verbose_name=_("invoice"))
    amount = money(_("amount"))  # negative: a refund
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("bank reference"), max_length=60)

    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [models.UniqueConstraint(fields=["reference"], name="billing_payment_reference_once")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount}"


class Act(models.Model):
    """An act of completed work: what was rendered under a contract, drawn when its course ends
    from the attendance the journal holds; VAT at the rate of the day the course ended."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="acts", verbose_name=_("contract"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    made_on = models.DateField(_("made on"))
    net = money(_("amount without VAT"))
    vat = money(_("VAT"))
    total = money(_("total"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("act of completed work")
        verbose_name_plural = _("acts of completed work")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="billing_act_number_unique"),
                       models.CheckConstraint(condition=models.Q(total=models.F("net") + models.F("vat")), name="billing_act_total_is_net_plus_vat")]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year}"


class ActLine(models.Model):
    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="lines", verbose_name=_("act"))
    contract_line = models.OneToOneField(ContractLine, on_delete=models.PROTECT, related_name="act_line", verbose_name=_("contract line"))  # rendered once
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    net = money(_("amount without VAT"))
    vat_percent = models.DecimalField(_("VAT, %"), max_digits=5, decimal_places=2)
    vat = money(_("VAT"))

    class Meta:
        ordering = ["act", "pk"]
        verbose_name = _("act line")
        verbose_name_plural = _("act lines")

    def __str__(self) -> str:
        return f"{self.act}: {self.quantity}"
