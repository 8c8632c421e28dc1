"""Price history: one observation per offer and variant, written by find and by every watch check.

What history shows (a shop's series of prices) is in shopper.watch.series: every find writes here."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from shopper.models import Money, Offer
from shopper.watch.stamps import iso
from shopper.watch.variants import variant_key

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
    import statistics  # with its fractions, only for the drop rule: every find records through this module

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
