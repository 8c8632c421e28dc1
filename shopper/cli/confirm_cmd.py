"""`shopper confirm ID`: approve, in your own terminal, an action an agent proposed over MCP."""

from __future__ import annotations

from typing import Annotated

import typer

from shopper.cli.common import handle_errors


@handle_errors
def confirm(
    action_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="The action's id; none lists them.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
) -> None:
    """Show what an agent proposed (an order, a watch, a profile change) and do it only after your yes."""
    import asyncio

    from shopper.agent import prefs, shopping
    from shopper.agent.actions import ActionStore
    from shopper.checkout.confirm import is_yes
    from shopper.cli import render
    from shopper.cli.confirm_flow import read_answer
    from shopper.errors import NotConfirmed
    from shopper.store.db import connect

    del prefs, shopping  # imported for the executors they register
    out = render.console()
    conn = connect()
    try:
        store = ActionStore(conn)
        if action_id is None:
            waiting = store.pending()
            if not waiting:
                out.print("No actions are waiting for you.")
            for action in waiting:
                out.print(f"{action.id}  {action.kind}  {render.clean(render.one_line(action.summary, 200))}")
            return
        action = store.get(action_id)
        if action.status != "pending":
            out.print(f"Action {action.id} was already {action.status}: {render.clean(action.result or '')}")
            return
        out.print(f"[bold]{render.clean(render.one_line(action.summary, 800))}[/]", soft_wrap=True)
        if not yes:
            answer = read_answer("Do it? [y/N] ", to_stderr=False)
            if not is_yes(answer):
                store.decline(action.id)
                raise NotConfirmed("not done (only y or yes does it)")
        done = asyncio.run(store.approve(action.id))
        out.print(f"[green]✓ {render.clean(done.result or 'done')}[/]")
    finally:
        conn.close()
