"""shopper.normalize's price path on price texts written the ways shops write them (our own table).

price-parser's own 1,176-row table is outside benchmark material: bench/prices.py measures it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopper.normalize import parse_amount, parse_price, parse_price_parts

# (text, decimal separator hint, amount, currency text)
TABLE = [
    ("129,99 €", None, "129.99", "€"),
    ("€ 1.299,00", None, "1299.00", "€"),
    ("$1,299.99", None, "1299.99", "$"),
    ("1 299,50 kr", None, "1299.50", "kr"),
    ("CHF 44.95", None, "44.95", "CHF"),
    ("kr 1.499,-", None, "1499", "kr"),
    ("£12", None, "12", "£"),
    ("Ab 19,90 EUR", None, "19.90", "EUR"),
    ("NOK 2 499", None, "2499", "NOK"),
    ("999,- kr", None, "999", "kr"),
    ("$3.340", None, "3340", "$"),
    ("12,50", ",", "12.50", None),
    ("1.234,5", ",", "1234.5", None),
    ("Preis auf Anfrage", None, None, None),
    ("", None, None, None),
]


@pytest.mark.parametrize(("text", "sep", "amount", "currency"), TABLE)
def test_price_text(text: str, sep: str | None, amount: str | None, currency: str | None) -> None:
    expected = None if amount is None else Decimal(amount)
    got_amount, got_currency = parse_price_parts(text, decimal_separator=sep)
    assert got_amount == expected
    assert got_currency == currency
    # The amount never depends on the currency, so parse_amount agrees.
    assert parse_amount(text, decimal_separator=sep) == expected


def test_money_takes_the_hint_only_when_the_text_has_no_currency() -> None:
    money = parse_price("19,95", currency_hint="EUR", decimal_separator=",")
    assert money is not None and money.amount == Decimal("19.95") and money.currency == "EUR"
    money = parse_price("CHF 5.00", currency_hint="EUR")
    assert money is not None and money.currency == "CHF"
    assert parse_price("19,95") is None  # no currency at all: not money


@pytest.mark.parametrize(
    ("text", "hint", "amount"),
    [
        ("119.9", "EUR", "119.90"),  # as JSON-LD writes it: the minor units are filled in
        ("449", "NOK", "449.00"),
        ("1234", "JPY", "1234"),  # no minor units
        ("12.5", "KWD", "12.500"),  # three
        ("9,5 €", None, "9.50"),
    ],
)
def test_amounts_carry_at_least_the_currencys_minor_units(text: str, hint: str | None, amount: str) -> None:
    money = parse_price(text, currency_hint=hint)
    assert money is not None and str(money.amount) == amount


def test_an_amount_finer_than_the_minor_units_is_never_rounded() -> None:
    from shopper.normalize import _padded

    assert str(_padded(Decimal("0.125"), "EUR")) == "0.125"
