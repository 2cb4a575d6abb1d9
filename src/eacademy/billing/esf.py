"""Invoices in the shape of the state's electronic invoice system (IS ESF, esf.gov.kz), ready for
a later integration; nothing is sent from here.

The XML follows the element names of the ESF invoice, version 2 (`v2:invoice`): number and
dates, the seller and the customer by BIN/IIN with bank details, and the products with
quantity, price, VAT rate and amounts, all in tenge. What an integration still needs, and this
export does not pretend to have: the Academy's EDS key (an RSA or GOST certificate on a token,
used through NCALayer) to sign each invoice; a session with the ESF API (its SOAP
`SessionService`/`InvoiceService`, authenticated by the same key); the registration number and
status ESF returns, to be stored on the invoice; the customer's EDS acceptance of acts; the
"additional" and "corrected" invoice kinds for amendments and refunds; and a check of the file
against the XSD published by the State Revenue Committee, which is not shipped here."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils.translation import gettext as _

from eacademy.billing.models import Invoice
from eacademy.billing.money import tiyn
from eacademy.core.errors import DomainError

SERVICE_ORIGIN = "6"  # "truOriginCode": works and services


def _text(parent: ET.Element, tag: str, value: object) -> None:
    ET.SubElement(parent, tag).text = value.strftime("%d.%m.%Y") if isinstance(value, datetime.date) else str(value)


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")  # 3.00 → "3", 12.50 → "12.5"


def export(invoices: Iterable[Invoice]) -> bytes:
    """One XML document holding the invoices (each with `lines__contract_line__service` and
    `contract__customer` at hand)."""
    if not settings.ACADEMY_BIN:
        raise DomainError(_("Set the Academy's BIN (ACADEMY_BIN) before exporting electronic invoices."))
    root = ET.Element("invoiceContainer", {"xmlns:v2": "v2.esf", "xmlns:a": "abstractInvoice.esf"})
    for invoice in invoices:
        customer = invoice.contract.customer
        node = ET.SubElement(ET.SubElement(root, "invoiceSet"), "v2:invoice")
        _text(node, "date", invoice.issued_on)
        _text(node, "invoiceType", "ORDINARY_INVOICE")
        _text(node, "num", f"{invoice.number}/{invoice.year}")
        _text(node, "turnoverDate", invoice.turnover_on)
        seller = ET.SubElement(ET.SubElement(node, "sellers"), "seller")
        for tag, value in (("tin", settings.ACADEMY_BIN), ("name", "Академия правоохранительных органов при Генеральной прокуратуре Республики Казахстан"),
                           ("address", settings.ACADEMY_ADDRESS), ("iik", settings.ACADEMY_IBAN), ("bank", settings.ACADEMY_BANK), ("bik", settings.ACADEMY_BIK)):
            _text(seller, tag, value)
        buyer = ET.SubElement(ET.SubElement(node, "customers"), "customer")
        for tag, value in (("tin", customer.bin or customer.iin_or_passport), ("name", customer.name), ("countryCode", "KZ")):
            _text(buyer, tag, value)
        contract = ET.SubElement(node, "deliveryTerm")
        _text(contract, "contractNum", f"{invoice.contract.number}/{invoice.contract.year}")
        _text(contract, "contractDate", invoice.contract.signed_on or invoice.contract.made_on)
        _text(contract, "hasContract", "true")
        products = ET.SubElement(node, "productSet")
        _text(products, "currencyCode", "KZT")
        items = ET.SubElement(products, "products")
        for line in invoice.lines.all():
            service = line.contract_line.service
            product = ET.SubElement(items, "product")
            fields = {"description": service.name_ru, "truOriginCode": SERVICE_ORIGIN, "unitNominativeName": service.unit, "quantity": _number(line.quantity),
                      "unitPrice": _amount(tiyn(line.net / line.quantity)), "priceWithoutTax": _amount(line.net), "turnoverSize": _amount(line.net),
                      "ndsRate": _number(line.vat_percent) if line.vat_percent else "", "ndsAmount": _amount(line.vat), "priceWithTax": _amount(line.net + line.vat)}
            for tag, text in fields.items():
                _text(product, tag, text)
        for tag, value in (("totalPriceWithoutTax", invoice.net), ("totalTurnoverSize", invoice.net), ("totalNdsAmount", invoice.vat),
                           ("totalPriceWithTax", invoice.total)):
            _text(products, tag, _amount(value))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
