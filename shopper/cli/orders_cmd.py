"""`shopper orders`: list, show, track, cancel and return (MOCK) orders."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import typer

from shopper.cli.common import handle_errors
from shopper.cli.find_cmd import ProfileOption

app = typer.Typer(
    help="Your (MOCK) orders: list, show, track, cancel and return.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)
IdArg = Annotated[str, typer.Argument(metavar="ID", help="The order number `shopper orders` shows.")]


@app.callback()
@handle_errors
def orders(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array of every order.")] = False,
) -> None:
    """List your orders, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from shopper.checkout.orders import OrdersRepo, order_json
    from shopper.cli import render
    from shopper.cli.render_checkout import orders_table
    from shopper.store.db import connect

    conn = connect()
    try:
        asyncio.run(_recover(conn))
        listed = OrdersRepo(conn).list()
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps([order_json(o) for o in listed], ensure_ascii=False))
        return
    out = render.console()
    if not listed:
        out.print("No orders yet. Buy with `shopper buy URL|RANK` (a MOCK checkout).")
        return
    out.print(orders_table(listed))


async def _recover(conn: Any, profile: Any = None) -> None:
    from shopper.checkout.flow import Checkout
    from shopper.cli import render
    from shopper.profiles import default_profile

    async with Checkout(profile or default_profile(), conn) as checkout:
        for note in await checkout.recover():
            render.error_console().print(f"[yellow]note:[/] {render.clean(note)}")


def _with_order(
    order_id: str, profile: str | None, action: Callable[[Any, Any], Awaitable[Any]], as_json: bool
) -> None:
    from shopper.checkout.flow import Checkout
    from shopper.checkout.orders import order_json
    from shopper.cli import render
    from shopper.cli.render_checkout import order_detail
    from shopper.profiles import load_profile
    from shopper.store.db import connect

    loaded = load_profile(profile)
    conn = connect()

    async def run() -> Any:
        async with Checkout(loaded, conn) as checkout:
            await checkout.recover()
            order = checkout.orders.get(order_id)
            return await action(checkout, order)

    try:
        order = asyncio.run(run())
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps(order_json(order), ensure_ascii=False))
    else:
        render.console().print(order_detail(order), soft_wrap=True)


JsonFlag = Annotated[bool, typer.Option("--json", help="The order as one JSON object.")]


@app.command("show")
@handle_errors
def show(order_id: IdArg, profile: ProfileOption = None, as_json: JsonFlag = False) -> None:
    """One order: items, totals, tracking and history (as recorded; `track` asks the merchant)."""

    async def action(checkout: Any, order: Any) -> Any:
        return order

    _with_order(order_id, profile, action, as_json)


@app.command("track")
@handle_errors
def track(order_id: IdArg, profile: ProfileOption = None, as_json: JsonFlag = False) -> None:
    """Ask the merchant where the order is: carrier, tracking number and events."""
    from shopper.checkout import aftercare

    _with_order(order_id, profile, aftercare.track, as_json)


@app.command("cancel")
@handle_errors
def cancel(order_id: IdArg, profile: ProfileOption = None, as_json: JsonFlag = False) -> None:
    """Cancel an order that has not shipped yet (refused with the reason once it has)."""
    from shopper.checkout import aftercare

    _with_order(order_id, profile, aftercare.cancel, as_json)


@app.command("return")
@handle_errors
def return_(
    order_id: IdArg,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why it goes back.")] = "",
    profile: ProfileOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Return a shipped order: a (mock) return label and the refund."""
    from shopper.checkout import aftercare

    async def action(checkout: Any, order: Any) -> Any:
        return await aftercare.return_order(checkout, order, reason)

    _with_order(order_id, profile, action, as_json)
