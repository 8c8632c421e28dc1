"""`shopper cart`: collect items of several shops, then one checkout with one question for all of them."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import typer

from shopper.cli.buy_cmd import ColourOption, JsonOption, QtyOption, RefArgument, SizeOption, YesOption
from shopper.cli.common import handle_errors
from shopper.cli.find_cmd import ProfileOption

app = typer.Typer(
    help="A cart over several shops, checked out at once (a MOCK checkout).", no_args_is_help=True
)


def _db() -> Any:
    from shopper.store.db import connect

    return connect()


@app.command("add")
@handle_errors
def add(
    ref: RefArgument,
    size: SizeOption = None,
    colour: ColourOption = None,
    qty: QtyOption = 1,
    profile: ProfileOption = None,
) -> None:
    """Add an item (re-checked live: the size and colour must exist and be in stock)."""
    from shopper.checkout.flow import Checkout
    from shopper.checkout.offer_check import target_of
    from shopper.cli import render
    from shopper.cli.render_checkout import line_text
    from shopper.profiles import load_profile

    loaded = load_profile(profile)
    conn = _db()

    async def run() -> Any:
        async with Checkout(loaded, conn) as checkout:
            line = await checkout.line(target_of(ref, conn), size, colour, qty)
            cart = checkout.carts.open_cart()
            assert cart is not None
            checkout.carts.add(cart, line)
            return line

    try:
        line = asyncio.run(run())
    finally:
        conn.close()
    render.console().print(f"added {line_text(line)} from {render.clean(line.shop)} to the cart")


@app.command("show")
@handle_errors
def show() -> None:
    """What the cart holds, by shop."""
    from shopper.checkout.cart import CartRepo
    from shopper.cli import render
    from shopper.cli.render_checkout import cart_text

    conn = _db()
    try:
        repo = CartRepo(conn)
        cart = repo.open_cart(create=False)
        items = repo.items(cart) if cart is not None else []
    finally:
        conn.close()
    render.console().print(cart_text(items))


@app.command("remove")
@handle_errors
def remove(item: Annotated[int, typer.Argument(help="The item number `cart show` gives.")]) -> None:
    """Take one item out of the cart."""
    from shopper.checkout.cart import CartRepo
    from shopper.errors import UsageError

    conn = _db()
    try:
        repo = CartRepo(conn)
        cart = repo.open_cart(create=False)
        if cart is None:
            raise UsageError("the cart is empty")
        repo.remove(cart, item)
    finally:
        conn.close()
    typer.echo(f"removed item {item}")


@app.command("clear")
@handle_errors
def clear() -> None:
    """Empty the cart."""
    from shopper.checkout.cart import CartRepo

    conn = _db()
    try:
        repo = CartRepo(conn)
        cart = repo.open_cart(create=False)
        count = repo.clear(cart) if cart is not None else 0
    finally:
        conn.close()
    typer.echo(f"removed {count} item(s); the cart is empty")


@app.command("checkout")
@handle_errors
def checkout(profile: ProfileOption = None, yes: YesOption = False, as_json: JsonOption = False) -> None:
    """Check every item live, open one checkout per shop, ask once for the whole cart, then order."""
    from shopper.profiles import load_profile

    loaded = load_profile(profile)
    asyncio.run(_checkout(loaded, yes=yes, as_json=as_json))


async def _checkout(profile: Any, *, yes: bool, as_json: bool) -> None:
    from shopper.checkout.flow import Checkout
    from shopper.checkout.offer_check import Target
    from shopper.cli import render
    from shopper.cli.confirm_flow import confirm_and_place
    from shopper.errors import CheckoutError

    err = render.error_console()
    conn = _db()
    try:
        async with Checkout(profile, conn) as co:
            for note in await co.recover():
                err.print(f"[yellow]note:[/] {render.clean(note)}")
            cart = co.carts.open_cart(create=False)
            items = co.carts.items(cart) if cart is not None else []
            if cart is None or not items:
                raise CheckoutError("the cart is empty: add with `shopper cart add URL|RANK`")
            lines = []
            with err.status("re-checking every item live…", spinner="dots"):
                for _, saved in items:
                    target = Target(saved.url, saved.shop, saved.title, saved.seen_price)
                    lines.append(
                        await co.line(
                            target, saved.options.get("size"), saved.options.get("colour"), saved.qty
                        )
                    )
            with err.status("opening one checkout per shop…", spinner="dots"):
                plan = await co.prepare(cart, lines)
            await confirm_and_place(co, plan, yes=yes, as_json=as_json)
    finally:
        conn.close()
