"""`shopper shops add|remove|check|list|sync`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from shopper.cli.common import VersionOption, handle_errors

app = typer.Typer(help="Add, check and sync the shops in a profile.", no_args_is_help=True)
ProfileOption = Annotated[str | None, typer.Option("--profile", "-p", help="Profile name or path.")]


@app.command("add")
@handle_errors
def add(
    url: Annotated[str, typer.Argument(help="The shop's home page, http(s).")],
    profile: ProfileOption = None,
    name: Annotated[str | None, typer.Option("--name", help="What to call the shop.")] = None,
    version: VersionOption = False,
) -> None:
    """Detect the shop's platform and search, and save it in the profile."""
    import asyncio

    from shopper.cli import render
    from shopper.shops.manage import add_shop

    shop, detection, path = asyncio.run(add_shop(url, profile, name=name))
    out = render.console()
    if detection is None or path is None:
        out.print(f"{render.clean(shop.url)} is already in the profile as [bold]{render.clean(shop.name)}[/]")
        return
    out.print(
        f"added [bold]{render.clean(shop.name)}[/] ({render.clean(detection.platform or '?')}"
        f"{', search ' + render.clean(detection.search_url) if detection.search_url else ''})"
        f" to {render.clean(path)}"
    )
    for note in detection.notes:
        render.error_console().print(f"[yellow]note:[/] {render.clean(note)}")


@app.command("check")
@handle_errors
def check(profile: ProfileOption = None, version: VersionOption = False) -> None:
    """For each shop: reachable, robots, platform, search works, catalogue size."""
    import asyncio

    from shopper.cli import render
    from shopper.pipeline import shops_for
    from shopper.profiles import load_profile
    from shopper.shops.check import check_shops

    shops, _ = shops_for(load_profile(profile))
    rows = asyncio.run(check_shops(shops))
    out = render.console()
    out.print(render.shop_check_table(rows))
    # The table shortens notes; a shop whose search does not work gets its whole reason below it.
    for row in rows:
        if row.search_works is not True and row.note:
            out.print(f"[yellow]{render.clean(row.name)}:[/] {render.clean(render.one_line(row.note))}")


@app.command("list")
@handle_errors
def list_shops(
    profile: ProfileOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="The shops as JSON.")] = False,
    version: VersionOption = False,
) -> None:
    """The profile's shops (the demo shops when it has none); avoided ones are marked, not searched."""
    import json

    from shopper.cli import render
    from shopper.pipeline import shops_for
    from shopper.profiles import load_profile

    loaded = load_profile(profile)
    shops, demo = (loaded.shops, False) if loaded.shops else shops_for(loaded)
    avoided = {name.casefold() for name in loaded.shops_avoided}
    if as_json:
        rows = [
            {**s.model_dump(mode="json", exclude_none=True), "searched": s.name.casefold() not in avoided}
            for s in shops
        ]
        typer.echo(json.dumps({"profile": loaded.name, "demo": demo, "shops": rows}, ensure_ascii=False))
        return
    out = render.console()
    if demo:
        out.print("[magenta]no shops in the profile: the demo shops are used[/]")
    for shop in shops:
        extras = [shop.platform, shop.currency or ""]
        if shop.shipping is not None:
            extras.append(f"shipping {shop.shipping}")
        if shop.free_shipping_over is not None:
            extras.append(f"free over {shop.free_shipping_over}")
        mark = "  [yellow](in shops_avoided: not searched)[/]" if shop.name.casefold() in avoided else ""
        detail = render.clean("  ".join(e for e in extras if e))
        out.print(f"{render.clean(shop.name)}  [dim]{render.clean(shop.url)}  {detail}[/]{mark}")


@app.command("sync")
@handle_errors
def sync(profile: ProfileOption = None, version: VersionOption = False) -> None:
    """Refresh the local catalogue mirror of every shop whose whole catalogue can be listed."""
    import asyncio

    from shopper.cli import render
    from shopper.profiles import load_profile
    from shopper.shops.manage import sync_shops

    results: list[Any] = asyncio.run(sync_shops(load_profile(profile)))
    out = render.console()
    for shop, count, error in results:
        if error:
            out.print(f"[red]✗[/] {render.clean(shop)}: {render.clean(render.one_line(error))}")
        else:
            out.print(f"[green]✓[/] {render.clean(shop)}: {count} product(s) mirrored")


@app.command("remove")
@handle_errors
def remove(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The shop's name (or its URL).")],
    profile: ProfileOption = None,
    version: VersionOption = False,
) -> None:
    """Remove a shop from the profile (comments and layout of the file are kept)."""
    from shopper.cli import render
    from shopper.shops.manage import remove_shop

    shop, path = remove_shop(name, profile)
    render.console().print(f"removed [bold]{render.clean(shop.name)}[/] from {render.clean(path)}")
