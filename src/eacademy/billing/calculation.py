"""The arithmetic of contracts and invoices, on plain values so that it can be checked for any
input (tests/billing/test_billing.py). A line invoiced in stages: a stage is worth the line's
net for all the quantity invoiced so far, rounded once, minus what the earlier stages were
worth. So no stage is negative (rounding each stage on its own could bill four tiyn-sized
stages for three tiyn), and the stages of a line always add up to the line to the tiyn."""

from dataclasses import dataclass
from decimal import Decimal

from eacademy.billing.money import line_net, vat


@dataclass(frozen=True)
class Line:
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal

    @property
    def net(self) -> Decimal:
        return line_net(self.quantity, self.unit_price, self.discount_percent)


@dataclass(frozen=True)
class Stage:
    """A line's part in one invoice."""

    quantity: Decimal
    net: Decimal
    vat_percent: Decimal

    @property
    def vat(self) -> Decimal:
        return vat(self.net, self.vat_percent)


def stage(line: Line, quantity: Decimal, invoiced_quantity: Decimal, invoiced_net: Decimal, vat_percent: Decimal) -> Stage:
    """`quantity` more of the line, after `invoiced_quantity` (worth `invoiced_net`) already invoiced."""
    if quantity <= 0 or invoiced_quantity + quantity > line.quantity:
        raise ValueError("a stage invoices a positive quantity, no more than what remains of the line")
    net = line_net(invoiced_quantity + quantity, line.unit_price, line.discount_percent) - invoiced_net
    return Stage(quantity, net, vat_percent)
