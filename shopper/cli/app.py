"""The `shopper` console script: registers the commands; each command module stays light to import."""

from __future__ import annotations

import typer

from shopper.cli import (
    buy_cmd,
    cart_cmd,
    chat_cmd,
    find_cmd,
    inspect_cmd,
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


def main() -> None:
    """Entry point of the console script and of `python -m shopper`."""
    app()
