"""Product codes from a page's own words and fields, and prices as shops in several countries print them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopper.extract.ids import labelled_ids
from shopper.extract.lexbor import parse
from shopper.extract.page import extract_product


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<dl><dt>SKU:</dt><dd>TR-4410</dd></dl>", {"sku": "TR-4410"}),
        ("<p>Art.-Nr. 4711-02</p><p>EAN 4006381333931</p>", {"sku": "4711-02", "gtin": "4006381333931"}),
        ("<table><tr><th>Artikelnummer</th><td>889012</td></tr></table>", {"sku": "889012"}),
        ("<span>Varenummer: 55123</span>", {"sku": "55123"}),
        ("<span>Réf. : CH-2231</span><span>MPN: X200-B</span>", {"sku": "CH-2231", "mpn": "X200-B"}),
        ('<form><input type="hidden" name="product_id" value="90817"></form>', {"sku": "90817"}),
        ("<p>Ref. Sofa Classic</p><p>Reflex 200</p>", {}),  # a name is not a code; "Reflex" is not "Ref."
    ],
)
def test_labelled_codes(body: str, expected: dict[str, str]) -> None:
    assert labelled_ids(parse(f"<html><body>{body}</body></html>")) == expected


def _product(body: str, url: str, lang: str = "es") -> str:
    head = f'<html lang="{lang}"><body><h1>Parrilla a gas</h1>'
    return f"{head}{body}<button>Agregar al carro</button></body></html>"


def test_codes_fill_only_what_the_data_lacks() -> None:
    page = _product(
        '<span class="price">$3.340</span><p>SKU: PG-8831</p>', "https://parrillas.example.cl/p/8831"
    )
    offer = extract_product(page, "https://parrillas.example.cl/p/8831")
    assert offer is not None and offer.sku == "PG-8831"


def test_chilean_peso_has_no_minor_units() -> None:
    page = _product('<span class="price">$3.340</span>', "")
    offer = extract_product(page, "https://parrillas.example.cl/p/8831")
    assert offer is not None and offer.price is not None
    assert (offer.price.amount, offer.price.currency) == (Decimal("3340"), "CLP")


def test_sale_and_list_price() -> None:
    body = (
        '<div class="price-box"><span class="price">$ 59.990</span> <span class="price">$ 79.990</span></div>'
    )
    offer = extract_product(_product(body, ""), "https://parrillas.example.cl/p/8831")
    assert offer is not None and offer.price is not None and offer.list_price is not None
    assert (offer.price.amount, offer.list_price.amount) == (Decimal("59990"), Decimal("79990"))
