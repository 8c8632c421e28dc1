"""The checkout itself: re-check, open one ACP session per shop, guard the budget, complete, record.

The CLI asks the question between `prepare` and `place`; nothing here prints or reads input.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from shopper.checkout import budget
from shopper.checkout.acp_client import AcpClient, AcpError, error_messages, total_of
from shopper.checkout.address import acp_fulfillment_details, delivery_address
from shopper.checkout.amounts import from_minor, zero
from shopper.checkout.cart import Cart, CartRepo
from shopper.checkout.lines import Line
from shopper.checkout.merchant_server import merchant_for, serving, slug
from shopper.checkout.mock_merchant import MockMerchant
from shopper.checkout.offer_check import Target, line_for, read_live, shop_of
from shopper.checkout.orders import OrdersRepo
from shopper.errors import CheckoutError
from shopper.models import Address, Money, Profile, ShopConfig
from shopper.shops.fetch import Fetcher, FetchSettings

MOCK = "mock"
PAYMENT = "MOCK card (nothing is charged)"
# Tests only: kill this process right after the merchant completed and before the order is written.
CRASH_HOOK_ENV = "SHOPPER_TEST_CRASH_AFTER_COMPLETE"


@dataclass
class ShopSession:
    """One shop's checkout session and what it costs."""

    shop: ShopConfig
    lines: list[Line]
    client: AcpClient
    merchant: str
    session: dict[str, Any]
    items: Money
    shipping: Money
    total: Money


@dataclass
class Plan:
    """Everything the summary shows before the question, and what `place` needs."""

    cart: Cart
    sessions: list[ShopSession]
    totals: list[Money]  # overall, one per currency
    month: budget.MonthlyLeft
    address: Address
    payment: str = PAYMENT
    price_rises: list[Line] = field(default_factory=list)


@dataclass
class Placed:
    """What `place` did: the local ids of the orders placed, and the shops that failed with why."""

    orders: list[int] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


class Checkout:
    """One checkout run: a fetcher, the local mock merchants it started, the profile and the database."""

    def __init__(
        self, profile: Profile, conn: sqlite3.Connection, settings: FetchSettings | None = None
    ) -> None:
        self.profile = profile
        self.conn = conn
        self.fetcher = Fetcher(settings or _settings())
        self._stack = contextlib.ExitStack()
        self._mocks: dict[str, tuple[MockMerchant, str]] = {}
        self.carts = CartRepo(conn)
        self.orders = OrdersRepo(conn)

    async def __aenter__(self) -> Checkout:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.fetcher.aclose()
        self._stack.close()

    # --- merchants --------------------------------------------------------------------------------

    def client(
        self, shop: ShopConfig, currency: str | None = None
    ) -> tuple[AcpClient, str, MockMerchant | None]:
        """The ACP client for a shop: its real endpoint, else its local mock merchant (started once)."""
        if shop.checkout_url:
            return (
                AcpClient(shop.checkout_url, self.fetcher, token_env=shop.checkout_token_env),
                shop.checkout_url,
                None,
            )
        known = self._mocks.get(shop.name)
        if known is None:
            merchant = merchant_for(shop, currency or shop.currency or self.profile.currency)
            base = self._stack.enter_context(serving(merchant))
            known = self._mocks[shop.name] = (merchant, base)
        return AcpClient(known[1], self.fetcher), MOCK, known[0]

    # --- before the question ---------------------------------------------------------------------

    async def line(self, target: Target, size: str | None, colour: str | None, qty: int) -> Line:
        """Re-read the item live and check the variant, the shop and the per-item cap."""
        shop = shop_of(target, self.profile)
        budget.check_shop(self.profile, shop.name, target.url)
        offer = await read_live(self.fetcher, self.conn, shop, target.url)
        line = line_for(offer, target, size, colour, qty)
        budget.check_item(self.profile, line)
        return line

    async def prepare(self, cart: Cart, lines: list[Line]) -> Plan:
        """Open one checkout session per shop and check the caps; nothing is ordered yet."""
        if not lines:
            raise CheckoutError("nothing to buy: the cart is empty")
        address = delivery_address(self.profile)
        by_shop: dict[str, list[Line]] = {}
        for line in lines:
            budget.check_shop(self.profile, line.shop, line.url)
            budget.check_item(self.profile, line)
            by_shop.setdefault(line.shop, []).append(line)
        sessions: list[ShopSession] = []
        try:
            for shop_name, shop_lines in by_shop.items():
                sessions.append(await self._open(cart, shop_name, shop_lines, address))
            totals: dict[str, Money] = {}
            for s in sessions:
                now = totals.get(s.total.currency, zero(s.total.currency))
                totals[s.total.currency] = Money(amount=now.amount + s.total.amount, currency=now.currency)
            month = budget.check_month(self.profile, self.conn, list(totals.values()))
        except BaseException:
            await self.abandon_sessions(cart, sessions)
            raise
        rises = [line for line in lines if line.price_rose]
        return Plan(cart, sessions, list(totals.values()), month, address, price_rises=rises)

    async def _open(self, cart: Cart, shop_name: str, lines: list[Line], address: Address) -> ShopSession:
        shop = shop_of(Target(lines[0].url, shop_name), self.profile)
        currencies = {line.unit_price.currency for line in lines if line.unit_price is not None}
        if len(currencies) != 1:
            raise CheckoutError(f"{shop.name}: items in several currencies ({', '.join(sorted(currencies))})")
        currency = currencies.pop()
        client, merchant_label, mock = self.client(shop, currency)
        if mock is not None:
            from shopper.checkout.amounts import to_minor
            from shopper.models import BUYABLE

            for line in lines:
                assert line.unit_price is not None
                available = line.availability is None or line.availability in BUYABLE
                mock.stock(
                    line.item_id,
                    title=line.title,
                    unit_amount=to_minor(line.unit_price),
                    available=available,
                    url=line.url,
                )
        body = {
            "items": [{"id": line.item_id, "quantity": line.qty} for line in lines],
            "fulfillment_details": acp_fulfillment_details(address),
        }
        session = await client.create_session(body, key=cart.key(slug(shop.name), "create"))
        if session.get("status") in ("completed", "canceled"):
            # The same key replayed an earlier attempt's session: read where it stands now.
            session = await client.get_session(session["id"])
        problems = error_messages(session)
        if problems:
            await self._cancel(client, session, cart, shop)
            text = "; ".join(str(m.get("content") or m.get("code")) for m in problems)
            raise CheckoutError(f"{shop.name}: {text}; nothing is ordered")
        cur = str(session.get("currency") or currency).upper()
        return ShopSession(
            shop=shop,
            lines=lines,
            client=client,
            merchant=merchant_label,
            session=session,
            items=from_minor(total_of(session, "items_base_amount") or 0, cur),
            shipping=from_minor(total_of(session, "fulfillment") or 0, cur),
            total=from_minor(total_of(session, "total") or 0, cur),
        )

    async def _cancel(self, client: AcpClient, session: dict[str, Any], cart: Cart, shop: ShopConfig) -> None:
        with contextlib.suppress(CheckoutError):
            await client.cancel(session["id"], key=cart.key(slug(shop.name), "cancel"))

    async def abandon_sessions(self, cart: Cart, sessions: list[ShopSession]) -> None:
        """The user said no (or a cap refused): cancel the sessions; the next attempt gets new keys."""
        for s in sessions:
            if s.session.get("status") not in ("completed", "canceled"):
                await self._cancel(s.client, s.session, cart, s.shop)
        self.carts.new_attempt(cart)

    # --- after the yes -----------------------------------------------------------------------------

    async def place(self, plan: Plan) -> Placed:
        """Complete every shop's session and record each order; a shop that fails does not stop the rest."""
        placed = Placed()
        for s in plan.sessions:
            key = plan.cart.key(slug(s.shop.name), "complete")
            self.carts.start_attempt(plan.cart, s.shop, s.merchant, s.session["id"], key, s.lines)
            try:
                done = await s.client.complete(s.session["id"], key=key)
            except AcpError as exc:
                self.carts.end_attempt(s.session["id"], "abandoned")
                placed.failed.append(f"{s.shop.name}: {exc} ({exc.code}); nothing ordered there")
                continue
            except CheckoutError as exc:
                # No answer: the attempt stays pending and is read back on the next start.
                placed.failed.append(f"{s.shop.name}: {exc}; will be checked again on the next start")
                continue
            if os.environ.get(CRASH_HOOK_ENV) == "1":
                os.kill(os.getpid(), signal.SIGKILL)
            placed.orders.append(self._record(plan.cart.id, s.shop, s.merchant, s.lines, done))
            self.carts.drop_shop(plan.cart, s.lines[0].shop)
        if placed.failed:
            self.carts.new_attempt(plan.cart)
        return placed

    def _record(
        self, cart_id: int | None, shop: ShopConfig, merchant: str, lines: list[Line], session: dict[str, Any]
    ) -> int:
        cur = str(session.get("currency") or "").upper() or (
            lines[0].unit_price.currency if lines[0].unit_price else "EUR"
        )
        order_id = self.orders.add(
            cart_id=cart_id,
            shop=shop,
            merchant=merchant,
            session_id=str(session["id"]),
            order=session["order"],
            lines=lines,
            items_amount=from_minor(total_of(session, "items_base_amount") or 0, cur),
            shipping=from_minor(total_of(session, "fulfillment") or 0, cur),
            total=from_minor(total_of(session, "total") or 0, cur),
            mock=merchant == MOCK,
        )
        self.carts.end_attempt(str(session["id"]), "done")
        return order_id

    async def recover(self) -> list[str]:
        """Repair checkouts cut off between `complete` and the local write: read each session back."""
        notes: list[str] = []
        for attempt in self.carts.pending_attempts():
            client, _, _ = self.client(attempt.shop)
            try:
                session = await client.get_session(attempt.session_id)
            except CheckoutError as exc:
                notes.append(f"{attempt.shop.name}: could not check an interrupted checkout yet ({exc})")
                continue
            if session.get("status") == "completed" and isinstance(session.get("order"), dict):
                order_id = self._record(
                    attempt.cart_id, attempt.shop, attempt.merchant, attempt.lines, session
                )
                cart = self.carts.cart_by_id(attempt.cart_id)
                self.carts.drop_shop(cart, attempt.lines[0].shop)
                notes.append(
                    f"recovered order {order_id} at {attempt.shop.name} from an interrupted checkout"
                )
            else:
                with contextlib.suppress(CheckoutError):
                    await client.cancel(attempt.session_id, key=attempt.key + "-cancel")
                self.carts.end_attempt(attempt.session_id, "abandoned")
        return notes


def _settings() -> FetchSettings:
    from shopper.config import cache_dir

    return FetchSettings(cache_path=cache_dir() / "http.sqlite", max_retries=1)
