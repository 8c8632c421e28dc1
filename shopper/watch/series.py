"""A watched product's price history as it is shown: each shop's series of prices, with its figures."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, Field

from shopper.models import Money, empty_list
from shopper.watch.stamps import parse_iso
from shopper.watch.variants import is_buyable


class PricePoint(BaseModel):
    """One observation as history shows it."""

    seen_at: datetime
    price: Money | None = None
    availability: str | None = None


class ShopSeries(BaseModel):
    """One shop's price over time for a watched product, with its figures."""

    shop: str
    url: str
    points: list[PricePoint] = Field(default_factory=empty_list)
    lowest: Money | None = None
    highest: Money | None = None
    current: Money | None = None
    days_out_of_stock: float = 0.0


@dataclass
class _Span:
    out_since: datetime | None = None
    total: timedelta = field(default_factory=timedelta)


def series(
    conn: sqlite3.Connection, urls: list[str], variant: str = "", *, now: datetime | None = None
) -> list[ShopSeries]:
    """Each URL's observations (for the variant, else the product), oldest first, with their figures."""
    now = now or datetime.now(UTC)
    out: list[ShopSeries] = []
    for url in urls:
        rows = conn.execute(
            "SELECT shop, price, currency, availability, seen_at, variant FROM observations "
            "WHERE url = ? AND variant IN (?, '') ORDER BY seen_at, id",
            (url, variant),
        ).fetchall()
        if variant and any(r["variant"] == variant for r in rows):
            rows = [r for r in rows if r["variant"] == variant]
        elif variant:
            rows = [r for r in rows if r["variant"] == ""]
        if not rows:
            continue
        points = [
            PricePoint(
                seen_at=parse_iso(r["seen_at"]) or now,
                price=Money(amount=Decimal(r["price"]), currency=r["currency"])
                if r["price"] and r["currency"]
                else None,
                availability=r["availability"],
            )
            for r in rows
        ]
        item = ShopSeries(shop=rows[-1]["shop"] or url, url=url, points=points)
        priced = [p.price for p in points if p.price is not None]
        if priced:
            currency = priced[-1].currency
            same = [p for p in priced if p.currency == currency]
            item.lowest = min(same, key=lambda m: m.amount)
            item.highest = max(same, key=lambda m: m.amount)
            item.current = points[-1].price
        item.days_out_of_stock = round(_out_of_stock(points, now).total_seconds() / 86400, 1)
        out.append(item)
    return out


def _out_of_stock(points: list[PricePoint], now: datetime) -> timedelta:
    span = _Span()
    for point in points:
        buyable = is_buyable(point.availability)
        if buyable is False and span.out_since is None:
            span.out_since = point.seen_at
        elif buyable and span.out_since is not None:
            span.total += point.seen_at - span.out_since
            span.out_since = None
    if span.out_since is not None:
        span.total += now - span.out_since
    return span.total
