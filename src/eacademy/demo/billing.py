"""The demo's paid services: a price list, an organisation under contract for a seminar for
its officers, invoiced and paid in part."""

import datetime
from decimal import Decimal

from django.utils import timezone

from eacademy.billing import services as billing
from eacademy.billing.models import Customer, DiscountRule, Price, Service
from eacademy.core.iin import make_bin
from eacademy.core.models import User
from eacademy.org.models import Agency


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
                                       items=[billing.Item(services["seminar"], Decimal(12), Decimal("10.00")), billing.Item(services["night"], Decimal(24))])
    billing.contract_sign(actor=methodologist, contract=contract, signed_on=today - datetime.timedelta(days=19))
    invoice = billing.invoice_issue(actor=methodologist, contract=contract, issued_on=today - datetime.timedelta(days=18), turnover_on=today - datetime.timedelta(days=18))
    billing.act_draw(actor=methodologist, contract=contract, made_on=today - datetime.timedelta(days=5))
    billing.payment_register(actor=methodologist, invoice=invoice, amount=(invoice.total / 2).quantize(Decimal("0.01")), paid_on=today - datetime.timedelta(days=10),
                             reference="DEMO-0001")
    # The coordinator's agency buys courses beyond the state order, at its agreement's discount.
    prosecutor = Agency.objects.get(code="prosecutor")
    Customer.objects.create(kind=Customer.Kind.ORGANISATION, name="Генеральная прокуратура Республики Казахстан", agency=prosecutor, email="kadry@prokuror.example.kz",
                            bin=next(b for serial in range(1, 99) if (b := make_bin(1995, 6, 4, serial))), iban="KZ24070105KSN0000001", bank="ГУ «Комитет казначейства МФ РК»",
                            bik="KKMFKZ2A")
    DiscountRule.objects.create(name="Соглашение о сотрудничестве с Генеральной прокуратурой", percent=Decimal(10), agency=prosecutor,
                                valid_from=datetime.date(today.year, 1, 1))
    return {"paid_services": len(services), "invoices": 1}
