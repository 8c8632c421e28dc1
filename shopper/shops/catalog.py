"""The catalogue mirror: shops' offers kept in SQLite and searched offline with FTS5 (bm25)."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Container, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from shopper.models import Money, Offer, Variant
from shopper.store.db import FTS_COLUMNS, fold_text

# Weights per FTS column (title, brand, description, category, tags, sku, gtin, mpn): a hit in
# the title or an identifier says more than one somewhere in a long description.
_BM25_WEIGHTS = (10.0, 6.0, 1.0, 3.0, 3.0, 8.0, 8.0, 8.0)
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits, like the unicode61 tokenizer
_MAX_TOKENS = 32
WRITE_BATCH = 500  # offers per write transaction of the mirror
_VARIANTS = TypeAdapter(list[Variant])
_OFFER_COLUMNS = (
    "shop, url, title, brand, description, category, price, currency, list_price, availability, "
    "sku, gtin, mpn, variants_json, tags, images_json, extra_json, fetched_at"
)


def match_expression(query_text: str) -> str | None:
    """A safe FTS5 MATCH string: every token quoted, ORed, prefix-matched from 3 characters on."""
    terms: list[str] = []
    for token in _TOKEN.findall(fold_text(unicodedata.normalize("NFC", query_text)).lower()):
        if len(token) >= 4 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]  # plural "shoes" should still find "shoe"
        term = f'"{token}"*' if len(token) >= 3 else f'"{token}"'
        if term not in terms:
            terms.append(term)
    return " OR ".join(terms[:_MAX_TOKENS]) or None


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def offer_rows(shop: str, offers: Iterable[Offer]) -> list[tuple[Any, ...]]:
    """The mirror's rows for these offers: a snapshot, taken before another thread writes them."""
    return [_to_row(shop, offer) for offer in offers]


class CatalogMirror:
    """Offers per shop in the local database; writes are short transactions (WRITE_BATCH offers each)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # --- writing ------------------------------------------------------------------------

    def upsert(self, shop: str, offers: Iterable[Offer]) -> int:
        """Insert or replace the given offers of a shop (keyed by url); returns how many were written."""
        return self.upsert_rows(offer_rows(shop, offers))

    def upsert_rows(self, rows: list[tuple[Any, ...]]) -> int:
        """upsert() with the rows already built (offer_rows) by the thread that owns the offers."""
        self._write_batches(rows)
        return len(rows)

    def replace_all(self, shop: str, offers: Iterable[Offer]) -> int:
        """A full sync: write these offers and delete the shop's rows that are no longer present."""
        rows = [_to_row(shop, offer) for offer in offers]
        urls = json.dumps([row[1] for row in rows])
        self._write_batches(rows)
        with self.conn:
            self.conn.execute(
                "DELETE FROM catalog_offers WHERE shop = ? AND url NOT IN (SELECT value FROM json_each(?))",
                (shop, urls),
            )
        return len(rows)

    def _write_batches(self, rows: list[tuple[Any, ...]]) -> None:
        # One short transaction per batch: another process (a find while a cron sync runs) waits for
        # one batch at most, never for a whole catalogue.
        for start in range(0, len(rows), WRITE_BATCH):
            with self.conn:
                self._write(rows[start : start + WRITE_BATCH])

    def _write(self, rows: list[tuple[Any, ...]]) -> None:
        updates = ", ".join(f"{c.strip()} = excluded.{c.strip()}" for c in _OFFER_COLUMNS.split(",")[2:])
        self.conn.executemany(
            f"INSERT INTO catalog_offers ({_OFFER_COLUMNS}) VALUES ({', '.join('?' * 18)}) "
            f"ON CONFLICT (shop, url) DO UPDATE SET {updates}",
            rows,
        )

    def delete_shop(self, shop: str) -> int:
        """Forget a shop's mirrored offers and sync state; returns how many offers went."""
        with self.conn:
            gone = self.conn.execute("DELETE FROM catalog_offers WHERE shop = ?", (shop,)).rowcount
            self.conn.execute("DELETE FROM catalog_sync WHERE shop = ?", (shop,))
        return int(gone)

    def mark_synced(
        self, shop: str, count: int | None = None, complete: bool = True, now: datetime | None = None
    ) -> None:
        """Record that a shop was synced (count defaults to the rows now mirrored)."""
        offer_count = self.count(shop) if count is None else count
        with self.conn:
            self.conn.execute(
                "INSERT INTO catalog_sync (shop, synced_at, offer_count, complete) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (shop) DO UPDATE SET synced_at = excluded.synced_at, "
                "offer_count = excluded.offer_count, complete = excluded.complete",
                (shop, _utc(now).isoformat(), offer_count, int(complete)),
            )

    # --- reading ------------------------------------------------------------------------

    def search(
        self,
        shop: str | None,
        query_text: str,
        limit: int = 50,
        *,
        known: Container[str] = (),
        held: Mapping[str, Offer] | None = None,
    ) -> list[Offer]:
        """Offers matching the words of query_text, best bm25 first; shop=None searches every shop.

        Offers whose url is in `known` are left out (the caller has them: no need to build them again);
        those in `held` (what was just written, by url) are returned as they are, not rebuilt from rows."""
        expression = match_expression(query_text)
        if expression is None or limit <= 0:
            return []
        weights = ", ".join(str(w) for w in _BM25_WEIGHTS)
        where = "catalog_fts MATCH ?" + (" AND o.shop = ?" if shop is not None else "")
        params: list[Any] = [expression] + ([shop] if shop is not None else []) + [limit]
        hits = self.conn.execute(
            f"SELECT o.id, o.url FROM catalog_fts JOIN catalog_offers o ON o.id = catalog_fts.rowid "
            f"WHERE {where} ORDER BY bm25(catalog_fts, {weights}), o.title, o.id LIMIT ?",
            params,
        ).fetchall()
        # Whole rows (long descriptions) are read only for the offers the caller does not have yet.
        held = held or {}
        hits = [hit for hit in hits if hit["url"] not in known]
        wanted = [hit["id"] for hit in hits if hit["url"] not in held]
        by_id: dict[int, sqlite3.Row] = {}
        if wanted:
            marks = ", ".join("?" * len(wanted))
            rows = self.conn.execute(f"SELECT * FROM catalog_offers WHERE id IN ({marks})", wanted).fetchall()
            by_id = {row["id"]: row for row in rows}
        return [held[hit["url"]] if hit["url"] in held else _from_row(by_id[hit["id"]]) for hit in hits]

    def get(self, shop: str, url: str) -> Offer | None:
        """One mirrored offer by shop and url."""
        row = self.conn.execute(
            "SELECT * FROM catalog_offers WHERE shop = ? AND url = ?", (shop, url)
        ).fetchone()
        return _from_row(row) if row is not None else None

    def all(self, shop: str) -> list[Offer]:
        """Every mirrored offer of a shop, by title."""
        rows = self.conn.execute(
            "SELECT * FROM catalog_offers WHERE shop = ? ORDER BY title, id", (shop,)
        ).fetchall()
        return [_from_row(row) for row in rows]

    def count(self, shop: str | None = None) -> int:
        """How many offers are mirrored for a shop (or for all shops)."""
        if shop is None:
            row = self.conn.execute("SELECT count(*) FROM catalog_offers").fetchone()
        else:
            row = self.conn.execute("SELECT count(*) FROM catalog_offers WHERE shop = ?", (shop,)).fetchone()
        return int(row[0])

    def synced_at(self, shop: str) -> datetime | None:
        """When the shop was last marked synced (UTC), or None."""
        row = self.conn.execute("SELECT synced_at FROM catalog_sync WHERE shop = ?", (shop,)).fetchone()
        return datetime.fromisoformat(row[0]) if row is not None else None

    def is_complete(self, shop: str) -> bool:
        """Whether the last sync of the shop saw its whole catalogue."""
        row = self.conn.execute("SELECT complete FROM catalog_sync WHERE shop = ?", (shop,)).fetchone()
        return bool(row is not None and row[0])

    def is_fresh(
        self, shop: str, ttl_seconds: float, now: datetime | None = None, *, require_complete: bool = True
    ) -> bool:
        """Whether the shop was synced (completely, unless told otherwise) less than ttl_seconds ago."""
        synced = self.synced_at(shop)
        if synced is None or (require_complete and not self.is_complete(shop)):
            return False
        return _utc(now) - _utc(synced) < timedelta(seconds=ttl_seconds)


def _money_text(money: Money | None) -> str | None:
    return str(money.amount) if money is not None else None


def _to_row(shop: str, offer: Offer) -> tuple[Any, ...]:
    reference = offer.price or offer.list_price
    currency = reference.currency if reference is not None else None
    extra: dict[str, Any] = {}
    if offer.list_price is not None and offer.list_price.currency != currency:
        extra["list_currency"] = offer.list_price.currency
    if offer.shipping is not None:
        extra["shipping"] = {"amount": str(offer.shipping.amount), "currency": offer.shipping.currency}
    if offer.rating is not None:
        extra["rating"] = str(offer.rating)
    if offer.rating_count is not None:
        extra["rating_count"] = offer.rating_count
    if offer.notes:
        extra["notes"] = offer.notes
    return (
        shop,
        offer.url,
        offer.title,
        offer.brand,
        offer.description,
        offer.category,
        _money_text(offer.price),
        currency,
        _money_text(offer.list_price),
        offer.availability,
        offer.sku,
        offer.gtin,
        offer.mpn,
        _VARIANTS.dump_json(offer.variants).decode(),
        json.dumps(offer.tags, ensure_ascii=False),
        json.dumps(offer.images, ensure_ascii=False),
        json.dumps(extra, ensure_ascii=False),
        offer.fetched_at.isoformat() if offer.fetched_at else None,
    )


def _from_row(row: sqlite3.Row) -> Offer:
    extra = json.loads(row["extra_json"] or "{}")
    currency = row["currency"]
    price = Money(amount=Decimal(row["price"]), currency=currency) if row["price"] is not None else None
    list_price = None
    if row["list_price"] is not None:
        list_price = Money(amount=Decimal(row["list_price"]), currency=extra.get("list_currency", currency))
    shipping = extra.get("shipping")
    return Offer(
        url=row["url"],
        title=row["title"],
        shop=row["shop"],
        brand=row["brand"],
        description=row["description"],
        category=row["category"],
        price=price,
        list_price=list_price,
        availability=row["availability"],
        sku=row["sku"],
        gtin=row["gtin"],
        mpn=row["mpn"],
        images=json.loads(row["images_json"]),
        variants=_VARIANTS.validate_json(row["variants_json"]),
        shipping=Money.model_validate(shipping) if shipping else None,
        rating=Decimal(extra["rating"]) if "rating" in extra else None,
        rating_count=extra.get("rating_count"),
        tags=json.loads(row["tags"]),
        source="mirror",
        notes=list(extra.get("notes", [])),
        fetched_at=datetime.fromisoformat(row["fetched_at"]) if row["fetched_at"] else None,
    )


__all__ = ["FTS_COLUMNS", "CatalogMirror", "match_expression"]
