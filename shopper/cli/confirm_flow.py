"""The question before an order, shared by `buy` and `cart checkout`: summary, explicit yes, place."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import typer

from shopper.cli import render

if TYPE_CHECKING:
    from shopper.checkout.flow import Checkout, Plan


def read_answer(question: str, *, to_stderr: bool) -> str | None:
    """Ask on the terminal and read one line; None at end of input."""
    typer.echo(question, nl=False, err=to_stderr)
    line = sys.stdin.readline()
    if not line:
        typer.echo("", err=to_stderr)
        return None
    return line


async def confirm_and_place(checkout: Checkout, plan: Plan, *, yes: bool, as_json: bool) -> None:
    """Show the summary, take an explicit yes (or --yes), then complete; else cancel and say so."""
    from shopper.checkout.amounts import fmt
    from shopper.checkout.confirm import QUESTION, is_yes
    from shopper.checkout.orders import order_json
    from shopper.cli.render_checkout import order_detail, summary
    from shopper.errors import CheckoutError, NotConfirmed

    out = render.error_console() if as_json else render.console()
    out.print(summary(plan), soft_wrap=True)
    if yes and plan.price_rises:
        await checkout.abandon_sessions(plan.cart, plan.sessions)
        rises = "; ".join(
            f"{r.title} {fmt(r.seen_price)} -> {fmt(r.unit_price)}"
            for r in plan.price_rises
            if r.seen_price and r.unit_price
        )
        raise NotConfirmed(
            f"nothing ordered: the price rose since you saw it ({rises}); run again without --yes to confirm"
        )
    if not yes:
        try:
            answer = read_answer(QUESTION, to_stderr=as_json)
        except KeyboardInterrupt:
            await checkout.abandon_sessions(plan.cart, plan.sessions)
            stopped = NotConfirmed("interrupted: nothing ordered")
            stopped.exit_code = 130
            raise stopped from None
        if not is_yes(answer):
            await checkout.abandon_sessions(plan.cart, plan.sessions)
            said = (answer or "").strip()
            why = f"you answered {said!r}" if said else "no answer"
            raise NotConfirmed(f"nothing ordered ({why}; only y or yes places the order)")
    placed = await checkout.place(plan)
    orders = [checkout.orders.get(i) for i in placed.orders]
    if as_json:
        typer.echo(
            json.dumps(
                {"placed": [order_json(o) for o in orders], "failed": placed.failed}, ensure_ascii=False
            )
        )
    else:
        for order in orders:
            out.print(f"[green]✓ placed MOCK order {order.id}[/] at {render.clean(order.shop)}")
            out.print(order_detail(order), soft_wrap=True)
    if placed.failed:
        raise CheckoutError("; ".join(placed.failed))
