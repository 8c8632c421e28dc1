"""Which styles of search phrasing each shop's own search answers (its search may need every word, skip
short words or not fold plurals), so the style that worked is tried first next time."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime


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
