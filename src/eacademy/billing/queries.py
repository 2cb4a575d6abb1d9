"""What pages and reports read about paid services."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import DecimalField, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from eacademy.billing import money
from eacademy.billing.models import Beneficiary, Contract, Customer, Invoice, InvoiceLine, Payment, Price, Service, VatRate
from eacademy.billing.rules import BILLERS
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.enrollment.models import ACTIVE_APPLICATION_STATES, Application
from eacademy.org.models import AcademyUnit
from eacademy.people.queries import agency_id_of


def vat_percents(services: Iterable[Service], turnover_on: datetime.date) -> dict[int, Decimal]:
    """Each service's VAT rate for turnover on that day, in one query: none when the service is
    exempt or the Academy pays no VAT (a setting), else the rate in force then."""
    services = list(services)
    charged = {s.pk for s in services if not s.vat_exempt} if settings.ACADEMY_PAYS_VAT else set()
    rate = VatRate.objects.filter(valid_from__lte=turnover_on).order_by("-valid_from").first() if charged else None
    if charged and rate is None:
        raise DomainError(_("No VAT rate is recorded for %(day)s.") % {"day": f"{turnover_on:%d.%m.%Y}"})
    return {s.pk: Decimal(rate.percent) if rate and s.pk in charged else Decimal(0) for s in services}


def price_on(service: Service, day: datetime.date) -> Decimal:
    price = Price.objects.filter(service=service, valid_from__lte=day).order_by("-valid_from").first()
    if price is None:
        raise DomainError(_("“%(service)s” has no price on %(day)s.") % {"service": service, "day": f"{day:%d.%m.%Y}"})
    return Decimal(price.amount)


def contract_total(contract: Contract) -> Decimal:
    """What the contract is worth with VAT at the rates of the day it was made (invoices take the
    rate of their turnover dates)."""
    lines = list(contract.lines.select_related("service"))
    percents = vat_percents((line.service for line in lines), contract.made_on)
    total = Decimal(0)
    for line in lines:
        net = money.line_net(line.quantity, line.unit_price, line.discount_percent)
        total += net + money.vat(net, percents[line.service_id])
    return total


def academy() -> dict[str, str]:
    """The Academy's details as the seller, from the settings."""
    return {"bin": settings.ACADEMY_BIN, "address": settings.ACADEMY_ADDRESS, "iban": settings.ACADEMY_IBAN, "bank": settings.ACADEMY_BANK, "bik": settings.ACADEMY_BIK}


def debt(customer: Customer) -> Decimal:
    """Invoiced minus paid, over all the customer's invoices."""
    invoiced = Invoice.objects.filter(contract__customer=customer).aggregate(s=Sum("total"))["s"] or Decimal(0)
    paid = Payment.objects.filter(invoice__contract__customer=customer).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return invoiced - paid


AGEING = ((0, 30), (31, 60), (61, 90), (91, None))  # days past the invoice's date


def bucket_label(bucket: tuple[int, int | None]) -> str:
    low, high = bucket
    return _("over %(days)s days") % {"days": low - 1} if high is None else _("%(low)s–%(high)s days") % {"low": low, "high": high}


def ageing(today: datetime.date) -> dict[int, dict[tuple[int, int | None], Decimal]]:
    """{customer id: {(from, to) days: outstanding}}: each invoice's unpaid part, by how long
    it has been owed. Two queries whatever the number of invoices."""
    paid = dict(Payment.objects.values("invoice").annotate(s=Sum("amount")).values_list("invoice", "s"))
    out: dict[int, dict[tuple[int, int | None], Decimal]] = {}
    for pk, customer_id, issued_on, total in Invoice.objects.values_list("pk", "contract__customer_id", "issued_on", "total"):
        owed = total - (paid.get(pk) or Decimal(0))
        if owed <= 0:
            continue
        days = (today - issued_on).days
        bucket = next(b for b in AGEING if days >= b[0] and (b[1] is None or days <= b[1])) if days >= 0 else AGEING[0]
        row = out.setdefault(customer_id, dict.fromkeys(AGEING, Decimal(0)))
        row[bucket] += owed
    return out


def contracts_visible_to(user: User) -> QuerySet[Contract]:
    """The billers see every contract; an agency's coordinator his agency's; nobody else any."""
    if user.has_role(*BILLERS):
        return Contract.objects.all()
    if user.has_role(Role.AGENCY_COORDINATOR) and (agency_id := agency_id_of(user)):
        return Contract.objects.filter(customer__agency_id=agency_id)
    return Contract.objects.none()


def invoices_with_outstanding(user: User | None = None) -> QuerySet[Invoice]:
    """Invoices newest first (those of the contracts the user sees), each with what was paid and what is still owed."""
    invoices = Invoice.objects.all() if user is None else Invoice.objects.filter(contract__in=contracts_visible_to(user))
    return (invoices.select_related("contract__customer").annotate(paid=Coalesce(Sum("payments__amount"), Value(Decimal(0)), output_field=DecimalField(max_digits=14, decimal_places=2)))
            .annotate(owed=F("total") - F("paid")).order_by("-year", "-number"))


REVENUE_BY = {  # what revenue is grouped by: the key, and the model its ids name (None: a month)
    "month": (TruncMonth("invoice__turnover_on"), None),
    "service": (F("contract_line__service"), Service),
    "department": (F("contract_line__service__department"), AcademyUnit),
    "customer": (F("invoice__contract__customer"), Customer),
}


def revenue(year: int, by: str) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """Invoiced revenue of the year by the date of turnover, grouped by month, service,
    department or customer: (name, without VAT, VAT, total). Two queries."""
    key, model = REVENUE_BY[by]
    rows = list(InvoiceLine.objects.filter(invoice__turnover_on__year=year).annotate(key=key).values("key")
                .annotate(net=Sum("net"), vat=Sum("vat")).order_by("key").values_list("key", "net", "vat"))
    names = model.objects.in_bulk([k for k, _n, _v in rows if k is not None]) if model else {}
    def name(k: object) -> str:
        if model is None:
            return date_format(k, "YEAR_MONTH_FORMAT")  # type: ignore[arg-type]
        return str(names[k]) if k is not None else _("not assigned")
    return [(name(k), net, tax, net + tax) for k, net, tax in rows]


def unpaid_nominees(customer: Customer, offering_id: int) -> QuerySet[Application]:
    """The course's live applications from the customer's agency (enrolled listeners, or those
    awaiting a decision) not yet paid for by any contract: the listeners a contract for the
    course names."""
    if customer.agency_id is None:
        return Application.objects.none()
    return (Application.objects.filter(offering_id=offering_id, person__agency_id=customer.agency_id, status__in=ACTIVE_APPLICATION_STATES)
            .exclude(pk__in=Beneficiary.objects.filter(application__isnull=False).values("application")).order_by("created_at", "pk"))


def contract_places(contract: Contract) -> list[tuple[str, str]]:
    """Who the contract pays for, as it names them: (name, what: the course, event or stay)."""
    places = contract.beneficiaries.select_related("application__person", "application__offering__version__programme", "registration__event",
                                                   "stay__person", "stay__bed__room")
    out = []
    for p in places:
        if p.application:
            out.append((p.application.person.full_name, str(p.application.offering)))
        elif p.registration:
            out.append((f"{p.registration.last_name} {p.registration.first_name}", str(p.registration.event)))
        elif p.stay:
            out.append((p.stay.person.full_name, str(p.stay)))
    return out
