"""`shopper rates show|update`: the exchange rates find converts prices with."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from shopper.cli.common import VersionOption, handle_errors

app = typer.Typer(help="Show and update the exchange rates used to compare prices.", no_args_is_help=True)
ProfileOption = Annotated[
    str | None, typer.Option("--profile", "-p", metavar="PROFILE", help="Profile name or path.")
]


@app.command("show")
@handle_errors
def show(
    profile: ProfileOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="The rates as JSON.")] = False,
    version: VersionOption = False,
) -> None:
    """List each rate: 1 unit in the profile currency, its date and source."""
    from rich.table import Table

    from shopper.cli import render
    from shopper.models import Money
    from shopper.money import convert, rate_table
    from shopper.profiles import load_profile

    loaded = load_profile(profile)
    table = rate_table(loaded)
    home = loaded.currency
    rows = []
    for code in table.currencies():
        if code == home:
            continue
        conv = convert(Money(amount=1, currency=code), home, table)
        if conv is None:
            continue
        per_euro = table.euro_rate(code)
        rows.append(
            {
                "currency": code,
                "rate": str(conv.rate),
                "to": home,
                "per_euro": str(per_euro.per_euro) if per_euro is not None else None,
                "date": conv.rate_date.isoformat() if conv.rate_date else None,
                "source": conv.source,
            }
        )
    if as_json:
        typer.echo(json.dumps({"currency": home, "rates": rows}, indent=2))
        return
    out = render.console()
    newest = table.newest
    out.print(f"rates into {home}" + (f"; newest ECB day {newest}" if newest else ""))
    grid = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("currency", f"1 unit in {home}", "per 1 EUR", "date", "source"):
        grid.add_column(column)
    for row in rows:
        shown = _short(str(row["rate"]))
        grid.add_row(row["currency"], shown, row["per_euro"] or "", row["date"] or "", row["source"])
    out.print(grid)
    for warning in table.warnings:
        render.error_console().print(f"[yellow]warning:[/] {render.clean(warning)}")


def _short(rate: str) -> str:
    from decimal import ROUND_HALF_UP, Decimal

    value = Decimal(rate)
    digits = Decimal("0.000001") if value < 1 else Decimal("0.0001")
    return f"{value.quantize(digits, rounding=ROUND_HALF_UP).normalize():f}"


@app.command("update")
@handle_errors
def update(version: VersionOption = False) -> None:
    """Fetch the ECB's daily euro reference rates and save them in the data dir."""
    import asyncio

    from shopper import ecb

    day, path = asyncio.run(ecb.update())
    typer.echo(f"saved ECB reference rates of {day.date} ({len(day.rates)} currencies) to {path}")
