"""Tests of shopper.extract.woocommerce on the Store API docs example and hand-written quirks."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from conftest import fixture_path

from shopper.extract.woocommerce import parse_store_product, parse_store_products
from shopper.models import Money
from shopper.normalize import normalize

BASE = "https://woo.example"


def _docs_example() -> list[dict[str, Any]]:
    path = fixture_path("woocommerce_store_api_products_docs_example.json")
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_docs_example() -> None:
    (raw,) = parse_store_products(_docs_example(), BASE)
    assert raw.source == "woocommerce"
    assert raw.title == "WordPress Pennant"
    assert raw.url == "https://local.wordpress.test/product/wordpress-pennant/"
    assert raw.price == "11.05" and raw.currency == "GBP"
    assert raw.list_price is None  # regular == sale
    assert raw.availability == "InStock"
    assert raw.sku == "wp-pennant"
    assert raw.images == ["https://local.wordpress.test/wp-content/uploads/2020/03/pennant-1.jpg"]
    assert raw.rating is None and raw.rating_count is None  # "0" with no reviews is no rating
    assert raw.variants == [] and raw.tags == []
    offer = normalize(raw, shop="woo")
    assert offer is not None
    assert offer.price == Money(amount=Decimal("11.05"), currency="GBP")
    assert offer.description is not None and offer.description.startswith("Pellentesque")


def _item(**changes: Any) -> dict[str, Any]:
    item = copy.deepcopy(_docs_example()[0])
    item.update(changes)
    return item


def test_sale_price_becomes_list_price() -> None:
    item = _item(on_sale=True)
    item["prices"].update(price="899", regular_price="1105", sale_price="899")
    raw = parse_store_product(item, BASE)
    assert raw.price == "8.99" and raw.list_price == "11.05"


def test_minor_units_zero_and_three() -> None:
    yen = _item()
    yen["prices"].update(currency_code="JPY", currency_minor_unit=0, price="1500", regular_price="1500")
    dinar = _item()
    dinar["prices"].update(currency_code="KWD", currency_minor_unit=3, price="1105", regular_price="1105")
    assert parse_store_product(yen, BASE).price == "1500"
    raw = parse_store_product(dinar, BASE)
    assert raw.price == "1.105"
    offer = normalize(raw)
    # "1.105" from an API is one dinar and 105 fils, not 1105 dinars.
    assert offer is not None and offer.price == Money(amount=Decimal("1.105"), currency="KWD")


def test_stock_flags() -> None:
    assert parse_store_product(_item(is_in_stock=False), BASE).availability == "OutOfStock"
    backorder = _item(is_in_stock=True, is_on_backorder=True)
    assert parse_store_product(backorder, BASE).availability == "BackOrder"
    item = _item(stock_availability={"text": "Out of stock", "class": "out-of-stock"})
    del item["is_in_stock"]
    assert parse_store_product(item, BASE).availability == "OutOfStock"


def test_entities_brands_categories_rating() -> None:
    item = _item(
        name="Hoodie &#8211; Blue &amp; Grey",
        brands=[{"id": 3, "name": "H&amp;M", "slug": "hm"}],
        categories=[{"id": 9, "name": "Clothing &amp; Apparel", "slug": "clothing"}],
        tags=[{"id": 1, "name": "Winter"}],
        average_rating="4.50",
        review_count=12,
        permalink=None,
    )
    raw = parse_store_product(item, BASE)
    assert raw.title == "Hoodie – Blue & Grey"
    assert raw.brand == "H&M"
    assert raw.category == "Clothing & Apparel"
    assert raw.tags == ["Winter"]
    assert raw.rating == "4.50" and raw.rating_count == "12"
    assert raw.url == f"{BASE}/?p=34"  # no permalink: WordPress's own ?p=<id> link


def test_attributes_without_variations_become_tags() -> None:
    item = _item(
        has_options=False,
        attributes=[
            {
                "id": 1,
                "name": "Size",
                "taxonomy": "pa_size",
                "has_variations": False,
                "terms": [{"id": 5, "name": "42", "slug": "42"}, {"id": 6, "name": "43", "slug": "43"}],
            }
        ],
        variations=[],
    )
    raw = parse_store_product(item, BASE)
    assert raw.variants == []
    assert raw.tags == ["Size: 42", "Size: 43"]
    assert raw.price == "11.05"  # product-level fields stay


def test_variations_become_variants_without_price() -> None:
    item = _item(
        has_options=True,
        attributes=[
            {
                "id": 1,
                "name": "Color",
                "taxonomy": "pa_color",
                "has_variations": True,
                "terms": [
                    {"id": 7, "name": "Dark Blue", "slug": "dark-blue"},
                    {"id": 8, "name": "Red", "slug": "red"},
                ],
            },
            {
                "id": 0,
                "name": "Material",
                "taxonomy": None,
                "has_variations": False,
                "terms": [{"name": "Wool"}],
            },
        ],
        variations=[
            {"id": 41, "attributes": [{"name": "Color", "value": "dark-blue"}]},
            {"id": 42, "attributes": [{"name": "Color", "value": "red"}]},
            {"id": 43, "attributes": [{"name": "Color", "value": ""}]},  # "any colour": no option
        ],
    )
    item["prices"]["price_range"] = {"min_amount": "900", "max_amount": "1500"}
    raw = parse_store_product(item, BASE)
    assert [v.options for v in raw.variants] == [{"Color": "Dark Blue"}, {"Color": "Red"}]
    assert all(v.price is None for v in raw.variants)  # variations carry no price
    assert raw.variants[0].url == f"{raw.url}?attribute_pa_color=dark-blue"
    assert raw.tags == ["Material: Wool"]
    assert raw.price == "9.00"  # the low end of the range
    offer = normalize(raw)
    assert offer is not None and offer.variants[1].options == {"color": "Red"}


def test_list_shapes() -> None:
    assert parse_store_products({"code": "rest_no_route", "message": "No route"}, BASE) == []
    assert parse_store_products([], BASE) == []
    assert len(parse_store_products([*_docs_example(), "junk"], BASE)) == 1
    empty = _item()
    empty["prices"].update(price="", regular_price="", sale_price="")
    raw = parse_store_product(empty, BASE)
    assert raw.price is None and raw.list_price is None
