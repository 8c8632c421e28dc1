"""`shopper find`: search every shop in the profile at once and answer with ranked offers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from shopper.cli.common import VersionOption, handle_errors

ProfileOption = Annotated[
    str | None, typer.Option("--profile", "-p", metavar="PATH", help="Profile name or path to a .toml file.")
]


@handle_errors
def find(
    request: Annotated[
        list[str] | None,
        typer.Argument(help="What you want, in your own words (any language).", metavar="REQUEST"),
    ] = None,
    profile: ProfileOption = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, metavar="N", help="How many offers to show (--json too)."),
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Exactly one JSON object on stdout.")] = False,
    no_mirror: Annotated[
        bool, typer.Option("--live", help="Ask every shop live; don't use the local catalogue mirror.")
    ] = False,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Don't use the configured LLM.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show LLM token usage.")] = False,
    like: Annotated[
        list[Path] | None,
        typer.Option("--like", metavar="PHOTO", help="A photo of something you like (repeatable)."),
    ] = None,
    version: VersionOption = False,
) -> None:
    """Find the best offers for REQUEST across your shops, with reasons."""
    import asyncio

    from shopper.errors import UsageError
    from shopper.profiles import load_profile

    text = " ".join(request or []).strip()
    loaded = load_profile(profile)
    photos, photo_warnings = _photos(like or [], loaded)
    if not text and not like:
        raise UsageError(
            'empty request: say what you are looking for, e.g. shopper find "trail shoes size 44"'
        )
    found: list[Any] = []

    async def main() -> None:
        # The result comes back through `found`, not as the task's result: when asyncio.run ends it
        # formats its main task's repr (CPython 3.11, restoring the Ctrl-C handler), result and all, and
        # the repr of every offer read costs a find on a big catalogue milliseconds.
        found.append(
            await _run(
                text,
                loaded,
                as_json=as_json,
                use_mirror=not no_mirror,
                use_llm=not no_llm,
                verbose=verbose,
                photos=photos,
            )
        )

    asyncio.run(main())
    result = found[0]
    result.warnings[:0] = photo_warnings
    _render(result, limit, as_json)


def _photos(paths: list[Path], profile: Any) -> tuple[list[Any], list[str]]:
    """--like photos (a bad one is an error) and the profile's photos (a bad one is a warning)."""
    if not paths and not profile.photos:
        return [], []  # no image code to load for a request without photos
    from shopper.looks import load_photos, profile_photo_paths

    warnings: list[str] = []
    photos = load_photos([str(p) for p in paths])
    photos += load_photos(profile_photo_paths(profile), warnings)
    return photos, warnings


async def _run(
    text: str,
    profile: Any,
    *,
    as_json: bool,
    use_mirror: bool,
    use_llm: bool = True,
    verbose: bool = False,
    photos: list[Any] | None = None,
) -> Any:
    from shopper.cli.plain import clean, one_line
    from shopper.events import ShopFailed, ShopFinished, ShopStarted, Stage
    from shopper.llm import find as llm_find
    from shopper.models import FindResult
    from shopper.pipeline import find_events
    from shopper.store.db import connect

    err = _stderr()
    conn = connect()
    final: FindResult | None = None
    waiting: set[str] = set()
    try:
        with err.status("understanding the request…", spinner="dots") as status:
            photo_warnings: list[str] = []
            if photos:
                from shopper.llm.query import client_for
                from shopper.looks import describe_photos, photo_request

                photos = describe_photos(photos, client_for(conn, enabled=use_llm), photo_warnings)
                text = text or photo_request(photos)  # --like with no words: search by the photos
            llm = llm_find.begin(text, profile, conn, enabled=use_llm)
            events = find_events(
                text, profile, query=llm.query, conn=conn, use_mirror=use_mirror, photos=photos
            )
            async for item in events:
                if isinstance(item, ShopStarted):
                    waiting.add(item.shop)
                elif isinstance(item, ShopFinished):
                    waiting.discard(item.shop)
                    # A shop that showed products it could not read gets a yellow mark, never a green tick.
                    warned = item.status == "warning"
                    err.print(
                        f"  {'[yellow]![/]' if warned else '[green]✓[/]'} {clean(item.shop)}: "
                        f"{item.offers} offer(s) [dim]({item.how}, {item.seconds:.1f} s)[/]"
                        + (" [yellow]see warning below[/]" if warned else "")
                    )
                elif isinstance(item, ShopFailed):
                    waiting.discard(item.shop)
                    err.print(f"  [red]✗[/] {clean(one_line(item.error))}")
                elif isinstance(item, Stage):
                    status.update(clean(item.message) + "…")
                elif isinstance(item, FindResult):
                    final = item
                if waiting:
                    status.update("searching " + clean(", ".join(sorted(waiting))) + "…")
            assert final is not None
            llm_find.finish(llm, final)
            final.warnings[:0] = photo_warnings
    finally:
        conn.close()
    if verbose:
        err.print(f"[dim]{clean(llm_find.usage_line(llm))}[/]")
    return final


def _stderr() -> Any:
    """Progress and warnings: plain lines when stderr is no terminal (rich is not even loaded)."""
    from shopper.cli.plain import plain_stderr

    plain = plain_stderr()
    if plain is not None:
        return plain
    from shopper.cli.render import error_console

    return error_console()


def _render(result: Any, limit: int, as_json: bool) -> None:
    from shopper.report import find_json

    err = _stderr()
    if as_json:
        from shopper.cli.plain import clean, one_line

        typer.echo(json.dumps(find_json(result, limit), ensure_ascii=False))
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/] {clean(one_line(warning))}")
        return
    from shopper.cli import render

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
