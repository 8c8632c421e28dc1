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
    version: VersionOption = False,
) -> None:
    """Read product pages and show the offer each one holds."""
    import asyncio

    from shopper.cli import render
    from shopper.inspect import inspect_sources

    results = asyncio.run(inspect_sources(sources, url or []))
    out = render.console()
    err = render.error_console()
    failed = 0
    for result in results:
        if result.error:
            failed += 1
            err.print(f"[bold red]error:[/] {render.clean(render.one_line(result.error))}")
            continue
        if as_json:
            typer.echo(json.dumps(_as_json(result), ensure_ascii=False))
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
