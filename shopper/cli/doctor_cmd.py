"""`shopper doctor`: check the profile, each shop, the LLM and the notification URLs."""

from __future__ import annotations

from typing import Annotated

import typer

from shopper.cli.common import handle_errors

MARK = {"ok": "[green]✓[/]", "warn": "[yellow]![/]", "fail": "[red]✗[/]", "info": "[dim]·[/]"}


@handle_errors
def doctor(
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Profile name or .toml path.")
    ] = None,
) -> None:
    """Check the setup; exit code 1 when something is broken."""
    import asyncio

    from shopper.agent import doctor as checks
    from shopper.cli import render
    from shopper.profiles import load_profile
    from shopper.store.db import connect

    out = render.console()
    loaded = load_profile(profile)
    conn = connect()
    try:
        found = checks.profile_checks(loaded)
        with render.error_console().status("checking shops…", spinner="dots"):
            found += asyncio.run(checks.shop_checks(loaded, conn))
        with render.error_console().status("checking the LLM…", spinner="dots"):
            found += checks.llm_checks(conn)
        found += checks.notify_checks(conn)
    finally:
        conn.close()
    for check in found:
        out.print(
            f"{MARK[check.state]} [bold]{render.clean(check.area)}[/] {render.clean(check.name)}: "
            f"{render.clean(render.one_line(check.detail, 300))}"
        )
    if any(c.state == "fail" for c in found):
        raise typer.Exit(1)
