"""Actions waiting for the user's yes: purchases, watches and profile changes never run on a tool call.

A tool that would spend money or change the profile or the watches only *proposes*: it stores a
PendingAction and returns it. Running it takes `approve()`, which only front-end code calls after the
user said yes (the chat's prompt, MCP elicitation, or `shopper confirm ID` in the user's terminal).
No tool, and so no model, can reach `approve()`.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from shopper.errors import ActionError, ShopperError

Status = Literal["pending", "approved", "declined", "failed"]
PENDING_HOURS = 24  # a proposal older than this is stale: prices and stock move
# kind -> function(payload) -> one line saying what was done. Filled by the modules that own the kinds.
Executor = Callable[[dict[str, Any]], str]
EXECUTORS: dict[str, Executor] = {}


class PendingAction(BaseModel):
    """One proposal: what it would do, in words the user can check, and its state."""

    id: str
    kind: str
    summary: str
    status: Status = "pending"
    origin: str = "chat"
    created_at: str = ""
    result: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict, exclude=True)


def register(kind: str, executor: Executor) -> None:
    """Make `kind` runnable once approved."""
    EXECUTORS[kind] = executor


def _now() -> datetime:
    return datetime.now(UTC)


class ActionStore:
    """The pending_actions table: shared by chat, MCP and `shopper confirm` (other processes too)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def propose(self, kind: str, summary: str, payload: dict[str, Any], origin: str) -> PendingAction:
        """Store a proposal; it does nothing until approved."""
        action = PendingAction(
            id=secrets.token_hex(3),
            kind=kind,
            summary=summary,
            origin=origin,
            created_at=_now().isoformat(timespec="seconds"),
            payload=payload,
        )
        with self.conn:
            self.conn.execute(
                "INSERT INTO pending_actions (id, kind, summary, payload_json, origin, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (action.id, kind, summary, json.dumps(payload, default=str), origin, action.created_at),
            )
        return action

    def get(self, action_id: str) -> PendingAction:
        """One action by id; ActionError when there is none."""
        row = self.conn.execute(
            "SELECT id, kind, summary, payload_json, origin, created_at, status, result "
            "FROM pending_actions WHERE id = ?",
            (action_id.strip().lower(),),
        ).fetchone()
        if row is None:
            raise ActionError(f"no pending action {action_id!r}")
        return PendingAction(
            id=row[0],
            kind=row[1],
            summary=row[2],
            payload=json.loads(row[3]),
            origin=row[4],
            created_at=row[5],
            status=row[6],
            result=row[7],
        )

    def pending(self) -> list[PendingAction]:
        """Every action still waiting, oldest first."""
        rows = self.conn.execute(
            "SELECT id FROM pending_actions WHERE status = 'pending' ORDER BY created_at, id"
        ).fetchall()
        return [self.get(r[0]) for r in rows]

    def decline(self, action_id: str) -> PendingAction:
        """The user said no."""
        action = self._waiting(action_id)
        self._settle(action, "declined", "declined by the user")
        return self.get(action.id)

    def approve(self, action_id: str) -> PendingAction:
        """The user said yes: run it. Front-end code only; never exposed as a tool."""
        action = self._waiting(action_id)
        executor = EXECUTORS.get(action.kind)
        if executor is None:
            raise ActionError(f"action {action.id}: this shopper cannot run {action.kind!r} actions")
        # Claim it first, so two terminals approving at once cannot both run it.
        with self.conn:
            claimed = self.conn.execute(
                "UPDATE pending_actions SET status = 'approved', decided_at = ? "
                "WHERE id = ? AND status = 'pending'",
                (_now().isoformat(timespec="seconds"), action.id),
            ).rowcount
        if not claimed:
            raise ActionError(f"action {action.id} was already decided")
        try:
            result = executor(action.payload)
        except ShopperError as exc:
            self._settle(action, "failed", str(exc))
            raise
        with self.conn:
            self.conn.execute("UPDATE pending_actions SET result = ? WHERE id = ?", (result, action.id))
        return self.get(action.id)

    def _waiting(self, action_id: str) -> PendingAction:
        action = self.get(action_id)
        if action.status != "pending":
            raise ActionError(f"action {action.id} was already {action.status}")
        created = datetime.fromisoformat(action.created_at)
        if _now() - created > timedelta(hours=PENDING_HOURS):
            self._settle(action, "declined", "expired")
            raise ActionError(f"action {action.id} expired; ask again for current prices")
        return action

    def _settle(self, action: PendingAction, status: Status, result: str) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE pending_actions SET status = ?, decided_at = ?, result = ? WHERE id = ?",
                (status, _now().isoformat(timespec="seconds"), result, action.id),
            )
