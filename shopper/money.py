"""The one place for money: minor units, display, rounding, reference rates and conversion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from shopper.currencies import NEUTRAL_LOCALE, currency_table, neutral_format
from shopper.models import Money, Profile

if TYPE_CHECKING:
    from babel.core import Locale

EURO = "EUR"
ONE = Decimal(1)


@lru_cache(maxsize=256)
def minor_units(currency: str) -> int:
    """Digits after the decimal point for a currency (ISO 4217, Babel's table): EUR 2, JPY 0, KWD 3."""
    table = currency_table()
    return table.digits.get(currency.upper(), table.default_digits)


def is_known_currency(code: str) -> bool:
    """Whether `code` is an ISO 4217 currency Babel knows (EUR, NOK, ...; not XYZ or eur)."""
    return len(code) == 3 and code.isupper() and code in currency_table().known


def quantize(amount: Decimal, currency: str) -> Decimal:
    """`amount` rounded half-up to the currency's minor units (12.345 EUR -> 12.35, 1234.5 JPY -> 1235)."""
    exponent = Decimal(1).scaleb(-minor_units(currency))
    try:
        return amount.quantize(exponent, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # beyond the context's precision: leave it as it is
        return amount


@lru_cache(maxsize=32)
def _locale(name: str | None) -> Locale:
    from babel.core import Locale, UnknownLocaleError

    if name:
        try:
            return Locale.parse(name.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            pass
    return Locale.parse(NEUTRAL_LOCALE)


def format_money(money: Money, locale: str | None = None) -> str:
    """Money for display, with the currency's own minor units: '1,234.50 €', '1 234,50 kr' (nb)."""
    amount = quantize(money.amount, money.currency)
    if locale is None and (text := neutral_format(amount, money.currency)) is not None:
        return text  # the shipped table: the same text as Babel's, without loading Babel
    from babel.numbers import format_currency

    try:
        return str(format_currency(amount, money.currency, locale=_locale(locale)))
    except (ValueError, KeyError, InvalidOperation):  # a code Babel has no data for
        return f"{amount} {money.currency}"


# --- reference rates ------------------------------------------------------------------------


@dataclass(frozen=True)
class EuroRate:
    """Units of a currency per 1 EUR on a day, and where the figure came from."""

    per_euro: Decimal
    date: date
    source: str  # "ECB reference 2026-10-30" or "ECB 2026-11-02 (updated)"


@dataclass
class RateTable:
    """Euro reference rates (ECB), optionally overridden by a profile's own rates to its currency."""

    euro: dict[str, EuroRate] = field(default_factory=dict)
    home: str | None = None  # the profile currency the `profile` rates are quoted in
    profile: dict[str, Decimal] = field(default_factory=dict)  # home units per 1 foreign unit
    warnings: list[str] = field(default_factory=list)

    @property
    def newest(self) -> date | None:
        """The newest ECB day in the table (None when it holds no ECB rates)."""
        return max((r.date for r in self.euro.values()), default=None)

    def euro_rate(self, currency: str) -> EuroRate | None:
        """Units of `currency` per 1 EUR (EUR itself is 1), or None without a rate."""
        if currency == EURO:
            newest = self.newest
            return EuroRate(ONE, newest, self.source_of(newest)) if newest else None
        return self.euro.get(currency)

    def source_of(self, day: date) -> str:
        """The source label of the ECB rates of `day` (updated when any rate of that day was)."""
        labels = {r.source for r in self.euro.values() if r.date == day}
        return next((s for s in sorted(labels) if s.endswith("(updated)")), f"ECB reference {day}")

    def currencies(self) -> list[str]:
        """Every currency the table can convert (EUR, the ECB's, the profile's)."""
        found = set(self.euro) | set(self.profile)
        if self.euro:
            found.add(EURO)
        if self.home and self.profile:
            found.add(self.home)
        return sorted(found)


class Converted(BaseModel):
    """An amount converted to another currency, with the rate, its date and where it came from."""

    model_config = ConfigDict(frozen=True)

    money: Money  # in the target currency, rounded to its minor units
    original: Money
    rate: Decimal  # target units per 1 unit of the original currency
    rate_date: date | None = None  # None for profile rates (they carry no date)
    source: str  # "ECB reference <date>", "ECB <date> (updated)", "profile" or "same currency"

    def describe(self) -> str:
        """'1 EUR = 11.7000 NOK (ECB reference 2026-10-30)': the rate, for reasons and tables."""
        if self.source == "same currency":
            return "no conversion"
        shown = rate_text(self.rate)
        return f"1 {self.original.currency} = {shown} {self.money.currency} ({self.source})"


def rate_text(rate: Decimal) -> str:
    """A rate with four significant digits and no exponent: 11.5, 0.08696, 0.00004932."""
    digits = max(4, 3 - rate.adjusted()) if rate else 4
    return f"{rate.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP).normalize():f}"


def _converted(money: Money, to: str, rate: Decimal, day: date | None, source: str) -> Converted:
    amount = quantize(money.amount * rate, to)
    return Converted(
        money=Money(amount=amount, currency=to), original=money, rate=rate, rate_date=day, source=source
    )


def convert(money: Money, to_currency: str, table: RateTable) -> Converted | None:
    """Money in another currency: profile rates first, else ECB cross rates via EUR; None without a rate."""
    source = money.currency
    if source == to_currency:
        return Converted(money=money, original=money, rate=ONE, source="same currency")
    direct = _profile_rate(source, to_currency, table)
    if direct is not None:
        return _converted(money, to_currency, direct, None, "profile")
    leg_from, leg_to = table.euro_rate(source), table.euro_rate(to_currency)
    if leg_from is None or leg_to is None or leg_from.per_euro <= 0:
        return None
    # Report the older day of the two legs: the conversion is only as fresh as its stalest rate.
    oldest = min((leg_from, leg_to), key=lambda r: r.date)
    return _converted(money, to_currency, leg_to.per_euro / leg_from.per_euro, oldest.date, oldest.source)


def _profile_rate(source: str, target: str, table: RateTable) -> Decimal | None:
    """Home units per foreign unit from the profile, also inverted and crossed through home."""
    home, rates = table.home, table.profile
    if not home or not rates:
        return None

    def to_home(code: str) -> Decimal | None:
        return ONE if code == home else rates.get(code)

    a, b = to_home(source), to_home(target)
    if a is None or b is None or b <= 0:
        return None
    return a / b


def rate_table(profile: Profile | None = None) -> RateTable:
    """Bundled ECB rates, overridden by rates saved by `shopper rates update`, then by the profile's."""
    from shopper import ecb

    table = RateTable()
    for rates in ecb.rate_layers(table.warnings):
        for code, per_euro in rates.rates.items():
            held = table.euro.get(code)
            if held is None or rates.date >= held.date:
                table.euro[code] = EuroRate(per_euro, rates.date, rates.label)
    if profile is not None and profile.rates:
        table.home = profile.currency
        table.profile = {c: r for c, r in profile.rates.items() if c != profile.currency and r > 0}
    return table
