"""The demo catalogue and ensure_demo_shops(), over real HTTP on 127.0.0.1."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import httpx
import pytest

import shopper.demo as demo
from shopper.demo.catalog import demo_catalog, master_id, shop_products
from shopper.demo.server import MARKER_PATH, ShopProduct, ShopServer
from shopper.errors import ShopError


def get(server: ShopServer, path: str, **params: object) -> httpx.Response:
    return httpx.get(server.url + path, params=params or None, timeout=10)  # type: ignore[arg-type]


# --- the demo catalogue -------------------------------------------------------------------------


def _ean_ok(code: str) -> bool:
    digits = [int(c) for c in code]
    return len(digits) == 13 and sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def test_demo_catalogue_is_deterministic_and_overlaps() -> None:
    cat = demo_catalog()
    assert 200 <= len(cat) <= 400
    assert [(p.title, p.price) for p in cat] == [(p.title, p.price) for p in demo_catalog()]
    assert all(_ean_ok(p.gtin) for p in cat if p.gtin) and sum(1 for p in cat if p.gtin) > 100
    assert any(p.brand == "Sony" and "WH-1000XM5" in p.title for p in cat)
    cats = {p.category for p in cat}
    assert {"Running Shoes", "Trail Running Shoes", "Rain Jackets", "Jeans", "SSDs", "Graphics Cards"} <= cats
    shops = [shop_products(i) for i in range(4)]
    per_master: dict[int, list[ShopProduct]] = {}
    for listing in shops:
        assert len({p.slug for p in listing}) == len(listing)
        for p in listing:
            per_master.setdefault(master_id(p), []).append(p)
    multi = [ps for ps in per_master.values() if len(ps) >= 2]
    assert len(multi) > 80 and sum(len(ps) == 4 for ps in per_master.values()) >= 10
    assert any(len({p.title for p in ps}) == len(ps) and len({p.price for p in ps}) > 1 for ps in multi)
    gtins = [{p.gtin for p in ps if p.gtin} for ps in multi]
    assert all(len(g) <= 1 for g in gtins)  # a product keeps its GTIN in every shop that publishes one
    assert any("Regnjakke" in p.title for p in shops[3]) and any(
        "hardloopschoenen" in p.description for p in shops[3]
    )
    assert any(not p.in_stock for p in shops[0]) and any(p.regular_price for p in shops[0])
    shoes = [p for p in shops[0] if p.category == "Trail Running Shoes"]
    assert any(any(not v.in_stock for v in p.variants) and p.in_stock for p in shoes)


def test_demo_catalogue_served_by_shopify() -> None:
    with ShopServer(shop_products(0), "shopify", name="Trailhead") as s:
        found = get(s, "/search/suggest.json", q="speedgoat").json()["resources"]["results"]["products"]
        assert 1 <= len(found) <= 10 and all("Speedgoat" in p["title"] for p in found)
        total = sum(len(get(s, "/products.json", limit=250, page=n).json()["products"]) for n in (1, 2))
        assert total == len(shop_products(0))


# --- ensure_demo_shops -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def demo_ports(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[demo.DemoShop]]:
    shops = [
        demo.DemoShop(d.index, d.name, d.flavor, _free_port(), d.currency, d.lang) for d in demo.DEMO_SHOPS
    ]
    monkeypatch.setattr(demo, "DEMO_SHOPS", shops)
    monkeypatch.setattr(demo, "_servers", {})
    yield shops
    demo.stop_demo_shops()


def test_ensure_demo_shops_is_idempotent(demo_ports: list[demo.DemoShop]) -> None:
    configs = demo.ensure_demo_shops()
    assert [c.name for c in configs] == [d.name for d in demo_ports]
    assert {c.platform for c in configs} == {"shopify", "woocommerce", "html"}
    servers = demo.demo_servers()
    assert demo.ensure_demo_shops() == configs and demo.demo_servers() == servers
    for cfg, shop in zip(configs, demo_ports, strict=True):
        assert cfg.url == f"http://127.0.0.1:{shop.port}" and demo.is_demo_url(cfg.url + "/products.json")
        assert httpx.get(cfg.url + MARKER_PATH).json()["shopper_demo"] == shop.name
    assert not demo.is_demo_url("https://example.com/products.json")
    html_shop = next(c for c in configs if c.search_url and "zoeken" in c.search_url)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/zoeken\?q=\{query\}", html_shop.search_url or "")


def test_ensure_demo_shops_reuses_another_process_and_rejects_strangers(
    demo_ports: list[demo.DemoShop],
) -> None:
    first = demo_ports[0]
    # A demo shop of "another shopper process": same name on the port, not started by ensure_demo_shops.
    with ShopServer([], first.flavor, name=first.name, port=first.port):
        demo.ensure_demo_shops()
        assert first.port not in demo.demo_servers()
    demo.stop_demo_shops()
    with socket.socket() as stranger:
        stranger.bind(("127.0.0.1", demo_ports[1].port))
        stranger.listen()
        with pytest.raises(ShopError, match=f"port {demo_ports[1].port}"):
            demo.ensure_demo_shops()
