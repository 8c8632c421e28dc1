"""Price history: one observation per offer and variant, written by find and by every watch check."""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, Field

from shopper.models import Money, Offer, empty_list
from shopper.watch.stamps import iso, parse_iso
from shopper.watch.variants import is_buyable, variant_key

REFERENCE_DAYS = 30  # the drop rule compares with the median of this many days


def _rows(offer: Offer, source: str, stamp: str) -> list[tuple[object, ...]]:
    def row(
        key: str, price: Money | None, list_price: Money | None, availability: str | None
    ) -> tuple[object, ...]:
        return (
            offer.url,
            key,
            offer.shop,
            offer.title,
            str(price.amount) if price else None,
            price.currency if price else None,
            str(list_price.amount) if list_price else None,
            availability,
            source,
            stamp,
        )

    rows = [row("", offer.price, offer.list_price, offer.availability)]
    for variant in offer.variants:
        key = variant_key(variant.options)
        if key:
            rows.append(row(key, variant.price or offer.price, variant.list_price, variant.availability))
    return rows


def record_offers(
    conn: sqlite3.Connection, offers: Iterable[Offer], *, source: str = "find", now: datetime | None = None
) -> int:
    """Write one observation per offer and per variant (in the caller's transaction when one is open).

    `find` calls this with every offer it read, so a product's history starts before its first watch.
    """
    fallback = now or datetime.now(UTC)
    rows = [
        r
        for offer in offers
        if offer.url
        # An offer carries when it was read (a mirror row keeps its sync time), so it is recorded once.
        for r in _rows(
            offer, source, iso(offer.fetched_at if source == "find" and offer.fetched_at else fallback) or ""
        )
    ]
    if not rows:
        return 0
    sql = (
        "INSERT OR IGNORE INTO observations (url, variant, shop, title, price, currency, list_price, "
        "availability, source, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    if conn.in_transaction:
        conn.executemany(sql, rows)
    else:
        with conn:
            conn.executemany(sql, rows)
    return len(rows)


def reference_price(
    conn: sqlite3.Connection,
    url: str,
    variant: str,
    currency: str,
    *,
    before: datetime,
    days: int = REFERENCE_DAYS,
) -> Decimal | None:
    """The median price over the last `days` before `before` (the shop's "was" price plays no part)."""
    rows = conn.execute(
        "SELECT price FROM observations WHERE url = ? AND variant = ? AND currency = ? AND price IS NOT NULL "
        "AND seen_at >= ? AND seen_at < ?",
        (url, variant, currency, iso(before - timedelta(days=days)), iso(before)),
    ).fetchall()
    prices = [Decimal(r[0]) for r in rows]
    return Decimal(statistics.median(prices)) if prices else None


def watched_variant(conn: sqlite3.Connection, url: str, size: str | None, colour: str | None) -> str:
    """The observed variant key that holds the watched size and colour ('' when none or several do)."""
    if not (size or colour):
        return ""
    from shopper.watch.variants import wanted_colour, wanted_size

    parts = [f"size={wanted_size(size)}".lower()] if size else []
    parts += [f"colour={wanted_colour(colour)}".lower()] if colour else []
    keys = [r[0] for r in conn.execute("SELECT DISTINCT variant FROM observations WHERE url = ?", (url,))]
    found = [k for k in keys if all(p in k.lower().split(";") for p in parts)]
    return found[0] if len(found) == 1 else ""


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
