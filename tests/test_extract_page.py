"""extract_product / extract_listing: layers merged, main product chosen, conflicts noted, bytes decoded."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import fixture_path

from shopper.extract.page import extract_listing, extract_product

URL = "https://shop.example/p/1"

FIXTURES = [
    ("cdio_itemprop_example_a_nested_price_trailing_comma.html", "155.55", "AUD", None),
    ("cdio_jsonld_capital_Offers_AggregateOffer_COP.html", "8097000", "COP", "InStock"),
    ("cdio_jsonld_hm_offer_array_PLUS_microdata.html", "121.95", "EUR", "InStock"),
    ("cdio_jsonld_medimops_website_plus_product_OutOfStock.html", "121.95", "EUR", "OutOfStock"),
    ("cdio_jsonld_typelist_capital_Offers.html", "121.95", "EUR", "InStock"),
    ("cdio_jsonld_unifi_priceSpecification.html", "121.95", "USD", "InStock"),
    ("extruct_fye_product_og_microdata.html", "17.99", "USD", "InStock"),
    ("extruct_monsterpetsupplies_microdata_aggregateoffer.html", "5.29", "GBP", "InStock"),
    ("extruct_schemaorg_product_microdata.html", "119.99", "USD", "InStock"),
    ("extruct_schemaorg_product_ref_microdata.html", "119.99", "USD", "InStock"),
]


@pytest.mark.parametrize(("name", "amount", "currency", "availability"), FIXTURES)
def test_real_fixtures(name: str, amount: str, currency: str, availability: str | None) -> None:
    offer = extract_product(fixture_path(name).read_bytes(), URL)
    assert offer is not None and offer.price is not None
    assert (offer.price.amount, offer.price.currency) == (Decimal(amount), currency)
    if availability:
        assert offer.availability == availability


def test_pages_without_a_product() -> None:
    for name in ("extruct_jsonld_with_js_comment.html", "extruct_jsonld_with_control_characters.html"):
        assert extract_product(fixture_path(name).read_bytes(), URL) is None
    assert extract_product("", URL) is None
    assert extract_product("<html><body><h1>About us</h1><p>We sell things.</p></body></html>", URL) is None


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_page_says_sold_out_overrules_metadata() -> None:
    html = (
        "<html><body>"
        + _ld(
            {
                "@type": "Product",
                "name": "Tent",
                "offers": {"price": "99", "priceCurrency": "EUR", "availability": "InStock"},
            }
        )
        + '<h1>Tent</h1><span class="price">€99</span><p class="stock-status">Uitverkocht</p></body></html>'
    )
    offer = extract_product(html, URL)
    assert offer is not None and offer.availability == "OutOfStock"
    assert any(n.startswith("page says sold out; metadata said InStock") for n in offer.notes)


def test_layers_merge_field_by_field() -> None:
    html = (
        '<html><head><meta property="og:type" content="product"><meta property="og:image" content="/og.jpg">'
        '<meta property="product:brand" content="Acme"></head><body>'
        + _ld(
            {
                "@type": "Product",
                "name": "Kettle",
                "sku": "K1",
                "offers": {"price": "20.00", "priceCurrency": "EUR"},
            }
        )
        + '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Kettle</span>'
        '<meta itemprop="gtin13" content="4006381333931"></div><h1>Kettle</h1></body></html>'
    )
    offer = extract_product(html, URL)
    assert offer is not None
    assert (offer.sku, offer.gtin, offer.brand, offer.source) == ("K1", "4006381333931", "Acme", "jsonld")
    assert offer.images == ["https://shop.example/og.jpg"]


def test_main_product_matches_the_title() -> None:
    html = (
        "<html><body>"
        + _ld({"@type": "Product", "name": "Socks", "offers": {"price": "3", "priceCurrency": "EUR"}})
        + _ld({"@type": "Product", "name": "Winter Boot", "offers": {"price": "80", "priceCurrency": "EUR"}})
        + "<h1>Winter Boot</h1></body></html>"
    )
    offer = extract_product(html, URL)
    assert offer is not None and offer.title == "Winter Boot" and offer.price is not None
    assert offer.price.amount == Decimal(80)


def test_metadata_price_that_the_page_strikes_through() -> None:
    html = (
        "<html><body>"
        + _ld({"@type": "Product", "name": "Bag", "offers": {"price": "219.99", "priceCurrency": "EUR"}})
        + '<h1>Bag</h1><span class="original-price">EUR219.99</span>'
        '<span class="product-price">EUR110.00</span>'
        "</body></html>"
    )
    offer = extract_product(html, URL)
    assert offer is not None and offer.price is not None and offer.list_price is not None
    assert (offer.price.amount, offer.list_price.amount) == (Decimal("110.00"), Decimal("219.99"))
    assert any("struck-through" in n for n in offer.notes)


def test_zero_price_is_a_placeholder() -> None:
    html = (
        "<html><body>"
        + _ld(
            {
                "@type": "Product",
                "name": "PC",
                "offers": {"price": "0", "priceCurrency": "ILS", "availability": "OutOfStock"},
            }
        )
        + '<h1>PC</h1><span class="price">₪10</span></body></html>'
    )
    offer = extract_product(html, URL)
    assert offer is not None and offer.price is None and offer.availability is None


def test_visible_only_page_with_locale_currency() -> None:
    html = (
        '<html lang="de-AT"><body><h1>Lampe</h1><span class="price">49,90</span>'
        "<button>In den Warenkorb</button></body></html>"
    )
    offer = extract_product(html, URL)
    assert offer is not None and offer.price is not None
    assert (offer.price.amount, offer.price.currency, offer.availability) == (
        Decimal("49.90"),
        "EUR",
        "InStock",
    )
    assert any("html lang de-AT" in n for n in offer.notes)


def test_bytes_honour_meta_charset_and_given_encoding() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body><h1>Crème brûlée</h1>'
        '<span class="price">€ 5,00</span></body></html>'
    )
    data = page.replace("€", "EUR").encode("iso-8859-1")
    offer = extract_product(data, URL)
    assert offer is not None and offer.title == "Crème brûlée"
    raw = "<html><body><h1>Smørbrød</h1><span class='price'>kr 99,-</span></body></html>".encode("cp1252")
    offer = extract_product(raw, "https://butikk.example.no/p", encoding="cp1252")
    assert offer is not None and offer.title == "Smørbrød"


def test_currency_hint_is_used_when_the_page_names_none() -> None:
    html = "<html><body><h1>Box</h1><span class='price' data-price='12.00'>12.00</span></body></html>"
    offer = extract_product(html, "https://shop.example.com/x", currency_hint="SEK")
    assert offer is not None and offer.price is not None and offer.price.currency == "SEK"


def test_listing_item_list_and_microdata_cards() -> None:
    listing = {
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "item": {
                    "@type": "Product",
                    "name": "A",
                    "url": "/a",
                    "offers": {"price": "1.00", "priceCurrency": "EUR"},
                },
            },
            {
                "@type": "ListItem",
                "item": {
                    "@type": "Product",
                    "name": "B",
                    "url": "/b?utm_source=x",
                    "offers": {"price": "2.00", "priceCurrency": "EUR"},
                },
            },
        ],
    }
    offers = extract_listing("<html><body>" + _ld(listing) + "</body></html>", "https://shop.example/c")
    assert [(o.title, o.url) for o in offers] == [
        ("A", "https://shop.example/a"),
        ("B", "https://shop.example/b"),
    ]
    cards = "".join(
        f'<div itemscope itemtype="https://schema.org/Product"><a itemprop="url" href="/p{i}">x</a>'
        f'<span itemprop="name">P{i}</span><div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
        f'<meta itemprop="price" content="{i}.00"><meta itemprop="priceCurrency" content="GBP"></div></div>'
        for i in (1, 2, 3)
    )
    found = extract_listing(f"<html><body>{cards}</body></html>", "https://shop.example/c")
    assert [o.title for o in found] == ["P1", "P2", "P3"]
    assert found[2].price is not None and found[2].price.amount == Decimal("3.00")


def _size_group_page(first_sold_out: bool) -> str:
    variants = [
        {
            "@type": "Product",
            "name": f"Runner – EU {size}",
            "size": str(size),
            "offers": {
                "@type": "Offer",
                "price": "42.99",
                "priceCurrency": "EUR",
                "availability": "https://schema.org/"
                + ("OutOfStock" if first_sold_out and size == 39 else "InStock"),
            },
        }
        for size in (39, 40, 41)
    ]
    group = {
        "@context": "https://schema.org",
        "@type": "ProductGroup",
        "name": "Runner",
        "hasVariant": variants,
    }
    labels = ["Sold out" if "Out" in v["offers"]["availability"] else "In stock" for v in variants]
    rows = "".join(
        f"<li>{v['size']} <span>€42,99</span> <span>{label}</span></li>"
        for v, label in zip(variants, labels, strict=True)
    )
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(group)}</script></head><body>'
        f"<h1>Runner</h1><ul>{rows}</ul><button>Add to cart</button></body></html>"
    )


def test_one_sold_out_size_does_not_make_the_product_sold_out() -> None:
    offer = extract_product(_size_group_page(first_sold_out=True), "https://shop.example/p/runner")
    assert offer is not None
    assert offer.availability == "InStock"
    states = {v.options.get("size"): v.availability for v in offer.variants}
    assert states == {"39": "OutOfStock", "40": "InStock", "41": "InStock"}
