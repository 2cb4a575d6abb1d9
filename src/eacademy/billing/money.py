"""Money is exact: `Decimal` tenge with two places (tiyn), and one rounding rule — half up to the
tiyn — applied to each line's net amount and to each line's VAT; totals are sums of rounded
lines, never rounded again. Amounts in words in Kazakh and Russian (num2words: "kz", "ru")."""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

TIYN = Decimal("0.01")
HUNDRED = Decimal(100)


def tiyn(amount: Decimal) -> Decimal:
    """The one rounding rule: half up to the tiyn."""
    return amount.quantize(TIYN, rounding=ROUND_HALF_UP)


def line_net(quantity: Decimal, unit_price: Decimal, discount_percent: Decimal) -> Decimal:
    return tiyn(quantity * unit_price * (HUNDRED - discount_percent) / HUNDRED)


def vat(net: Decimal, percent: Decimal) -> Decimal:
    return tiyn(net * percent / HUNDRED)


def in_words(amount: Decimal, language: str) -> str:
    """The amount in words with tenge and tiyn, as an invoice writes it (language "kk" or "ru")."""
    return str(num2words(amount, lang={"kk": "kz"}.get(language, language), to="currency", currency="KZT"))
