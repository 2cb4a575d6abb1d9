"""Paid services' writes: one function per change, each in one transaction."""

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from eacademy.billing import calculation, queries, statement
from eacademy.billing.models import (
    Act,
    ActLine,
    Amendment,
    Beneficiary,
    Contract,
    ContractLine,
    Customer,
    DiscountRule,
    Invoice,
    InvoiceLine,
    Payment,
    Service,
    VatRate,
)
from eacademy.billing.rules import require_biller
from eacademy.campus import services as campus_services
from eacademy.campus.models import Stay
from eacademy.core.errors import DomainError
from eacademy.core.history import bulk_create_recorded, save_by, system_user
from eacademy.core.models import User
from eacademy.enrollment import queries as enrollment_queries
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Application
from eacademy.events import services as events_services
from eacademy.events.models import Registration
from eacademy.journal import queries as journal_queries
from eacademy.planning.models import Offering

# Kazakhstan's rates by the date of turnover; loaded by a migration (and the tests' database).
VAT_RATES = [
    (datetime.date(2009, 1, 1), Decimal(12), "Tax Code of the Republic of Kazakhstan of 10 December 2008, art. 268"),
    (datetime.date(2026, 1, 1), Decimal(16), "Tax Code of the Republic of Kazakhstan of 18 July 2025 (in force from 1 January 2026)"),
]


def load_vat_rates() -> None:
    for valid_from, percent, source in VAT_RATES:
        VatRate.objects.get_or_create(valid_from=valid_from, defaults={"percent": percent, "source": source})


@dataclass(frozen=True)
class Item:
    """A line of a contract to be made: the service, how much, the discount (None: the discount
    rules decide), and the course it is for."""

    service: Service
    quantity: Decimal
    discount: Decimal | None = None
    offering: Offering | None = None


def discount_for(customer: Customer, quantity: Decimal, day: datetime.date) -> Decimal:
    """The largest discount whose rule the line meets on that day (an agency's agreement, a group
    of more than N); rules do not add up."""
    rules = DiscountRule.objects.filter(Q(valid_to=None) | Q(valid_to__gte=day), Q(agency=None) | Q(agency_id=customer.agency_id), valid_from__lte=day)
    return max((Decimal(r.percent) for r in rules if r.more_than is None or quantity > r.more_than), default=Decimal(0))


def _check_seats(customer: Customer, items: Sequence[Item], enrolled: dict[int, int]) -> None:
    """A line for a course asks for no more places than the course has open to the customer's
    agency (its quota and the seats no quota reserves), besides the contract's listeners
    already enrolled (`enrolled`: offering id → how many)."""
    for item in items:
        if item.offering is not None and item.quantity - enrolled.get(item.offering.pk, 0) > (
                free := enrollment_queries.seats(item.offering).count_for(customer.agency_id)):
            raise DomainError(_("The course “%(course)s” has %(free)s free seats: the contract cannot sell %(quantity)s.")
                              % {"course": item.offering, "free": free, "quantity": item.quantity})


@transaction.atomic
def contract_create(*, actor: User, customer: Customer, made_on: datetime.date, items: Sequence[Item], language: str = "ru",
                    applications: Sequence[Application] = (), registrations: Sequence[Registration] = (), stays: Sequence[Stay] = ()) -> Contract:
    """A draft contract numbered in its year, each line priced on the day it is made, with the
    places it pays for (listeners' applications, event participants, dormitory stays): those not
    yet confirmed wait for the contract to be signed."""
    require_biller(actor)
    if not items:
        raise DomainError(_("A contract lists at least one service."))
    for item in items:
        if item.quantity <= 0 or (item.discount is not None and not 0 <= item.discount <= 100):
            raise DomainError(_("A quantity is positive and a discount from 0 to 100 %."))
    if language not in ("kk", "ru"):
        raise DomainError(_("A contract is made in Kazakh or Russian."))
    _check_seats(customer, items, Counter(a.offering_id for a in applications if a.status == Application.Status.ACCEPTED))
    taken = Beneficiary.objects.filter(Q(application__in=applications) | Q(registration__in=registrations) | Q(stay__in=stays)).first()
    if taken is not None:
        raise DomainError(_("%(place)s is already paid for by another contract.") % {"place": taken})
    number = (Contract.objects.select_for_update().filter(year=made_on.year).aggregate(n=Max("number"))["n"] or 0) + 1
    contract = save_by(Contract(customer=customer, year=made_on.year, number=number, made_on=made_on, created_by=actor, language=language), actor)
    for item in items:
        discount = discount_for(customer, item.quantity, made_on) if item.discount is None else item.discount
        save_by(ContractLine(contract=contract, service=item.service, quantity=item.quantity, unit_price=queries.price_on(item.service, made_on),
                             discount_percent=discount, offering=item.offering), actor)
    Beneficiary.objects.bulk_create([Beneficiary(contract=contract, application=a) for a in applications]
                                    + [Beneficiary(contract=contract, registration=r) for r in registrations] + [Beneficiary(contract=contract, stay=s) for s in stays])
    _await(actor, contract, awaiting=True)
    return contract


def _await(actor: User, contract: Contract, *, awaiting: bool) -> None:
    """Hold the contract's places until it is signed, or release them: each app's own call."""
    places = list(contract.beneficiaries.select_related("application", "registration", "stay"))
    enrollment_services.applications_await_contract(actor=actor, applications=[p.application for p in places if p.application], awaiting=awaiting)
    events_services.registrations_await_contract(actor=actor, registrations=[p.registration for p in places if p.registration], awaiting=awaiting)
    campus_services.stays_await_contract(actor=actor, stays=[p.stay for p in places if p.stay], awaiting=awaiting)


@transaction.atomic
def contract_sign(*, actor: User, contract: Contract, signed_on: datetime.date) -> Contract:
    """Both parties have signed: the places it pays for may now be confirmed."""
    require_biller(actor)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != Contract.Status.DRAFT:
        raise DomainError(_("Only a draft contract can be signed."))
    if signed_on < contract.made_on:
        raise DomainError(_("A contract is signed on or after the day it is made."))
    contract.status, contract.signed_on = Contract.Status.SIGNED, signed_on
    save_by(contract, actor, update_fields=["status", "signed_on"])
    _await(actor, contract, awaiting=False)
    return contract


@transaction.atomic
def contract_cancel(*, actor: User, contract: Contract) -> Contract:
    """A contract nothing was invoiced on is cancelled; its places stay unconfirmed."""
    require_biller(actor)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status == Contract.Status.CANCELLED or contract.invoices.exists():
        raise DomainError(_("Only a contract not yet invoiced can be cancelled."))
    contract.status = Contract.Status.CANCELLED
    save_by(contract, actor, update_fields=["status"])
    return contract


@transaction.atomic
def contract_amend(*, actor: User, contract: Contract, made_on: datetime.date, reason: str, quantities: dict[int, Decimal]) -> Amendment:
    """An additional agreement changing the quantities of lines: never below what was invoiced
    or rendered, never beyond the course's free seats. The lines' history names the amendment."""
    require_biller(actor)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status == Contract.Status.CANCELLED:
        raise DomainError(_("A cancelled contract is not amended."))
    if not reason.strip():
        raise DomainError({"reason": [_("Say what the amendment is for.")]})
    lines = {line.pk: line for line in contract.lines.select_related("offering").filter(pk__in=list(quantities))}
    if not quantities or set(quantities) != set(lines):
        raise DomainError(_("An amendment changes lines of this contract."))
    invoiced = dict(InvoiceLine.objects.filter(contract_line__in=list(lines)).values("contract_line").annotate(q=Sum("quantity")).values_list("contract_line", "q"))
    for pk, quantity in quantities.items():
        if quantity <= 0 or quantity < invoiced.get(pk, 0) or hasattr(lines[pk], "act_line"):
            raise DomainError(_("“%(service)s”: a quantity stays positive, no less than invoiced, and a rendered line is not changed.") % {"service": lines[pk].service})
    enrolled = dict(contract.beneficiaries.filter(application__status=Application.Status.ACCEPTED).values("application__offering")
                    .annotate(n=Count("pk")).values_list("application__offering", "n"))
    _check_seats(contract.customer, [Item(lines[pk].service, quantities[pk], offering=lines[pk].offering) for pk in quantities if quantities[pk] > lines[pk].quantity], enrolled)
    number = (contract.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
    amendment = save_by(Amendment(contract=contract, number=number, made_on=made_on, reason=reason.strip(), created_by=actor), actor)
    for pk, quantity in quantities.items():
        lines[pk].quantity = quantity
        save_by(lines[pk], actor, update_fields=["quantity"], reason=_("amendment № %(number)s: %(reason)s") % {"number": number, "reason": reason.strip()})
    return amendment


def _line(row: ContractLine) -> calculation.Line:
    return calculation.Line(row.quantity, row.unit_price, row.discount_percent)


@transaction.atomic
def invoice_issue(*, actor: User, contract: Contract, issued_on: datetime.date, turnover_on: datetime.date,
                  quantities: dict[int, Decimal] | None = None) -> Invoice:
    """An invoice for what remains of the contract, or for `quantities` of its lines (a stage);
    VAT at the rate of the turnover date, line by line."""
    require_biller(actor)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != Contract.Status.SIGNED:
        raise DomainError(_("Only a signed contract is invoiced."))
    stages = []
    rows = list(contract.lines.select_related("service").order_by("pk"))
    percents = queries.vat_percents((row.service for row in rows), turnover_on)
    done = {line: (q, net) for line, q, net in InvoiceLine.objects.filter(contract_line__contract=contract).values("contract_line")
            .annotate(q=Sum("quantity"), net=Sum("net")).values_list("contract_line", "q", "net")}  # one query, not one per line
    for row in rows:
        invoiced_quantity, invoiced_net = done.get(row.pk, (Decimal(0), Decimal(0)))
        quantity = (quantities or {}).get(row.pk, Decimal(0)) if quantities is not None else row.quantity - invoiced_quantity
        if quantity == 0:
            continue
        try:
            part = calculation.stage(_line(row), quantity, invoiced_quantity, invoiced_net, percents[row.service_id])
        except ValueError:
            raise DomainError(_("“%(service)s”: no more than what remains of the line can be invoiced.") % {"service": row.service}) from None
        stages.append((row, part))
    if not stages:
        raise DomainError(_("Nothing remains to invoice on this contract."))
    number = (Invoice.objects.select_for_update().filter(year=issued_on.year).aggregate(n=Max("number"))["n"] or 0) + 1
    net, tax = sum((p.net for _row, p in stages), Decimal(0)), sum((p.vat for _row, p in stages), Decimal(0))
    invoice = save_by(Invoice(contract=contract, year=issued_on.year, number=number, issued_on=issued_on, turnover_on=turnover_on, net=net, vat=tax,
                              total=net + tax, due_on=issued_on + datetime.timedelta(days=settings.PAYMENT_DAYS)), actor)
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
    report.paid = bulk_create_recorded(report.paid, Payment, actor)
    return report


def _rendered(contract: Contract, lines: list[ContractLine]) -> dict[int, Decimal]:
    """How much of each line was rendered: for a course, the contract's listeners who attended
    it (the journal's attendance) or, when the contract names none, the quantity sold; for any
    other service, the quantity sold."""
    places = list(contract.beneficiaries.filter(application__isnull=False).values_list("application__offering", "application__enrollment"))
    came = journal_queries.attended([enrollment for _offering, enrollment in places if enrollment])
    out = {}
    for line in lines:
        named = [enrollment for offering, enrollment in places if offering == line.offering_id]
        out[line.pk] = Decimal(sum(e in came for e in named)) if line.offering_id and named else line.quantity
    return out


def _act(contract: Contract, made_on: datetime.date, by: User) -> Act:
    lines = list(contract.lines.select_related("service", "offering").filter(act_line=None))
    if not lines:
        raise DomainError(_("Everything on this contract is already in an act."))
    if any(line.offering and line.offering.ends_on > made_on for line in lines):
        raise DomainError(_("An act is drawn when the contract's courses have ended."))
    rendered = _rendered(contract, lines)
    percents = queries.vat_percents((line.service for line in lines), made_on)
    parts = []
    for line in lines:
        quantity = min(rendered[line.pk], line.quantity)
        net = calculation.Line(quantity, line.unit_price, line.discount_percent).net
        parts.append((line, quantity, calculation.Stage(quantity, net, percents[line.service_id])))
    number = (Act.objects.select_for_update().filter(year=made_on.year).aggregate(n=Max("number"))["n"] or 0) + 1
    net, tax = sum((p.net for _l, _q, p in parts), Decimal(0)), sum((p.vat for _l, _q, p in parts), Decimal(0))
    act = save_by(Act(contract=contract, year=made_on.year, number=number, made_on=made_on, net=net, vat=tax, total=net + tax), by)
    ActLine.objects.bulk_create([ActLine(act=act, contract_line=line, quantity=quantity, net=p.net, vat_percent=p.vat_percent, vat=p.vat)
                                 for line, quantity, p in parts])
    return act


@transaction.atomic
def act_draw(*, actor: User, contract: Contract, made_on: datetime.date) -> Act:
    """The act of completed work for what the contract has rendered and no act holds yet."""
    require_biller(actor)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != Contract.Status.SIGNED:
        raise DomainError(_("Acts are drawn on signed contracts."))
    return _act(contract, made_on, actor)


def acts_for_ended_courses(today: datetime.date) -> list[Act]:
    """The daily run: an act for each signed contract whose courses have all ended, dated the
    day the last of them ended."""
    acts = []
    contracts = (Contract.objects.filter(status=Contract.Status.SIGNED, lines__offering__isnull=False, lines__act_line=None).distinct()
                 .annotate(last=Max("lines__offering__ends_on")).filter(last__lt=today))
    for contract in contracts:
        with transaction.atomic():
            acts.append(_act(Contract.objects.select_for_update().get(pk=contract.pk), contract.last, system_user()))
    return acts


REMIND_EVERY_DAYS = 7


def _mail(subject: str, body: str, address: str) -> Callable[[], object]:
    return lambda: send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[address])


def debt_reminders_send(today: datetime.date) -> int:
    """E-mail each customer with invoices past their due date a list of what is owed, in the
    language of his contracts, at most once a week. Returns how many customers were reminded."""
    paid = dict(Payment.objects.filter(invoice__due_on__lt=today).values("invoice").annotate(s=Sum("amount")).values_list("invoice", "s"))
    candidates = (Invoice.objects.filter(due_on__lt=today).filter(Q(reminded_on=None) | Q(reminded_on__lte=today - datetime.timedelta(days=REMIND_EVERY_DAYS)))
                  .exclude(contract__customer__email="").select_related("contract__customer").order_by("year", "number"))
    by_customer: dict[Customer, list[tuple[Invoice, Decimal]]] = {}
    for invoice in candidates:
        if (owed := invoice.total - (paid.get(invoice.pk) or Decimal(0))) > 0:
            by_customer.setdefault(invoice.contract.customer, []).append((invoice, owed))
    for customer, invoices in by_customer.items():
        with translation.override(invoices[0][0].contract.language):
            lines = [_("Invoice № %(number)s/%(year)s of %(day)s: %(owed)s ₸ owed, due %(due)s.")
                     % {"number": i.number, "year": i.year, "day": f"{i.issued_on:%d.%m.%Y}", "owed": owed, "due": f"{i.due_on:%d.%m.%Y}"} for i, owed in invoices]
            subject = _("A reminder of unpaid invoices")
            body = "\n".join([_("Dear customer, these invoices of the Academy are past their due date:"), *lines,
                               _("If you have already paid, please send us the payment order.")])
        transaction.on_commit(_mail(subject, body, customer.email))
    reminded = [i for invoices in by_customer.values() for i, _owed in invoices]
    for invoice in reminded:
        invoice.reminded_on = today
    bulk_update_with_history(reminded, Invoice, ["reminded_on"], batch_size=500, default_user=system_user(), default_change_reason="debt reminder")
    return len(by_customer)
