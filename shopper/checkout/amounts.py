"""Money <-> integer minor units (as ACP sends amounts); display through shopper.money."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from shopper.models import Money
from shopper.money import format_money, minor_units


def exponent(currency: str) -> int:
    """How many decimals the currency's minor unit has (2 for EUR, 0 for JPY, 3 for KWD)."""
    return minor_units(currency.upper())


def to_minor(money: Money) -> int:
    """The amount in integer minor units, rounded half up (12.345 EUR -> 1235)."""
    scale = Decimal(10) ** exponent(money.currency)
    return int((money.amount * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_minor(units: int, currency: str) -> Money:
    """Integer minor units back to Money (1235, 'EUR' -> 12.35 EUR)."""
    code = currency.upper()
    places = exponent(code)
    return Money(amount=Decimal(units).scaleb(-places).quantize(Decimal(1).scaleb(-places)), currency=code)


def fmt(money: Money) -> str:
    """Money for display with the currency's own minor units ('1,234.50 €', '12.345 KWD')."""
    # One plain space: error lines are collapsed to single spaces anyway, so every place reads alike.
    return format_money(money).replace("\xa0", " ")


def add(a: Money, b: Money) -> Money:
    """a + b in one currency (ValueError on a currency mismatch)."""
    if a.currency != b.currency:
        raise ValueError(f"cannot add {a.currency} and {b.currency}")
    return Money(amount=a.amount + b.amount, currency=a.currency)


def zero(currency: str) -> Money:
    """Nothing, in a currency."""
    return Money(amount=Decimal(0), currency=currency)
