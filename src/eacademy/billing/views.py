from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from eacademy.billing import money, queries
from eacademy.billing.models import Customer, Invoice
from eacademy.billing.rules import BILLERS
from eacademy.core.access import role_required
from eacademy.core.documents import dated_filename, pdf_response, xlsx_response


@role_required(*BILLERS)
@require_GET
def invoice_list(request: HttpRequest) -> HttpResponse:
    return render(request, "billing/invoices.html", {"invoices": queries.invoices_with_outstanding()[:300]})


@role_required(*BILLERS)
@require_GET
def debts(request: HttpRequest) -> HttpResponse:
    """What each customer owes, by how long (0-30, 31-60, 61-90, over 90 days); in Excel too."""
    today = timezone.localdate()
    aged = queries.ageing(today)
    customers = Customer.objects.in_bulk(list(aged))
    rows = sorted(((customers[pk], [buckets[b] for b in queries.AGEING]) for pk, buckets in aged.items()), key=lambda row: row[0].name)
    header = [_("Customer"), *(queries.bucket_label(b) for b in queries.AGEING), _("Owed")]
    if request.GET.get("format") == "xlsx":
        return xlsx_response(_("Debts"), header, ([c.name, *amounts, sum(amounts)] for c, amounts in rows), dated_filename("debts", today, extension="xlsx"))
    return render(request, "billing/debts.html", {"header": header, "rows": [(c, amounts, sum(amounts)) for c, amounts in rows], "today": today})


@role_required(*BILLERS)
@require_GET
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The invoice as printed: lines, VAT by rate, the total in figures and in words in Kazakh and Russian."""
    invoice = get_object_or_404(Invoice.objects.select_related("contract__customer"), pk=pk)
    lines = invoice.lines.select_related("contract_line__service").order_by("pk")
    return pdf_response("billing/invoice.pdf.html", {"invoice": invoice, "lines": lines, "words_kk": money.in_words(invoice.total, "kk"),
                                                     "words_ru": money.in_words(invoice.total, "ru")},
                        dated_filename("invoice", f"{invoice.number}-{invoice.year}", extension="pdf"))
