"""Small repositories over tables of migration 1 (each takes a connection); shops: see shops_repo."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime


def _now(now: datetime | None) -> str:
    moment = now or datetime.now(UTC)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


class LastResultsRepo:
    """The latest find results (so `shopper buy 2` and chat can refer back to them)."""

    def __init__(self, conn: sqlite3.Connection, keep: int = 20) -> None:
        self.conn = conn
        self.keep = keep

    def save(self, request: str, payload_json: str, now: datetime | None = None) -> int:
        """Store one result set (as JSON text); older sets beyond `keep` are dropped."""
        with self.conn:
            cursor = self.conn.execute(
                "INSERT INTO last_results (created_at, request, json) VALUES (?, ?, ?)",
                (_now(now), request, payload_json),
            )
            self.conn.execute(
                "DELETE FROM last_results WHERE id NOT IN "
                "(SELECT id FROM last_results ORDER BY id DESC LIMIT ?)",
                (self.keep,),
            )
        return int(cursor.lastrowid or 0)

    def latest(self) -> tuple[str, str] | None:
        """(request, json) of the newest result set, or None."""
        row = self.conn.execute("SELECT request, json FROM last_results ORDER BY id DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row is not None else None
