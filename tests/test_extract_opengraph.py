"""OpenGraph layer: product: namespace, locale-formatted amounts, availability words."""

from __future__ import annotations

from decimal import Decimal

from _extract_helpers import BASE, structured_of
from conftest import fixture_path

from shopper.extract import opengraph
from shopper.models import RawOffer
from shopper.normalize import normalize


def _og(head: str) -> RawOffer | None:
    data = structured_of(f"<html><head>{head}</head><body></body></html>")
    return opengraph.to_raw(data.opengraph, BASE)


def test_fye_product_namespace() -> None:
    data = structured_of(fixture_path("extruct_fye_product_og_microdata.html").read_text(encoding="utf-8"))
    raw = opengraph.to_raw(data.opengraph, BASE)
    assert raw is not None and opengraph.is_product(data.opengraph)
    assert (raw.price, raw.currency, raw.availability) == ("17.99", "USD", "in stock")


def test_locale_formatted_amount_normalizes() -> None:
    raw = _og(
        '<meta property="og:type" content="product"><meta property="og:title" content="Sofa">'
        '<meta property="og:price:amount" content="1.299,00">'
        '<meta property="og:price:currency" content="EUR">'
        '<meta property="product:availability" content="oos">'
    )
    assert raw is not None and (raw.price, raw.currency) == ("1.299,00", "EUR")
    offer = normalize(raw.model_copy(update={"url": BASE}))
    assert offer is not None and offer.price is not None
    assert offer.price.amount == Decimal("1299.00") and offer.availability == "OutOfStock"


def test_sale_price_and_instock_word() -> None:
    raw = _og(
        '<meta property="og:type" content="og:product"><meta property="product:price:amount" content="30.00">'
        '<meta property="product:sale_price:amount" content="20.00"><meta property="product:price:currency" '
        'content="USD"><meta property="product:availability" content="instock">'
    )
    assert raw is not None and (raw.price, raw.list_price, raw.availability) == ("20.00", "30.00", "instock")


def test_article_is_not_a_product() -> None:
    data = structured_of('<html><head><meta property="og:type" content="article"></head></html>')
    assert not opengraph.is_product(data.opengraph)
    assert opengraph.to_raw({}, BASE) is None
