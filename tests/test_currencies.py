"""The shipped currency table: what Babel gives, and money formatted through it exactly as Babel does."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pytest
from babel.core import Locale
from babel.numbers import format_currency, get_currency_precision, is_currency

from shopper.currencies import NEUTRAL_LOCALE, build, currency_table
from shopper.models import Money
from shopper.money import format_money, is_known_currency, minor_units, quantize

# Signs, zero, rounding at each side, grouping at several widths, and an amount beyond Decimal's default
# precision (quantize leaves it as it is, so it is Babel's to round).
AMOUNTS = [
    "0",
    "-0",
    "0.004",
    "0.005",
    "-0.005",
    "1",
    "7.5",
    "12.345",
    "-12.345",
    "999.9999",
    "1234.5",
    "-1234.5678",
    "100000",
    "1234567.891",
    "-98765432.1",
    "1E+3",
    "1E+40",
]
UNKNOWN = ["XYZ", "QQQ"]  # well-formed codes Babel has no data for


def _codes() -> list[str]:
    table = currency_table()
    return sorted(table.known | set(table.digits) | set(table.symbols)) + UNKNOWN


def _babel(amount: Decimal, currency: str) -> str:
    """What format_money wrote before the table: Babel's format_currency in the neutral locale."""
    rounded = quantize(amount, currency)
    try:
        return str(format_currency(rounded, currency, locale=Locale.parse(NEUTRAL_LOCALE)))
    except (ValueError, KeyError, InvalidOperation):
        return f"{rounded} {currency}"


def test_the_shipped_table_is_what_babel_gives() -> None:
    import json
    from importlib import resources

    shipped = json.loads(resources.files("shopper").joinpath("data", "currencies.json").read_text("utf-8"))
    assert shipped == build(), "run `python -m shopper.currencies`"


@pytest.mark.parametrize("code", _codes())
def test_minor_units_and_known_codes_are_babels(code: str) -> None:
    assert minor_units(code) == get_currency_precision(code)
    assert minor_units(code.lower()) == get_currency_precision(code)
    assert is_known_currency(code) == is_currency(code)


def test_neutral_money_is_formatted_exactly_as_babel_does_for_every_currency() -> None:
    for code in _codes():
        for text in AMOUNTS:
            amount = Decimal(text)
            assert format_money(Money(amount=amount, currency=code)) == _babel(amount, code), (code, text)


def test_other_locales_still_go_through_babel() -> None:
    money = Money(amount=Decimal("1499.9"), currency="NOK")
    assert format_money(money, "nb_NO") == "1\xa0499,90\xa0kr"
    assert format_money(money, NEUTRAL_LOCALE) == format_money(money) == "1,499.90\xa0NOK"
