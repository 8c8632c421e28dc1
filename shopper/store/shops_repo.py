"""Remembered shop detections (platform, search template, currency), so `auto` shops are probed rarely."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shopper.shops.detect import Detection

DETECTION_TTL = timedelta(days=7)


def load_detection(conn: sqlite3.Connection, url: str, *, now: datetime | None = None) -> Detection | None:
    """The last detection of the shop at `url`, unless it is older than a week."""
    from shopper.shops.detect import Detection

    row = conn.execute(
        "SELECT detected, checked_at FROM shops WHERE url = ? ORDER BY checked_at DESC LIMIT 1", (url,)
    ).fetchone()
    if row is None or not row[0] or not row[1]:
        return None
    checked = datetime.fromisoformat(row[1])
    if checked.tzinfo is None:
        checked = checked.replace(tzinfo=UTC)
    if (now or datetime.now(UTC)) - checked > DETECTION_TTL:
        return None
    return Detection.model_validate_json(row[0])


def save_detection(
    conn: sqlite3.Connection, name: str, detection: Detection, *, now: datetime | None = None
) -> None:
    """Store a detection under the shop's name."""
    stamp = (now or datetime.now(UTC)).isoformat()
    with conn:
        conn.execute(
            "INSERT INTO shops (name, url, platform, search_url, detected, checked_at) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET url = excluded.url, platform = excluded.platform, "
            "search_url = excluded.search_url, detected = excluded.detected, "
            "checked_at = excluded.checked_at",
            (
                name,
                detection.url,
                detection.platform,
                detection.search_url,
                detection.model_dump_json(),
                stamp,
            ),
        )


# What is kept under a shop's name, and read back by that name alone.
_KEPT_BY_NAME = ("catalog_offers", "catalog_sync", "search_results", "search_styles")


def named_url(conn: sqlite3.Connection, name: str) -> str | None:
    """The URL the shop name stood for when what is kept under it was kept (None: not known)."""
    row = conn.execute("SELECT url FROM shop_names WHERE shop = ?", (name,)).fetchone()
    return str(row[0]) if row is not None else None


def claim_name(conn: sqlite3.Connection, name: str, url: str, *, forget: bool) -> None:
    """Record that `name` stands for the shop at `url`; `forget`: it stood for another shop, whose
    mirrored catalogue, recent answers and search styles are dropped (they would answer for this one)."""
    with conn:
        if forget:
            for table in _KEPT_BY_NAME:
                conn.execute(f"DELETE FROM {table} WHERE shop = ?", (name,))  # fixed names, not input
        conn.execute(
            "INSERT INTO shop_names (shop, url) VALUES (?, ?) "
            "ON CONFLICT (shop) DO UPDATE SET url = excluded.url",
            (name, url),
        )
