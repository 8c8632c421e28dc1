"""Money <-> integer minor units (as ACP sends amounts) and the currency's own number of decimals.

shopper/money.py (another helper's) will own currency formatting; until it lands this module keeps the
ISO 4217 exponents the checkout needs.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from shopper.models import Money

# ISO 4217 currencies whose minor unit is not 1/100; every other code has two decimals.
_EXPONENTS: dict[str, int] = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX"), 0),
    **dict.fromkeys(("VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}


def exponent(currency: str) -> int:
    """How many decimals the currency's minor unit has (2 for EUR, 0 for JPY, 3 for KWD)."""
    return _EXPONENTS.get(currency.upper(), 2)


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
    """'1,234.50 EUR': grouped, with exactly the currency's number of decimals."""
    places = exponent(money.currency)
    amount = money.amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{amount:,.{places}f} {money.currency}"


def add(a: Money, b: Money) -> Money:
    """a + b in one currency (ValueError on a currency mismatch)."""
    if a.currency != b.currency:
        raise ValueError(f"cannot add {a.currency} and {b.currency}")
    return Money(amount=a.amount + b.amount, currency=a.currency)


def zero(currency: str) -> Money:
    """Nothing, in a currency."""
    return Money(amount=Decimal(0), currency=currency)
