"""`shopper chat`: a conversation about what to buy; offline intent engine, or the LLM when configured."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from shopper.cli.common import VersionOption, handle_errors

HELP = """Say what you want ("trail shoes size 44 under 120 euro"), then refine: "cheaper", "only size 44",
"in black", "not from <shop>"; "show 2", "compare 1 and 3", "do you have it in 43?", "buy 2",
"watch 3 below 80", "where is my order?", "I don't like <brand>".
Commands: /help, /profile, /cart, /orders, /quit"""


@handle_errors
def chat(
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Profile name or .toml path.")
    ] = None,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Use the offline intent engine only.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show LLM token usage.")] = False,
    version: VersionOption = False,
) -> None:
    """Talk to shopper: search, refine, compare, and buy only after you say yes."""
    import asyncio

    from shopper.profiles import load_profile

    loaded = load_profile(profile)
    asyncio.run(_run(loaded, use_llm=not no_llm, verbose=verbose))


class _Input:
    """Lines from the terminal (prompt_toolkit, history in the data dir) or one per line from a pipe."""

    def __init__(self) -> None:
        self.tty = sys.stdin.isatty()
        self._session: Any = None
        if self.tty:
            from prompt_toolkit import PromptSession
            from prompt_toolkit.history import FileHistory

            from shopper.config import data_dir

            self._session = PromptSession(history=FileHistory(str(data_dir() / "chat-history")))

    async def message(self) -> str | None:
        """The next message; None at the end of input."""
        if self._session is not None:
            try:
                return str(await self._session.prompt_async("you> "))
            except EOFError:
                return None
        line = sys.stdin.readline()
        return None if line == "" else line.rstrip("\n")

    def answer(self, question: str, out: Any) -> str:
        """A blocking answer to a yes/no question (asked while a message is being handled)."""
        if self.tty:
            try:
                return str(out.input(question))
            except EOFError:
                return ""
        out.print(question, end="")
        line = sys.stdin.readline()
        out.print(line.strip())  # a scripted answer is echoed so the transcript reads like a session
        return line.strip()


async def _run(profile: Any, *, use_llm: bool, verbose: bool) -> None:
    from shopper.agent.intent import is_yes
    from shopper.agent.tools import Tools
    from shopper.cli import render
    from shopper.cli.render_chat import action_prompt, show_reply
    from shopper.llm.query import client_for
    from shopper.store.db import connect

    out = render.console()
    conn = connect()
    source = _Input()

    def confirm(action: Any) -> bool:
        return is_yes(source.answer(action_prompt(action), out))

    try:
        client = client_for(conn, enabled=use_llm)
        tools = Tools(profile, conn, origin="chat", llm=client)
        handle = _front_end(tools, client, confirm)
        if profile.demo:
            out.print("[magenta]demo:[/] no shops in your profile, so shopper's own demo shops answer.")
        mode = f"LLM {client.settings.label}" if client is not None else "offline"
        out.print(f"[dim]shopper chat ({render.clean(mode)}); /help for help, /quit to leave[/]")
        while True:
            message = await source.message()
            if message is None:
                break
            text = message.strip()
            if not text:
                continue
            if not source.tty:
                out.print(f"[bold]you>[/] {render.clean(render.one_line(text))}")
            if text.startswith("/"):
                if not _command(text, tools, out):
                    break
                continue
            for reply in await handle(text):
                show_reply(out, reply)
            if verbose and client is not None:
                out.print(f"[dim]{render.clean(_usage(client))}[/]")
    except KeyboardInterrupt:
        out.print("[dim]bye[/]")
    finally:
        conn.close()


def _front_end(tools: Any, client: Any, confirm: Callable[[Any], bool]) -> Callable[[str], Any]:
    from shopper.agent.session import ChatSession

    if client is None:
        return ChatSession(tools, confirm).handle
    from shopper.agent.loop import AgentLoop

    return AgentLoop(tools, client, confirm).handle


def _command(text: str, tools: Any, out: Any) -> bool:
    """Run one slash command; False ends the chat."""
    from shopper.cli import render

    name = text.split()[0].lower()
    if name in ("/quit", "/exit", "/q"):
        return False
    if name == "/help":
        out.print(render.clean(HELP))
    elif name == "/profile":
        out.print(render.profile_panel(tools.profile))
    elif name in ("/cart", "/orders"):
        out.print(f"[yellow]{name} is not available in this build (no checkout module yet).[/]")
    else:
        out.print(f"[yellow]unknown command {render.clean(name)}; /help lists them[/]")
    return True


def _usage(client: Any) -> str:
    usage = client.usage
    prompt = sum(u.prompt_tokens for u in usage)
    completion = sum(u.completion_tokens for u in usage)
    return f"LLM: {len(usage)} call(s) so far, {prompt} prompt + {completion} completion tokens"
