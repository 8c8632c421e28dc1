"""Tests of shopper.extract.shopify on real storefront captures and hand-written quirks."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from conftest import fixture_path

from shopper.extract.shopify import parse_product_js, parse_product_json, parse_products_json, parse_suggest
from shopper.models import Money
from shopper.normalize import normalize

BASE = "https://shop.example"


def _fixture(name: str) -> Any:
    return json.loads(fixture_path(name).read_text(encoding="utf-8"))


def _money(amount: str, currency: str) -> Money:
    return Money(amount=Decimal(amount), currency=currency)


# --- real captures ------------------------------------------------------------------------


def test_suggest_real_capture() -> None:
    offers = parse_suggest(_fixture("shopify_search_suggest_andieswim.json"), BASE, "USD")
    assert [o.title for o in offers] == [
        "The Valencia Bikini Top - Flat - Black",
        "The Maui Bikini Top - Eco Nylon - Mod Geo",
    ]
    valencia, maui = offers
    # Tracking parameters (_pos/_psq/_psid/_ss) are gone; the path is made absolute.
    assert valencia.url == f"{BASE}/products/the-valencia-top-flat-black"
    assert valencia.price == "62.00" and valencia.currency == "USD"
    assert valencia.list_price is None  # compare_at "0.00" means none
    assert maui.list_price == "72.00"
    assert valencia.category == "Bikini Top"  # `type`, not `product_type`
    assert valencia.brand == "Andie"
    assert valencia.availability == "InStock"
    assert valencia.variants == []
    assert valencia.images[0].startswith("https://cdn.shopify.com/")
    assert "color:Black" in valencia.tags


def test_suggest_without_currency_leaves_it_unknown() -> None:
    offers = parse_suggest(_fixture("shopify_search_suggest_andieswim.json"), BASE)
    assert all(o.currency is None for o in offers)
    offer = normalize(offers[0])
    assert offer is not None and offer.price is None
    assert offer.notes == ["price 62.00 found but its currency is unknown"]


def test_product_js_real_capture_cents() -> None:
    raw = parse_product_js(_fixture("shopify_product_js_andieswim_cents.json"), BASE, "USD")
    assert raw.price == "83.00" and raw.list_price == "138.00"
    assert raw.category == "One Piece"
    assert raw.url == f"{BASE}/products/the-amalfi-swim-dress-eco-nylon-poolside-paisley-classic"
    # featured_image is protocol-relative
    assert raw.images == [
        "https://cdn.shopify.com/s/files/1/0024/2289/8758/files/AO259-POPL_2496-front.webp?v=1777046266"
    ]
    assert len(raw.variants) == 7
    by_size = {v.options["Size"]: v for v in raw.variants}
    assert by_size["2X"].availability == "OutOfStock"
    assert by_size["XS"].availability == "InStock"
    assert by_size["XS"].options == {"Color": "POOLSIDE PAISLEY", "Size": "XS"}
    assert by_size["XS"].url == f"{raw.url}?variant=40716028248136"
    assert raw.availability == "InStock"
    offer = normalize(raw)
    assert offer is not None
    assert offer.price == _money("83.00", "USD")
    assert offer.list_price == _money("138.00", "USD")
    assert offer.variants[0].options == {"color": "POOLSIDE PAISLEY", "size": "XS"}


def test_collection_products_json_odd_options() -> None:
    data = _fixture("shopify_collection_products_json_andieswim_odd_options_trimmed.json")
    lotion, gel = parse_products_json(data, BASE, "USD")
    assert lotion.variants[0].options == {"Color": "ORIGINAL", "Size": "5.5 FL OZ", "Strength": "SPF30"}
    # The cheapest variant (24.00, SPF30) is sold out; the cheapest one can buy is also 24.00 (SPF50).
    assert lotion.price == "24.00"
    assert lotion.availability == "InStock"
    assert gel.variants[0].options == {"Product Size": "1.7 oz (50mL)", "Pack Size": "Individual"}
    two_pack = next(v for v in gel.variants if v.sku == "FF-IG-SPF40x2")
    assert two_pack.price == "48.00" and two_pack.list_price == "56.00"
    assert gel.price == "14.00" and gel.list_price is None
    offer = normalize(gel)
    assert offer is not None
    assert offer.variants[0].options == {"Product Size": "1.7 oz (50mL)", "Pack Size": "Individual"}


def test_products_json_untrimmed_default_title() -> None:
    data = _fixture("shopify_products_json_tokyopop_single_product_untrimmed.json")
    (raw,) = parse_products_json(data, "https://tokyopop.com/", "USD")
    assert raw.title == "Dramacon, Volume 2"
    assert raw.url == "https://tokyopop.com/products/9781427860828_dramacon-volume-2"
    assert raw.price == "7.99" and raw.list_price is None
    assert raw.sku == "9781427860828"
    assert raw.variants == []  # a lone "Default Title" variant is no choice
    assert raw.category == "eBook" and raw.brand == "Svetlana Chmakova"
    assert raw.description is not None and raw.description.startswith("<div>")
    offer = normalize(raw, shop="tokyopop")
    assert offer is not None
    assert offer.description is not None and offer.description.startswith("It's Christie's")
    assert offer.price == _money("7.99", "USD")


# --- hand-written quirks ------------------------------------------------------------------


def _product(**kw: Any) -> dict[str, Any]:
    product: dict[str, Any] = {
        "title": "Sneaker",
        "handle": "sneaker",
        "options": [{"name": "Maat", "position": 1, "values": ["42", "43"]}],
        "variants": [
            {"id": 1, "title": "42", "option1": "42", "price": "99.95", "compare_at_price": "99.95"},
            {"id": 2, "title": "43", "option1": "43", "price": "89.95", "compare_at_price": "120.00"},
        ],
    }
    product.update(kw)
    return product


def test_products_json_without_currency_and_without_available() -> None:
    (raw,) = parse_products_json({"products": [_product()]}, BASE)
    assert raw.currency is None
    assert raw.availability is None  # no `available` anywhere: unknown
    assert raw.variants[0].list_price is None  # compare_at equal to price is no discount
    assert raw.variants[1].list_price == "120.00"
    assert raw.price == "89.95" and raw.list_price == "120.00"
    assert raw.variants[0].options == {"Maat": "42"}


def test_all_variants_sold_out_means_out_of_stock() -> None:
    variants = [{"id": 1, "option1": "42", "price": "10.00", "available": False}]
    (raw,) = parse_products_json({"products": [_product(variants=variants)]}, BASE, "EUR")
    assert raw.availability == "OutOfStock"


def test_product_json_price_currency() -> None:
    product = _product()
    for v in product["variants"]:
        v["price_currency"] = "EUR"
    raw = parse_product_json({"product": product}, BASE)
    assert raw.currency == "EUR"
    offer = normalize(raw)
    assert offer is not None and offer.price == _money("89.95", "EUR")
    assert offer.variants[0].options == {"size": "42"}


def test_product_js_minor_units_and_images() -> None:
    data = _product(
        type="Shoes",
        price_min=8995,
        images=["//cdn.shopify.com/a.jpg"],
        featured_image="//cdn.shopify.com/a.jpg",
        variants=[{"id": 5, "option1": "42", "price": 8995, "compare_at_price": None, "available": True}],
    )
    raw = parse_product_js(data, BASE, "NOK")
    assert raw.price == "89.95" and raw.currency == "NOK"
    assert raw.images == ["https://cdn.shopify.com/a.jpg"]
    assert raw.category == "Shoes"


def test_suggest_quirks() -> None:
    data = {
        "resources": {
            "results": {
                "products": [
                    {
                        "title": "Cap",
                        "handle": "cap",
                        "url": "/products/cap?variant=7&_pos=1&_sid=ab&_ss=r&utm_source=x",
                        "price": "19.00",
                        "compare_at_price_min": "0.00",
                        "compare_at_price_max": "0.00",
                        "available": False,
                        "featured_image": {"url": "//cdn.shopify.com/cap.jpg"},
                        "variants": [],
                    },
                    {"title": "No url", "handle": "no-url", "price": "5.00"},
                    "junk",
                ]
            }
        }
    }
    cap, no_url = parse_suggest(data, BASE + "/", "GBP")
    assert cap.url == f"{BASE}/products/cap?variant=7"  # variant is not tracking
    assert cap.list_price is None
    assert cap.availability == "OutOfStock"
    assert cap.images == ["https://cdn.shopify.com/cap.jpg"]
    assert no_url.url == f"{BASE}/products/no-url"
    assert parse_suggest({"resources": {}}, BASE) == []
    assert parse_suggest([], BASE) == []
