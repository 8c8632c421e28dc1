"""`shopper find`: search every shop in the profile at once and answer with ranked offers."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from shopper.cli.common import VersionOption, handle_errors

ProfileOption = Annotated[
    str | None, typer.Option("--profile", "-p", metavar="PATH", help="Profile name or path to a .toml file.")
]


@handle_errors
def find(
    request: Annotated[
        list[str], typer.Argument(metavar="REQUEST", help="What you want, in your own words (any language).")
    ],
    profile: ProfileOption = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, metavar="N", help="How many offers to show (--json too)."),
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Exactly one JSON object on stdout.")] = False,
    no_mirror: Annotated[
        bool, typer.Option("--live", help="Ask every shop live; don't use the local catalogue mirror.")
    ] = False,
    version: VersionOption = False,
) -> None:
    """Find the best offers for REQUEST across your shops, with reasons."""
    import asyncio

    from shopper.errors import UsageError
    from shopper.profiles import load_profile

    text = " ".join(request).strip()
    if not text:
        raise UsageError(
            'empty request: say what you are looking for, e.g. shopper find "trail shoes size 44"'
        )
    loaded = load_profile(profile)
    result = asyncio.run(_run(text, loaded, as_json=as_json, use_mirror=not no_mirror))
    _render(result, limit, as_json)


async def _run(text: str, profile: Any, *, as_json: bool, use_mirror: bool) -> Any:
    from shopper.cli import render
    from shopper.events import ShopFailed, ShopFinished, ShopStarted, Stage
    from shopper.models import FindResult
    from shopper.pipeline import find_events
    from shopper.store.db import connect

    err = render.error_console()
    conn = connect()
    final: FindResult | None = None
    waiting: set[str] = set()
    try:
        with err.status("understanding the request…", spinner="dots") as status:
            async for item in find_events(text, profile, conn=conn, use_mirror=use_mirror):
                if isinstance(item, ShopStarted):
                    waiting.add(item.shop)
                elif isinstance(item, ShopFinished):
                    waiting.discard(item.shop)
                    err.print(
                        f"  [green]✓[/] {render.clean(item.shop)}: {item.offers} offer(s) "
                        f"[dim]({item.how}, {item.seconds:.1f} s)[/]"
                    )
                elif isinstance(item, ShopFailed):
                    waiting.discard(item.shop)
                    err.print(f"  [red]✗[/] {render.clean(render.one_line(item.error))}")
                elif isinstance(item, Stage):
                    status.update(render.clean(item.message) + "…")
                elif isinstance(item, FindResult):
                    final = item
                if waiting:
                    status.update("searching " + render.clean(", ".join(sorted(waiting))) + "…")
    finally:
        conn.close()
    assert final is not None
    return final


def _render(result: Any, limit: int, as_json: bool) -> None:
    from shopper.cli import render
    from shopper.report import find_json

    err = render.error_console()
    if as_json:
        typer.echo(json.dumps(find_json(result, limit), ensure_ascii=False))
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/] {render.clean(render.one_line(warning))}")
        return
    out = render.console()
    if result.demo:
        out.print(
            "[bold magenta]demo:[/] no shops in your profile, so these are shopper's own demo shops "
            "(add yours with `shopper shops add URL`)."
        )
    out.print(f"[dim]understood:[/] {render.query_line(result.query)}")
    if result.query.ignored:
        out.print(
            "[dim]not acted on by find:[/] " + render.clean(render.one_line("; ".join(result.query.ignored)))
        )
    if not result.offers:
        out.print("[yellow]Nothing matched.[/] " + render.clean(result.hint or _hint(result)))
    else:
        wide = out.width >= 150
        out.print(render.find_table(result, limit, wide=wide))
        out.print(render.LEGEND)
        if not wide:
            out.print(render.reasons_list(result, limit))
        answer = [r for url in result.answer for r in result.offers if r.offer.url == url]
        if result.query.intent == "compare" and (side := render.compare_table(result)) is not None:
            out.print(side)
        if answer:
            out.print(render.answer_text(result, answer))
        elif result.hint:
            out.print("[yellow]No offer answers the request.[/] " + render.clean(result.hint))
    if result.sold_out is not None:
        out.print(render.sold_out_text(result), soft_wrap=True)  # the restock line stays copyable
    if result.excluded:
        out.print(f"[dim]{len(result.excluded)} offer(s) left out; `--json` lists each with why.[/]")
        if result.offers and result.hint and result.answer:
            out.print(f"[dim]{render.clean(result.hint)}[/]")
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {render.clean(render.one_line(warning))}")


def _hint(result: Any) -> str:
    query = result.query
    if not (query.terms or query.brands or query.model_numbers):
        return 'Say what you are looking for, e.g. shopper find "running shoes size 44 under 100 euro".'
    tips = []
    if query.max_price:
        tips.append("raise the price limit")
    if query.size:
        tips.append("try without the size")
    if query.model_numbers or len(query.terms) > 2:
        tips.append("use fewer words")
    if result.excluded:
        tips.append(f"{len(result.excluded)} offer(s) were left out (see --json for why)")
    return ("Try: " + "; ".join(tips) + ".") if tips else "Try other words or add more shops."
