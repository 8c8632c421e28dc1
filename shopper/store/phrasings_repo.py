"""Which styles of search phrasing each shop's own search answers (its search may need every word, skip
short words or not fold plurals), so the style that worked is tried first next time."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from pydantic import TypeAdapter

from shopper.models import Offer

_OFFERS = TypeAdapter(list[Offer])


class SearchStylesRepo:
    """Tries and hits per (shop, phrasing style); writes are one short transaction each."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def record(self, shop: str, outcomes: list[tuple[str, bool]]) -> None:
        """Count one try per (style, found anything)."""
        if not outcomes:
            return
        stamp = datetime.now(UTC).isoformat()
        with self.conn:
            self.conn.executemany(
                "INSERT INTO search_styles (shop, style, tries, hits, updated_at) VALUES (?, ?, 1, ?, ?) "
                "ON CONFLICT (shop, style) DO UPDATE SET tries = tries + 1, hits = hits + excluded.hits, "
                "updated_at = excluded.updated_at",
                [(shop, style, int(hit), stamp) for style, hit in outcomes],
            )

    def rates(self, shop: str) -> dict[str, tuple[int, int]]:
        """style -> (tries, hits) for a shop."""
        rows = self.conn.execute(
            "SELECT style, tries, hits FROM search_styles WHERE shop = ?", (shop,)
        ).fetchall()
        return {str(r[0]): (int(r[1]), int(r[2])) for r in rows}


class RecentSearchesRepo:
    """The offers a shop's own search listed for a phrase, and when: a repeated request within the
    freshness window is answered from here instead of asking the shop again."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(
        self, shop: str, phrase: str, max_age: float, *, now: datetime | None = None
    ) -> list[Offer] | None:
        """The offers found for `phrase` no more than max_age seconds ago, else None."""
        row = self.conn.execute(
            "SELECT offers_json, searched_at FROM search_results WHERE shop = ? AND phrase = ?",
            (shop, phrase.lower()),
        ).fetchone()
        if row is None:
            return None
        searched = datetime.fromisoformat(row[1])
        if (now or datetime.now(UTC)) - searched > timedelta(seconds=max_age):
            return None
        try:
            return _OFFERS.validate_json(row[0])
        except ValueError:
            return None  # written by another version: ask the shop again

    def put(self, shop: str, phrase: str, offers: list[Offer]) -> None:
        """Remember what the search for `phrase` listed, now."""
        self.put_dumped(shop, phrase, dump_offers(offers))

    def put_dumped(self, shop: str, phrase: str, offers_json: str) -> None:
        """put(), with the offers already dumped (dump_offers) by the thread that owns them."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO search_results (shop, phrase, offers_json, searched_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (shop, phrase) DO UPDATE SET offers_json = excluded.offers_json, "
                "searched_at = excluded.searched_at",
                (shop, phrase.lower(), offers_json, datetime.now(UTC).isoformat()),
            )


def dump_offers(offers: list[Offer]) -> str:
    """The offers as RecentSearchesRepo keeps them: a snapshot, taken before another thread writes it."""
    return _OFFERS.dump_json(offers).decode()
