from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from eacademy.billing import esf, money, queries, services, statement
from eacademy.billing.forms import (
    ActForm,
    AmendmentForm,
    ContractForm,
    InvoiceForm,
    LineFormSet,
    MonthForm,
    PaymentForm,
    RevenueForm,
    SignForm,
    StatementForm,
)
from eacademy.billing.models import Act, Contract, Customer, Invoice
from eacademy.billing.rules import BILLERS, CONTRACT_READERS
from eacademy.core.access import role_required, signed_in_user
from eacademy.core.documents import dated_filename, pdf_response, xlsx_response
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.core.uploads import read_upload


@role_required(*CONTRACT_READERS)
@require_GET
def invoice_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(request, "billing/invoices.html", {"invoices": queries.invoices_with_outstanding(user)[:300], "is_biller": user.has_role(*BILLERS)})


@role_required(*CONTRACT_READERS)
@require_GET
def contract_list(request: HttpRequest) -> HttpResponse:
    contracts = queries.contracts_visible_to(signed_in_user(request)).select_related("customer")[:300]
    return render(request, "billing/contracts.html", {"contracts": contracts, "is_biller": signed_in_user(request).has_role(*BILLERS)})


@role_required(*BILLERS)
def contract_create(request: HttpRequest) -> HttpResponse:
    """A contract from its customer and lines; a line for a course names the listeners the
    customer's agency has nominated to it (as many as the line sells, first come first)."""
    form, lines = ContractForm(request.POST or None), LineFormSet(request.POST or None, prefix="line")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        customer, items, applications = form.cleaned_data["customer"], [], []
        for row in (f.cleaned_data for f in lines.forms if f.cleaned_data.get("service")):
            nominees = list(queries.unpaid_nominees(customer, row["offering"].pk)) if row["offering"] else []
            quantity = row["quantity"] or Decimal(len(nominees))
            applications += nominees[: int(quantity)]
            items.append(services.Item(row["service"], quantity, row["discount"], row["offering"]))
        try:
            if any(item.quantity == 0 for item in items):
                raise DomainError(_("The agency has nominated nobody to this course yet: give the quantity."))
            contract = services.contract_create(actor=signed_in_user(request), customer=customer, made_on=form.cleaned_data["made_on"], items=items,
                                                language=form.cleaned_data["language"], applications=applications)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Contract № %(number)s/%(year)s is drawn: print it, and mark it signed when both parties have signed it.")
                             % {"number": contract.number, "year": contract.year})
            return redirect("billing:contract", pk=contract.pk)
    return render(request, "billing/contract_form.html", {"form": form, "lines": lines}, status=422 if form.errors or lines.errors else 200)


@role_required(*CONTRACT_READERS)
@require_GET
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    contract = get_object_or_404(queries.contracts_visible_to(user).select_related("customer"), pk=pk)
    lines = list(contract.lines.select_related("service", "offering__version__programme"))
    context = {"contract": contract, "lines": lines, "places": queries.contract_places(contract), "amendments": contract.amendments.all(),
               "invoices": queries.invoices_with_outstanding(user).filter(contract=contract), "acts": contract.acts.all(),
               "is_biller": user.has_role(*BILLERS)}
    if context["is_biller"]:
        context |= {"sign_form": SignForm(), "invoice_form": InvoiceForm(), "act_form": ActForm(), "payment_form": PaymentForm(contract=contract),
                    "amendment_form": AmendmentForm(lines=lines)}
    return render(request, "billing/contract.html", context)


def _contract(pk: int) -> Contract:
    return get_object_or_404(Contract, pk=pk)


def _post_form(request: HttpRequest, form: object, act: object, success: str, pk: int) -> HttpResponse:
    """A contract page's form: the service on valid input, else its errors as messages; back to the contract."""
    if not form.is_valid():  # type: ignore[attr-defined]
        for errors in form.errors.values():  # type: ignore[attr-defined]
            for error in errors:
                messages.error(request, error)
        return redirect("billing:contract", pk=pk)
    return act_and_return(request, lambda: act(form.cleaned_data), success, reverse("billing:contract", args=[pk]))  # type: ignore[attr-defined,operator]


@role_required(*BILLERS)
@require_POST
def contract_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(request, SignForm(request.POST), lambda d: services.contract_sign(actor=signed_in_user(request), contract=_contract(pk), **d),
                      _("The contract is signed: the places it pays for may now be confirmed."), pk)


@role_required(*BILLERS)
@require_POST
def contract_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return act_and_return(request, lambda: services.contract_cancel(actor=signed_in_user(request), contract=_contract(pk)), _("The contract is cancelled."),
                          reverse("billing:contract", args=[pk]))


@role_required(*BILLERS)
@require_POST
def contract_amend(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(pk)
    lines = list(contract.lines.select_related("service"))
    form = AmendmentForm(request.POST, lines=lines)
    return _post_form(request, form, lambda d: services.contract_amend(actor=signed_in_user(request), contract=contract, made_on=d["made_on"], reason=d["reason"],
                                                                        quantities=form.quantities(lines)), _("The amendment is recorded."), pk)


@role_required(*BILLERS)
@require_POST
def invoice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(request, InvoiceForm(request.POST), lambda d: services.invoice_issue(actor=signed_in_user(request), contract=_contract(pk), **d),
                      _("The invoice is issued."), pk)


@role_required(*BILLERS)
@require_POST
def act_draw(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(request, ActForm(request.POST), lambda d: services.act_draw(actor=signed_in_user(request), contract=_contract(pk), **d),
                      _("The act of completed work is drawn."), pk)


@role_required(*BILLERS)
@require_POST
def payment_register(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(request, PaymentForm(request.POST, contract=_contract(pk)), lambda d: services.payment_register(actor=signed_in_user(request), **d),
                      _("The payment is registered."), pk)


@role_required(*BILLERS)
def statement_import(request: HttpRequest) -> HttpResponse:
    """A bank statement: payments matched to invoices by number are registered, the rest listed for matching by hand."""
    form = StatementForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        mapping = {f: form.cleaned_data[f] for f in statement.FIELDS}
        try:
            rows = statement.read(read_upload(upload, "spreadsheet"), "xlsx" if upload.name.lower().endswith(".xlsx") else "csv", mapping)
            report = services.statement_import(actor=signed_in_user(request), rows=rows)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("%(paid)s payments registered; %(left)s rows to match by hand.") % {"paid": len(report.paid), "left": len(report.to_match)})
    return render(request, "billing/statement.html", {"form": form, "report": report}, status=422 if form.errors else 200)


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
    return render(request, "billing/debts.html", {"header": header, "rows": [(c, amounts, sum(amounts)) for c, amounts in rows], "today": today,
                                                  "total": sum((sum(amounts) for _c, amounts in rows), Decimal(0))})


@role_required(*BILLERS)
@require_GET
def revenue(request: HttpRequest) -> HttpResponse:
    """Invoiced revenue of a year by month, service, department or customer; in Excel too."""
    form = RevenueForm(request.GET or {"year": timezone.localdate().year, "by": "month"})
    rows = queries.revenue(form.cleaned_data["year"], form.cleaned_data["by"]) if form.is_valid() else []
    header = [dict(form.fields["by"].choices).get(form.data.get("by"), ""), _("Amount without VAT"), _("VAT"), _("Total")]  # type: ignore[attr-defined]
    if form.is_valid() and request.GET.get("format") == "xlsx":
        return xlsx_response(_("Revenue"), header, (list(row) for row in rows),
                             dated_filename("revenue", form.cleaned_data["year"], form.cleaned_data["by"], extension="xlsx"))
    return render(request, "billing/revenue.html", {"form": form, "header": header, "rows": rows,
                                                    "total": [sum((r[i] for r in rows), Decimal(0)) for i in (1, 2, 3)]}, status=200 if form.is_valid() else 422)


@role_required(*CONTRACT_READERS)
@require_GET
def contract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The contract as signed: the template of its kind (organisation, person) in its language."""
    contract = get_object_or_404(queries.contracts_visible_to(signed_in_user(request)).select_related("customer"), pk=pk)
    lines = contract.lines.select_related("service", "offering__version__programme")
    total = queries.contract_total(contract)
    return pdf_response(f"billing/contract_{contract.customer.kind}_{contract.language}.pdf.html",
                        {"contract": contract, "lines": lines, "places": queries.contract_places(contract), "total": total,
                         "words": money.in_words(total, contract.language), "academy": queries.academy(),
                         "payment_days": settings.PAYMENT_DAYS},
                        dated_filename("contract", f"{contract.number}-{contract.year}", extension="pdf"), sealed_as=str(contract))


@role_required(*CONTRACT_READERS)
@require_GET
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The invoice as printed: lines, VAT by rate, the total in figures and in words in Kazakh and Russian."""
    invoice = get_object_or_404(queries.invoices_with_outstanding(signed_in_user(request)), pk=pk)
    lines = invoice.lines.select_related("contract_line__service").order_by("pk")
    return pdf_response("billing/invoice.pdf.html", {"invoice": invoice, "lines": lines, "words_kk": money.in_words(invoice.total, "kk"),
                                                     "words_ru": money.in_words(invoice.total, "ru"), "academy": queries.academy()},
                        dated_filename("invoice", f"{invoice.number}-{invoice.year}", extension="pdf"))


@role_required(*CONTRACT_READERS)
@require_GET
def act_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The act of completed work, in Kazakh and Russian, for both parties to sign."""
    act = get_object_or_404(Act.objects.filter(contract__in=queries.contracts_visible_to(signed_in_user(request))).select_related("contract__customer"), pk=pk)
    lines = act.lines.select_related("contract_line__service", "contract_line__offering__version__programme").order_by("pk")
    return pdf_response("billing/act.pdf.html", {"act": act, "lines": lines, "words_kk": money.in_words(act.total, "kk"), "words_ru": money.in_words(act.total, "ru"),
                                                 "academy": queries.academy()},
                        dated_filename("act", f"{act.number}-{act.year}", extension="pdf"))


@role_required(*BILLERS)
@require_GET
def esf_export(request: HttpRequest) -> HttpResponse:
    """The month's invoices as electronic invoices (IS ESF's XML), for the accountant to upload and sign."""
    form = MonthForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Give the year and the month."), status=400, content_type="text/plain; charset=utf-8")
    year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    invoices = (Invoice.objects.filter(issued_on__year=year, issued_on__month=month).select_related("contract__customer")
                .prefetch_related("lines__contract_line__service").order_by("number"))
    try:
        data = esf.export(invoices)
    except DomainError as exc:
        return HttpResponse(" ".join(exc.messages), status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{dated_filename("esf", year, month, extension="xml")}"'
    return response
