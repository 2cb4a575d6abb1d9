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
    course = Service.objects.create(code="course", name_ru="Курс повышения квалификации", unit="listener")
    copy = Service.objects.create(code="copy", name_ru="Дубликат документа", unit="copy", vat_exempt=True)
    for service, amount in ((course, Decimal("185000.00")), (copy, Decimal("2500.00"))):
        Price.objects.create(service=service, valid_from=datetime.date(2025, 1, 1), amount=amount)
    return course, copy


@pytest.mark.django_db
def test_vat_follows_the_date_of_turnover_and_an_exempt_service_has_none(persona, customer, services_sold):
    course, copy = services_sold
    methodologist = persona(Role.METHODOLOGIST)
    contract = services.contract_create(actor=methodologist, customer=customer, made_on=datetime.date(2025, 11, 10),
                                        lines=[(course, Decimal(20), Decimal("5.00")), (copy, Decimal(2), Decimal(0))])
    course_line, copy_line = contract.lines.order_by("pk")
    december = services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2025, 12, 30), turnover_on=datetime.date(2025, 12, 30),
                                      quantities={course_line.pk: Decimal(10), copy_line.pk: Decimal(1)})
    january = services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2026, 1, 20), turnover_on=datetime.date(2026, 1, 20))
    rates = {(i.number, line.contract_line.service.code): line.vat_percent for i in (december, january) for line in i.lines.select_related("contract_line__service")}
    assert rates == {(december.number, "course"): Decimal(12), (december.number, "copy"): Decimal(0),
                     (january.number, "course"): Decimal(16), (january.number, "copy"): Decimal(0)}
    assert december.net + january.net == Decimal(20) * Decimal("185000.00") * Decimal("0.95") + Decimal(2) * Decimal("2500.00")
    assert december.vat == money.vat(Decimal(10) * Decimal("185000.00") * Decimal("0.95"), Decimal(12))
    with pytest.raises(DomainError, match="Nothing remains"):
        services.invoice_issue(actor=methodologist, contract=contract, issued_on=datetime.date(2026, 1, 21), turnover_on=datetime.date(2026, 1, 21))
    assert money.in_words(Decimal("1234.50"), "kk") == "бір мың екі жүз отыз төрт теңге, елу тиын"


@pytest.mark.django_db
def test_payments_in_parts_leave_no_debt_and_bad_payments_are_refused(persona, customer, services_sold):
    methodologist = persona(Role.METHODOLOGIST)
    contract = services.contract_create(actor=methodologist, customer=customer, made_on=datetime.date(2026, 2, 1), lines=[(services_sold[0], Decimal(3), Decimal(0))])
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
        services.contract_create(actor=customer_user(), customer=customer, made_on=datetime.date(2026, 1, 1), lines=[])


def customer_user():
    from eacademy.core.models import User

    return User.objects.get(username="listener")
