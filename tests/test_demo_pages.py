"""The demo shops publish shipping, variants and images the way each platform does, over real HTTP."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from PIL import Image

import shopper.demo as demo
from shopper.demo.catalog import shop_products
from shopper.demo.images import rgb_of
from shopper.demo.server import ShopServer
from shopper.demo.shopdata import ShopProduct


def _serve(index: int) -> ShopServer:
    shop = demo.DEMO_SHOPS[index]
    return ShopServer(
        shop_products(index),
        shop.flavor,
        name=shop.name,
        currency=shop.currency,
        lang=shop.lang,
        shipping=shop.shipping,
        free_shipping_over=shop.free_shipping_over,
    )


@pytest.fixture(scope="module")
def shops() -> Iterator[list[ShopServer]]:
    servers = [_serve(i).start() for i in range(len(demo.DEMO_SHOPS))]
    yield servers
    for s in servers:
        s.stop()


def get(server: ShopServer, path: str) -> httpx.Response:
    resp = httpx.get(server.url + path, timeout=10)
    assert resp.status_code == 200, path
    return resp


def _jsonld(html: str) -> list[dict[str, object]]:
    blocks = re.findall(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.S)
    return [json.loads(b) for b in blocks]


def _coloured(server: ShopServer, *, sold_out_too: bool = False) -> ShopProduct:
    """A product in several colours (and sizes), optionally with a sold-out variant."""
    for p in server.products:
        colours = {v.options.get("Color") for v in p.variants} - {None}
        many = len(colours) >= 3 and "Size" in p.variants[0].options
        if many and (not sold_out_too or any(not v.in_stock for v in p.variants)):
            return p
    raise AssertionError("no product in several colours")


def test_shopify_variants_images_and_shipping(shops: list[ShopServer]) -> None:
    s = shops[0]
    p = _coloured(s, sold_out_too=True)
    js = get(s, f"/products/{p.slug}.js").json()
    assert [o["name"] for o in js["options"]] == ["Size", "Color"]
    srcs = {v["option2"]: v["featured_image"]["src"] for v in js["variants"]}
    assert len(set(srcs.values())) == len(srcs) >= 3  # one image per colour
    assert all(v["available"] in (True, False) and v["option1"] for v in js["variants"])
    listed = next(x for x in get(s, "/products.json?limit=250").json()["products"] if x["handle"] == p.slug)
    assert all(img["variant_ids"] for img in listed["images"])
    sold = next(v for v in p.variants if not v.in_stock)
    page = get(s, f"/products/{p.slug}?variant={sold.id}").text
    assert f'<option value="{sold.id}" disabled="disabled" selected="selected">' in page
    assert "Shipping €4.95, free over €75.00" in page
    offers = _jsonld(page)[0]["offers"]
    assert isinstance(offers, list)
    for offer in offers:
        rate = offer["shippingDetails"]["shippingRate"]
        free = Decimal(str(offer["price"])) >= Decimal(75)
        assert rate["currency"] == "EUR" and Decimal(rate["value"]) == (0 if free else Decimal("4.95"))


def test_woocommerce_in_norwegian_kroner(shops: list[ShopServer]) -> None:
    s = shops[4]
    found = get(s, "/wp-json/wc/store/v1/products?search=genser&per_page=20").json()
    assert found and all(item["prices"]["currency_code"] == "NOK" for item in found)
    item = next(x for x in found if len(x["attributes"]) == 2)
    assert [a["taxonomy"] for a in item["attributes"]] == ["pa_size", "pa_color"]
    assert [a["name"] for a in item["attributes"]] == ["Størrelse", "Farge"]
    variation = get(s, f"/wp-json/wc/store/v1/products/{item['variations'][0]['id']}").json()
    assert variation["type"] == "variation" and len(variation["images"]) == 1
    assert variation["images"][0]["src"] in {i["src"] for i in item["images"]}
    page = get(s, f"/product/{item['slug']}/").text
    assert "Frakt kr 79,-, fri frakt over kr 1.000,-" in page


def test_jsonld_product_group_variants(shops: list[ShopServer]) -> None:
    s = shops[2]
    p = _coloured(s)
    data = _jsonld(get(s, f"/p/{p.slug}").text)[0]
    group = next(x for x in data.get("@graph", [data]) if x["@type"] == "ProductGroup")  # type: ignore[union-attr, index]
    assert group["variesBy"] == ["https://schema.org/size", "https://schema.org/color"]
    for variant in group["hasVariant"]:
        assert variant["size"] and variant["color"] and variant["image"].endswith(".png")
        assert variant["offers"]["shippingDetails"]["shippingRate"]["currency"] == "EUR"


def test_microdata_offer_names_and_sold_out_sizes(shops: list[ShopServer]) -> None:
    s = shops[3]
    p = _coloured(s, sold_out_too=True)
    html = get(s, f"/artikel/{p.slug}").text
    names = re.findall(r'itemprop="name">([^<]+)</span>', html)
    assert any(re.fullmatch(r"\w+ / (XS|S|M|L|XL|XXL|\d+)", n) for n in names)  # "Rood / M"
    assert html.count('itemtype="https://schema.org/OfferShippingDetails"') == len(p.variants)
    assert "Verzendkosten € 6,95, gratis verzending vanaf € 60,00" in html
    shoe = next(x for x in s.products if x.options and x.options[0][0] == "Size" and len(x.options) == 1)
    shoe_html = get(s, f"/artikel/{shoe.slug}").text
    assert re.search(r'itemprop="name">Maat \d+</span>', shoe_html)
    sold_sizes = {
        v.options["Size"]
        for v in shoe.variants
        if not any(w.in_stock for w in shoe.variants if w.options["Size"] == v.options["Size"])
    }
    for size in sold_sizes:
        assert f'<option value="{size}" disabled="disabled">{size} - uitverkocht</option>' in shoe_html
    pick = next(v for v in shoe.variants if v.in_stock)
    picked = get(s, f"/artikel/{shoe.slug}?v={pick.id}").text
    assert f'<option value="{pick.options["Size"]}" selected="selected">' in picked


def test_product_images_are_drawn_in_the_variant_colour_and_cached(
    shops: list[ShopServer], isolated_env: Path
) -> None:
    s = shops[0]
    p = _coloured(s)
    for path in p.images:
        resp = get(s, path)
        assert resp.headers["content-type"] == "image/png"
        img = Image.open(io.BytesIO(resp.content)).convert("RGB")
        shape, colour, _ = p.art[path]
        assert img.size == (256, 256) and shape in ("sweater", "shirt", "jacket", "trousers", "dress")
        # The middle of the garment carries the variant's colour (plain products).
        if p.art[path][2] == "plain":
            assert img.getpixel((128, 150)) == rgb_of(colour)
    assert len(list((isolated_env / "demo").glob("images-v*/*.png"))) == len({p.art[x][1] for x in p.images})
    og = re.search(r'<meta property="og:image" content="([^"]+)"', get(s, f"/products/{p.slug}").text)
    assert og and og.group(1).endswith(p.images[0])
