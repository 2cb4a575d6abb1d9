"""Contracts for paid services across the apps: the places a contract pays for wait for its
signature, a contract never sells more seats than the course has, amendments keep history,
the act counts who came, reminders go once a week, and the coordinator sees his own only."""

import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from eacademy.billing import queries, services
from eacademy.billing.models import Act, Beneficiary, Contract, ContractLine, Customer, DiscountRule, Payment, Price, Service
from eacademy.catalog.models import Discipline, ProgrammeVersion
from eacademy.core.errors import DomainError
from eacademy.core.iin import make_bin
from eacademy.core.roles import Role
from eacademy.enrollment import services as enrollment
from eacademy.enrollment.models import Application, Enrollment
from eacademy.journal.models import Attendance
from eacademy.org.models import AcademyUnit, Agency
from eacademy.people.models import Person
from eacademy.planning import services as planning
from eacademy.timetable.models import Lesson

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1
START = datetime.date(NEXT_YEAR, 3, 2)


@pytest.fixture
def offering(persona):
    methodologist = persona(Role.METHODOLOGIST)
    offering = planning.offering_create(actor=methodologist, version=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved"),
                                        starts_on=START, ends_on=START + datetime.timedelta(days=11), place="Қосшы", capacity=5, language="ru",
                                        study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"))
    planning.offering_publish(actor=methodologist, offering=offering)
    return offering


@pytest.fixture
def customer():
    return Customer.objects.create(kind="organisation", name="Генеральная прокуратура РК", agency=Agency.objects.get(code="prosecutor"), email="buh@prokuror.kz",
                                   bin=next(b for serial in range(1, 99) if (b := make_bin(1995, 6, 4, serial))))


@pytest.fixture
def course():
    service = Service.objects.create(code="paid-course", name_ru="Курс повышения квалификации", name_kk="Біліктілікті арттыру курсы", unit="listener")
    Price.objects.create(service=service, valid_from=datetime.date(2025, 1, 1), amount=Decimal("185000.00"))
    return service


def _nominees(persona, offering, count):
    people = Person.objects.filter(agency__code="prosecutor", user=None, applications=None).exclude(position__code="head-of-division").exclude(position=None)[:count]
    return [enrollment.application_submit(actor=persona(Role.AGENCY_COORDINATOR), offering=offering, person=p) for p in people]


def test_a_paid_place_is_not_confirmed_until_the_contract_is_signed(persona, offering, customer, course):
    accountant = persona(Role.ACCOUNTANT)
    applications = _nominees(persona, offering, 3)
    contract = services.contract_create(actor=accountant, customer=customer, made_on=timezone.localdate(), items=[services.Item(course, Decimal(3), offering=offering)],
                                        applications=applications)
    with pytest.raises(DomainError, match="awaits its signed contract"):
        enrollment.application_accept(actor=persona(Role.METHODOLOGIST), application=applications[0])
    assert enrollment.applications_accept(actor=persona(Role.METHODOLOGIST), offering=offering, application_ids=[a.pk for a in applications]) == 0
    with pytest.raises(DomainError, match="Only a signed contract is invoiced"):
        services.invoice_issue(actor=accountant, contract=contract, issued_on=timezone.localdate(), turnover_on=timezone.localdate())
    services.contract_sign(actor=accountant, contract=contract, signed_on=timezone.localdate())
    assert enrollment.applications_accept(actor=persona(Role.METHODOLOGIST), offering=offering, application_ids=[a.pk for a in applications]) == 3
    with pytest.raises(DomainError, match="already paid for by another contract"):
        services.contract_create(actor=accountant, customer=customer, made_on=timezone.localdate(), items=[services.Item(course, Decimal(1))],
                                 applications=applications[:1])


def test_a_contract_over_the_courses_seats_is_refused_and_nothing_is_written(persona, offering, customer, course):
    applications = _nominees(persona, offering, 2)
    before = (Contract.objects.count(), ContractLine.objects.count(), Beneficiary.objects.count())
    with pytest.raises(DomainError, match="has 5 free seats: the contract cannot sell 6"):
        services.contract_create(actor=persona(Role.ACCOUNTANT), customer=customer, made_on=timezone.localdate(),
                                 items=[services.Item(course, Decimal(6), offering=offering)], applications=applications)
    assert (Contract.objects.count(), ContractLine.objects.count(), Beneficiary.objects.count()) == before
    assert not Application.objects.filter(pk__in=[a.pk for a in applications], awaiting_contract=True).exists()


def test_the_largest_discount_rule_applies_and_amendments_keep_history(persona, offering, customer, course):
    accountant = persona(Role.ACCOUNTANT)
    DiscountRule.objects.create(name="Соглашение с ГП", percent=Decimal(10), agency=customer.agency, valid_from=datetime.date(2025, 1, 1))
    DiscountRule.objects.create(name="Группа более 3", percent=Decimal(15), more_than=3, valid_from=datetime.date(2025, 1, 1))
    DiscountRule.objects.create(name="Истекшая", percent=Decimal(50), valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2020, 12, 31))
    contract = services.contract_create(actor=accountant, customer=customer, made_on=timezone.localdate(), items=[services.Item(course, Decimal(2), offering=offering)])
    line = contract.lines.get()
    assert line.discount_percent == Decimal(10)
    services.contract_sign(actor=accountant, contract=contract, signed_on=timezone.localdate())
    services.invoice_issue(actor=accountant, contract=contract, issued_on=timezone.localdate(), turnover_on=timezone.localdate(), quantities={line.pk: Decimal(2)})
    with pytest.raises(DomainError, match="no less than invoiced"):
        services.contract_amend(actor=accountant, contract=contract, made_on=timezone.localdate(), reason="меньше", quantities={line.pk: Decimal(1)})
    with pytest.raises(DomainError, match="cannot sell 6"):
        services.contract_amend(actor=accountant, contract=contract, made_on=timezone.localdate(), reason="больше мест", quantities={line.pk: Decimal(6)})
    amendment = services.contract_amend(actor=accountant, contract=contract, made_on=timezone.localdate(), reason="ещё двое", quantities={line.pk: Decimal(4)})
    line.refresh_from_db()
    assert amendment.number == 1 and line.quantity == 4
    assert [(h.quantity, h.history_change_reason) for h in line.history.order_by("history_id")][-1] == (Decimal(4), "amendment № 1: ещё двое")


def test_the_act_counts_the_listeners_who_came_and_the_daily_run_draws_it_once(persona, offering, customer, course):
    accountant = persona(Role.ACCOUNTANT)
    applications = _nominees(persona, offering, 3)
    contract = services.contract_create(actor=accountant, customer=customer, made_on=timezone.localdate(), items=[services.Item(course, Decimal(3), Decimal(0), offering)],
                                        applications=applications)
    services.contract_sign(actor=accountant, contract=contract, signed_on=timezone.localdate())
    enrollment.applications_accept(actor=persona(Role.METHODOLOGIST), offering=offering, application_ids=[a.pk for a in applications])
    lesson = Lesson.objects.create(offering=offering, discipline=Discipline.objects.filter(module__version_id=offering.version_id).first(),
                                   starts_at=datetime.datetime.combine(START, datetime.time(9), tzinfo=datetime.UTC), lecturer=persona(Role.LECTURER))
    came, absent, late = Enrollment.objects.filter(application__in=applications).order_by("pk")
    for who, status in ((came, "present"), (absent, "absent"), (late, "late")):
        Attendance.objects.create(lesson=lesson, enrollment=who, status=status, recorded_by=persona(Role.LECTURER))
    with pytest.raises(DomainError, match="courses have ended"):
        services.act_draw(actor=accountant, contract=contract, made_on=START)
    assert services.acts_for_ended_courses(offering.ends_on) == []  # not yet: the course ends that day
    acts = services.acts_for_ended_courses(offering.ends_on + datetime.timedelta(days=1))
    assert len(acts) == 1 and acts[0].made_on == offering.ends_on
    line = acts[0].lines.get()
    assert line.quantity == 2 and line.net == Decimal("370000.00") and line.vat_percent == Decimal(16) and acts[0].total == Decimal("429200.00")
    assert services.acts_for_ended_courses(offering.ends_on + datetime.timedelta(days=2)) == [] and Act.objects.filter(contract=contract).count() == 1


def test_debt_reminders_go_to_customers_past_due_once_a_week_in_the_contracts_language(persona, customer, course):
    accountant = persona(Role.ACCOUNTANT)
    contract = services.contract_create(actor=accountant, customer=customer, made_on=datetime.date(2026, 3, 1), items=[services.Item(course, Decimal(1))], language="kk")
    services.contract_sign(actor=accountant, contract=contract, signed_on=datetime.date(2026, 3, 1))
    invoice = services.invoice_issue(actor=accountant, contract=contract, issued_on=datetime.date(2026, 3, 2), turnover_on=datetime.date(2026, 3, 2))
    assert invoice.due_on == datetime.date(2026, 3, 12)
    with pytest.MonkeyPatch.context() as patch, override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        patch.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
        assert services.debt_reminders_send(datetime.date(2026, 3, 12)) == 0  # not yet past due
        assert services.debt_reminders_send(datetime.date(2026, 3, 13)) == 1
        assert services.debt_reminders_send(datetime.date(2026, 3, 16)) == 0  # reminded three days ago
        assert services.debt_reminders_send(datetime.date(2026, 3, 20)) == 1
        services.payment_register(actor=accountant, invoice=invoice, amount=invoice.total, paid_on=datetime.date(2026, 3, 21), reference="REM-1")
        assert services.debt_reminders_send(datetime.date(2026, 3, 30)) == 0
    assert [m.to for m in mail.outbox] == [["buh@prokuror.kz"]] * 2
    assert f"№ {invoice.number}/2026" in mail.outbox[0].body and "тиын" not in mail.outbox[0].subject


def test_revenue_by_month_service_and_customer_and_the_esf_export(persona, customer, course):
    accountant = persona(Role.ACCOUNTANT)
    contract = services.contract_create(actor=accountant, customer=customer, made_on=datetime.date(2026, 3, 1), items=[services.Item(course, Decimal(4), Decimal(0))])
    services.contract_sign(actor=accountant, contract=contract, signed_on=datetime.date(2026, 3, 1))
    line = contract.lines.get()
    services.invoice_issue(actor=accountant, contract=contract, issued_on=datetime.date(2026, 3, 2), turnover_on=datetime.date(2026, 3, 2), quantities={line.pk: Decimal(1)})
    april = services.invoice_issue(actor=accountant, contract=contract, issued_on=datetime.date(2026, 4, 2), turnover_on=datetime.date(2026, 4, 2))
    by_customer = {name: total for name, _net, _vat, total in queries.revenue(2026, "customer")}
    assert by_customer[customer.name] == Decimal("858400.00")  # 4 × 185 000 + 16 %
    assert [net for _name, net, _vat, _total in queries.revenue(2026, "month")][:2] == [Decimal("185000.00"), Decimal("555000.00")]
    assert {n: net for n, net, _v, _t in queries.revenue(2026, "service")}["Курс повышения квалификации"] >= Decimal("740000.00")
    from eacademy.billing import esf

    with pytest.raises(DomainError, match="ACADEMY_BIN"):
        esf.export([april])
    with override_settings(ACADEMY_BIN="000000000000"):
        root = ET.fromstring(esf.export([april]))  # noqa: S314 (our own export)
    invoice = root.find("invoiceSet/{v2.esf}invoice")
    assert invoice.findtext("num") == f"{april.number}/2026" and invoice.findtext("turnoverDate") == "02.04.2026"
    assert invoice.findtext("customers/customer/tin") == customer.bin
    product = invoice.find("productSet/products/product")
    assert (product.findtext("quantity"), product.findtext("ndsRate"), product.findtext("priceWithTax")) == ("3", "16", "643800.00")
    assert invoice.findtext("productSet/totalPriceWithTax") == "643800.00"


def test_the_coordinator_sees_his_agencys_contracts_and_invoices_only(persona, customer, course, client_as):
    accountant = persona(Role.ACCOUNTANT)
    ours = services.contract_create(actor=accountant, customer=customer, made_on=datetime.date(2026, 3, 1), items=[services.Item(course, Decimal(1))])
    stranger = Customer.objects.create(kind="person", name="Сейтқали Әсет", iin_or_passport="N1234567")
    theirs = services.contract_create(actor=accountant, customer=stranger, made_on=datetime.date(2026, 3, 1), items=[services.Item(course, Decimal(1))], language="kk")
    for contract in (ours, theirs):
        services.contract_sign(actor=accountant, contract=contract, signed_on=datetime.date(2026, 3, 1))
        services.invoice_issue(actor=accountant, contract=contract, issued_on=datetime.date(2026, 3, 2), turnover_on=datetime.date(2026, 3, 2))
    coordinator = persona(Role.AGENCY_COORDINATOR)
    assert list(queries.contracts_visible_to(coordinator)) == [ours]
    assert {i.contract_id for i in queries.invoices_with_outstanding(coordinator)} == {ours.pk}
    client = client_as(Role.AGENCY_COORDINATOR)
    assert client.get(f"/billing/contracts/{ours.pk}/").status_code == 200
    assert client.get(f"/billing/contracts/{theirs.pk}/").status_code == 404
    assert client.get(f"/billing/contracts/{theirs.pk}/contract.pdf").status_code == 404
    assert client.post(f"/billing/contracts/{ours.pk}/sign/", {"signed_on": "2026-03-01"}).status_code == 403
    assert queries.contracts_visible_to(persona(Role.LISTENER)).count() == 0
    pdf = client_as(Role.ACCOUNTANT).get(f"/billing/contracts/{theirs.pk}/contract.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_paid_event_participation_and_a_paid_stay_wait_for_the_signature(persona, customer, course):
    from eacademy.campus import services as campus
    from eacademy.campus.models import Bed, Stay
    from eacademy.events import services as events
    from eacademy.events.models import Event, Registration

    accountant = persona(Role.ACCOUNTANT)
    registration = Registration.objects.filter(status="pending", event__status="open").first()
    person = Person.objects.filter(stays=None, agency__code="prosecutor", sex="M").first()
    bed = next(iter(campus.free_beds(START, START + datetime.timedelta(days=3), "M")))
    stay = campus.stay_book(actor=persona(Role.DORMITORY_OFFICER), bed=bed, person=person, starts_on=START, ends_on=START + datetime.timedelta(days=3),
                            status=Stay.Status.PROPOSED)
    contract = services.contract_create(actor=accountant, customer=customer, made_on=timezone.localdate(), items=[services.Item(course, Decimal(1))],
                                        registrations=[registration], stays=[stay])
    with pytest.raises(DomainError, match="awaits its signed contract"):
        events.registration_decide(actor=persona(Role.METHODOLOGIST), registration=registration, approve=True)
    with pytest.raises(DomainError, match="awaits its signed contract"):
        campus.check_in(actor=persona(Role.DORMITORY_OFFICER), stay=Stay.objects.get(pk=stay.pk))
    assert campus.stay_confirm(actor=persona(Role.DORMITORY_OFFICER), stays=[stay]) == 0
    services.contract_sign(actor=accountant, contract=contract, signed_on=timezone.localdate())
    assert campus.stay_confirm(actor=persona(Role.DORMITORY_OFFICER), stays=[stay]) == 1
    assert events.registration_decide(actor=persona(Role.METHODOLOGIST), registration=registration, approve=True).status == "approved"
    assert {name for name, _what in queries.contract_places(contract)} == {f"{registration.last_name} {registration.first_name}", person.full_name}
    assert Event.objects.filter(pk=registration.event_id).exists() and Bed.objects.filter(pk=bed.pk).exists()


def test_garbage_in_the_contract_and_statement_forms_is_refused_and_changes_nothing(client_as, customer):
    client = client_as(Role.ACCOUNTANT)
    before = (Contract.objects.count(), ContractLine.objects.count())
    management = {"line-TOTAL_FORMS": "3", "line-INITIAL_FORMS": "0", "line-MIN_NUM_FORMS": "0", "line-MAX_NUM_FORMS": "20"}
    service = Service.objects.get(code="course")
    for bad in ({"customer": "x", "language": "kk", "made_on": "2026-12-01", "line-0-service": service.pk, "line-0-quantity": "2"},
                {"customer": customer.pk, "language": "en", "made_on": "2026-12-01", "line-0-service": service.pk, "line-0-quantity": "2"},
                {"customer": customer.pk, "language": "ru", "made_on": "31.02.2026", "line-0-service": service.pk, "line-0-quantity": "2"},
                {"customer": customer.pk, "language": "ru", "made_on": "2026-12-01", "line-0-service": service.pk, "line-0-quantity": "-1"},
                {"customer": customer.pk, "language": "ru", "made_on": "2026-12-01", "line-0-service": service.pk, "line-0-discount": "120", "line-0-quantity": "1"},
                {"customer": customer.pk, "language": "ru", "made_on": "2026-12-01", "line-0-quantity": "1"},
                {"customer": customer.pk, "language": "ru", "made_on": "2026-12-01"}):
        assert client.post("/billing/contracts/new/", {**management, **bad}).status_code == 422, bad
    assert (Contract.objects.count(), ContractLine.objects.count()) == before
    from django.core.files.uploadedfile import SimpleUploadedFile

    columns = {"reference": "Номер документа", "paid_on": "Дата", "amount": "Кредит", "purpose": "Назначение платежа"}
    payments = Payment.objects.count()
    for content, message in ((b"\xff\xfe garbage", "not UTF-8"), ("Номер документа;Дата;Кредит;Назначение платежа\nA;32.01.2026;10;x\n".encode(), "is not a date"),
                             (b"a;b\n1;2\n", "has no column")):
        page = client.post("/billing/statement/", {**columns, "file": SimpleUploadedFile("statement.csv", content)})
        assert page.status_code == 422 and message in page.content.decode(), message
    assert Payment.objects.count() == payments


def test_the_contract_page_reads_as_many_queries_for_three_listeners_as_for_one(persona, offering, customer, course, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    accountant, client = persona(Role.ACCOUNTANT), client_as(Role.ACCOUNTANT)
    counts = []
    for size in (1, 3):
        applications = _nominees(persona, offering, size)
        contract = services.contract_create(actor=accountant, customer=customer, made_on=timezone.localdate(),
                                            items=[services.Item(course, Decimal(size), offering=offering)], applications=applications)
        services.contract_sign(actor=accountant, contract=contract, signed_on=timezone.localdate())
        services.invoice_issue(actor=accountant, contract=contract, issued_on=timezone.localdate(), turnover_on=timezone.localdate())
        client.get(f"/billing/contracts/{contract.pk}/")  # the session and the menu, cached after a first visit
        with CaptureQueriesContext(connection) as queries_made:
            assert client.get(f"/billing/contracts/{contract.pk}/").status_code == 200
        counts.append(len(queries_made))
    assert counts[0] == counts[1]


def test_a_contract_sells_no_more_than_the_seats_open_to_its_agency(persona, customer, course):
    methodologist = persona(Role.METHODOLOGIST)
    start = START + datetime.timedelta(days=60)
    offering = planning.offering_create(actor=methodologist, version=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved"),
                                        starts_on=start, ends_on=start + datetime.timedelta(days=11), place="Қосшы", capacity=5, language="ru",
                                        study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"))
    planning.offering_set_quotas(actor=methodologist, offering=offering, seats_by_agency={Agency.objects.exclude(code="prosecutor").first(): 3})
    planning.offering_publish(actor=methodologist, offering=offering)
    with pytest.raises(DomainError, match="has 2 free seats: the contract cannot sell 3"):
        services.contract_create(actor=persona(Role.ACCOUNTANT), customer=customer, made_on=timezone.localdate(), items=[services.Item(course, Decimal(3), offering=offering)])
    assert services.contract_create(actor=persona(Role.ACCOUNTANT), customer=customer, made_on=timezone.localdate(),
                                    items=[services.Item(course, Decimal(2), offering=offering)]).lines.get().quantity == 2
