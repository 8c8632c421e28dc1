"""Hostile pages: absurdly nested JSON-LD never raises, and scraped rich markup is never interpreted."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from shopper.cli import render
from shopper.cli.app import app
from shopper.extract.listing import read_listing
from shopper.extract.page import extract_product
from shopper.extract.structured import json_depth, load_jsonld
from shopper.models import FindResult, Money, Offer, Query, RankedOffer

runner = CliRunner()
DEPTH = 50_000


def _deep_page() -> str:
    nested = '{"a":' * DEPTH + "1" + "}" * DEPTH
    deep_list = "[" * DEPTH + "]" * DEPTH
    product = '{"@context":"https://schema.org","@type":"Product","name":"Desk lamp","offers":' + nested + "}"
    return (
        '<html lang="de"><head>'
        f'<script type="application/ld+json">{product}</script>'
        f'<script type="application/ld+json">{deep_list}</script>'
        "</head><body><h1>Desk lamp</h1><p class='price'>24,95 €</p>"
        "<ul><li><a href='/p/1'>Lamp one</a> <span class='price'>10,00 €</span></li>"
        "<li><a href='/p/2'>Lamp two</a> <span class='price'>12,00 €</span></li></ul></body></html>"
    )


def test_depth_is_measured_without_recursion() -> None:
    assert json_depth("[" * DEPTH + "]" * DEPTH) > 64
    assert json_depth('{"a": "[[[[[[[[", "b": [1, {"c": 2}]}') == 3  # brackets inside strings do not count
    items, note = load_jsonld('{"a":' * DEPTH + "1" + "}" * DEPTH)
    assert items == [] and note is not None and "deeper" in note


def test_deep_jsonld_product_page_reads_the_rest() -> None:
    offer = extract_product(_deep_page(), "https://lamps.example/p/desk")
    assert offer is not None and offer.title == "Desk lamp"
    assert offer.price is not None and offer.price.amount == Decimal("24.95")
    assert any("deeper" in note for note in offer.notes)


def test_deep_jsonld_listing_page_reads_the_cards() -> None:
    listing = read_listing(_deep_page(), "https://lamps.example/search?q=lamp")
    assert [o.title for o in listing.offers] == ["Lamp one", "Lamp two"]


def test_deep_jsonld_through_inspect(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_deep_page(), encoding="utf-8")
    for extra in ([], ["--json"], ["--listing"], ["--listing", "--json"]):
        result = runner.invoke(app, ["inspect", str(page), "--url", "https://lamps.example/p/desk", *extra])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output and "RecursionError" not in result.output
    line = json.loads(runner.invoke(app, ["inspect", str(page), "--json"]).output)
    assert line["title"] == "Desk lamp"


HOSTILE_TITLES = ("[bold red]Red alert[/]", "[link=https://evil.example]Click me[/link]")


def test_inspect_panel_shows_markup_as_text(tmp_path: Path) -> None:
    page = tmp_path / "markup.html"
    ld = json.dumps({"@type": "Product", "name": HOSTILE_TITLES[1], "brand": HOSTILE_TITLES[0],
                     "offers": {"@type": "Offer", "price": "5.00", "priceCurrency": "EUR"}})  # fmt: skip
    page.write_text(
        f'<html><head><script type="application/ld+json">{ld}</script></head><body><h1>x</h1></body></html>',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["inspect", str(page)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    for title in HOSTILE_TITLES:
        assert title in result.output


def _ranked(title: str, url: str) -> RankedOffer:
    offer = Offer(url=url, title=title, shop="[red]shop[/]", price=Money(amount=Decimal("5"), currency="EUR"))
    return RankedOffer(offer=offer, score=1.0, reasons=["[blink]cheap[/]"], group="[i]group[/]")


def test_find_output_shows_markup_as_text() -> None:
    offers = [_ranked(t, f"https://shop.example/p/{i}") for i, t in enumerate(HOSTILE_TITLES)]
    result = FindResult(request="lamp", query=Query(text="lamp"), offers=offers, answer=[offers[0].offer.url])
    console = Console(record=True, width=400, color_system=None)
    console.print(render.find_table(result, 10))
    console.print(render.answer_text(result, offers))
    console.print(render.reasons_list(result, 10))
    text = console.export_text()
    for literal in (*HOSTILE_TITLES, "[red]shop[/]", "[blink]cheap[/]", "[i]group[/]"):
        assert literal in text, literal


def test_clean_escapes_markup_and_strips_control_characters() -> None:
    console = Console(record=True, width=200, color_system=None)
    for raw in ("[bold]x[/]", "tail\\", "\x1b[31mred\x1b[0m", "a\u202eb"):
        console.print(f"[yellow]{render.clean(raw)}[/] end")
    text = console.export_text()
    assert "[bold]x[/] end" in text and "tail\\ end" in text
    assert "\x1b" not in text and "\u202e" not in text and "[31mred[0m end" in text
