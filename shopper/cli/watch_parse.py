"""Parsing `shopper watch` flag values: durations, amounts, percentages (one clear error each)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.I)
_UNITS = {"": 3600, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_AMOUNT = re.compile(r"^\s*([A-Za-z]{3})?\s*([0-9][0-9.,']*)\s*([A-Za-z]{3})?\s*$")
MIN_EVERY_S = 60


def parse_every(text: str) -> int:
    """'6h', '30m', '1d', '90s' (a bare number is hours) -> seconds."""
    from shopper.errors import UsageError

    m = _DURATION.match(text)
    if not m:
        raise UsageError(f"--every {text!r}: give a duration like 30m, 6h or 1d")
    seconds = int(Decimal(m[1]) * _UNITS[m[2].lower()])
    if seconds < MIN_EVERY_S:
        raise UsageError(f"--every {text!r}: at least one minute between checks (shops deserve politeness)")
    return seconds


def parse_amount(text: str, default_currency: str) -> Any:
    """'99.95', '99,95 EUR', 'USD 120' -> Money."""
    from shopper.errors import UsageError
    from shopper.models import Money

    m = _AMOUNT.match(text)
    if not m or (m[1] and m[3]):
        raise UsageError(f"--below {text!r}: give an amount like 99.95 or '99.95 EUR'")
    raw = m[2].replace("'", "")
    if "," in raw and "." in raw:
        raw = (
            raw.replace(",", "")
            if raw.rfind(".") > raw.rfind(",")
            else raw.replace(".", "").replace(",", ".")
        )
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise UsageError(f"--below {text!r}: not an amount") from None
    if amount <= 0:
        raise UsageError(f"--below {text!r}: must be more than zero")
    return Money(amount=amount, currency=(m[1] or m[3] or default_currency).upper())


def parse_percent(text: str) -> Decimal:
    """'10', '10%', '7.5' -> Decimal percent in (0, 100)."""
    from shopper.errors import UsageError

    try:
        value = Decimal(text.strip().rstrip("%").strip())
    except InvalidOperation:
        raise UsageError(f"--drop {text!r}: give a percentage like 10 or 10%") from None
    if not 0 < value < 100:
        raise UsageError(f"--drop {text!r}: a percentage between 0 and 100")
    return value
