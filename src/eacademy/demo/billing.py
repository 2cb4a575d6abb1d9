"""The demo's paid services: a price list, an organisation under contract for a seminar for
its officers, invoiced and paid in part."""

import datetime
from decimal import Decimal

from django.utils import timezone

from eacademy.billing import services as billing
from eacademy.billing.models import Customer, Price, Service
from eacademy.core.iin import make_bin
from eacademy.core.models import User


def load_demo_billing(*, users: dict[str, User]) -> dict[str, int]:
    methodologist = users["methodologist"]
    today = timezone.localdate()
    rows = [("course", "Біліктілікті арттыру курсы", "Курс повышения квалификации", "Advanced training course", "listener", False, "185000.00"),
            ("seminar", "Семинар", "Семинар", "Seminar", "listener", False, "45000.00"),
            ("night", "Жатақханада тұру", "Проживание в общежитии", "A night in the dormitory", "night", False, "6500.00"),
            ("duplicate", "Құжаттың телнұсқасы", "Дубликат документа", "A duplicate of a document", "copy", True, "2500.00")]
    services = {}
    for code, kk, ru, en, unit, exempt, amount in rows:
        services[code] = Service.objects.create(code=code, name_kk=kk, name_ru=ru, name_en=en, unit=unit, vat_exempt=exempt)
        Price.objects.create(service=services[code], valid_from=datetime.date(today.year, 1, 1), amount=Decimal(amount))
    customer = Customer.objects.create(kind=Customer.Kind.ORGANISATION, name="ТОО «Центр правовой экспертизы»", email="buh@example.kz",
                                       bin=next(b for serial in range(1, 99) if (b := make_bin(2011, 4, 4, serial))), iban="KZ86125KZT5004100100", bank="АО «Народный банк Казахстана»",
                                       bik="HSBKKZKX")
    contract = billing.contract_create(actor=methodologist, customer=customer, made_on=today - datetime.timedelta(days=20),
                                       lines=[(services["seminar"], Decimal(12), Decimal("10.00")), (services["night"], Decimal(24), Decimal(0))])
    invoice = billing.invoice_issue(actor=methodologist, contract=contract, issued_on=today - datetime.timedelta(days=18), turnover_on=today - datetime.timedelta(days=18))
    billing.payment_register(actor=methodologist, invoice=invoice, amount=(invoice.total / 2).quantize(Decimal("0.01")), paid_on=today - datetime.timedelta(days=10),
                             reference="DEMO-0001")
    return {"paid_services": len(services), "invoices": 1}
