"""The cart (items of several shops, kept until checkout) and the checkout attempts of carts.

A `buy` is a cart of one item. Each cart and shop has one idempotency key per attempt, so a checkout
that is retried or interrupted reaches the merchant with the same key and never becomes two orders.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from shopper.checkout.lines import Line
from shopper.errors import UsageError
from shopper.models import Money, ShopConfig


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class Cart:
    """A cart row: its id, its key material and its attempt counter."""

    id: int
    token: str
    kind: str
    attempt: int

    def key(self, shop: str, step: str) -> str:
        """The Idempotency-Key of one step (create, complete) of this cart's checkout at one shop."""
        return f"{self.token}-{self.attempt}-{shop}-{step}"


@dataclass
class Attempt:
    """A checkout session opened for a cart at one shop, not yet known to have become an order."""

    id: int
    cart_id: int
    shop: ShopConfig
    merchant: str
    session_id: str
    key: str
    lines: list[Line]


class CartRepo:
    """The open cart and its items; `buy` carts; checkout attempts for crash repair."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _new(self, kind: str) -> Cart:
        token = secrets.token_hex(8)
        with self.conn:
            cursor = self.conn.execute(
                "INSERT INTO carts (token, kind, created_at) VALUES (?, ?, ?)", (token, kind, _now())
            )
        return Cart(int(cursor.lastrowid or 0), token, kind, 0)

    def open_cart(self, *, create: bool = True) -> Cart | None:
        """The user's open cart (made when missing and `create`)."""
        row = self.conn.execute(
            "SELECT id, token, kind, attempt FROM carts WHERE kind = 'cart' AND status = 'open'"
            " ORDER BY id DESC"
        ).fetchone()
        if row is not None:
            return Cart(row[0], row[1], row[2], row[3])
        return self._new("cart") if create else None

    def buy_cart(self, line: Line) -> Cart:
        """A one-item cart for `shopper buy`."""
        cart = self._new("buy")
        self.add(cart, line)
        return cart

    def add(self, cart: Cart, line: Line) -> int:
        """Put a line in the cart (the same product and variant adds up); a new attempt begins."""
        seen = line.seen_price or line.unit_price
        options = json.dumps(line.options, sort_keys=True)
        with self.conn:
            row = self.conn.execute(
                "SELECT id FROM cart_items WHERE cart_id = ? AND url = ? AND options_json = ?",
                (cart.id, line.url, options),
            ).fetchone()
            if row is not None:
                self.conn.execute("UPDATE cart_items SET qty = qty + ? WHERE id = ?", (line.qty, row[0]))
                item_id = int(row[0])
            else:
                cursor = self.conn.execute(
                    "INSERT INTO cart_items (cart_id, url, shop, title, options_json, qty, seen_price,"
                    " seen_currency, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        cart.id,
                        line.url,
                        line.shop,
                        line.title,
                        options,
                        line.qty,
                        str(seen.amount) if seen else None,
                        seen.currency if seen else None,
                        _now(),
                    ),
                )
                item_id = int(cursor.lastrowid or 0)
            self._bump(cart)
        return item_id

    def items(self, cart: Cart) -> list[tuple[int, Line]]:
        """(item id, line) of a cart, in the order they were added."""
        rows = self.conn.execute(
            "SELECT id, url, shop, title, options_json, qty, seen_price, seen_currency FROM cart_items"
            " WHERE cart_id = ? ORDER BY id",
            (cart.id,),
        ).fetchall()
        out = []
        for row in rows:
            seen = Money(amount=Decimal(row[6]), currency=row[7]) if row[6] is not None else None
            line = Line(
                url=row[1], shop=row[2], title=row[3], options=json.loads(row[4]), qty=row[5], seen_price=seen
            )
            out.append((int(row[0]), line))
        return out

    def remove(self, cart: Cart, item_id: int) -> None:
        """Take one item out of the cart (by the number `cart show` gives it)."""
        with self.conn:
            cursor = self.conn.execute(
                "DELETE FROM cart_items WHERE cart_id = ? AND id = ?", (cart.id, item_id)
            )
            if cursor.rowcount == 0:
                raise UsageError(f"no item {item_id} in the cart: `shopper cart show` lists them")
            self._bump(cart)

    def clear(self, cart: Cart) -> int:
        """Empty the cart; returns how many items it held."""
        with self.conn:
            cursor = self.conn.execute("DELETE FROM cart_items WHERE cart_id = ?", (cart.id,))
            self._bump(cart)
        return cursor.rowcount

    def drop_shop(self, cart: Cart, shop: str) -> None:
        """Remove a shop's items once its order is placed; the cart is done when nothing is left."""
        with self.conn:
            self.conn.execute("DELETE FROM cart_items WHERE cart_id = ? AND shop = ?", (cart.id, shop))
            left = self.conn.execute(
                "SELECT count(*) FROM cart_items WHERE cart_id = ?", (cart.id,)
            ).fetchone()[0]
            if left == 0:
                self.conn.execute("UPDATE carts SET status = 'done' WHERE id = ?", (cart.id,))

    def new_attempt(self, cart: Cart) -> None:
        """After a definite end (declined, refused, failed) the next checkout uses new keys."""
        with self.conn:
            self._bump(cart)

    def _bump(self, cart: Cart) -> None:
        self.conn.execute("UPDATE carts SET attempt = attempt + 1 WHERE id = ?", (cart.id,))
        cart.attempt += 1

    # --- attempts ---------------------------------------------------------------------------------

    def start_attempt(
        self, cart: Cart, shop: ShopConfig, merchant: str, session_id: str, key: str, lines: list[Line]
    ) -> None:
        """Note, before `complete` is sent, that this session may become an order."""
        payload = json.dumps([line.model_dump(mode="json") for line in lines])
        with self.conn:
            self.conn.execute(
                "INSERT OR IGNORE INTO checkout_attempts (cart_id, shop_json, merchant, session_id, idem_key,"
                " lines_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (cart.id, shop.model_dump_json(), merchant, session_id, key, payload, _now()),
            )

    def end_attempt(self, session_id: str, state: str) -> None:
        """Mark an attempt done (an order exists) or abandoned (none will)."""
        with self.conn:
            self.conn.execute(
                "UPDATE checkout_attempts SET state = ? WHERE session_id = ?", (state, session_id)
            )

    def pending_attempts(self) -> list[Attempt]:
        """Attempts whose outcome this database does not know yet (a crash between complete and the write)."""
        rows = self.conn.execute(
            "SELECT id, cart_id, shop_json, merchant, session_id, idem_key, lines_json FROM checkout_attempts"
            " WHERE state = 'pending' ORDER BY id"
        ).fetchall()
        return [
            Attempt(
                id=row[0],
                cart_id=row[1],
                shop=ShopConfig.model_validate_json(row[2]),
                merchant=row[3],
                session_id=row[4],
                key=row[5],
                lines=[Line.model_validate(x) for x in json.loads(row[6])],
            )
            for row in rows
        ]

    def cart_by_id(self, cart_id: int) -> Cart:
        """A cart by id."""
        row = self.conn.execute(
            "SELECT id, token, kind, attempt FROM carts WHERE id = ?", (cart_id,)
        ).fetchone()
        if row is None:
            raise UsageError(f"no cart {cart_id}")
        return Cart(row[0], row[1], row[2], row[3])


def lines_json(lines: list[Line]) -> list[dict[str, Any]]:
    """Lines as plain JSON."""
    return [line.model_dump(mode="json") for line in lines]
