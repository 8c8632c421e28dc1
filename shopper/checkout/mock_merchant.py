"""A local merchant speaking the Agentic Commerce Protocol's checkout API, for mock orders.

`MockMerchant.handle` is a plain request handler (method, path, headers, body) -> response, so any local
server can route /checkout_sessions* and /orders* to it; merchant_server.py serves it on loopback.
The checkout endpoints follow ACP (integer minor units, totals, statuses, messages, Idempotency-Key);
/orders/{id}, /orders/{id}/cancel and /orders/{id}/returns are this mock's own aftercare extension.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shopper.checkout import fulfilment
from shopper.checkout.merchant_store import MerchantStore

API_VERSION = "2026-01-16"
DECLINED_TOKEN = "mock_tok_declined"  # a payment token the mock declines, to exercise that path
RETURN_WINDOW_DAYS = 30

Clock = Callable[[], datetime]


@dataclass
class Reply:
    """An HTTP response: status, headers and a JSON body."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        """The body as UTF-8 JSON."""
        return json.dumps(self.body, separators=(",", ":")).encode()


@dataclass
class Shipping:
    """The shop's shipping rule, in minor units: a flat rate, free from a threshold."""

    flat: int = 0
    free_over: int | None = None

    def cost(self, items_total: int) -> int:
        """Shipping for an order whose items cost `items_total`."""
        if self.free_over is not None and items_total >= self.free_over:
            return 0
        return self.flat


def error(status: int, type_: str, code: str, message: str, param: str | None = None) -> Reply:
    """ACP's flat error shape."""
    body: dict[str, Any] = {"type": type_, "code": code, "message": message}
    if param is not None:
        body["param"] = param
    return Reply(status, body)


def _now_utc() -> datetime:
    return datetime.now(UTC)


class MockMerchant:
    """One shop's mock merchant: its stock (set from live offers), sessions, orders and aftercare."""

    def __init__(
        self,
        name: str,
        currency: str,
        *,
        shipping: Shipping | None = None,
        store_path: Path | None = None,
        clock: Clock = _now_utc,
        base_url: str = "",
    ) -> None:
        self.name = name
        self.currency = currency.upper()
        self.shipping = shipping or Shipping()
        self.store = MerchantStore(store_path)
        self.clock = clock
        self.base_url = base_url
        self._lock = threading.Lock()

    # --- the shop's side: what it sells ----------------------------------------------------------

    def stock(self, item_id: str, *, title: str, unit_amount: int, available: bool, url: str = "") -> None:
        """Offer an item at a price (minor units) and availability, as the shop's live page shows them."""
        doc = {"id": item_id, "title": title, "unit_amount": unit_amount, "available": available, "url": url}
        self.store.put("items", item_id, doc)

    # --- the HTTP interface ----------------------------------------------------------------------

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        """Answer one request to /checkout_sessions* or /orders*; never raises for bad input."""
        lower = {k.lower(): v for k, v in headers.items()}
        if not lower.get("api-version"):
            return error(400, "invalid_request", "missing", "API-Version header is required", "API-Version")
        parts = [p for p in path.split("?", 1)[0].split("/") if p]
        payload: dict[str, Any] = {}
        if method == "POST":
            try:
                parsed = json.loads(body or b"{}")
            except ValueError:
                return error(400, "invalid_request", "invalid", "body is not JSON")
            if not isinstance(parsed, dict):
                return error(400, "invalid_request", "invalid", "body must be a JSON object")
            payload = parsed
        with self._lock:
            if method != "POST":
                reply = self._route(method, parts, payload)
            else:
                key = lower.get("idempotency-key", "").strip()
                if not key:
                    return error(400, "invalid_request", "missing", "Idempotency-Key is required", None)
                reply = self._idempotent(key, method, path, body, parts, payload)
        if "idempotency-key" in lower:
            reply.headers.setdefault("Idempotency-Key", lower["idempotency-key"])
        reply.headers.setdefault("Cache-Control", "no-store")
        return reply

    def _idempotent(
        self, key: str, method: str, path: str, body: bytes, parts: list[str], payload: dict[str, Any]
    ) -> Reply:
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        fingerprint = hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()
        stored = self.store.replay(key)
        if stored is not None:
            if stored[0] != fingerprint:
                return error(
                    422,
                    "invalid_request",
                    "idempotency_conflict",
                    "Same Idempotency-Key used with different parameters",
                )
            return Reply(stored[1], json.loads(stored[2]), {"Idempotent-Replayed": "true"})
        reply = self._route(method, parts, payload)
        if reply.status < 500:  # a server failure may be retried with the same key and succeed
            self.store.remember(key, fingerprint, reply.status, json.dumps(reply.body))
        return reply

    def _route(self, method: str, parts: list[str], payload: dict[str, Any]) -> Reply:
        if parts[:1] == ["checkout_sessions"]:
            if method == "POST" and len(parts) == 1:
                return self._create(payload)
            if len(parts) >= 2:
                session = self.store.get("sessions", parts[1])
                if session is None:
                    return error(404, "invalid_request", "not_found", f"no checkout session {parts[1]}")
                if method == "GET" and len(parts) == 2:
                    return Reply(200, session)
                if method == "POST" and len(parts) == 2:
                    return self._update(session, payload)
                if method == "POST" and parts[2:] == ["complete"]:
                    return self._complete(session, payload)
                if method == "POST" and parts[2:] == ["cancel"]:
                    return self._cancel_session(session)
        if parts[:1] == ["orders"] and len(parts) >= 2:
            order = self.store.get("orders", parts[1])
            if order is None:
                return error(404, "invalid_request", "not_found", f"no order {parts[1]}")
            if method == "GET" and len(parts) == 2:
                return Reply(200, self._order_view(order))
            if method == "POST" and parts[2:] == ["cancel"]:
                return self._cancel_order(order)
            if method == "POST" and parts[2:] == ["returns"]:
                return self._return_order(order, payload)
        return error(404, "invalid_request", "not_found", f"no route for {method} /{'/'.join(parts)}")

    # --- checkout sessions -----------------------------------------------------------------------

    def _create(self, payload: dict[str, Any]) -> Reply:
        session: dict[str, Any] = {
            "id": "cs_" + secrets.token_hex(8),
            "status": "not_ready_for_payment",
            "currency": self.currency.lower(),
            "payment_provider": {
                "provider": "mock",
                "supported_payment_methods": [{"type": "card", "supported_card_networks": ["visa"]}],
            },
            "links": [],
            "created_at": self.clock().isoformat(),
        }
        problem = self._apply(session, payload)
        if problem is not None:
            return problem
        self.store.put("sessions", session["id"], session)
        return Reply(201, session)

    def _update(self, session: dict[str, Any], payload: dict[str, Any]) -> Reply:
        if session["status"] in ("completed", "canceled"):
            return error(405, "invalid_request", "invalid", f"checkout session is {session['status']}")
        problem = self._apply(session, payload)
        if problem is not None:
            return problem
        self.store.put("sessions", session["id"], session)
        return Reply(200, session)

    def _apply(self, session: dict[str, Any], payload: dict[str, Any]) -> Reply | None:
        """Take items and fulfilment details from a create/update body and price the session."""
        if "items" in payload or "items" not in session:
            items = payload.get("items")
            if not isinstance(items, list) or not items:
                return error(400, "invalid_request", "missing", "items must be a non-empty list", "$.items")
            for i, item in enumerate(items):
                ok = isinstance(item, dict) and isinstance(item.get("id"), str)
                qty = item.get("quantity") if isinstance(item, dict) else None
                if not ok or not isinstance(qty, int) or isinstance(qty, bool) or qty < 1:
                    return error(
                        400, "invalid_request", "invalid", "item needs id and quantity >= 1", f"$.items[{i}]"
                    )
                if self.store.get("items", item["id"]) is None:
                    return error(
                        400, "invalid_request", "invalid", f"unknown item {item['id']}", f"$.items[{i}].id"
                    )
            session["items"] = [{"id": item["id"], "quantity": item["quantity"]} for item in items]
        if "fulfillment_details" in payload:
            details = payload["fulfillment_details"]
            if not isinstance(details, dict):
                return error(400, "invalid_request", "invalid", "fulfillment_details must be an object")
            session["fulfillment_details"] = details
        if "buyer" in payload:
            session["buyer"] = payload["buyer"]
        self._price(session)
        return None

    def _price(self, session: dict[str, Any]) -> None:
        lines: list[dict[str, Any]] = []
        messages: list[dict[str, Any]] = []
        for i, entry in enumerate(session["items"]):
            item = self.store.get("items", entry["id"]) or {}
            base = int(item.get("unit_amount", 0)) * entry["quantity"]
            lines.append(
                {
                    "id": f"li_{i}",
                    "item": entry,
                    "name": item.get("title", ""),
                    "unit_amount": int(item.get("unit_amount", 0)),
                    "base_amount": base,
                    "discount": 0,
                    "subtotal": base,
                    "tax": 0,  # prices include VAT
                    "total": base,
                }
            )
            if not item.get("available", False):
                messages.append(
                    {
                        "type": "error",
                        "code": "out_of_stock",
                        "param": f"$.line_items[{i}]",
                        "content_type": "plain",
                        "content": f"{item.get('title', entry['id'])} is out of stock",
                    }
                )
        items_total = sum(line["base_amount"] for line in lines)
        shipping = self.shipping.cost(items_total)
        address = (session.get("fulfillment_details") or {}).get("address")
        if not address:
            messages.append(
                {
                    "type": "error",
                    "code": "missing",
                    "param": "$.fulfillment_details.address",
                    "content_type": "plain",
                    "content": "a delivery address is needed",
                }
            )
        option = {
            "type": "shipping",
            "id": "standard",
            "title": "Standard (MOCK)",
            "carrier": fulfilment.CARRIER,
            "totals": [{"type": "total", "display_text": "Shipping", "amount": shipping}],
        }
        session["line_items"] = lines
        session["fulfillment_options"] = [option]
        session["selected_fulfillment_options"] = [
            {"type": "shipping", "option_id": "standard", "item_ids": [e["id"] for e in session["items"]]}
        ]
        session["totals"] = [
            {"type": "items_base_amount", "display_text": "Item(s) total", "amount": items_total},
            {"type": "subtotal", "display_text": "Subtotal", "amount": items_total},
            {"type": "fulfillment", "display_text": "Shipping", "amount": shipping},
            {"type": "tax", "display_text": "Tax (included)", "amount": 0},
            {"type": "total", "display_text": "Total", "amount": items_total + shipping},
        ]
        session["messages"] = messages
        session["status"] = "not_ready_for_payment" if messages else "ready_for_payment"

    def _complete(self, session: dict[str, Any], payload: dict[str, Any]) -> Reply:
        if session["status"] in ("completed", "canceled"):
            return error(405, "invalid_request", "invalid", f"checkout session is {session['status']}")
        self._price(session)  # stock may have changed since the session was priced
        if session["status"] != "ready_for_payment":
            self.store.put("sessions", session["id"], session)
            first = session["messages"][0]
            return error(409, "invalid_request", first["code"], first["content"], first.get("param"))
        payment = payload.get("payment_data")
        if not isinstance(payment, dict) or not isinstance(payment.get("token"), str):
            return error(
                400, "invalid_request", "missing", "payment_data.token is required", "$.payment_data"
            )
        if payment["token"] == DECLINED_TOKEN:
            return error(402, "processing_error", "payment_declined", "the (mock) payment was declined")
        order_id = "ord_" + secrets.token_hex(8)
        now = self.clock()
        order = {
            "id": order_id,
            "checkout_session_id": session["id"],
            "permalink_url": f"{self.base_url}/orders/{order_id}",
            "created_at": now.isoformat(),
            "currency": session["currency"],
            "line_items": session["line_items"],
            "totals": session["totals"],
            "mock": True,
            "merchant": self.name,
        }
        session["status"] = "completed"
        session["order"] = {k: order[k] for k in ("id", "checkout_session_id", "permalink_url")}
        session["messages"] = [
            {"type": "info", "content_type": "plain", "content": "MOCK order: nothing is charged or shipped"}
        ]
        self.store.put_order(order, session)  # together or not at all
        return Reply(200, session)

    def _cancel_session(self, session: dict[str, Any]) -> Reply:
        if session["status"] in ("completed", "canceled"):
            return error(
                405, "invalid_request", "invalid", f"checkout session is already {session['status']}"
            )
        session["status"] = "canceled"
        self.store.put("sessions", session["id"], session)
        return Reply(200, session)

    # --- aftercare (this mock's extension; ACP leaves returns out of scope) ------------------------

    def _total(self, order: dict[str, Any]) -> int:
        return next((int(t["amount"]) for t in order["totals"] if t["type"] == "total"), 0)

    def _order_view(self, order: dict[str, Any]) -> dict[str, Any]:
        now = self.clock()
        events = fulfilment.timeline(order, now)
        view = dict(order)
        view["status"] = events[-1]["status"]
        view["events"] = events
        if any(e["status"] == "shipped" for e in events):
            view["carrier"] = fulfilment.CARRIER
            view["tracking_number"] = fulfilment.tracking_number(order["id"])
        return view

    def _cancel_order(self, order: dict[str, Any]) -> Reply:
        view = self._order_view(order)
        status = view["status"]
        if status == "canceled":
            return Reply(200, view)
        if status != "confirmed":
            shipped = next((e["at"] for e in view["events"] if e["status"] == "shipped"), "")
            reason = (
                f"already shipped on {shipped[:10]} with {fulfilment.CARRIER} "
                f"(tracking {view.get('tracking_number', '?')}); return it instead"
            )
            return error(409, "invalid_request", "already_shipped", reason)
        order["canceled_at"] = self.clock().isoformat()
        order["refund"] = {"amount": self._total(order), "currency": order["currency"]}
        self.store.put("orders", order["id"], order)
        return Reply(200, self._order_view(order))

    def _return_order(self, order: dict[str, Any], payload: dict[str, Any]) -> Reply:
        view = self._order_view(order)
        status = view["status"]
        if status in ("return_requested", "returned"):
            return Reply(200, view)
        if status == "confirmed":
            return error(409, "invalid_request", "not_shipped", "not shipped yet: cancel it instead")
        if status == "canceled":
            return error(409, "invalid_request", "canceled", "the order was canceled")
        now = self.clock()
        delivered = next((e["at"] for e in view["events"] if e["status"] == "delivered"), None)
        if delivered and (now - datetime.fromisoformat(delivered)).days > RETURN_WINDOW_DAYS:
            return error(
                409,
                "invalid_request",
                "return_window_closed",
                f"more than {RETURN_WINDOW_DAYS} days since delivery",
            )
        reason = payload.get("reason")
        order["return_requested_at"] = now.isoformat()
        order["return_reason"] = reason if isinstance(reason, str) else ""
        # Shipping is not refunded on a return, only the items.
        items = next((int(t["amount"]) for t in order["totals"] if t["type"] == "items_base_amount"), 0)
        order["refund"] = {"amount": items, "currency": order["currency"]}
        number = "RET" + fulfilment.tracking_number(order["id"] + ":return")[4:]
        order["return_label"] = {
            "carrier": fulfilment.CARRIER,
            "tracking_number": number,
            "url": f"{self.base_url}/orders/{order['id']}/returns/label",
            "mock": True,
        }
        self.store.put("orders", order["id"], order)
        return Reply(200, self._order_view(order))
