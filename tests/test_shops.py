"""Shop detection, the three built-in adapters and `shopper shops`, against real local shop servers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.demo.catalog import shop_products
from shopper.demo.server import ShopServer
from shopper.models import ShopConfig
from shopper.profiles import load_profile
from shopper.shops.adapters.base import get_adapter, platforms
from shopper.shops.detect import detect_shop
from shopper.shops.fetch import Fetcher, FetchSettings

runner = CliRunner()
FLAVORS = ["shopify", "woocommerce", "jsonld", "microdata"]


@pytest.fixture(scope="module")
def shops() -> Iterator[dict[str, ShopServer]]:
    servers = {f: ShopServer(shop_products(i), f, name=f"Shop {f}") for i, f in enumerate(FLAVORS)}
    for server in servers.values():
        server.start()
    yield servers
    for server in servers.values():
        server.stop()


def test_builtins_register_like_plugins() -> None:
    assert {"shopify", "woocommerce", "html"} <= set(platforms())


@pytest.mark.parametrize(
    ("flavor", "platform", "search_hint"),
    [
        ("shopify", "shopify", "/search"),
        ("woocommerce", "woocommerce", None),
        ("jsonld", "html", "/search?q="),
        ("microdata", "html", "/zoeken?q="),
    ],
)
async def test_detection(
    shops: dict[str, ShopServer], flavor: str, platform: str, search_hint: str | None
) -> None:
    async with Fetcher(FetchSettings()) as fetcher:
        found = await detect_shop(fetcher, shops[flavor].url)
    assert found.reachable and found.platform == platform
    if search_hint:
        assert found.search_url and search_hint in found.search_url
    assert found.sitemap_products > 0
    if platform != "html":
        assert found.currency == "EUR"


async def test_shopify_search_strips_tracking_and_reads_variants(shops: dict[str, ShopServer]) -> None:
    shop = ShopConfig(name="s", url=shops["shopify"].url, platform="shopify", currency="EUR")
    adapter = get_adapter("shopify")
    async with Fetcher(FetchSettings()) as fetcher:
        found = await adapter.search(fetcher, shop, "shoes")
        assert 0 < len(found) <= 10  # predictive search caps at 10
        assert all("_pos" not in o.url and "_ss" not in o.url for o in found)
        detailed = await adapter.product(fetcher, shop, found[0].url)
        catalogue = await adapter.catalogue(fetcher, shop)
    assert detailed is not None and detailed.price is not None and detailed.price.currency == "EUR"
    assert catalogue is not None and len(catalogue) == len(shops["shopify"].products)


async def test_woocommerce_search_needs_every_word(shops: dict[str, ShopServer]) -> None:
    shop = ShopConfig(name="w", url=shops["woocommerce"].url, platform="woocommerce")
    adapter = get_adapter("woocommerce")
    async with Fetcher(FetchSettings()) as fetcher:
        some = await adapter.search(fetcher, shop, "headphones")
        none = await adapter.search(fetcher, shop, "headphones zzqx")
        catalogue = await adapter.catalogue(fetcher, shop)
    assert some and not none
    assert all(o.price is not None and o.price.currency == "EUR" for o in some)
    assert catalogue is not None and len(catalogue) == len(shops["woocommerce"].products)


@pytest.mark.parametrize("flavor", ["jsonld", "microdata"])
async def test_html_search_follows_pages_and_sitemap(shops: dict[str, ShopServer], flavor: str) -> None:
    shop = ShopConfig(name="h", url=shops[flavor].url, platform="html", currency="EUR")
    adapter = get_adapter("html")
    async with Fetcher(FetchSettings()) as fetcher:
        found = await adapter.search(fetcher, shop, "shoes", limit=30)
        catalogue = await adapter.catalogue(fetcher, shop)
    assert len(found) > 12  # more than one results page was read
    assert len({o.url for o in found}) == len(found)
    assert all(o.price is not None for o in found)
    assert catalogue is not None and len(catalogue) == len(shops[flavor].products)


def test_shops_add_list_check_and_sync(shops: dict[str, ShopServer], tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('name = "me"\ncurrency = "EUR"\n')
    for flavor in FLAVORS:
        added = runner.invoke(app, ["shops", "add", shops[flavor].url, "--profile", str(profile)])
        assert added.exit_code == 0, added.output
    saved = load_profile(str(profile))
    assert [s.platform for s in saved.shops] == ["shopify", "woocommerce", "html", "html"]
    assert all(s.search_url for s in saved.shops if s.platform == "html")

    listed = runner.invoke(app, ["shops", "list", "--profile", str(profile)])
    assert listed.exit_code == 0 and all(shops[f].url in listed.stdout for f in FLAVORS)

    checked = runner.invoke(app, ["shops", "check", "--profile", str(profile)], env={"COLUMNS": "200"})
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.count("yes") >= 8  # reachable and search works, for every shop

    synced = runner.invoke(app, ["shops", "sync", "--profile", str(profile)])
    assert synced.exit_code == 0, synced.output
    assert synced.stdout.count("mirrored") == 4

    found = runner.invoke(app, ["find", "headphones", "--profile", str(profile), "--json"])
    payload = json.loads(found.stdout)
    assert payload["offers"] and not payload["demo"]


def test_shops_add_refuses_what_is_not_a_shop(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('name = "me"\n')
    result = runner.invoke(app, ["shops", "add", "ftp://example.org", "--profile", str(profile)])
    assert result.exit_code == 2 and "not an http(s) address" in result.stderr
    result = runner.invoke(app, ["shops", "add", "http://127.0.0.1:9", "--profile", str(profile)])
    assert result.exit_code == 4 and "cannot add" in result.stderr
    assert load_profile(str(profile)).shops == []


def test_shops_add_never_rewrites_a_bundled_example(shops: dict[str, ShopServer], isolated_env: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "profiles" / "norway.toml"
    before = example.read_text()
    result = runner.invoke(app, ["shops", "add", shops["shopify"].url, "--profile", "norway"])
    assert result.exit_code == 0, result.output
    assert example.read_text() == before
    copy = isolated_env / "profiles" / "norway.toml"
    assert [s.url for s in load_profile(str(copy)).shops] == [shops["shopify"].url]
    assert load_profile("norway").source_path == str(copy)  # the user's copy wins from now on


async def test_http_cache_revalidates_with_etag_instead_of_refetching(tmp_path: Path) -> None:
    """A warm request asks 'still "v1"?' and the shop's 304 is answered from the cache (hishel's RFC mode)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            asked.append(self.headers.get("If-None-Match"))
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            body = b"<p>results</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("ETag", '"v1"')
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/search?q=x"
    try:
        pages = []
        for _ in range(2):
            async with Fetcher(FetchSettings(cache_path=tmp_path / "http.sqlite")) as fetcher:
                pages.append(await fetcher.get(url))
    finally:
        server.shutdown()
        server.server_close()
    assert asked == [None, '"v1"']
    assert pages[1] is not None and pages[1].from_cache and pages[1].text == "<p>results</p>"
