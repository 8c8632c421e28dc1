"""`shopper inspect --listing`: the offers a listing page shows, as JSON and as an escaped table."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import fixture_path
from typer.testing import CliRunner

from shopper.cli.app import app

runner = CliRunner()
GARDEN = "hybris__TeamHG-Memex__baldur-garten-ch-search.html"


def test_listing_json_has_one_object_per_source() -> None:
    pages = [
        fixture_path("listings", GARDEN),
        fixture_path("listings", "miva__TeamHG-Memex__mypapershop-category.html"),
    ]
    result = runner.invoke(
        app,
        ["inspect", *map(str, pages), "--listing", "--json", "--url", "https://garden.example/search?page=8"],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["source"] for line in lines] == [str(p) for p in pages]
    first = lines[0]
    assert set(first) == {"source", "url", "offers", "next", "notes"}
    assert first["url"] == "https://garden.example/search?page=8"
    assert len(first["offers"]) >= 30
    offer = first["offers"][0]
    assert set(offer) == {"title", "url", "price", "currency", "list_price", "availability", "image"}
    assert offer["url"].startswith("https://garden.example/produkt/")
    assert (offer["price"], offer["currency"], offer["list_price"]) == ("44.95", "CHF", "46.15")
    assert isinstance(offer["image"], str) and offer["image"].startswith("https://garden.example/")
    # A saved file without --url still reads its cards (links resolve against the page's own links).
    assert lines[1]["url"] is None and len(lines[1]["offers"]) >= 20


HOSTILE = """<html lang="en"><body><ul class="grid">
<li><a href="/p/1">[bold red]Lamp[/] one</a> <span class="price">$10.00</span></li>
<li><a href="/p/2">[link=https://evil.example]Lamp two[/link]</a> <span class="price">$12.00</span></li>
<li><a href="/p/3">Lamp \x1b[2Jthree</a> <span class="price">$14.00</span></li>
</ul></body></html>"""


def test_listing_table_never_interprets_scraped_markup(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE, encoding="utf-8")
    result = runner.invoke(
        app,
        ["inspect", str(page), "--listing", "--url", "https://lamps.example/search"],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.output
    assert "[bold red]Lamp[/]" in result.output
    assert "[link=https://evil.example]" in result.output
    assert "\x1b" not in result.output
    json_result = runner.invoke(
        app, ["inspect", str(page), "--listing", "--json", "--url", "https://lamps.example/search"]
    )
    titles = [o["title"] for o in json.loads(json_result.output)["offers"]]
    assert titles[:2] == ["[bold red]Lamp[/] one", "[link=https://evil.example]Lamp two[/link]"]


def test_listing_without_cards_says_so(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><p>Nothing here</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(page), "--listing", "--json"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output)
    assert line["offers"] == [] and line["next"] is None
    assert any("no offers read" in note for note in line["notes"])
    assert any("web address is unknown" in note for note in line["notes"])
