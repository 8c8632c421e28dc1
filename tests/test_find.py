"""`find` end to end: real demo shops over HTTP on loopback, a real SQLite file, the CLI and its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.demo.catalog import shop_products
from shopper.demo.server import ShopServer
from shopper.models import Profile, ShopConfig
from shopper.pipeline import find
from shopper.report import SCHEMA_PATH
from shopper.shops.fetch import FetchSettings
from shopper.store.db import connect

runner = CliRunner()
SCHEMA = json.loads(SCHEMA_PATH.read_text())
PLATFORM = {"shopify": "shopify", "woocommerce": "woocommerce", "jsonld": "html", "microdata": "html"}


@pytest.fixture(scope="module")
def four_shops() -> Iterator[list[ShopServer]]:
    servers = [
        ShopServer(shop_products(i), flavor, name=f"Shop {flavor}")
        for i, flavor in enumerate(["shopify", "woocommerce", "jsonld", "microdata"])
    ]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


def profile_for(servers: list[ShopServer], **extra: object) -> Profile:
    shops = [
        ShopConfig(name=s.name, url=s.url, platform=PLATFORM[s.flavor], currency="EUR")  # type: ignore[arg-type]
        for s in servers
    ]
    return Profile(name="test", currency="EUR", shops=shops, **extra)  # type: ignore[arg-type]


class _Hanging(BaseHTTPRequestHandler):
    release = threading.Event()

    def do_GET(self) -> None:
        self.release.wait(30)
        self.send_response(503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hanging_shop() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hanging)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    _Hanging.release.set()
    httpd.shutdown()
    httpd.server_close()


async def test_find_ranks_offers_from_every_format(four_shops: list[ShopServer]) -> None:
    conn = connect()
    result = await find("trail running shoes size 44 under 150 euro", profile_for(four_shops), conn=conn)
    assert result.offers, result.warnings
    assert {r.offer.shop for r in result.offers} >= {"Shop shopify", "Shop woocommerce"}
    for ranked in result.offers:
        assert ranked.reasons
        assert ranked.offer.price is None or ranked.offer.price.currency == "EUR"
        assert ranked.offer.price is None or ranked.offer.price.amount <= Decimal("150")
    assert result.answer and result.answer[0] == result.offers[0].offer.url
    assert all(e.why for e in result.excluded)
    stored = conn.execute("SELECT count(*) FROM last_results").fetchone()[0]
    assert stored == 1


async def test_cheapest_answer_is_every_offer_tied_at_the_lowest_price(four_shops: list[ShopServer]) -> None:
    result = await find("cheapest headphones", profile_for(four_shops), conn=connect())
    assert result.query.intent == "cheapest"
    answer = [r for r in result.offers if r.offer.url in result.answer]
    assert answer
    lowest = min(r.offer.price.amount for r in answer if r.offer.price)
    assert all(r.offer.price and r.offer.price.amount == lowest for r in answer)


async def test_avoided_brand_and_shop_are_excluded_with_reasons(four_shops: list[ShopServer]) -> None:
    profile = profile_for(four_shops, brands_avoided=["Nike"], shops_avoided=["Shop jsonld"])
    result = await find("running shoes", profile, conn=connect())
    assert all((r.offer.brand or "").lower() != "nike" for r in result.offers)
    assert all(r.offer.shop != "Shop jsonld" for r in result.offers)
    assert any("nike" in e.why.lower() for e in result.excluded)


async def test_a_failing_and_a_hanging_shop_do_not_hold_up_the_others(
    four_shops: list[ShopServer], hanging_shop: str
) -> None:
    profile = profile_for(four_shops[:2])
    profile.shops.append(
        ShopConfig(name="Down", url="http://127.0.0.1:9", platform="shopify", currency="EUR")
    )
    profile.shops.append(ShopConfig(name="Stuck", url=hanging_shop, platform="html", currency="EUR"))
    settings = FetchSettings(
        cache_path=None, connect_timeout=1.0, read_timeout=60, total_timeout=60, max_retries=0
    )
    result = await find("headphones", profile, conn=connect(), deadline=5.0, fetch_settings=settings)
    assert result.offers
    assert any("Stuck" in w and "left out" in w for w in result.warnings)
    assert any("127.0.0.1:9" in w for w in result.warnings)


async def test_warm_run_uses_the_catalogue_mirror(four_shops: list[ShopServer]) -> None:
    conn = connect()
    profile = profile_for(four_shops[:2])
    first = await find("headphones", profile, conn=conn)
    before = sum(sum(s.requests.values()) for s in four_shops[:2])
    second = await find("headphones", profile, conn=conn)
    after = sum(sum(s.requests.values()) for s in four_shops[:2])
    assert [r.offer.url for r in first.offers] == [r.offer.url for r in second.offers]
    assert after - before <= 2  # at most a re-check, never a new catalogue listing


def test_cli_json_validates_against_the_schema(four_shops: list[ShopServer], tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    lines = ['name = "t"', 'currency = "EUR"']
    for s in four_shops:
        lines += [
            "[[shops]]",
            f'name = "{s.name}"',
            f'url = "{s.url}"',
            f'platform = "{PLATFORM[s.flavor]}"',
            'currency = "EUR"',
        ]
    profile.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["find", "waterproof jacket size M", "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, SCHEMA)
    assert payload["request"] == "waterproof jacket size M"
    assert payload["query"]["size"] == "M"


@pytest.mark.parametrize(
    ("request_text", "checks"),
    [
        (
            "rode hardloopschoenen maat 44 onder €60, geen Nike",
            {"size": "44", "colours": ["red"], "max": ("60", "EUR"), "not_brand": "nike"},
        ),
        (
            "billigste løpesko str. 44 under 1000 kroner",
            {"size": "44", "intent": "cheapest", "max": ("1000", "NOK")},
        ),
        (
            "vanntett regnjakke str. M maks 1500 kr",
            {"size": "M", "must": "waterproof", "max": ("1500", "NOK")},
        ),
    ],
)
def test_dutch_and_norwegian_requests_on_the_demo(request_text: str, checks: dict[str, object]) -> None:
    result = runner.invoke(app, ["find", request_text, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, SCHEMA)
    query = payload["query"]
    assert query["size"] == checks["size"]
    if "colours" in checks:
        assert query["colours"] == checks["colours"]
    if "intent" in checks:
        assert query["intent"] == checks["intent"]
    if "must" in checks:
        assert checks["must"] in query["must"]
    amount, currency = checks["max"]  # type: ignore[misc]
    assert Decimal(query["max_price"]["amount"]) == Decimal(amount)
    assert query["max_price"]["currency"] == currency
    if "not_brand" in checks:
        assert checks["not_brand"] in [b.lower() for b in query["exclude_brands"]]
        assert all("nike" not in o["title"].lower() for o in payload["offers"])
    assert payload["demo"] is True


def test_nothing_found_exits_zero_with_a_hint() -> None:
    result = runner.invoke(app, ["find", "zzqx unobtainium widget"])
    assert result.exit_code == 0, result.output
    assert "Nothing matched" in result.stdout


def test_empty_request_is_bad_input() -> None:
    result = runner.invoke(app, ["find", "  "])
    assert result.exit_code == 2
    assert "empty request" in result.stderr


def test_profile_typo_is_one_line_naming_file_line_and_field(tmp_path: Path) -> None:
    profile = tmp_path / "typo.toml"
    profile.write_text('name = "me"\ncurrency = "EUR"\n\n[budget]\nmax_per_itme = 100\n')
    result = runner.invoke(app, ["find", "shoes", "--profile", str(profile)])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert f"{profile}:5" in message
    assert "max_per_itme" in message
    assert "Traceback" not in result.output


def test_find_as_a_subprocess_prints_one_json_object(isolated_env: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shopper", "find", "noise cancelling headphones", "--json"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)  # exactly one object: json.loads rejects trailing text
    jsonschema.validate(payload, SCHEMA)
    assert payload["offers"]
    assert (isolated_env / "shopper.db").exists()


async def test_old_mirror_rows_are_rechecked_live_and_flagged_stale_when_they_cannot_be() -> None:
    server = ShopServer(shop_products(0), "shopify", name="Recheck Shop").start()
    profile = Profile(
        name="t",
        currency="EUR",
        shops=[ShopConfig(name=server.name, url=server.url, platform="shopify", currency="EUR")],
    )
    conn = connect()
    try:
        first = await find("headphones", profile, conn=conn)
        first_asked = server.requests.copy()
        top = first.offers[0].offer
        product = next(p for p in server.products if top.url.endswith("/products/" + p.slug))
        assert top.price is not None
        new_price = (top.price.amount - Decimal("7.00")).quantize(Decimal("0.01"))
        server.set_price(product.id, new_price)
        with conn:  # the mirror is still fresh, but these rows were read an hour ago
            conn.execute("UPDATE catalog_offers SET fetched_at = datetime('now', '-1 hour')")
        second = await find("headphones", profile, conn=conn)
        rechecked = next(r.offer for r in second.offers if r.offer.url == top.url)
        assert rechecked.price is not None and rechecked.price.amount == new_price
        assert not rechecked.stale
        asked_before = server.requests.copy()
        again = await find("headphones", profile, conn=conn)  # within the re-check age of those reads
        asked_again = server.requests - asked_before
        assert not asked_again.keys() & (asked_before - first_asked).keys(), asked_again
        kept = next(r.offer for r in again.offers if r.offer.url == top.url)
        assert kept.price is not None and kept.price.amount == new_price and not kept.stale

        with conn:
            conn.execute("UPDATE catalog_offers SET fetched_at = datetime('now', '-1 hour')")
        server.stop()
        third = await find("headphones", profile, conn=conn)
        assert third.offers and all(r.offer.stale for r in third.offers[:3])
        assert any("may be stale" in w for w in third.warnings)
    finally:
        conn.close()
        server.stop()


def test_a_demo_url_from_find_works_later_in_inspect() -> None:
    found = runner.invoke(app, ["find", "noise cancelling headphones", "--json"])
    assert found.exit_code == 0, found.output
    payload = json.loads(found.stdout)
    url = payload["answer"][0]
    offer = next(o for o in payload["offers"] if o["url"] == url)
    inspected = runner.invoke(app, ["inspect", url, "--json"])
    assert inspected.exit_code == 0, inspected.output
    row = json.loads(inspected.stdout)
    assert row["url"] == url
    assert row["price"] is not None and row["currency"] == offer["price"]["currency"]


def test_a_request_with_no_product_words_gets_a_hint() -> None:
    result = runner.invoke(app, ["find", "under 50 euro"])
    assert result.exit_code == 0, result.output
    assert "Say what you are looking for" in result.stdout


async def test_the_demo_shops_shipping_counts_in_landed_costs() -> None:
    from shopper.demo import ensure_demo_shops

    configs = {s.name: s for s in ensure_demo_shops()}
    result = await find(
        "jacket", Profile(name="t", currency="EUR"), fetch_settings=FetchSettings(cache_path=None)
    )
    assert result.demo
    checked = 0
    for r in result.offers:
        shop = configs[r.offer.shop]
        price = r.price
        if price is None or r.landed is None or price.currency != "EUR" or shop.currency != "EUR":
            continue
        if shop.free_shipping_over is not None and price.amount < shop.free_shipping_over and shop.shipping:
            assert r.landed.amount == price.amount + shop.shipping, (r.offer.title, r.reasons)
            assert not any(reason.startswith("+ liked shop") for reason in r.reasons)
            checked += 1
    assert checked > 0
