"""The mock fulfilment: where a mock order stands at a given moment (a pure function of its clock)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

CARRIER = "MockPost"
SHIP_AFTER = timedelta(hours=20)
DELIVER_AFTER = timedelta(days=2)
RETURN_RECEIVED_AFTER = timedelta(days=3)
CANCEL_TAKES = timedelta(0)


def tracking_number(order_id: str) -> str:
    """A stable mock tracking number for an order."""
    digits = int(hashlib.sha256(order_id.encode()).hexdigest()[:12], 16) % 10**12
    return f"MOCK{digits:012d}"


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def timeline(order: dict[str, Any], now: datetime) -> list[dict[str, str]]:
    """The order's events up to `now`, oldest first: confirmed, shipped, delivered, and the aftercare."""
    created = _at(order["created_at"])
    events = [{"status": "confirmed", "at": created.isoformat(), "detail": "order confirmed (MOCK)"}]
    canceled = order.get("canceled_at")
    shipped_at = created + SHIP_AFTER
    if canceled and _at(canceled) <= shipped_at:
        events.append({"status": "canceled", "at": canceled, "detail": "canceled before shipping; refunded"})
        return events
    if now >= shipped_at:
        detail = f"handed to {CARRIER}, tracking {tracking_number(order['id'])}"
        events.append({"status": "shipped", "at": shipped_at.isoformat(), "detail": detail})
    delivered_at = created + DELIVER_AFTER
    if now >= delivered_at:
        events.append({"status": "delivered", "at": delivered_at.isoformat(), "detail": "delivered"})
    requested = order.get("return_requested_at")
    if requested:
        events.append({"status": "return_requested", "at": requested, "detail": "return label issued"})
        received = _at(requested) + RETURN_RECEIVED_AFTER
        if now >= received:
            events.append(
                {"status": "returned", "at": received.isoformat(), "detail": "return received; refunded"}
            )
    return events


def status_at(order: dict[str, Any], now: datetime) -> str:
    """The newest status of the order at `now`."""
    return timeline(order, now)[-1]["status"]
