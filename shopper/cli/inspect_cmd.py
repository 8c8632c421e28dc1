"""`shopper inspect`: what a product page says (price, currency, availability, ids, variants)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from shopper.cli.common import VersionOption, fail, handle_errors


@handle_errors
def inspect(
    sources: Annotated[list[str], typer.Argument(help="http(s) URLs or saved .html / .html.gz files.")],
    url: Annotated[
        list[str] | None,
        typer.Option("--url", help="The original address of the i-th file (its base URL). Repeatable."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per source per line.")] = False,
    listing: Annotated[
        bool, typer.Option("--listing", help="Read search / category pages: every product card offered.")
    ] = False,
    version: VersionOption = False,
) -> None:
    """Read product pages and show the offer each one holds (with --listing: every offer a listing shows)."""
    import asyncio

    from shopper.cli import render
    from shopper.inspect import inspect_sources

    results = asyncio.run(inspect_sources(sources, url or [], listing=listing))
    out = render.console()
    err = render.error_console()
    failed = 0
    for result in results:
        if result.error:
            failed += 1
            err.print(f"[bold red]error:[/] {render.clean(render.one_line(result.error))}")
            continue
        if as_json:
            typer.echo(json.dumps(_listing_json(result) if listing else _as_json(result), ensure_ascii=False))
        elif listing:
            out.print(_listing_table(result))
        else:
            out.print(render.inspect_panel(result))
    if failed:
        raise fail(f"{failed} of {len(results)} source(s) could not be read", 3)


def _as_json(result: object) -> dict[str, object]:
    from shopper.inspect import InspectResult

    assert isinstance(result, InspectResult)
    offer = result.offer
    return {
        "source": result.source,
        "url": result.url,
        "title": offer.title if offer else None,
        "price": str(offer.price.amount) if offer and offer.price else None,
        "currency": offer.price.currency if offer and offer.price else None,
        "availability": offer.availability if offer else None,
        "sku": offer.sku if offer else None,
        "gtin": offer.gtin if offer else None,
        "mpn": offer.mpn if offer else None,
        "brand": offer.brand if offer else None,
        "variants": [v.model_dump(mode="json") for v in offer.variants] if offer else [],
        "notes": result.notes,
    }


def _listing_json(result: object) -> dict[str, object]:
    from shopper.inspect import InspectResult

    assert isinstance(result, InspectResult)
    found = result.listing
    offers = found.offers if found else []
    return {
        "source": result.source,
        "url": result.url,
        "offers": [
            {
                "title": o.title,
                "url": o.url,
                "price": str(o.price.amount) if o.price else None,
                "currency": o.price.currency if o.price else None,
                "list_price": str(o.list_price.amount) if o.list_price else None,
                "availability": o.availability,
                "image": o.images[0] if o.images else None,
            }
            for o in offers
        ],
        "next": found.next_url if found else None,
        "notes": result.notes,
    }


def _listing_table(result: object) -> object:
    """The offers of one listing page as a table; every scraped value escaped."""
    from rich.table import Table

    from shopper.cli.render import clean, money, one_line
    from shopper.inspect import InspectResult

    assert isinstance(result, InspectResult)
    found = result.listing
    title = clean(one_line(result.url or result.source, 100))
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("title")
    table.add_column("price", justify="right", no_wrap=True)
    table.add_column("was", justify="right", no_wrap=True, style="dim")
    table.add_column("stock", no_wrap=True)
    table.add_column("link", style="dim")
    for i, o in enumerate(found.offers if found else [], 1):
        table.add_row(
            str(i),
            clean(one_line(o.title, 90)),
            clean(money(o.price)) if o.price else "?",
            clean(money(o.list_price)) if o.list_price else "",
            clean(o.availability or ""),
            clean(one_line(o.url, 80)),
        )
    captions = [clean(one_line(n)) for n in result.notes]
    if found and found.next_url:
        captions.append("next page: " + clean(one_line(found.next_url, 120)))
    table.caption = "\n".join(captions) or None
    table.caption_justify = "left"
    return table
