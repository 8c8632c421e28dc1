"""The alert rules, as pure functions: which conditions became true since the last check.

An alert fires when its condition turns true and re-arms only when the condition clears, so an
unchanged state never alerts twice. The watch's state dict remembers each condition between checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from shopper.models import Money
from shopper.watch.models import Reading, Watch

HUNDRED = Decimal(100)
MAX_KNOWN_OFFERS = 200  # offers a request watch remembers, so "new" stays meaningful


@dataclass
class Fired:
    """One condition that became true: the alert to raise."""

    kind: str
    url: str
    title: str | None
    shop: str | None
    old_price: Money | None
    new_price: Money | None
    availability: str | None


def drop_percent(reference: Decimal, price: Decimal) -> Decimal:
    """How far below the reference the price is, in percent (negative when above)."""
    return (reference - price) / reference * HUNDRED if reference > 0 else Decimal(0)


def _at_or_below(price: Money | None, target: Money | None) -> bool:
    return (
        price is not None
        and target is not None
        and price.currency == target.currency
        and price.amount <= target.amount
    )


def check_product(
    watch: Watch, reading: Reading, reference: Decimal | None
) -> tuple[list[Fired], dict[str, Any]]:
    """The alerts one product reading raises, and the watch's new condition state."""
    state = dict(watch.state)
    fired: list[Fired] = []
    price = reading.price
    buyable = reading.in_stock is not False
    old = watch.last_price

    def fire(kind: str, old_price: Money | None) -> None:
        fired.append(
            Fired(kind, reading.url, reading.title, reading.shop, old_price, price, reading.availability)
        )

    # While the item cannot be bought, price conditions keep their state: coming back in stock at an
    # already-alerted price is a restock, not a second price alert.
    if watch.below is not None and buyable:
        now_below = _at_or_below(price, watch.below)
        if now_below and not state.get("below"):
            fire("below", old)
        state["below"] = now_below
    default_rules = watch.below is None and watch.drop_pct is None and not watch.restock
    if (watch.drop_pct is not None or default_rules) and buyable:
        need = max(watch.drop_pct or Decimal(0), watch.min_change_pct)
        now_drop = False
        if price is not None and reference is not None:
            now_drop = drop_percent(reference, price.amount) >= need
        if now_drop and not state.get("drop"):
            fire(
                "drop",
                Money(amount=reference, currency=price.currency) if reference is not None and price else old,
            )
        state["drop"] = now_drop
    if watch.restock or default_rules:
        if reading.in_stock is True and state.get("in_stock") is False:
            fire("restock", old)
        if reading.in_stock is not None:
            state["in_stock"] = reading.in_stock
    return fired, state


def check_request(
    watch: Watch, readings: list[Reading], min_change: Decimal
) -> tuple[list[Fired], dict[str, Any]]:
    """Alerts for a request watch: a known match crossing the target, or a new matching offer below it."""
    state = dict(watch.state)
    known: dict[str, str] = dict(state.get("known") or {})
    below_before = set(state.get("below_urls") or [])
    started = bool(state.get("started"))
    target = watch.below
    known_prices = [Decimal(p) for p in known.values() if p]
    cheapest_known = min(known_prices) if known_prices else None
    fired: list[Fired] = []
    below_now: list[str] = []
    for reading in readings:
        price = reading.price
        buyable = reading.in_stock is not False
        is_below = buyable and _at_or_below(price, target)
        if is_below:
            below_now.append(reading.url)
        is_new = started and reading.url not in known
        if is_new and buyable and price is not None:
            if target is not None:
                worth = is_below
            else:
                floor = cheapest_known * (1 - min_change / HUNDRED) if cheapest_known is not None else None
                worth = floor is not None and price.amount < floor
            if worth:
                fired.append(
                    Fired(
                        "new_offer",
                        reading.url,
                        reading.title,
                        reading.shop,
                        None,
                        price,
                        reading.availability,
                    )
                )
                continue
        if is_below and reading.url not in below_before:
            old = (
                Money(amount=Decimal(known[reading.url]), currency=price.currency)
                if known.get(reading.url) and price
                else None
            )
            fired.append(
                Fired("below", reading.url, reading.title, reading.shop, old, price, reading.availability)
            )
    for reading in readings:
        known[reading.url] = str(reading.price.amount) if reading.price is not None else ""
    if len(known) > MAX_KNOWN_OFFERS:
        known = dict(list(known.items())[-MAX_KNOWN_OFFERS:])
    state.update(known=known, below_urls=below_now, started=True)
    return fired, state
