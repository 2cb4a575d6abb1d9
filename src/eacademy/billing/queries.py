"""What pages and reports read about paid services."""

from decimal import Decimal

from django.db.models import Sum

from eacademy.billing.models import Customer, Invoice, Payment


def debt(customer: Customer) -> Decimal:
    """Invoiced minus paid, over all the customer's invoices."""
    invoiced = Invoice.objects.filter(contract__customer=customer).aggregate(s=Sum("total"))["s"] or Decimal(0)
    paid = Payment.objects.filter(invoice__contract__customer=customer).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return invoiced - paid
