"""price-parser's own test table (shared/bench/prices) run through shopper.normalize's price path.

Usage: python bench/prices.py [--shared PATH] [--verbose]

The table is outside benchmark material (BSD-3-Clause, scrapinghub/price-parser tests): it is measured
here and never copied into the repository. Rows in price-parser's own XFAIL groups are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shopper.normalize import parse_amount, parse_price_parts

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    path = args.shared / "bench" / "prices" / "examples.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = {"main": [0, 0], "xfail": [0, 0]}
    for row in rows:
        expected = None if row["expected_amount"] is None else Decimal(row["expected_amount"])
        amount, currency = parse_price_parts(
            row["price_raw"], currency_hint=row["currency_hint"], decimal_separator=row["decimal_separator"]
        )
        ok = amount == expected
        ok = ok and parse_amount(row["price_raw"], decimal_separator=row["decimal_separator"]) == expected
        if row["expected_currency"] is not None:
            ok = ok and currency == row["expected_currency"]
        group = "xfail" if "XFAIL" in row["group"] else "main"
        counts[group][0] += ok
        counts[group][1] += 1
        if not ok and args.verbose:
            print(f"miss [{group}] {row['price_raw']!r}: got {amount} {currency!r}, want {expected}")
    for group, (good, total) in counts.items():
        print(f"{group:6}: {good}/{total} = {good / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
