"""Tools over the checkout and the watches: buying, the cart, orders, returns and watches.

Buying, checking out the cart, returns and watches are proposals (PendingAction). A proposal is
priced by a real checkout preparation, so its summary shows what `shopper buy` would show and the
budget guard refuses it early; approving prepares again, live, and refuses when the total rose.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from shopper.agent import actions
from shopper.agent.actions import PendingAction
from shopper.errors import CheckoutError, UsageError
from shopper.models import Money, Profile


class BuyArgs(BaseModel):
    """Buy one offer (a mock checkout); the user must approve the order."""

    offer: int | str = Field(description="number in the last results or the offer's URL")
    size: str | None = None
    colour: str | None = None
    qty: int = Field(default=1, ge=1, le=99)


class CartAddArgs(BuyArgs):
    """Put an offer in the cart (nothing is bought)."""


class OrderArgs(BaseModel):
    """One order by its number."""

    order: int = Field(ge=1)


class ReturnArgs(OrderArgs):
    """Ask the shop for a return of an order; the user must approve."""

    reason: str = Field(default="", max_length=300)


class WatchArgs(BaseModel):
    """Watch an offer's price or stock; the user must approve."""

    offer: int | str
    below: Decimal | None = Field(default=None, gt=0, description="alert when the price is below this")
    size: str | None = None
    restock: bool = False


class Lines(BaseModel):
    """Cart or order lines, as text."""

    lines: list[str] = Field(default_factory=list)
    note: str = ""


def profile_ref(profile: Profile) -> str | None:
    """How another process loads this profile again."""
    return profile.source_path or (None if profile.demo else profile.name)


def plan_summary(plan: Any) -> str:
    """What will be bought, for how much (shipping included), and that it is a mock: plain text."""
    from shopper.checkout.amounts import fmt

    parts = ["MOCK ORDER (nothing is charged, nothing ships)."]
    for s in plan.sessions:
        items = "; ".join(
            f"{line.qty} x {line.title}"
            + (f" ({line.variant})" if line.variant else "")
            + (f" at {fmt(line.unit_price)} each" if line.unit_price else "")
            for line in s.lines
        )
        parts.append(
            f"{s.shop.name}: {items}; items {fmt(s.items)} + shipping {fmt(s.shipping)} = {fmt(s.total)}."
        )
    if len(plan.totals) > 1 or len(plan.sessions) > 1:
        parts.append("Total: " + " + ".join(fmt(t) for t in plan.totals) + ".")
    for line in plan.price_rises:
        if line.seen_price and line.unit_price:
            parts.append(
                f"Price rose since you saw it: was {fmt(line.seen_price)}, now {fmt(line.unit_price)}."
            )
    month = plan.month
    if month.left is not None:
        parts.append(f"Monthly budget left before this order: {fmt(month.left)}.")
    return " ".join(parts)


def _totals(plan: Any) -> dict[str, str]:
    return {t.currency: str(t.amount) for t in plan.totals}


async def _prepared(profile: Profile, conn: sqlite3.Connection, item: dict[str, Any], checkout: Any) -> Any:
    from shopper.checkout.offer_check import Target

    seen = Money.model_validate(item["seen_price"]) if item.get("seen_price") else None
    target = Target(item["url"], item.get("shop"), item.get("title"), seen)
    line = await checkout.line(target, item.get("size"), item.get("colour"), int(item.get("qty") or 1))
    cart = checkout.carts.buy_cart(line)
    return await checkout.prepare(cart, [line])


async def propose_buy(tools: Any, args: BuyArgs) -> PendingAction:
    """Price the order live (budget guard included) and propose it; nothing is ordered."""
    from shopper.checkout.flow import Checkout
    from shopper.checkout.offer_check import NeedSize

    ranked = tools.resolve(args.offer)
    offer = ranked.offer
    seen = (
        ranked.matched_variant.price
        if ranked.matched_variant and ranked.matched_variant.price
        else offer.price
    )
    size = args.size
    asked = tools.last.query.size if tools.last is not None else None
    if size is None and asked and any(v.options.get("size") for v in offer.variants):
        size = asked  # the size of the request, for an offer known to come in sizes
    item = {
        "url": offer.url,
        "shop": offer.shop or None,
        "title": offer.title if offer.title != offer.url else None,
        "seen_price": seen.model_dump(mode="json") if seen else None,
        "size": size,
        "colour": args.colour,
        "qty": args.qty,
    }
    async with Checkout(tools.profile, tools.conn, tools.fetch_settings) as checkout:
        note = ""
        try:
            plan = await _prepared(tools.profile, tools.conn, item, checkout)
        except NeedSize:
            if size is not None or not asked:
                raise
            item["size"] = asked  # the live page has sizes the listing did not show
            plan = await _prepared(tools.profile, tools.conn, item, checkout)
        except CheckoutError as exc:
            if args.size is not None or size is None or "does not come in sizes" not in str(exc):
                raise
            item["size"] = None  # the size came from the request, and the live page offers no sizes
            note = f"Note: the shop's page offers no sizes, so size {size} cannot be chosen. "
            plan = await _prepared(tools.profile, tools.conn, item, checkout)
        summary = note + plan_summary(plan)
        totals = _totals(plan)
        await checkout.abandon_sessions(plan.cart, plan.sessions)  # approval opens a fresh one, live
    payload = {"profile": profile_ref(tools.profile), "item": item, "totals": totals}
    action: PendingAction = tools.actions.propose("buy", summary, payload, tools.origin)
    return action


async def _run_buy(payload: dict[str, Any], conn: sqlite3.Connection) -> str:
    from shopper.checkout.flow import Checkout
    from shopper.profiles import load_profile

    profile = load_profile(payload.get("profile"))
    async with Checkout(profile, conn) as checkout:
        for note in await checkout.recover():
            del note  # interrupted earlier checkouts are repaired first, as `shopper buy` does
        plan = await _prepared(profile, conn, payload["item"], checkout)
        agreed = {k: Decimal(v) for k, v in payload["totals"].items()}
        now = {t.currency: t.amount for t in plan.totals}
        if any(now.get(c, Decimal(0)) > amount for c, amount in agreed.items()) or set(now) - set(agreed):
            await checkout.abandon_sessions(plan.cart, plan.sessions)
            raise CheckoutError(
                "nothing ordered: the total changed since you were asked (" + plan_summary(plan) + ")"
            )
        placed = await checkout.place(plan)
        orders = [checkout.orders.get(i) for i in placed.orders]
    if placed.failed and not orders:
        raise CheckoutError("; ".join(placed.failed))
    done = ", ".join(f"order {o.id} at {o.shop} ({o.total})" for o in orders)
    return f"placed MOCK {done}" + (f"; failed: {'; '.join(placed.failed)}" if placed.failed else "")


async def add_to_cart(tools: Any, args: CartAddArgs) -> Lines:
    """Check the offer live and put it in the cart; nothing is bought."""
    from shopper.checkout.flow import Checkout
    from shopper.checkout.offer_check import Target

    ranked = tools.resolve(args.offer)
    offer = ranked.offer
    target = Target(offer.url, offer.shop or None, offer.title, offer.price)
    async with Checkout(tools.profile, tools.conn, tools.fetch_settings) as checkout:
        line = await checkout.line(target, args.size, args.colour, args.qty)
        cart = checkout.carts.open_cart()
        assert cart is not None
        checkout.carts.add(cart, line)
    return await show_cart(tools)


async def show_cart(tools: Any) -> Lines:
    """The open cart's lines."""
    from shopper.checkout.cart import CartRepo

    repo = CartRepo(tools.conn)
    cart = repo.open_cart(create=False)
    items = repo.items(cart) if cart is not None else []
    lines = [
        f"{i}. {line.qty} x {line.title} ({line.variant or 'no variant'}) at {line.shop}" for i, line in items
    ]
    return Lines(lines=lines, note="" if lines else "the cart is empty")


async def propose_cart_checkout(tools: Any) -> PendingAction:
    """Price the whole cart live and propose ordering it."""
    from shopper.checkout.flow import Checkout

    async with Checkout(tools.profile, tools.conn, tools.fetch_settings) as checkout:
        cart = checkout.carts.open_cart(create=False)
        lines = [line for _, line in checkout.carts.items(cart)] if cart is not None else []
        if cart is None or not lines:
            raise UsageError("the cart is empty")
        plan = await checkout.prepare(cart, lines)
        summary, totals = plan_summary(plan), _totals(plan)
        await checkout.abandon_sessions(plan.cart, plan.sessions)
    payload = {"profile": profile_ref(tools.profile), "totals": totals}
    action: PendingAction = tools.actions.propose("cart_checkout", summary, payload, tools.origin)
    return action


async def _run_cart_checkout(payload: dict[str, Any], conn: sqlite3.Connection) -> str:
    from shopper.checkout.flow import Checkout
    from shopper.profiles import load_profile

    profile = load_profile(payload.get("profile"))
    async with Checkout(profile, conn) as checkout:
        cart = checkout.carts.open_cart(create=False)
        lines = [line for _, line in checkout.carts.items(cart)] if cart is not None else []
        if cart is None or not lines:
            raise CheckoutError("nothing ordered: the cart is empty now")
        plan = await checkout.prepare(cart, lines)
        agreed = {k: Decimal(v) for k, v in payload["totals"].items()}
        if {t.currency: t.amount for t in plan.totals} != agreed:
            await checkout.abandon_sessions(plan.cart, plan.sessions)
            raise CheckoutError("nothing ordered: the cart's total changed since you were asked")
        placed = await checkout.place(plan)
    if placed.failed and not placed.orders:
        raise CheckoutError("; ".join(placed.failed))
    return f"placed MOCK order(s) {', '.join(map(str, placed.orders))}"


async def list_orders(tools: Any) -> Lines:
    """Every order, newest first, with its status."""
    from shopper.checkout.orders import OrdersRepo

    orders = sorted(OrdersRepo(tools.conn).list(), key=lambda o: o.created_at, reverse=True)
    lines = [
        f"order {o.id}: {o.status} at {o.shop}, {o.total}, {o.lines[0].title if o.lines else ''}"
        for o in orders
    ]
    return Lines(lines=lines, note="" if lines else "no orders yet")


async def track_order(tools: Any, args: OrderArgs) -> Lines:
    """Ask the shop where an order is."""
    from shopper.checkout.aftercare import track
    from shopper.checkout.flow import Checkout
    from shopper.checkout.orders import OrdersRepo

    order = OrdersRepo(tools.conn).get(args.order)
    async with Checkout(tools.profile, tools.conn, tools.fetch_settings) as checkout:
        order = await track(checkout, order)
    events = [f"{e.at:%Y-%m-%d %H:%M} {e.status} {e.detail}".strip() for e in order.events[-5:]]
    carrier = " ".join(str(order.extra.get(k, "")) for k in ("carrier", "tracking_number")).strip()
    return Lines(
        lines=events, note=f"order {order.id} is {order.status}" + (f" ({carrier})" if carrier else "")
    )


async def propose_return(tools: Any, args: ReturnArgs) -> PendingAction:
    """Propose a return of one order."""
    from shopper.checkout.orders import OrdersRepo

    order = OrdersRepo(tools.conn).get(args.order)
    summary = f"start a return of order {order.id} at {order.shop} ({order.total})"
    payload = {"profile": profile_ref(tools.profile), "order": order.id, "reason": args.reason or "return"}
    action: PendingAction = tools.actions.propose("return", summary, payload, tools.origin)
    return action


async def _run_return(payload: dict[str, Any], conn: sqlite3.Connection) -> str:
    from shopper.checkout.aftercare import return_order
    from shopper.checkout.flow import Checkout
    from shopper.checkout.orders import OrdersRepo
    from shopper.profiles import load_profile

    order = OrdersRepo(conn).get(int(payload["order"]))
    async with Checkout(load_profile(payload.get("profile")), conn) as checkout:
        order = await return_order(checkout, order, str(payload["reason"]))
    return f"order {order.id} is {order.status}"


async def propose_watch(tools: Any, args: WatchArgs) -> PendingAction:
    """Propose watching an offer (below a price, or back in stock)."""
    ranked = tools.resolve(args.offer)
    offer = ranked.offer
    currency = offer.price.currency if offer.price else tools.profile.currency
    below = Money(amount=args.below, currency=currency) if args.below is not None else None
    size = args.size or (tools.last.query.size if tools.last is not None else None)
    rules = [
        f"below {below}" if below else "",
        "back in stock" if args.restock else "",
        f"size {size}" if size else "",
    ]
    summary = f"watch {offer.title} at {offer.shop or offer.url}: " + (
        ", ".join(r for r in rules if r) or "any drop"
    )
    payload = {
        "profile": profile_ref(tools.profile),
        "url": offer.url,
        "title": offer.title,
        "shop": offer.shop,
        "size": size,
        "below": below.model_dump(mode="json") if below else None,
        "restock": args.restock,
    }
    action: PendingAction = tools.actions.propose("watch", summary, payload, tools.origin)
    return action


async def _run_watch(payload: dict[str, Any], conn: sqlite3.Connection) -> str:
    from datetime import UTC, datetime

    from shopper.watch.models import Watch
    from shopper.watch.repo import WatchRepo

    below = Money.model_validate(payload["below"]) if payload.get("below") else None
    watch = Watch(
        kind="product",
        target=payload["url"],
        profile=payload.get("profile"),
        title=payload.get("title"),
        shop=payload.get("shop"),
        size=payload.get("size"),
        below=below,
        restock=bool(payload.get("restock")),
    )
    repo = WatchRepo(conn)
    existing = repo.find_target("product", watch.target, watch.size, watch.colour)
    if existing is not None:
        return f"already watched as watch {existing.id}"
    stored = repo.add(watch, datetime.now(UTC))
    return f"watch {stored.id} added ({stored.rules_text()}); `shopper watch run` checks it"


actions.register("buy", _run_buy)
actions.register("cart_checkout", _run_cart_checkout)
actions.register("return", _run_return)
actions.register("watch", _run_watch)
