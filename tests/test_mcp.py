"""`shopper mcp` through the official mcp package's stdio client: tools, search, and purchases that wait.

The server is a real subprocess speaking MCP over stdio; the shops are the demo shops over HTTP; the
orders land in a real SQLite file. A checkout stays pending until the person approves it, either in
the MCP client (elicitation) or with `shopper confirm ID` in their terminal.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import mcp.types as types
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.store.db import connect
from tests.test_agent_chat import PROFILE

runner = CliRunner()


def orders() -> int:
    conn = connect()
    try:
        return int(conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0])
    finally:
        conn.close()


def server(profile: Path) -> StdioServerParameters:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "SHOPPER_HOME", "SHOPPER_DEMO_PORT", "HOME")}
    return StdioServerParameters(
        command=sys.executable, args=["-m", "shopper", "mcp", "--no-llm", "--profile", str(profile)], env=env
    )


async def session_run(
    profile: Path,
    body: Callable[[ClientSession], Awaitable[Any]],
    elicit: Any = None,
) -> Any:
    with open(os.devnull, "w") as quiet:
        async with stdio_client(server(profile), errlog=quiet) as (read, write):
            kwargs = {"elicitation_callback": elicit} if elicit is not None else {}
            async with ClientSession(read, write, **kwargs) as session:
                await session.initialize()
                return await body(session)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "agentic.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


async def _search_and_buy_twice(
    session: ClientSession,
) -> tuple[list[str], dict[str, Any], list[dict[str, Any]]]:
    listed = await session.list_tools()
    found = await session.call_tool("search", {"request": "trail running shoes size 44 under 150 euro"})
    assert not found.is_error, found.content
    bought = []
    for _ in range(2):
        result = await session.call_tool("buy", {"offer": 1})
        assert not result.is_error, result.content
        bought.append(result.structured_content)
    return [t.name for t in listed.tools], found.structured_content, bought


def test_tools_search_and_checkouts_that_stay_pending_until_confirmed(profile: Path) -> None:
    names, found, bought = asyncio.run(session_run(profile, _search_and_buy_twice))
    assert {"search", "offer_details", "stock_in_size", "compare", "buy", "checkout", "watch"} <= set(names)
    assert {"update_preferences", "list_orders", "track_order", "start_return", "add_to_cart"} <= set(names)
    assert found["offers"] and found["offers"][0]["n"] == 1 and found["offers"][0]["price"]
    for action in bought:
        assert action["status"] == "pending" and "MOCK ORDER" in action["summary"]
        assert f"shopper confirm {action['id']}" in action["how_to_confirm"]
    assert orders() == 0  # nothing is ordered without the person

    listed = runner.invoke(app, ["confirm"])
    assert bought[0]["id"] in listed.output and bought[1]["id"] in listed.output
    declined = runner.invoke(app, ["confirm", bought[0]["id"]], input="n\n")
    assert declined.exit_code == 6 and "MOCK ORDER" in declined.output
    assert orders() == 0
    again = runner.invoke(app, ["confirm", bought[0]["id"]], input="y\n")
    assert "already declined" in again.output and orders() == 0

    done = runner.invoke(app, ["confirm", bought[1]["id"]], input="y\n")
    assert done.exit_code == 0, done.output
    assert "placed MOCK order" in done.output and orders() == 1
    twice = runner.invoke(app, ["confirm", bought[1]["id"]], input="y\n")
    assert "already approved" in twice.output and orders() == 1


def test_elicitation_asks_the_person(profile: Path) -> None:
    seen: list[str] = []
    answers = iter([False, True])

    async def answer(context: Any, params: types.ElicitRequestParams) -> types.ElicitResult:
        seen.append(params.message)
        if next(answers):
            return types.ElicitResult(action="accept", content={"confirm": True})
        return types.ElicitResult(action="decline")

    _, _, bought = asyncio.run(session_run(profile, _search_and_buy_twice, elicit=answer))
    assert len(seen) == 2 and "MOCK ORDER" in seen[0]
    assert [b["status"] for b in bought] == ["declined", "approved"]
    assert orders() == 1


async def test_bad_tool_input_is_an_error_result_not_a_crash(profile: Path) -> None:
    async def body(session: ClientSession) -> Any:
        early = await session.call_tool("buy", {"offer": 3})
        bad = await session.call_tool("offer_details", {"offer": "not a url"})
        return early, bad

    early, bad = await session_run(profile, body)
    assert early.is_error and "search first" in early.content[0].text
    assert bad.is_error and "neither" in bad.content[0].text
