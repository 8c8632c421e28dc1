"""JSON-LD layer: the real fixture quirks and hand-written pages for every FORMATS.md case."""

from __future__ import annotations

import json

import pytest
from _extract_helpers import BASE, ld_page, structured_of
from conftest import fixture_path

from shopper.extract import jsonld


def _products(html: str, url: str = BASE) -> list:
    return jsonld.products(structured_of(html, url).jsonld, url)


def _fixture(name: str) -> str:
    return fixture_path(name).read_text(encoding="utf-8")


def test_type_list_and_capital_offers() -> None:
    [p] = _products(_fixture("cdio_jsonld_typelist_capital_Offers.html"))
    assert (p.title, p.price, p.currency) == ("My test product", "121.95", "EUR")
    assert p.availability == "http://schema.org/InStock"


def test_price_only_in_price_specification_and_image_object() -> None:
    [p] = _products(_fixture("cdio_jsonld_unifi_priceSpecification.html"))
    assert (p.price, p.currency, p.sku, p.brand) == ("121.95", "USD", "UX", "Ubiquiti")
    assert p.images == [
        "https://cdn.ecomm.ui.com/products/4ed25b4c-db92-4b98-bbf3-b0989f007c0e/123417a2-895e-49c7-ba04-b6cd8f6acc03.png"
    ]


def test_offer_array_and_entity_in_json_string() -> None:
    [p] = _products(_fixture("cdio_jsonld_hm_offer_array_PLUS_microdata.html"))
    assert (p.title, p.price, p.currency, p.sku) == ("Polo MuscleFit", "121.95", "EUR", "0957102010")
    assert p.availability == "http://schema.org/InStock"


def test_entities_are_unescaped() -> None:
    block = json.dumps({"@type": "Product", "name": "Tom &amp; Jerry", "brand": {"name": "H&amp;M"}})
    [p] = _products(ld_page(block))
    assert (p.title, p.brand) == ("Tom & Jerry", "H&M")


def test_website_block_is_skipped_and_bare_out_of_stock_kept() -> None:
    [p] = _products(_fixture("cdio_jsonld_medimops_website_plus_product_OutOfStock.html"))
    assert p.availability == "OutOfStock"
    assert p.gtin == "9780002551328"
    assert p.brand == "Patrick Robinson"
    assert p.sku is None  # productID "isbn:..." is a GTIN, not a SKU


def test_aggregate_offer_with_nested_offers_cop() -> None:
    [p] = _products(_fixture("cdio_jsonld_capital_Offers_AggregateOffer_COP.html"))
    assert (p.price, p.currency, p.availability) == ("8097000", "COP", "http://schema.org/InStock")
    assert (p.sku, p.mpn, p.brand) == ("22222", "111111", "APPLE")


def test_trailing_comma_block_is_recovered() -> None:
    [p] = _products(_fixture("cdio_itemprop_example_a_nested_price_trailing_comma.html"))
    assert (p.title, p.price, p.currency) == ("test", "155.55", "AUD")


def test_js_comments_are_recovered_by_extruct() -> None:
    data = structured_of(_fixture("extruct_jsonld_with_js_comment.html"))
    assert data.jsonld[0]["@type"] == "NewsArticle"
    assert _products(_fixture("extruct_jsonld_with_js_comment.html")) == []


def test_raw_newlines_inside_strings() -> None:
    data = structured_of(_fixture("extruct_jsonld_with_control_characters.html"))
    assert data.jsonld[0]["data"].startswith("line 1")


def test_tolerant_fallback_for_glued_blocks_and_block_comments() -> None:
    broken = (
        '/* generated */ {"@type": "Product", "name": "A", '
        '"offers": {"price": "5.00", "priceCurrency": "EUR",},}'
        '{"@type": "Organization", "name": "Shop"}'
    )
    good = json.dumps({"@type": "WebSite", "name": "Shop"})
    data = structured_of(ld_page(broken, good))
    assert "recovered a malformed JSON-LD block" in data.notes
    [p] = jsonld.products(data.jsonld, BASE)
    assert (p.title, p.price, p.currency) == ("A", "5.00", "EUR")
    assert any(item.get("@type") == "WebSite" for item in data.jsonld)


def test_graph_wrapper_and_list_of_blocks() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "page"},
            {
                "@type": "Product",
                "name": "Boot",
                "offers": {"@type": "Offer", "price": 10, "priceCurrency": "EUR"},
            },
        ],
    }
    [p] = _products(ld_page(json.dumps(graph)))
    assert (p.title, p.price) == ("Boot", "10")
    listed = [{"@type": "BreadcrumbList"}, {"@type": "Product", "name": "Hat", "offers": {"price": "3.5"}}]
    [q] = _products(ld_page(json.dumps(listed)))
    assert (q.title, q.price) == ("Hat", "3.5")


def test_sale_price_and_list_price_in_price_specification() -> None:
    block = {
        "@type": "Product",
        "name": "Mug",
        "offers": [
            {
                "@type": "Offer",
                "priceSpecification": [
                    {"@type": "UnitPriceSpecification", "price": "8.00", "priceCurrency": "EUR"},
                    {
                        "@type": "UnitPriceSpecification",
                        "priceType": "https://schema.org/ListPrice",
                        "price": "10.00",
                        "priceCurrency": "EUR",
                    },
                ],
            }
        ],
    }
    [p] = _products(ld_page(json.dumps(block)))
    assert (p.price, p.list_price, p.currency) == ("8.00", "10.00", "EUR")


def test_aggregate_offer_low_price() -> None:
    block = {
        "@type": "Product",
        "name": "Tee",
        "offers": {"@type": "AggregateOffer", "lowPrice": "12.5", "highPrice": "20"},
    }
    [p] = _products(ld_page(json.dumps(block)))
    assert p.price == "12.5"


def test_product_group_variants_and_page_variant() -> None:
    group = {
        "@type": "ProductGroup",
        "name": "Runner",
        "brand": "Acme",
        "variesBy": ["size"],
        "hasVariant": [
            {
                "@type": "Product",
                "sku": "R-42",
                "size": "42",
                "url": "https://shop.example/p/1?variant=42",
                "offers": {
                    "price": "90.00",
                    "priceCurrency": "EUR",
                    "availability": "https://schema.org/OutOfStock",
                },
            },
            {
                "@type": "Product",
                "sku": "R-44",
                "size": "44",
                "gtin13": "4006381333931",
                "url": "https://shop.example/p/1?variant=44",
                "offers": {
                    "price": "95.00",
                    "priceCurrency": "EUR",
                    "availability": "https://schema.org/InStock",
                },
            },
        ],
    }
    [p] = _products(ld_page(json.dumps(group)), "https://shop.example/p/1?variant=44")
    assert [v.sku for v in p.variants] == ["R-42", "R-44"]
    assert p.variants[1].options == {"size": "44"} and p.variants[1].gtin == "4006381333931"
    assert (p.price, p.availability) == ("95.00", "https://schema.org/InStock")
    [first] = _products(ld_page(json.dumps(group)))
    assert first.price == "90.00"


def test_several_offers_available_when_any_is() -> None:
    block = {
        "@type": "Product",
        "name": "Shoe",
        "offers": [
            {"price": "50", "priceCurrency": "EUR", "availability": "OutOfStock", "sku": "S1"},
            {"price": "50", "priceCurrency": "EUR", "availability": "InStock", "sku": "S2"},
        ],
    }
    [p] = _products(ld_page(json.dumps(block)))
    assert p.availability == "InStock"
    assert [v.sku for v in p.variants] == ["S1", "S2"]


@pytest.mark.parametrize("key", ["gtin8", "gtin12", "gtin13", "gtin14"])
def test_gtin_keys(key: str) -> None:
    [p] = _products(ld_page(json.dumps({"@type": "Product", "name": "G", key: "12345670"})))
    assert p.gtin == "12345670"


def test_brand_rating_shipping_mpn() -> None:
    block = {
        "@type": "Product",
        "name": "Lamp",
        "brand": "Lumo",
        "mpn": "L-1",
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.6", "reviewCount": "31"},
        "offers": {
            "price": "20.00",
            "priceCurrency": "GBP",
            "shippingDetails": {"shippingRate": {"value": "3.95", "currency": "GBP"}},
        },
    }
    [p] = _products(ld_page(json.dumps(block)))
    assert (p.brand, p.mpn, p.rating, p.rating_count, p.shipping) == ("Lumo", "L-1", "4.6", "31", "3.95 GBP")


def test_item_list_on_listing_pages() -> None:
    listing = {
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "item": {"@type": "Product", "name": "A", "url": "/a", "offers": {"price": "1"}},
            },
            {"@type": "ListItem", "position": 2, "url": "https://shop.example/b", "name": "B"},
        ],
    }
    data = structured_of(ld_page(json.dumps(listing)))
    items = jsonld.list_items(data.jsonld, BASE)
    assert [(i.title, i.url) for i in items] == [
        ("A", "https://shop.example/a"),
        ("B", "https://shop.example/b"),
    ]
    assert jsonld.products(data.jsonld, BASE) == []  # listed products are not the page's product
