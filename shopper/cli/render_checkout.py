"""Rendering of the checkout summary, orders and carts (rich); scraped text is escaped here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from shopper.checkout.amounts import fmt
from shopper.cli.render import clean, one_line

if TYPE_CHECKING:
    from shopper.checkout.flow import Plan
    from shopper.checkout.lines import Line
    from shopper.checkout.orders import Order
    from shopper.models import Money


def _m(value: Money | None) -> str:
    return "?" if value is None else fmt(value)


def _left_after(left: Money, after: object) -> Money:
    from decimal import Decimal

    from shopper.models import Money

    return Money(amount=Decimal(str(after)), currency=left.currency)


def line_text(line: Line) -> str:
    """'2 × Title (size M, colour red)', escaped."""
    variant = f" ({clean(line.variant)})" if line.variant else ""
    return f"{line.qty} × {clean(one_line(line.title, 80))}{variant}"


def summary(plan: Plan) -> str:
    """Exactly what will be bought and for how much, shipping included, and that it is a mock."""
    out = ["[bold magenta]MOCK ORDER[/] [dim](a mock checkout: nothing is charged and nothing ships)[/]"]
    for s in plan.sessions:
        where = "local mock merchant" if s.merchant == "mock" else f"ACP endpoint {clean(s.merchant)}"
        out.append(f"[bold]{clean(s.shop.name)}[/] [dim]({where})[/]")
        for line in s.lines:
            unit = _m(line.unit_price)
            out.append(f"  {line_text(line)}  at {unit} each")
            out.append(f"    [dim]{clean(one_line(line.url, 120))}[/]")
        out.append(
            f"  items {_m(s.items)} + shipping {_m(s.shipping)} = [bold]{_m(s.total)}[/] ({s.total.currency})"
        )
    if len(plan.sessions) > 1 or len(plan.totals) > 1:
        out.append("[bold]Total for all shops:[/] " + " + ".join(f"[bold]{_m(t)}[/]" for t in plan.totals))
    for line in plan.price_rises:
        out.append(
            f"[bold yellow]Price rose since you saw it:[/] {clean(one_line(line.title, 60))} "
            f"was {_m(line.seen_price)}, now {_m(line.unit_price)}"
        )
    month = plan.month
    if month.cap is not None and month.left is not None:
        after = month.left.amount - sum(
            (t.amount for t in plan.totals if t.currency == month.left.currency), 0
        )
        out.append(
            f"Monthly budget: {_m(month.cap)}; spent this month {_m(month.spent)}; "
            f"left now {_m(month.left)}, after this order {_m(_left_after(month.left, after))}"
        )
    else:
        out.append(f"Monthly budget: no cap set (spent this month {_m(month.spent)})")
    a = plan.address
    out.append(
        f"Deliver to: {clean(a.name)}, {clean(a.street)}, {clean(a.postal_code)} {clean(a.city)}, {a.country}"
    )
    out.append(f"Payment: {plan.payment}")
    return "\n".join(out)


def orders_table(orders: list[Order]) -> Table:
    """One row per order, newest first."""
    table = Table(show_lines=False, pad_edge=False)
    for name in ("#", "date", "shop", "item", "total", "status"):
        table.add_column(name, justify="right" if name in ("#", "total") else "left")
    for order in orders:
        items = "; ".join(line_text(line) for line in order.lines)
        mock = " [magenta]MOCK[/]" if order.mock else ""
        table.add_row(
            str(order.id),
            order.created_at.strftime("%Y-%m-%d"),
            clean(order.shop),
            items,
            _m(order.total),
            clean(order.status) + mock,
        )
    return table


def order_detail(order: Order) -> str:
    """An order's lines, totals, tracking, refund and history."""
    out = [
        f"[bold]Order {order.id}[/] at {clean(order.shop)}"
        + (" [magenta](MOCK)[/]" if order.mock else "")
        + f" — {clean(order.status)}",
        f"merchant order {clean(order.merchant_order_id)}, placed {order.created_at:%Y-%m-%d %H:%M} UTC",
    ]
    for line in order.lines:
        out.append(f"  {line_text(line)} at {_m(line.unit_price)} each")
        out.append(f"    [dim]{clean(one_line(line.url, 120))}[/]")
    out.append(
        f"  items {_m(order.items_amount)} + shipping {_m(order.shipping)} = [bold]{_m(order.total)}[/]"
    )
    extra = order.extra
    if extra.get("tracking_number"):
        out.append(f"Carrier: {clean(extra.get('carrier', '?'))}, tracking {clean(extra['tracking_number'])}")
    label = extra.get("return_label")
    if isinstance(label, dict):
        out.append(
            f"Return label (MOCK): {clean(label.get('carrier', '?'))} "
            f"{clean(label.get('tracking_number', ''))} {clean(label.get('url', ''))}"
        )
    refund = extra.get("refund")
    if isinstance(refund, dict):
        out.append(f"Refund: {clean(refund.get('amount'))} {clean(refund.get('currency'))}")
    out.append("[bold]History[/]")
    for event in order.events:
        detail = f" — {clean(event.detail)}" if event.detail else ""
        out.append(f"  {event.at:%Y-%m-%d %H:%M}  {clean(event.status)}{detail}")
    return "\n".join(out)


def cart_text(items: list[tuple[int, Line]]) -> str:
    """The cart by shop, with the prices last seen (checked live again at checkout)."""
    if not items:
        return "The cart is empty. Add with `shopper cart add URL|RANK --size S`."
    out: list[str] = []
    shops: dict[str, list[tuple[int, Line]]] = {}
    for item_id, line in items:
        shops.setdefault(line.shop, []).append((item_id, line))
    for shop, rows in shops.items():
        out.append(f"[bold]{clean(shop)}[/]")
        for item_id, line in rows:
            out.append(f"  [{item_id}] {line_text(line)} — last seen at {_m(line.seen_price)}")
    out.append("[dim]Prices, stock and shipping are checked live at `shopper cart checkout`.[/]")
    return "\n".join(out)
