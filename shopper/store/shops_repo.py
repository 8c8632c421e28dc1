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
