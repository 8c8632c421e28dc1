"""Items left in the cart are watched for price drops (unless the profile's [watch] cart = false)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from shopper.models import WatchPrefs
from shopper.watch.models import Watch
from shopper.watch.repo import WatchRepo

CART_EVERY_S = 12 * 3600


def sync_cart_watches(conn: sqlite3.Connection, prefs: WatchPrefs, now: datetime) -> tuple[int, int]:
    """Add a drop watch for each cart item not yet watched; remove those whose item left. (added, removed)"""
    from shopper.checkout.cart import CartRepo

    repo = WatchRepo(conn)
    existing = [w for w in repo.all() if w.origin == "cart"]
    wanted: dict[tuple[str, str | None, str | None], Watch] = {}
    if prefs.cart:
        carts = CartRepo(conn)
        cart = carts.open_cart(create=False)
        for _, line in carts.items(cart) if cart is not None else []:
            size, colour = line.options.get("size"), line.options.get("colour")
            wanted[(line.url, size, colour)] = Watch(
                kind="product",
                target=line.url,
                origin="cart",
                title=line.title,
                shop=line.shop,
                size=size,
                colour=colour,
                min_change_pct=prefs.min_change_pct,
                every_s=CART_EVERY_S,
                notify=list(prefs.notify),
            )
    removed = 0
    for watch in existing:
        if (watch.target, watch.size, watch.colour) not in wanted:
            repo.remove(watch.id)
            removed += 1
    added = 0
    for key, watch in wanted.items():
        if repo.find_target("product", *key) is None:
            repo.add(watch, now)
            added += 1
    return added, removed
