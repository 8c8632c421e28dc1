"""`shopper mcp`: serve shopper's tools to other agents over stdio (Model Context Protocol)."""

from __future__ import annotations

from typing import Annotated

import typer

from shopper.cli.common import handle_errors


@handle_errors
def mcp(
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Profile name or .toml path.")
    ] = None,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Read requests offline only.")] = False,
) -> None:
    """Run an MCP server on stdin/stdout; purchases and profile changes still need your yes."""
    from shopper.agent.mcp import build_server
    from shopper.llm.query import client_for
    from shopper.profiles import load_profile
    from shopper.store.db import connect

    loaded = load_profile(profile)
    conn = connect()
    try:
        build_server(loaded, conn, llm=client_for(conn, enabled=not no_llm)).run()
    finally:
        conn.close()
