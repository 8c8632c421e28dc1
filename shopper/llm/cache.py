"""LLM answers cached in SQLite, and the token usage of every call."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

CACHE_DAYS = 30  # answers older than this are asked again (models and prompts change)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class LLMCache:
    """The llm_cache and llm_usage tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> dict[str, Any] | None:
        """A cached answer younger than CACHE_DAYS, or None."""
        oldest = (datetime.now(UTC) - timedelta(days=CACHE_DAYS)).isoformat(timespec="seconds")
        row = self.conn.execute(
            "SELECT response_json FROM llm_cache WHERE key = ? AND created_at >= ?", (key, oldest)
        ).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, response: dict[str, Any]) -> None:
        """Remember one answer."""
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO llm_cache (key, created_at, response_json) VALUES (?, ?, ?)",
                (key, _now(), json.dumps(response)),
            )

    def record_usage(
        self, purpose: str, model: str, prompt_tokens: int, completion_tokens: int, cached: bool
    ) -> None:
        """One call's token usage."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO llm_usage (at, purpose, model, prompt_tokens, completion_tokens, cached) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (_now(), purpose, model, prompt_tokens, completion_tokens, int(cached)),
            )

    def totals(self, purpose: str | None = None) -> tuple[int, int, int]:
        """(calls, prompt tokens, completion tokens) recorded, optionally for one purpose."""
        sql = (
            "SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0) "
            "FROM llm_usage"
        )
        row = self.conn.execute(
            sql + (" WHERE purpose = ?" if purpose else ""), (purpose,) if purpose else ()
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])
