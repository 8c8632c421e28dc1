"""`shopper inspect` through typer's CliRunner and, end to end, as a subprocess."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fixture_path
from typer.testing import CliRunner

from shopper import __version__
from shopper.cli.app import app

runner = CliRunner()

# What each real captured page says (read from the pages themselves; see fixtures/MANIFEST.md).
FIXTURE_TRUTH = {
    "cdio_itemprop_example_a_nested_price_trailing_comma.html": ("155.55", "AUD", None),
    "cdio_jsonld_capital_Offers_AggregateOffer_COP.html": ("8097000", "COP", "InStock"),
    "cdio_jsonld_hm_offer_array_PLUS_microdata.html": ("121.95", "EUR", "InStock"),
    "cdio_jsonld_medimops_website_plus_product_OutOfStock.html": ("121.95", "EUR", "OutOfStock"),
    "cdio_jsonld_typelist_capital_Offers.html": ("121.95", "EUR", "InStock"),
    "cdio_jsonld_unifi_priceSpecification.html": ("121.95", "USD", "InStock"),
    "extruct_fye_product_og_microdata.html": ("17.99", "USD", "InStock"),
    "extruct_monsterpetsupplies_microdata_aggregateoffer.html": ("5.29", "GBP", "InStock"),
    "extruct_schemaorg_product_microdata.html": ("119.99", "USD", "InStock"),
    "extruct_schemaorg_product_ref_microdata.html": ("119.99", "USD", "InStock"),
    "extruct_jsonld_with_js_comment.html": (None, None, None),
    "extruct_jsonld_with_control_characters.html": (None, None, None),
}


def test_every_fixture_page_is_listed() -> None:
    pages = {p.name for p in fixture_path().glob("*.html")}
    assert pages == set(FIXTURE_TRUTH)


@pytest.mark.parametrize("name", sorted(FIXTURE_TRUTH))
def test_inspect_json_on_real_pages(name: str) -> None:
    price, currency, availability = FIXTURE_TRUTH[name]
    result = runner.invoke(app, ["inspect", str(fixture_path(name)), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    row = json.loads(lines[0])
    assert set(row) >= {
        "source",
        "url",
        "title",
        "price",
        "currency",
        "availability",
        "sku",
        "gtin",
        "mpn",
        "brand",
        "variants",
        "notes",
    }
    assert (row["price"], row["currency"]) == (price, currency)
    if availability is not None:
        assert row["availability"] == availability


def test_inspect_several_sources_in_order_with_base_urls(tmp_path: Path) -> None:
    page = fixture_path("cdio_jsonld_unifi_priceSpecification.html")
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    result = runner.invoke(
        app,
        [
            "inspect",
            str(page),
            str(packed),
            "--url",
            "https://store.example/a",
            "--url",
            "https://store.example/b",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [r["source"] for r in rows] == [str(page), str(packed)]
    assert [r["price"] for r in rows] == ["121.95", "121.95"]
    assert rows[1]["url"] == "https://store.example/b"


def test_inspect_human_output_is_a_panel() -> None:
    result = runner.invoke(app, ["inspect", str(fixture_path("extruct_fye_product_og_microdata.html"))])
    assert result.exit_code == 0, result.output
    assert "17.99 USD" in result.stdout
    assert "InStock" in result.stdout


def test_missing_file_is_one_clear_line() -> None:
    result = runner.invoke(app, ["inspect", "/nonexistent/page.html"])
    assert result.exit_code == 3
    assert "no such file" in result.stderr
    assert "Traceback" not in result.output


def test_page_without_product_data_exits_zero(tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<html><head><title>Hello</title></head><body><p>nothing for sale</p></body></html>")
    result = runner.invoke(app, ["inspect", str(page), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["price"] is None


def test_garbage_bytes_and_damaged_gzip_do_not_crash(tmp_path: Path) -> None:
    junk = tmp_path / "junk.html"
    junk.write_bytes(b"\xff\xfe\x00<<<<\x80\x81 price \xe2\x82 12,99 \x00\x00")
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = runner.invoke(app, ["inspect", str(junk), "--json"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["inspect", str(broken)])
    assert result.exit_code == 3
    assert "damaged gzip" in result.stderr
    assert "Traceback" not in result.output


def test_scraped_text_cannot_drive_the_terminal(tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text(
        '<html><head><script type="application/ld+json">{"@type": "Product", '
        '"name": "Shoe \\u001b[2J\\u001b]0;pwned\\u0007 [bold red]x[/]", '
        '"offers": {"price": "10.00", "priceCurrency": "EUR"}}</script></head><body></body></html>'
    )
    result = runner.invoke(app, ["inspect", str(page)])
    assert result.exit_code == 0, result.output
    assert "\x1b[2J" not in result.stdout
    assert "\x07" not in result.stdout
    assert "[bold red]x[/]" in result.stdout  # shown literally, not interpreted as markup


def test_version_and_help_on_every_command() -> None:
    assert __version__ in runner.invoke(app, ["--version"]).stdout
    for command in (
        ["find"],
        ["inspect"],
        ["profile", "show"],
        ["profile", "validate"],
        ["profile", "init"],
        ["shops", "add"],
        ["shops", "check"],
        ["shops", "list"],
        ["shops", "sync"],
    ):
        helped = runner.invoke(app, [*command, "--help"])
        assert helped.exit_code == 0, (command, helped.output)
        assert "Usage" in helped.stdout
        versioned = runner.invoke(app, [*command, "--version"])
        assert versioned.exit_code == 0, (command, versioned.output)
        assert __version__ in versioned.stdout


def test_python_dash_m_end_to_end(tmp_path: Path) -> None:
    page = fixture_path("cdio_jsonld_medimops_website_plus_product_OutOfStock.html")
    done = subprocess.run(
        [sys.executable, "-m", "shopper", "inspect", str(page), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert (row["price"], row["currency"], row["availability"]) == ("121.95", "EUR", "OutOfStock")


def test_unreachable_url_and_unsupported_scheme_are_one_line_each() -> None:
    result = runner.invoke(app, ["inspect", "http://127.0.0.1:9/x", "ftp://example.org/page.html"])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("error: http://127.0.0.1:9/x: ConnectError")
    assert "ftp:// is not supported" in lines[1]
    assert "2 of 2 source(s) could not be read" in lines[2]
    assert "Traceback" not in result.output
