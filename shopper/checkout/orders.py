"""Orders in the user's database: each with its lines, totals and status history."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from shopper.checkout.lines import Line
from shopper.errors import UsageError
from shopper.models import Money, ShopConfig

STATUSES = (
    "created",
    "confirmed",
    "shipped",
    "delivered",
    "cancel_requested",
    "canceled",
    "return_requested",
    "returned",
)
NOT_SPENT = frozenset({"canceled", "returned"})  # statuses that do not count against the budget


class OrderEvent(BaseModel):
    """One step of an order's history."""

    status: str
    at: datetime
    detail: str = ""


class Order(BaseModel):
    """An order as the user's database keeps it."""

    id: int
    shop: str
    merchant: str  # "mock" or the ACP endpoint's URL
    checkout_session_id: str
    merchant_order_id: str
    permalink_url: str | None = None
    lines: list[Line]
    items_amount: Money
    shipping: Money
    total: Money
    status: str
    created_at: datetime
    mock: bool = True
    extra: dict[str, Any] = Field(default_factory=dict)  # carrier, tracking number, refund, return label
    events: list[OrderEvent] = Field(default_factory=list)
    shop_config: ShopConfig | None = None


def _now(now: datetime | None = None) -> datetime:
    return now or datetime.now(UTC)


class OrdersRepo:
    """Orders and their events; one order per checkout session (the session id is unique)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(
        self,
        *,
        cart_id: int | None,
        shop: ShopConfig,
        merchant: str,
        session_id: str,
        order: dict[str, Any],
        lines: list[Line],
        items_amount: Money,
        shipping: Money,
        total: Money,
        mock: bool,
        now: datetime | None = None,
    ) -> int:
        """Record a completed order (idempotent per session id); returns its local id."""
        moment = _now(now).isoformat()
        with self.conn:
            found = self.conn.execute(
                "SELECT id FROM orders WHERE checkout_session_id = ?", (session_id,)
            ).fetchone()
            if found is not None:
                return int(found[0])
            cursor = self.conn.execute(
                "INSERT INTO orders (cart_id, shop, shop_json, merchant, checkout_session_id,"
                " merchant_order_id, permalink_url, currency, items_amount, shipping, total, lines_json,"
                " status, mock, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)",
                (
                    cart_id,
                    shop.name,
                    shop.model_dump_json(),
                    merchant,
                    session_id,
                    str(order.get("id", "")),
                    order.get("permalink_url"),
                    total.currency,
                    str(items_amount.amount),
                    str(shipping.amount),
                    str(total.amount),
                    json.dumps([line.model_dump(mode="json") for line in lines]),
                    int(mock),
                    moment,
                ),
            )
            order_id = int(cursor.lastrowid or 0)
            for status, detail in (("created", "checkout completed"), ("confirmed", "order confirmed")):
                self.conn.execute(
                    "INSERT OR IGNORE INTO order_events (order_id, status, at, detail) VALUES (?, ?, ?, ?)",
                    (order_id, status, moment, detail),
                )
        return order_id

    def get(self, order_id: int | str) -> Order:
        """One order with its events; UsageError naming the id when there is none."""
        text = str(order_id).strip().removeprefix("#")
        row = None
        if text.isdigit():
            row = self.conn.execute("SELECT * FROM orders WHERE id = ?", (int(text),)).fetchone()
        if row is None:
            row = self.conn.execute("SELECT * FROM orders WHERE merchant_order_id = ?", (text,)).fetchone()
        if row is None:
            raise UsageError(f"no order {order_id!r}: `shopper orders` lists them")
        return self._order(row)

    def list(self) -> list[Order]:
        """Every order, newest first."""
        rows = self.conn.execute("SELECT * FROM orders ORDER BY id DESC").fetchall()
        return [self._order(row) for row in rows]

    def record(
        self,
        order_id: int,
        status: str,
        at: datetime,
        detail: str = "",
        *,
        current: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Add a status event unless the order already has one of that status; set the current status."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO order_events (order_id, status, at, detail) SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                " (SELECT 1 FROM order_events WHERE order_id = ? AND status = ?)",
                (order_id, status, at.isoformat(), detail, order_id, status),
            )
            self.conn.execute("UPDATE orders SET status = ? WHERE id = ?", (current or status, order_id))
            if extra:
                row = self.conn.execute("SELECT extra_json FROM orders WHERE id = ?", (order_id,)).fetchone()
                merged = {**json.loads(row[0]), **extra}
                self.conn.execute(
                    "UPDATE orders SET extra_json = ? WHERE id = ?", (json.dumps(merged), order_id)
                )

    def spent_this_month(self, now: datetime | None = None) -> dict[str, Decimal]:
        """Totals of this calendar month's orders (UTC) by currency, canceled and returned ones left out."""
        moment = _now(now).astimezone(UTC)
        start = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        rows = self.conn.execute(
            "SELECT currency, total, status FROM orders WHERE created_at >= ?", (start.isoformat(),)
        ).fetchall()
        spent: dict[str, Decimal] = {}
        for currency, total, status in rows:
            if status not in NOT_SPENT:
                spent[currency] = spent.get(currency, Decimal(0)) + Decimal(total)
        return spent

    def _order(self, row: sqlite3.Row) -> Order:
        events = [
            OrderEvent(status=e["status"], at=datetime.fromisoformat(e["at"]), detail=e["detail"])
            for e in self.conn.execute(
                "SELECT status, at, detail FROM order_events WHERE order_id = ? ORDER BY id", (row["id"],)
            )
        ]
        currency = row["currency"]
        return Order(
            id=row["id"],
            shop=row["shop"],
            merchant=row["merchant"],
            checkout_session_id=row["checkout_session_id"],
            merchant_order_id=row["merchant_order_id"],
            permalink_url=row["permalink_url"],
            lines=[Line.model_validate(x) for x in json.loads(row["lines_json"])],
            items_amount=Money(amount=Decimal(row["items_amount"]), currency=currency),
            shipping=Money(amount=Decimal(row["shipping"]), currency=currency),
            total=Money(amount=Decimal(row["total"]), currency=currency),
            status=row["status"],
            created_at=datetime.fromisoformat(row["created_at"]),
            mock=bool(row["mock"]),
            extra=json.loads(row["extra_json"]),
            events=events,
            shop_config=ShopConfig.model_validate_json(row["shop_json"]),
        )


def order_json(order: Order) -> dict[str, Any]:
    """The shape `shopper orders --json` prints for one order."""
    first = order.lines[0]

    def money(m: Money | None) -> dict[str, str] | None:
        return None if m is None else {"amount": str(m.amount), "currency": m.currency}

    title = (
        first.title
        if len(order.lines) == 1
        else f"{len(order.lines)} items: " + "; ".join(line.title for line in order.lines)
    )
    return {
        "id": order.id,
        "merchant_order_id": order.merchant_order_id,
        "checkout_session_id": order.checkout_session_id,
        "url": first.url,
        "title": title,
        "shop": order.shop,
        "variant": first.variant,
        "qty": sum(line.qty for line in order.lines),
        "price": money(first.unit_price),
        "shipping": money(order.shipping),
        "total": money(order.total),
        "status": order.status,
        "created_at": order.created_at.isoformat(),
        "mock": order.mock,
        "lines": [
            {"url": x.url, "title": x.title, "variant": x.variant, "qty": x.qty, "price": money(x.unit_price)}
            for x in order.lines
        ],
        "tracking": {k: order.extra[k] for k in ("carrier", "tracking_number") if k in order.extra} or None,
        "events": [{"status": e.status, "at": e.at.isoformat(), "detail": e.detail} for e in order.events],
    }
