"""What pages and reports read about paid services."""

import datetime
from decimal import Decimal

from django.db.models import DecimalField, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from eacademy.billing.models import Customer, Invoice, Payment


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


def invoices_with_outstanding() -> QuerySet[Invoice]:
    """Invoices newest first, each with what was paid and what is still owed."""
    return (Invoice.objects.select_related("contract__customer").annotate(paid=Coalesce(Sum("payments__amount"), Value(Decimal(0)), output_field=DecimalField(max_digits=14, decimal_places=2)))
            .annotate(owed=F("total") - F("paid")).order_by("-year", "-number"))
