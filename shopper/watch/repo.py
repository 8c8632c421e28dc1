"""Repositories over the watch tables: watches and the alert outbox (each takes a connection)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from decimal import Decimal
from typing import Any

from shopper.models import Money
from shopper.watch.models import Alert, Watch
from shopper.watch.stamps import iso, parse_iso


def _money(amount: str | None, currency: str | None) -> Money | None:
    if amount is None or not currency:
        return None
    return Money(amount=Decimal(amount), currency=currency)


_COLUMNS = (
    "kind, target, origin, profile, title, shop, size, colour, below, below_currency, drop_pct, restock, "
    "min_change_pct, daily_cap, every_s, notify_json, paused, created_at, next_due_at"
)


def _row_to_watch(row: sqlite3.Row) -> Watch:
    return Watch(
        id=row["id"],
        kind=row["kind"],
        target=row["target"],
        origin=row["origin"],
        profile=row["profile"],
        title=row["title"],
        shop=row["shop"],
        size=row["size"],
        colour=row["colour"],
        below=_money(row["below"], row["below_currency"]),
        drop_pct=Decimal(row["drop_pct"]) if row["drop_pct"] is not None else None,
        restock=bool(row["restock"]),
        min_change_pct=Decimal(row["min_change_pct"]),
        daily_cap=row["daily_cap"],
        every_s=row["every_s"],
        notify=json.loads(row["notify_json"]),
        paused=bool(row["paused"]),
        created_at=parse_iso(row["created_at"]),
        next_due_at=parse_iso(row["next_due_at"]),
        last_checked_at=parse_iso(row["last_checked_at"]),
        last_ok_at=parse_iso(row["last_ok_at"]),
        last_error=row["last_error"],
        errors=row["errors"],
        broken_since=parse_iso(row["broken_since"]),
        state=json.loads(row["state_json"]),
        last_price=_money(row["last_price"], row["last_currency"]),
        last_availability=row["last_availability"],
        cap_day=row["cap_day"],
        cap_count=row["cap_count"],
    )


class WatchRepo:
    """Watches: add, read, pause, remove, and save the state one check leaves."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, watch: Watch, now: datetime) -> Watch:
        """Store a new watch, due at once; returns it with its id."""
        below = watch.below
        values: tuple[Any, ...] = (
            watch.kind,
            watch.target,
            watch.origin,
            watch.profile,
            watch.title,
            watch.shop,
            watch.size,
            watch.colour,
            str(below.amount) if below else None,
            below.currency if below else None,
            str(watch.drop_pct) if watch.drop_pct is not None else None,
            int(watch.restock),
            str(watch.min_change_pct),
            watch.daily_cap,
            watch.every_s,
            json.dumps(watch.notify),
            int(watch.paused),
            iso(now),
            iso(now),
        )
        with self.conn:
            cursor = self.conn.execute(
                f"INSERT INTO watches ({_COLUMNS}) VALUES ({', '.join('?' * len(values))})", values
            )
        stored = self.get(int(cursor.lastrowid or 0))
        assert stored is not None
        return stored

    def get(self, watch_id: int) -> Watch | None:
        """One watch, or None."""
        row = self.conn.execute("SELECT * FROM watches WHERE id = ?", (watch_id,)).fetchone()
        return _row_to_watch(row) if row is not None else None

    def all(self) -> list[Watch]:
        """Every watch, oldest first."""
        return [_row_to_watch(r) for r in self.conn.execute("SELECT * FROM watches ORDER BY id")]

    def find_target(self, kind: str, target: str, size: str | None, colour: str | None) -> Watch | None:
        """An existing watch on the same thing (so adding it twice does not double the alerts)."""
        row = self.conn.execute(
            "SELECT * FROM watches WHERE kind = ? AND target = ? AND size IS ? AND colour IS ?",
            (kind, target, size, colour),
        ).fetchone()
        return _row_to_watch(row) if row is not None else None

    def due(self, now: datetime, *, everything: bool = False) -> list[Watch]:
        """Unpaused watches whose time has come (all unpaused ones with everything=True)."""
        if everything:
            rows = self.conn.execute("SELECT * FROM watches WHERE paused = 0 ORDER BY id")
        else:
            rows = self.conn.execute(
                "SELECT * FROM watches WHERE paused = 0 AND next_due_at <= ? ORDER BY next_due_at, id",
                (iso(now),),
            )
        return [_row_to_watch(r) for r in rows]

    def next_due(self) -> datetime | None:
        """When the earliest unpaused watch is due."""
        row = self.conn.execute("SELECT min(next_due_at) FROM watches WHERE paused = 0").fetchone()
        return parse_iso(row[0]) if row and row[0] else None

    def remove(self, watch_id: int) -> bool:
        """Delete a watch (and its unsent alerts); False when there was none."""
        with self.conn:
            cursor = self.conn.execute("DELETE FROM watches WHERE id = ?", (watch_id,))
        return cursor.rowcount > 0

    def set_paused(self, watch_id: int, paused: bool, now: datetime) -> bool:
        """Pause or resume; a resumed watch is due at once."""
        with self.conn:
            cursor = self.conn.execute(
                "UPDATE watches SET paused = ?, next_due_at = CASE WHEN ? THEN next_due_at ELSE ? END "
                "WHERE id = ?",
                (int(paused), int(paused), iso(now), watch_id),
            )
        return cursor.rowcount > 0

    def save_state(self, watch: Watch) -> None:
        """Write what a check changed; the caller holds the transaction."""
        price = watch.last_price
        self.conn.execute(
            """UPDATE watches SET title = ?, shop = ?, next_due_at = ?, last_checked_at = ?, last_ok_at = ?,
               last_error = ?, errors = ?, broken_since = ?, state_json = ?, last_price = ?,
               last_currency = ?, last_availability = ?, cap_day = ?, cap_count = ? WHERE id = ?""",
            (
                watch.title,
                watch.shop,
                iso(watch.next_due_at),
                iso(watch.last_checked_at),
                iso(watch.last_ok_at),
                watch.last_error,
                watch.errors,
                iso(watch.broken_since),
                json.dumps(watch.state, sort_keys=True),
                str(price.amount) if price else None,
                price.currency if price else None,
                watch.last_availability,
                watch.cap_day,
                watch.cap_count,
                watch.id,
            ),
        )


class AlertRepo:
    """The outbox: alerts written with their state change, then sent, then marked sent."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, alert: Alert, targets: list[str]) -> None:
        """Queue an alert; the caller holds the transaction that changes the watch's state."""
        self.conn.execute(
            "INSERT INTO alerts (id, watch_id, kind, created_at, payload_json, targets_json) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                alert.id,
                alert.watch_id,
                alert.kind,
                iso(alert.created_at),
                alert.model_dump_json(),
                json.dumps(targets),
            ),
        )

    def unsent(self) -> list[tuple[Alert, list[str], int]]:
        """Alerts not yet sent, oldest first, with their targets and attempts so far."""
        rows = self.conn.execute(
            "SELECT payload_json, targets_json, attempts FROM alerts WHERE sent_at IS NULL "
            "ORDER BY created_at, id"
        )
        return [(Alert.model_validate_json(r[0]), json.loads(r[1]), r[2]) for r in rows]

    def mark_sent(self, alert_id: str, now: datetime) -> None:
        """Record that every target took the alert."""
        with self.conn:
            self.conn.execute(
                "UPDATE alerts SET sent_at = ?, last_error = NULL WHERE id = ?", (iso(now), alert_id)
            )

    def mark_failed(self, alert_id: str, error: str, *, give_up: bool, now: datetime) -> None:
        """Count a failed attempt; after the last one the alert is closed with its error kept."""
        with self.conn:
            self.conn.execute(
                "UPDATE alerts SET attempts = attempts + 1, last_error = ?, sent_at = ? WHERE id = ?",
                (error, iso(now) if give_up else None, alert_id),
            )

    def for_watch(self, watch_id: int, limit: int = 20) -> list[Alert]:
        """The newest alerts of one watch."""
        rows = self.conn.execute(
            "SELECT payload_json FROM alerts WHERE watch_id = ? ORDER BY created_at DESC LIMIT ?",
            (watch_id, limit),
        )
        return [Alert.model_validate_json(r[0]) for r in rows]
