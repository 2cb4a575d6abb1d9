"""Paid services' writes: one function per change, each in one transaction."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from eacademy.billing import calculation, statement
from eacademy.billing.models import Contract, ContractLine, Customer, Invoice, InvoiceLine, Payment, Price, Service, VatRate
from eacademy.billing.rules import require_biller
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User

# Kazakhstan's rates by the date of turnover; loaded by a migration (and the tests' database).
VAT_RATES = [
    (datetime.date(2009, 1, 1), Decimal(12), "Tax Code of the Republic of Kazakhstan of 10 December 2008, art. 268"),
    (datetime.date(2026, 1, 1), Decimal(16), "Tax Code of the Republic of Kazakhstan of 18 July 2025 (in force from 1 January 2026)"),
]


def load_vat_rates() -> None:
    for valid_from, percent, source in VAT_RATES:
        VatRate.objects.get_or_create(valid_from=valid_from, defaults={"percent": percent, "source": source})


def vat_percent(service: Service, turnover_on: datetime.date) -> Decimal:
    """The VAT rate for this service's turnover on that day: none when the service is exempt or
    the Academy pays no VAT (a setting), else the rate in force then."""
    if service.vat_exempt or not settings.ACADEMY_PAYS_VAT:
        return Decimal(0)
    rate = VatRate.objects.filter(valid_from__lte=turnover_on).order_by("-valid_from").first()
    if rate is None:
        raise DomainError(_("No VAT rate is recorded for %(day)s.") % {"day": f"{turnover_on:%d.%m.%Y}"})
    return Decimal(rate.percent)


def price_on(service: Service, day: datetime.date) -> Decimal:
    price = Price.objects.filter(service=service, valid_from__lte=day).order_by("-valid_from").first()
    if price is None:
        raise DomainError(_("“%(service)s” has no price on %(day)s.") % {"service": service, "day": f"{day:%d.%m.%Y}"})
    return Decimal(price.amount)


@transaction.atomic
def contract_create(*, actor: User, customer: Customer, made_on: datetime.date, lines: list[tuple[Service, Decimal, Decimal]]) -> Contract:
    """A contract numbered in its year, each line (service, quantity, discount %) priced on the day it is made."""
    require_biller(actor)
    if not lines:
        raise DomainError(_("A contract lists at least one service."))
    for _service, quantity, discount in lines:
        if quantity <= 0 or not 0 <= discount <= 100:
            raise DomainError(_("A quantity is positive and a discount from 0 to 100 %."))
    number = (Contract.objects.select_for_update().filter(year=made_on.year).aggregate(n=Max("number"))["n"] or 0) + 1
    contract = save_by(Contract(customer=customer, year=made_on.year, number=number, made_on=made_on, created_by=actor), actor)
    for service, quantity, discount in lines:
        save_by(ContractLine(contract=contract, service=service, quantity=quantity, unit_price=price_on(service, made_on), discount_percent=discount), actor)
    return contract


def _line(row: ContractLine) -> calculation.Line:
    return calculation.Line(row.quantity, row.unit_price, row.discount_percent)


@transaction.atomic
def invoice_issue(*, actor: User, contract: Contract, issued_on: datetime.date, turnover_on: datetime.date,
                  quantities: dict[int, Decimal] | None = None) -> Invoice:
    """An invoice for what remains of the contract, or for `quantities` of its lines (a stage);
    VAT at the rate of the turnover date, line by line."""
    require_biller(actor)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status == Contract.Status.CANCELLED:
        raise DomainError(_("A cancelled contract is not invoiced."))
    stages = []
    done = {line: (q, net) for line, q, net in InvoiceLine.objects.filter(contract_line__contract=contract).values("contract_line")
            .annotate(q=Sum("quantity"), net=Sum("net")).values_list("contract_line", "q", "net")}  # one query, not one per line
    for row in contract.lines.select_related("service").order_by("pk"):
        invoiced_quantity, invoiced_net = done.get(row.pk, (Decimal(0), Decimal(0)))
        quantity = (quantities or {}).get(row.pk, Decimal(0)) if quantities is not None else row.quantity - invoiced_quantity
        if quantity == 0:
            continue
        try:
            part = calculation.stage(_line(row), quantity, invoiced_quantity, invoiced_net, vat_percent(row.service, turnover_on))
        except ValueError:
            raise DomainError(_("“%(service)s”: no more than what remains of the line can be invoiced.") % {"service": row.service}) from None
        stages.append((row, part))
    if not stages:
        raise DomainError(_("Nothing remains to invoice on this contract."))
    number = (Invoice.objects.select_for_update().filter(year=issued_on.year).aggregate(n=Max("number"))["n"] or 0) + 1
    net, tax = sum((p.net for _row, p in stages), Decimal(0)), sum((p.vat for _row, p in stages), Decimal(0))
    invoice = save_by(Invoice(contract=contract, year=issued_on.year, number=number, issued_on=issued_on, turnover_on=turnover_on, net=net, vat=tax,
                              total=net + tax), actor)
    InvoiceLine.objects.bulk_create([InvoiceLine(invoice=invoice, contract_line=row, quantity=p.quantity, net=p.net, vat_percent=p.vat_percent, vat=p.vat)
                                     for row, p in stages])
    return invoice


def outstanding(invoice: Invoice) -> Decimal:
    paid: Decimal = invoice.payments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return Decimal(invoice.total) - paid


@transaction.atomic
def payment_register(*, actor: User, invoice: Invoice, amount: Decimal, paid_on: datetime.date, reference: str) -> Payment:
    """A payment (or, negative, a refund) against an invoice; a bank reference is used once."""
    require_biller(actor)
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if amount == 0 or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(_("A payment is a non-zero amount in tenge and tiyn."))
    if not reference.strip():
        raise DomainError(_("Give the bank's reference of the payment."))
    if Payment.objects.filter(reference=reference.strip()).exists():
        raise DomainError(_("The payment %(reference)s is already registered.") % {"reference": reference.strip()})
    if amount < 0 and invoice.total - outstanding(invoice) + amount < 0:
        raise DomainError(_("A refund cannot exceed what was paid."))
    return save_by(Payment(invoice=invoice, amount=amount, paid_on=paid_on, reference=reference.strip()), actor)


@dataclass
class StatementReport:
    paid: list[Payment] = field(default_factory=list)
    to_match: list[tuple[statement.Row, str]] = field(default_factory=list)  # (row, why it was not matched)


@transaction.atomic
def statement_import(*, actor: User, rows: list[statement.Row]) -> StatementReport:
    """Register the statement's payments that match an invoice by number (in one bulk write);
    list the others for matching by hand: no invoice number, an unknown one, a negative amount
    (a refund is registered by hand), a reference already registered or repeated."""
    require_biller(actor)
    keys = {key for row in rows if (key := row.invoice_key())}
    years = {year for year, _number in keys}
    invoices = {(year, number): pk for pk, year, number in Invoice.objects.filter(year__in=years).values_list("pk", "year", "number") if (year, number) in keys}
    known = set(Payment.objects.filter(reference__in=[row.reference for row in rows]).values_list("reference", flat=True))
    report, seen = StatementReport(), set()
    for row in rows:
        key = row.invoice_key()
        if not row.reference:
            report.to_match.append((row, _("no bank reference")))
        elif row.reference in known or row.reference in seen:
            report.to_match.append((row, _("the payment %(reference)s is already registered") % {"reference": row.reference}))
        elif row.amount <= 0:
            report.to_match.append((row, _("not a positive amount: a refund is registered by hand")))
        elif key is None:
            report.to_match.append((row, _("no invoice number in the purpose of payment")))
        elif key not in invoices:
            report.to_match.append((row, _("no invoice № %(number)s/%(year)s") % {"number": key[1], "year": key[0]}))
        else:
            report.paid.append(Payment(invoice_id=invoices[key], amount=row.amount, paid_on=row.paid_on, reference=row.reference))
        seen.add(row.reference)
    report.paid = bulk_create_with_history(report.paid, Payment, batch_size=1000, default_user=actor)
    return report
