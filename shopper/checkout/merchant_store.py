"""The mock merchant's own records (its catalogue, sessions, orders, idempotency) in its own SQLite file.

The merchant is another party than the shopper: it keeps its books apart from the user's database, and
on disk, so a shopper process killed mid-checkout finds the order again on the next start.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_S = 5.0

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS items (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS sessions (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS orders (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL UNIQUE,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS idempotency (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL
    )""",
)


class MerchantStore:
    """JSON documents by id, one table per kind; every write is its own transaction."""

    def __init__(self, path: Path | None) -> None:
        target = ":memory:" if path is None else str(path)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode = WAL")
        with self.conn:
            for statement in _SCHEMA:
                self.conn.execute(statement)

    def close(self) -> None:
        """Close the file."""
        self.conn.close()

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        """One document, or None."""
        row = self.conn.execute(f"SELECT json FROM {_table(table)} WHERE id = ?", (key,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def put(self, table: str, key: str, doc: dict[str, Any]) -> None:
        """Insert or replace one document."""
        text = json.dumps(doc, separators=(",", ":"))
        with self.conn:
            if table == "orders":
                self.conn.execute(
                    "INSERT OR REPLACE INTO orders (id, session_id, json) VALUES (?, ?, ?)",
                    (key, doc["checkout_session_id"], text),
                )
            else:
                self.conn.execute(
                    f"INSERT OR REPLACE INTO {_table(table)} (id, json) VALUES (?, ?)", (key, text)
                )

    def put_order(self, order: dict[str, Any], session: dict[str, Any]) -> None:
        """Write an order and its completed session in one transaction."""
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO orders (id, session_id, json) VALUES (?, ?, ?)",
                (order["id"], session["id"], json.dumps(order, separators=(",", ":"))),
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO sessions (id, json) VALUES (?, ?)",
                (session["id"], json.dumps(session, separators=(",", ":"))),
            )

    def order_of_session(self, session_id: str) -> dict[str, Any] | None:
        """The order a session became, or None."""
        row = self.conn.execute("SELECT json FROM orders WHERE session_id = ?", (session_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def replay(self, key: str) -> tuple[str, int, str] | None:
        """(fingerprint, status, body) stored for an Idempotency-Key, or None."""
        row = self.conn.execute(
            "SELECT fingerprint, status, body FROM idempotency WHERE key = ?", (key,)
        ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), str(row[2]))

    def remember(self, key: str, fingerprint: str, status: int, body: str) -> None:
        """Keep the response to an Idempotency-Key (the first one wins)."""
        with self.conn:
            self.conn.execute(
                "INSERT OR IGNORE INTO idempotency (key, fingerprint, status, body) VALUES (?, ?, ?, ?)",
                (key, fingerprint, status, body),
            )


def _table(name: str) -> str:
    if name not in ("items", "sessions", "orders"):
        raise ValueError(f"unknown table {name!r}")
    return name
