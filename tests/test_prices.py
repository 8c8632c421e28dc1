"""price-parser's own test table (shared/bench/prices) run through shopper.normalize's price path."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from conftest import shared_path

from shopper.normalize import parse_amount, parse_price_parts

EXAMPLES = shared_path("bench", "prices", "examples.jsonl")


def _rows() -> list[Any]:
    rows = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    # XFAIL groups are price-parser's own known failures; they are measured, not required.
    return [
        pytest.param(row, id=f"{i}-{row['price_raw']!r}"[:60])
        for i, row in enumerate(rows)
        if "XFAIL" not in row["group"]
    ]


ROWS = _rows()


def test_table_is_there() -> None:
    assert len(ROWS) > 1000


@pytest.mark.parametrize("row", ROWS)
def test_price_example(row: dict[str, Any]) -> None:
    expected = None if row["expected_amount"] is None else Decimal(row["expected_amount"])
    amount, currency = parse_price_parts(
        row["price_raw"], currency_hint=row["currency_hint"], decimal_separator=row["decimal_separator"]
    )
    assert amount == expected
    # The amount never depends on the currency hint, so parse_amount must agree.
    assert parse_amount(row["price_raw"], decimal_separator=row["decimal_separator"]) == expected
    if row["expected_currency"] is not None:
        assert currency == row["expected_currency"]
