"""Microdata layer on the real fixtures (itemref, nested prices, AggregateOffer with variants)."""

from __future__ import annotations

from _extract_helpers import BASE, structured_of
from conftest import fixture_path

from shopper.extract import microdata


def _products(html: str) -> list:
    return microdata.products(structured_of(html).microdata, BASE)


def _fixture(name: str) -> str:
    return fixture_path(name).read_text(encoding="utf-8")


def test_schemaorg_product_prefers_itemprop_price_over_text() -> None:
    [p] = _products(_fixture("extruct_schemaorg_product_microdata.html"))
    assert (p.title, p.brand, p.mpn) == ("Executive Anvil", "ACME", "925872")
    assert (p.price, p.currency) == ("119.99", "USD")  # the text also says "Regular price: $179.99"
    assert p.availability == "http://schema.org/InStock"  # from <link itemprop=availability href>
    assert (p.rating, p.rating_count) == ("4.4", "89")


def test_itemref_properties_outside_the_itemscope() -> None:
    found = _products(_fixture("extruct_schemaorg_product_ref_microdata.html"))
    anvil = next(p for p in found if p.title == "Executive Anvil")
    assert (anvil.price, anvil.currency) == ("119.99", "USD")


def test_nested_price_list_prefers_bare_number() -> None:
    [p] = _products(_fixture("cdio_itemprop_example_a_nested_price_trailing_comma.html"))
    assert p.price == "155.55"


def test_aggregate_offer_and_variant_offers() -> None:
    [p] = _products(_fixture("extruct_monsterpetsupplies_microdata_aggregateoffer.html"))
    assert p.title == "Johnsons 4 Fleas Cats & Kittens Tablets"
    assert (p.price, p.currency) == ("5.29", "GBP")
    assert [(v.sku, v.price) for v in p.variants] == [("CS20858_1", "9.56"), ("CS20858_2", "5.29")]
    assert all(v.availability == "http://schema.org/InStock" for v in p.variants)


def test_fye_real_page() -> None:
    [p] = _products(_fixture("extruct_fye_product_og_microdata.html"))
    assert (p.price, p.currency, p.availability) == ("17.99", "USD", "http://schema.org/InStock")


def test_content_attribute_wins_and_lone_offer() -> None:
    html = """<html><body><div itemscope itemtype="https://schema.org/Offer">
      <span itemprop="name">Kettle</span>
      <span itemprop="price" content="1299.00">1.299,00 €</span>
      <meta itemprop="priceCurrency" content="EUR"></div></body></html>"""
    [p] = _products(html)
    assert (p.title, p.price, p.currency) == ("Kettle", "1299.00", "EUR")
