"""ISO 4217 minor units and the neutral locale's currency format, shipped as a table built from Babel.

Loading Babel's global data and a locale costs a find tens of milliseconds, for the same few facts every
time: how many digits a currency has, its symbol and the pattern of the neutral locale. The table holds
those, so the common path reads a small JSON file instead; Babel stays for other locales:

    python -m shopper.currencies     # rewrites shopper/data/currencies.json
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

# "English (Europe)": amount first, unambiguous symbols (US$, JP¥), no national number style.
NEUTRAL_LOCALE = "en_150"
_FILE = "currencies.json"
_CURRENCY_SIGN = "¤"
_QUOTED = re.compile(r"'([^']*)'")  # a pattern's literal text, as Babel unquotes it


@dataclass(frozen=True)
class CurrencyTable:
    """Minor units and neutral-locale symbols of every currency Babel knows, and the locale's pattern."""

    digits: dict[str, int]  # ISO 4217 minor units
    default_digits: int  # for a code without an entry (Babel's DEFAULT)
    known: frozenset[str]  # every code Babel knows as a currency
    symbols: dict[str, str]  # the neutral locale's symbol; a code without one is shown as itself
    prefix: tuple[str, str]  # (positive, negative), with ¤ for the symbol
    suffix: tuple[str, str]
    group: str
    decimal: str


@functools.cache
def currency_table() -> CurrencyTable:
    """The shipped table."""
    text = resources.files("shopper").joinpath("data", _FILE).read_text(encoding="utf-8")
    return _from_json(json.loads(text))


def _from_json(raw: dict[str, Any]) -> CurrencyTable:
    pattern = raw["pattern"]
    return CurrencyTable(
        digits=raw["digits"],
        default_digits=raw["default_digits"],
        known=frozenset(raw["known"]),
        symbols=raw["symbols"],
        prefix=tuple(pattern["prefix"]),
        suffix=tuple(pattern["suffix"]),
        group=pattern["group"],
        decimal=pattern["decimal"],
    )


def neutral_format(amount: Decimal, currency: str) -> str | None:
    """`amount`, already rounded to the currency's minor units, as Babel's format_currency in the neutral
    locale writes it ('1,234.50\xa0€'); None when the amount is not in that form (Babel decides)."""
    table = currency_table()
    digits = table.digits.get(currency, table.default_digits)
    exponent = amount.as_tuple().exponent
    if not amount.is_finite() or exponent != -digits:
        return None
    negative = int(amount.is_signed())  # Babel signs -0.00 too
    number = f"{abs(amount):,f}"
    if table.group != "," or table.decimal != ".":
        number = number.translate({ord(","): table.group, ord("."): table.decimal})
    symbol = table.symbols.get(currency, currency)
    text = (table.prefix[negative] + number + table.suffix[negative]).replace(_CURRENCY_SIGN, symbol)
    return _QUOTED.sub(lambda m: m.group(1) or "'", text) if "'" in text else text


def build() -> dict[str, Any]:
    """The table from Babel's data (a dependency; only this and other locales load it)."""
    import babel
    from babel.core import Locale, get_global

    locale = Locale.parse(NEUTRAL_LOCALE)
    pattern = locale.currency_formats["standard"]
    # neutral_format writes the number with Python's own grouping: hold Babel to that shape
    plain = (pattern.grouping, pattern.int_prec[0], pattern.scale, pattern.exp_prec) == ((3, 3), 1, 0, None)
    signs = "".join(pattern.prefix + pattern.suffix)
    if not plain or "@" in pattern.pattern or _CURRENCY_SIGN * 2 in signs:
        raise SystemExit(f"the {NEUTRAL_LOCALE} currency pattern {pattern.pattern!r} needs Babel itself")
    fractions = get_global("currency_fractions")
    known = sorted(get_global("all_currencies"))
    symbols = locale.currency_symbols
    return {
        "about": f"Built by `python -m shopper.currencies` from Babel {babel.__version__} (CLDR data).",
        "locale": NEUTRAL_LOCALE,
        "default_digits": fractions["DEFAULT"][0],
        "digits": {code: fractions[code][0] for code in sorted(fractions) if code != "DEFAULT"},
        "known": known,
        "symbols": {code: symbols[code] for code in sorted(symbols) if symbols[code] != code},
        "pattern": {
            "prefix": list(pattern.prefix),
            "suffix": list(pattern.suffix),
            "group": locale.number_symbols["latn"]["group"],
            "decimal": locale.number_symbols["latn"]["decimal"],
        },
    }


def main() -> None:
    """Write the table into the package's data folder."""
    target = Path(__file__).resolve().parent / "data" / _FILE
    target.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
