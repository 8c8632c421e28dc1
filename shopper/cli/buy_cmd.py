"""`shopper buy URL|RANK`: re-check the offer live, show what it costs, and order only after a yes."""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated, Any

import typer

from shopper.cli.common import handle_errors
from shopper.cli.find_cmd import ProfileOption

SizeOption = Annotated[str | None, typer.Option("--size", "-s", help="The size to buy (e.g. M, 44, 32/34).")]
ColourOption = Annotated[str | None, typer.Option("--colour", "--color", "-c", help="The colour to buy.")]
QtyOption = Annotated[int, typer.Option("--qty", "-q", min=1, max=99, help="How many.")]
YesOption = Annotated[
    bool,
    typer.Option(
        "--yes", "-y", help="Do not ask (for scripts); the live re-check and budget caps still apply."
    ),
]
RefArgument = Annotated[
    str, typer.Argument(metavar="URL|RANK", help="A product URL, or a row number of the last find.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the placed order(s) as one JSON object.")]


@handle_errors
def buy(
    ref: RefArgument,
    size: SizeOption = None,
    colour: ColourOption = None,
    qty: QtyOption = 1,
    profile: ProfileOption = None,
    yes: YesOption = False,
    as_json: JsonOption = False,
) -> None:
    """Buy one item (a MOCK checkout): re-checked live, summarised, and placed only after your yes.

    Exit codes: 0 placed; 6 not confirmed (nothing ordered); 7 refused by a budget cap or an avoided shop;
    8 the merchant refused or failed; 2 a size must be chosen or the input was wrong.
    """
    from shopper.profiles import load_profile

    loaded = load_profile(profile)
    asyncio.run(_buy(ref, size, colour, qty, loaded, yes=yes, as_json=as_json))


def ask_size(sizes: list[str], *, as_json: bool) -> str | None:
    """Ask which size when a person is at the terminal; None when no one can answer."""
    from shopper.cli.confirm_flow import read_answer

    if not sys.stdin.isatty():
        return None
    answer = read_answer(f"Which size? ({', '.join(sizes)}) ", to_stderr=as_json)
    return answer.strip() if answer and answer.strip() else None


async def _buy(
    ref: str, size: str | None, colour: str | None, qty: int, profile: Any, *, yes: bool, as_json: bool
) -> None:
    from shopper.checkout.flow import Checkout
    from shopper.checkout.offer_check import NeedSize, target_of
    from shopper.cli import render
    from shopper.cli.confirm_flow import confirm_and_place
    from shopper.store.db import connect

    err = render.error_console()
    conn = connect()
    try:
        async with Checkout(profile, conn) as checkout:
            for note in await checkout.recover():
                err.print(f"[yellow]note:[/] {render.clean(note)}")
            target = target_of(ref, conn)
            with err.status("re-checking the offer live…", spinner="dots"):
                try:
                    line = await checkout.line(target, size, colour, qty)
                    need = None
                except NeedSize as exc:
                    need = exc
            if need is not None:
                chosen = None if (yes or not need.sizes) else ask_size(need.sizes, as_json=as_json)
                if chosen is None:
                    raise need
                line = await checkout.line(target, chosen, colour, qty)
            cart = checkout.carts.buy_cart(line)
            with err.status("opening the checkout…", spinner="dots"):
                plan = await checkout.prepare(cart, [line])
            await confirm_and_place(checkout, plan, yes=yes, as_json=as_json)
    finally:
        conn.close()
