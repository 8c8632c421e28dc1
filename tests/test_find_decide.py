"""find end to end over Shopify-format storefronts on loopback: sizes and variants decide the answer,
sold out everywhere, compare, --limit in --json and links in the human output."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.decide.variants import variant_colour
from shopper.models import Profile, ShopConfig
from shopper.pipeline import find
from shopper.report import SCHEMA_PATH
from shopper.store.db import connect
from tests.shopify_shop import Item, ShopifyShop

runner = CliRunner()
SHOE_SIZES = ["42", "43", "44", "45"]


def _shoe(handle: str, title: str, sizes: list[str], stock: dict[str, bool], cents: dict[str, int]) -> Item:
    variants = [([s], cents.get(s, 12900), stock.get(s, True)) for s in sizes]
    return Item(handle, title, title.split()[0], ["Size"], variants)


@pytest.fixture(scope="module")
def shops() -> Iterator[list[ShopifyShop]]:
    a = ShopifyShop(
        [
            _shoe("ridge-m", "Ridgeline Trail Shoe Men's", SHOE_SIZES, {}, {"44": 11900}),
            _shoe("ridge-w", "Ridgeline Trail Shoe Women's", ["38", "39", "40", "41", "42"], {}, {}),
            _shoe("canyon", "Canyon Trail Shoe", SHOE_SIZES, {"44": True}, {"44": 9900}),
            Item(
                "drizzle",
                "Drizzle Rain Jacket",
                "Wetland",
                ["Size", "Color"],
                [(["M", "Black"], 8900, False), (["L", "Black"], 8900, True)],
            ),
            Item(
                "squall",
                "Squall Rain Jacket",
                "Wetland",
                ["Maat", "Kleur"],
                [(["M", "Zwart"], 7900, True), (["M", "Rood"], 7500, True)],
            ),
        ]
    ).start()
    b = ShopifyShop(
        [
            _shoe("ridgeline-men", "Ridgeline Trail Shoe Men's", SHOE_SIZES, {"44": False}, {}),
            Item(
                "drizzle-rain",
                "Drizzle Rain Jacket",
                "Wetland",
                ["Size"],
                [(["S"], 9200, True), (["M"], 9200, False)],
                body="Taped seams. Not waterproof, only showerproof.",
            ),
        ]
    ).start()
    yield [a, b]
    a.close()
    b.close()


def profile_for(shops: list[ShopifyShop]) -> Profile:
    configs = [
        ShopConfig(name=f"Shop {n}", url=s.url, platform="shopify", currency="EUR")
        for n, s in enumerate(shops)
    ]
    return Profile(name="t", currency="EUR", shops=configs)


def profile_file(shops: list[ShopifyShop], tmp_path: Path) -> Path:
    lines = ['name = "t"', 'currency = "EUR"']
    for n, s in enumerate(shops):
        lines += [
            "[[shops]]",
            f'name = "Shop {n}"',
            f'url = "{s.url}"',
            'platform = "shopify"',
            'currency = "EUR"',
        ]
    path = tmp_path / "p.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


async def test_size_in_stock_decides_and_the_shown_variant_is_that_size(shops: list[ShopifyShop]) -> None:
    result = await find("Ridgeline trail shoe size 44", profile_for(shops), conn=connect(), use_mirror=False)
    men_a = next(r for r in result.offers if r.offer.url.startswith(shops[0].url + "/products/ridge-m"))
    assert result.answer[0] == men_a.offer.url
    item = shops[0].items[0]
    assert men_a.url == f"{shops[0].url}/products/ridge-m?variant={item.ids[2]}"
    assert men_a.price is not None and str(men_a.price.amount) == "119.00"
    why = {e.url.rsplit("/", 1)[-1]: e.why for e in result.excluded}
    assert why["ridge-w"] == "no size 44"  # the women's model is another product
    assert why["ridgeline-men"] == "size 44 sold out"
    assert result.sold_out is None


async def test_sold_out_everywhere_answers_with_a_similar_product(shops: list[ShopifyShop]) -> None:
    result = await find("Drizzle rain jacket size M", profile_for(shops), conn=connect(), use_mirror=False)
    assert result.sold_out is not None and result.sold_out.size == "M"
    gone = {e.url.rsplit("/", 1)[-1]: e.sizes_in_stock for e in result.sold_out.offers}
    assert gone == {"drizzle": ["L"], "drizzle-rain": ["S"]}
    answer = [r for r in result.offers if r.offer.url in result.answer]
    assert answer and all("squall" in r.offer.url for r in answer)


def test_cli_sold_out_shows_the_restock_line_and_links(shops: list[ShopifyShop], tmp_path: Path) -> None:
    path = profile_file(shops, tmp_path)
    result = runner.invoke(app, ["find", "Drizzle rain jacket size M", "--profile", str(path), "--live"])
    assert result.exit_code == 0, result.output
    assert "sold out everywhere" in result.stdout
    lines = {
        f"shopper watch add {s.url}/products/{h} --restock --size M"
        for s, h in zip(shops, ["drizzle", "drizzle-rain"], strict=True)
    }
    assert any(line in result.stdout for line in lines), result.stdout
    assert "127.0.0.1" in result.stdout and "/products/squ" in result.stdout  # the link is shown


async def test_a_denied_attribute_is_not_a_match(shops: list[ShopifyShop]) -> None:
    result = await find(
        "waterproof Drizzle rain jacket", profile_for(shops), conn=connect(), use_mirror=False
    )
    why = {e.url.rsplit("/", 1)[-1]: e.why for e in result.excluded}
    assert "says not waterproof" in why["drizzle-rain"]


async def test_colour_is_claimed_only_for_the_variant_that_has_it(shops: list[ShopifyShop]) -> None:
    result = await find("red Squall rain jacket size M", profile_for(shops), conn=connect(), use_mirror=False)
    best = next(r for r in result.offers if r.offer.url == result.answer[0])
    assert best.matched_variant is not None and variant_colour(best.matched_variant) == "red"
    assert best.price is not None and str(best.price.amount) == "75.00"


def test_compare_answers_the_best_of_each_side_by_side(shops: list[ShopifyShop], tmp_path: Path) -> None:
    path = profile_file(shops, tmp_path)
    args = [
        "find",
        "compare Ridgeline trail shoe and Canyon trail shoe size 44",
        "--profile",
        str(path),
        "--live",
    ]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, json.loads(SCHEMA_PATH.read_text()))
    assert payload["query"]["intent"] == "compare" and len(payload["query"]["items"]) == 2
    answered = {o["url"].rsplit("/", 1)[-1]: o for o in payload["offers"] if o["url"] in payload["answer"]}
    assert set(answered) == {"ridge-m", "canyon"}
    assert {o["item"] for o in answered.values()} == {0, 1}
    human = runner.invoke(app, [*args], env={"COLUMNS": "160"})
    assert human.exit_code == 0, human.output
    assert "compared:" in human.stdout and "size 44 in stock" in human.stdout


def test_limit_applies_to_json(shops: list[ShopifyShop], tmp_path: Path) -> None:
    path = profile_file(shops, tmp_path)
    result = runner.invoke(app, ["find", "trail shoe", "--profile", str(path), "--live", "--json", "-n", "1"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert 1 <= len(payload["offers"]) <= 1 + len(payload["answer"])
    assert all(u in {o["url"] for o in payload["offers"]} for u in payload["answer"])


def test_help_shows_readable_metavars() -> None:
    result = runner.invoke(app, ["find", "--help"], env={"COLUMNS": "120"})
    assert "REQUEST" in result.stdout and "PATH" in result.stdout and " N " in result.stdout
    assert "TEXT" not in result.stdout and "INTEGER" not in result.stdout


class _Slow(BaseHTTPRequestHandler):
    asked = threading.Event()
    release = threading.Event()

    def do_GET(self) -> None:
        _Slow.asked.set()
        _Slow.release.wait(30)
        self.send_response(503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_ctrl_c_during_find_is_one_line_and_exit_130(tmp_path: Path) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True).start()
    path = tmp_path / "slow.toml"
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    path.write_text(f'name = "t"\n[[shops]]\nname = "Slow"\nurl = "{url}"\nplatform = "shopify"\n')
    proc = subprocess.Popen(
        [sys.executable, "-m", "shopper", "find", "trail shoes", "--profile", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _Slow.asked.wait(30), "the shop was never asked"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        _Slow.release.set()
        httpd.shutdown()
        httpd.server_close()
    assert proc.returncode == 130
    assert err.strip() == "error: interrupted", err
    assert "Traceback" not in err + out and "never retrieved" not in err
