"""The `shopper` console script: registers the commands; each command module stays light to import."""

from __future__ import annotations

import typer

from shopper.cli import (
    buy_cmd,
    cart_cmd,
    chat_cmd,
    confirm_cmd,
    doctor_cmd,
    find_cmd,
    inspect_cmd,
    mcp_cmd,
    orders_cmd,
    photos_cmd,
    profile_cmd,
    rates_cmd,
    shops_cmd,
    watch_cmd,
)
from shopper.cli.common import VersionOption

app = typer.Typer(
    name="shopper",
    help="A personal shopping assistant: searches your shops, ranks offers with reasons, asks before buying.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(version: VersionOption = False) -> None:
    """A personal shopping assistant: searches your shops, ranks offers with reasons, asks before it buys."""


app.command("find")(find_cmd.find)
app.command("inspect")(inspect_cmd.inspect)
app.command("chat")(chat_cmd.chat)
profile_cmd.app.command("photos")(photos_cmd.photos)
app.add_typer(profile_cmd.app, name="profile")
app.add_typer(shops_cmd.app, name="shops")
app.add_typer(rates_cmd.app, name="rates")
app.command("buy")(buy_cmd.buy)
app.add_typer(cart_cmd.app, name="cart")
app.add_typer(orders_cmd.app, name="orders")
app.add_typer(watch_cmd.app, name="watch")
app.command("mcp")(mcp_cmd.mcp)
app.command("confirm")(confirm_cmd.confirm)
app.command("doctor")(doctor_cmd.doctor)


def main() -> None:
    """Entry point of the console script and of `python -m shopper`."""
    _no_pydantic_plugins()
    _quiet_cache_logs()
    app()


def _no_pydantic_plugins() -> None:
    # Pydantic scans every installed package's entry points for its plugins (tracing, logging) on the
    # first model it builds: milliseconds of every command, for plugins shopper neither ships nor needs,
    # installed for another program of the same environment. Only the console script turns them off (not
    # shopper as a library), and a user who wants one traces shopper with PYDANTIC_DISABLE_PLUGINS set to
    # "" (or to the plugins to leave out): setdefault keeps any value the environment gives.
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")


def _quiet_cache_logs() -> None:
    # hishel logs a traceback when a cache write loses a lock race with another shopper process (a
    # cron watch while the user runs find); the response is then served uncached, nothing is lost.
    import logging

    cache_log = logging.getLogger("hishel")
    cache_log.addHandler(logging.NullHandler())
    cache_log.propagate = False
