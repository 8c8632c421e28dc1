"""After the order: tracking, cancelling and returning, through the merchant that took the order."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from shopper.checkout.acp_client import AcpError
from shopper.checkout.amounts import from_minor
from shopper.checkout.flow import Checkout
from shopper.checkout.orders import Order
from shopper.errors import CheckoutError
from shopper.models import ShopConfig


def _shop(order: Order) -> ShopConfig:
    return order.shop_config or ShopConfig(name=order.shop, url="http://localhost")


def _at(text: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return datetime.now(UTC)


def _extra(view: dict[str, Any]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for key in ("carrier", "tracking_number", "return_label"):
        if view.get(key):
            extra[key] = view[key]
    refund = view.get("refund")
    if isinstance(refund, dict) and isinstance(refund.get("amount"), int):
        money = from_minor(refund["amount"], str(refund.get("currency") or "EUR"))
        extra["refund"] = {"amount": str(money.amount), "currency": money.currency}
    return extra


def _sync(checkout: Checkout, order: Order, view: dict[str, Any]) -> Order:
    """Copy the merchant's events, status, tracking and refund into the local order."""
    events = [e for e in view.get("events") or [] if isinstance(e, dict) and e.get("status")]
    status = str(view.get("status") or order.status)
    extra = _extra(view)
    for event in events:
        checkout.orders.record(
            order.id,
            str(event["status"]),
            _at(event.get("at")),
            str(event.get("detail") or ""),
            current=status,
        )
    if extra or not events:
        checkout.orders.record(order.id, status, datetime.now(UTC), current=status, extra=extra)
    return checkout.orders.get(order.id)


async def track(checkout: Checkout, order: Order) -> Order:
    """Ask the merchant where the order is; the local history gains its new events."""
    client, _, _ = checkout.client(_shop(order))
    try:
        view = await client.get_order(order.merchant_order_id)
    except AcpError as exc:
        raise CheckoutError(f"{order.shop} cannot tell where order {order.id} is: {exc}") from None
    return _sync(checkout, order, view)


async def cancel(checkout: Checkout, order: Order) -> Order:
    """Cancel through the merchant; refused with the merchant's reason once shipped."""
    if order.status == "canceled":
        return order
    client, _, _ = checkout.client(_shop(order))
    try:
        view = await client.cancel_order(order.merchant_order_id, key="cancel-" + secrets.token_hex(8))
    except AcpError as exc:
        await track(checkout, order)
        raise CheckoutError(f"order {order.id} cannot be canceled: {exc}") from None
    checkout.orders.record(order.id, "cancel_requested", datetime.now(UTC), "asked the merchant to cancel")
    return _sync(checkout, order, view)


async def return_order(checkout: Checkout, order: Order, reason: str) -> Order:
    """Ask the merchant for a return: a (mock) return label and the refund."""
    client, _, _ = checkout.client(_shop(order))
    try:
        view = await client.return_order(
            order.merchant_order_id, reason, key="return-" + secrets.token_hex(8)
        )
    except AcpError as exc:
        await track(checkout, order)
        raise CheckoutError(f"order {order.id} cannot be returned: {exc}") from None
    return _sync(checkout, order, view)
