"""Paid services, the arithmetic first: VAT by the date of turnover from dated rate data,
invoices that add up to their contract to the tiyn whatever the stages, payments and debts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from eacademy.billing import calculation, money, queries, services
from eacademy.billing.models import Customer, Invoice, Price, Service
from eacademy.core.errors import DomainError
from eacademy.core.iin import make_bin
from eacademy.core.roles import Role

VAT_CHANGE = datetime.date(2026, 1, 1)
amounts = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("2000000.00"), places=2)
quantities = st.integers(min_value=1, max_value=40).map(Decimal)
discounts = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("100.00"), places=2)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.tuples(quantities, amounts, discounts, st.booleans()), min_size=1, max_size=50), data=st.data())
def test_invoices_in_stages_across_a_vat_change_reconcile_with_the_contract_to_the_tiyn(lines, data):
    contract = [(calculation.Line(q, p, d), exempt) for q, p, d, exempt in lines]
    invoices: dict[datetime.date, list[calculation.Stage]] = {}
    for line, exempt in contract:
        invoiced_quantity, invoiced_net = Decimal(0), Decimal(0)
        while invoiced_quantity < line.quantity:  # the line in one to three stages, each before or after the VAT change
            part = data.draw(st.integers(min_value=1, max_value=int(line.quantity - invoiced_quantity)).map(Decimal))
            turnover = data.draw(st.sampled_from([datetime.date(2025, 12, 20), datetime.date(2026, 1, 15)]))
            rate = Decimal(0) if exempt else (Decimal(16) if turnover >= VAT_CHANGE else Decimal(12))
            stage = calculation.stage(line, part, invoiced_quantity, invoiced_net, rate)
            assert stage.net >= 0 and stage.net == stage.net.quantize(money.TIYN) and stage.vat == money.vat(stage.net, rate)
            invoices.setdefault(turnover, []).append(stage)
            invoiced_quantity += part
            invoiced_net += stage.net
        assert invoiced_net == line.net  # the stages of a line add up to the line exactly
    contract_net = sum((line.net for line, _exempt in contract), Decimal(0))
    totals = {day: sum((s.net + s.vat for s in stages), Decimal(0)) for day, stages in invoices.items()}
    assert sum((s.net for stages in invoices.values() for s in stages), Decimal(0)) == contract_net
    invoiced = sum(totals.values(), Decimal(0))
    paid = Decimal(0)
    for total in totals.values():  # paid in part or whole, never more than invoiced
        paid += data.draw(st.decimals(min_value=Decimal(0), max_value=total, places=2))
    assert invoiced - paid >= 0 and (invoiced - paid) == (invoiced - paid).quantize(money.TIYN)


@pytest.fixture
def customer(db):
    bin_ = next(b for serial in range(1, 100) if (b := make_bin(2004, 5, 4, serial)))
    return Customer.objects.create(kind="organisation", name="Prosecutor's Office of Astana", bin=bin_)


@pytest.fixture
def services_sold(db):
    course = Service.objects.create(code="test-course", name_ru="Курс повышения квалификации", unit="listener")
    copy = Service.objects.create(code="test-copy", name_ru="Дубликат документа", unit="copy", vat_exempt=True)
    for service, amount in ((course, Decimal("185000.00")), (copy, Decimal("2500.00"))):
        Price.objects.create(service=service, valid_from=datetime.date(2025, 1, 1), amount=amount)
    return course, copy


@pytest.mark.django_db
def test_vat_follows_the_date_of_turnover_and_an_exempt_service_has_none(persona, customer, services_sold):
    course, copy = services_sold
    methodologist = persona(Role.METHODOLOGIST)
    contract = services.contract_create(actor=methodologist, customer=customer, made_on=datetime.date(2025, 11, 10),
                                        items=[services.Item(course, Decimal(20), Decimal("5.00")), services.Item(copy, Decimal(2), Decimal(0))])
    services.contract_sign(actor=methodologist, contract=contract, signed_on=datetime.date(2025, 11, 12))
    course_line, copy_line = contract.lines.order_by("pk")
    december = services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2025, 12, 30), turnover_on=datetime.date(2025, 12, 30),
                                      quantities={course_line.pk: Decimal(10), copy_line.pk: Decimal(1)})
    january = services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2026, 1, 20), turnover_on=datetime.date(2026, 1, 20))
    rates = {(i.number, line.contract_line.service.code): line.vat_percent for i in (december, january) for line in i.lines.select_related("contract_line__service")}
    assert rates == {(december.number, "test-course"): Decimal(12), (december.number, "test-copy"): Decimal(0),
                     (january.number, "test-course"): Decimal(16), (january.number, "test-copy"): Decimal(0)}
    assert december.net + january.net == Decimal(20) * Decimal("185000.00") * Decimal("0.95") + Decimal(2) * Decimal("2500.00")
    assert december.vat == money.vat(Decimal(10) * Decimal("185000.00") * Decimal("0.95"), Decimal(12))
    with pytest.raises(DomainError, match="Nothing remains"):
        services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2026, 1, 21), turnover_on=datetime.date(2026, 1, 21))
    assert money.in_words(Decimal("1234.50"), "kk") == "бір мың екі жүз отыз төрт теңге, елу тиын"


@pytest.mark.django_db
def test_payments_in_parts_leave_no_debt_and_bad_payments_are_refused(persona, customer, services_sold):
    methodologist = persona(Role.METHODOLOGIST)
    contract = services.contract_create(actor=methodologist, customer=customer, made_on=datetime.date(2026, 2, 1), items=[services.Item(services_sold[0], Decimal(3), Decimal(0))])
    services.contract_sign(actor=methodologist, contract=contract, signed_on=datetime.date(2026, 2, 1))
    invoice = services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2026, 2, 2), turnover_on=datetime.date(2026, 2, 2))
    assert invoice.total == Decimal("555000.00") + Decimal("88800.00")
    services.payment_register(actor=methodologist, invoice=invoice, amount=Decimal("300000.00"), paid_on=datetime.date(2026, 2, 10), reference="PP-1")
    assert queries.debt(customer) == invoice.total - Decimal("300000.00")
    for amount, reference, message in ((Decimal("-400000.00"), "PP-9", "cannot exceed"), (Decimal("1.005"), "PP-8", "tenge and tiyn"),
                                       (Decimal("5.00"), "PP-1", "already registered"), (Decimal(0), "PP-7", "non-zero")):
        with pytest.raises(DomainError, match=message):
            services.payment_register(actor=methodologist, invoice=invoice, amount=amount, paid_on=datetime.date(2026, 2, 11), reference=reference)
    services.payment_register(actor=methodologist, invoice=invoice, amount=invoice.total - Decimal("300000.00"), paid_on=datetime.date(2026, 2, 20), reference="PP-2")
    assert queries.debt(customer) == 0 and services.outstanding(Invoice.objects.get(pk=invoice.pk)) == 0


@pytest.mark.django_db
def test_a_bin_with_a_wrong_check_digit_is_refused(customer):
    customer.bin = customer.bin[:11] + str((int(customer.bin[11]) + 1) % 10)
    with pytest.raises(ValidationError, match="check digit"):
        customer.full_clean()
    with pytest.raises(DomainError, match="Your role does not allow"):
        services.contract_create(actor=customer_user(), customer=customer, made_on=datetime.date(2026, 1, 1), items=[])


def customer_user():
    from eacademy.core.models import User

    return User.objects.get(username="listener")


def _invoice(persona, customer, service, quantity: int = 20) -> Invoice:
    methodologist = persona(Role.METHODOLOGIST)
    contract = services.contract_create(actor=methodologist, customer=customer, made_on=datetime.date(2026, 3, 1), items=[services.Item(service, Decimal(quantity), Decimal(0))])
    services.contract_sign(actor=methodologist, contract=contract, signed_on=datetime.date(2026, 3, 1))
    return services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2026, 3, 2), turnover_on=datetime.date(2026, 3, 2))


@pytest.mark.django_db
def test_a_bank_statement_pays_an_invoice_in_two_parts_and_lists_what_it_cannot_match(persona, customer, services_sold):
    from eacademy.billing import statement

    invoice = _invoice(persona, customer, services_sold[0])
    half = (invoice.total / 2).quantize(Decimal("0.01"))
    lines = ["Номер;Дата;Сумма;Назначение",
             f"BANK-1;05.03.2026;{half};Оплата по счёту № {invoice.number}/{invoice.year}",
             f"BANK-2;2026-03-12;{invoice.total - half};оплата счета {invoice.number} / {invoice.year}, остаток",
             "BANK-3;12.03.2026;1000,00;Оплата по счёту № 999/2026",
             f"BANK-4;12.03.2026;-50,00;Возврат № {invoice.number}/{invoice.year}",
             f"BANK-1;13.03.2026;10,00;Оплата по счёту № {invoice.number}/{invoice.year}",
             "BANK-5;13.03.2026;10,00;Благотворительность"]
    mapping = {"reference": "Номер", "paid_on": "Дата", "amount": "Сумма", "purpose": "Назначение"}
    rows = statement.read("\n".join(lines).encode(), "csv", mapping)
    report = services.statement_import(actor=persona(Role.METHODOLOGIST), rows=rows)
    assert [p.reference for p in report.paid] == ["BANK-1", "BANK-2"] and services.outstanding(invoice) == 0 and queries.debt(customer) == 0
    reasons = {row.reference: why for row, why in report.to_match}
    assert set(reasons) == {"BANK-3", "BANK-4", "BANK-1", "BANK-5"}
    assert "no invoice № 999/2026" in reasons["BANK-3"] and "refund" in reasons["BANK-4"] and "already registered" in reasons["BANK-1"]
    assert report.paid[0].history.first().history_user == persona(Role.METHODOLOGIST)


@pytest.mark.parametrize(("line", "fault"), [("X;31.02.2026;10;a", "line 2: the date “31.02.2026” is not a date."),
                                              ("X;01.02.2026;10.005;a", "line 2: the amount “10.005” is not an amount in tenge and tiyn."),
                                              ("X;01.02.2026;ten;a", "line 2: the amount “ten” is not an amount in tenge and tiyn.")])
def test_a_statement_row_that_cannot_be_read_refuses_the_file(line, fault):
    from eacademy.billing import statement

    with pytest.raises(DomainError) as refused:
        statement.read(f"reference;paid_on;amount;purpose\n{line}\n".encode(), "csv", {})
    assert refused.value.messages == [fault]


@pytest.mark.django_db
def test_debts_are_aged_by_the_days_they_are_owed(persona, customer, services_sold):
    invoice = _invoice(persona, customer, services_sold[0], quantity=2)
    services.payment_register(actor=persona(Role.METHODOLOGIST), invoice=invoice, amount=Decimal("100000.00"), paid_on=datetime.date(2026, 3, 10), reference="AGE-1")
    owed = invoice.total - Decimal("100000.00")
    assert queries.ageing(datetime.date(2026, 3, 20))[customer.pk][(0, 30)] == owed
    assert queries.ageing(datetime.date(2026, 5, 15))[customer.pk][(61, 90)] == owed
    assert queries.ageing(datetime.date(2026, 9, 1))[customer.pk][(91, None)] == owed


@pytest.mark.django_db
def test_the_invoice_pdf_says_the_amount_in_words_in_kazakh_and_russian(client_as):
    import io

    from pypdf import PdfReader

    invoice = Invoice.objects.first()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client_as(Role.METHODOLOGIST).get(f"/billing/invoices/{invoice.pk}/invoice.pdf").content)).pages)
    assert money.in_words(invoice.total, "kk").split(",")[0] in " ".join(text.split()) and "тенге" in text and "Төлем шоты" in text
    page = client_as(Role.METHODOLOGIST).get("/billing/").content.decode()
    assert f"№ {invoice.number}/{invoice.year}" in page


@pytest.mark.django_db
def test_the_debts_page_ages_what_each_customer_owes_and_exports_it(client_as):
    import io

    from openpyxl import load_workbook

    invoice = Invoice.objects.first()
    owed = services.outstanding(invoice)
    client = client_as(Role.METHODOLOGIST)
    assert invoice.contract.customer.name in client.get("/billing/debts/").content.decode()
    sheet = load_workbook(io.BytesIO(client.get("/billing/debts/?format=xlsx").content)).active
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == invoice.contract.customer.name)
    assert Decimal(str(row[-1])) == owed and Decimal(str(row[1])) == owed  # owed for less than 30 days
