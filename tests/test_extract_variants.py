"""Variant options in the shared form, and size pickers as the platforms' public themes write them."""

from __future__ import annotations

import json

import pytest

from shopper.extract.page import extract_product
from shopper.options import canonical_options, options_from_title

URL = "https://shoes.example/products/trail-runner"


def _page(body: str, ld: dict[str, object] | None = None, lang: str = "nl") -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (
        f'<html lang="{lang}"><head>{script}</head><body><h1>Trail runner</h1>'
        f'<span class="price">€ 89,95</span>{body}<button type="submit" name="add">In winkelwagen</button>'
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("title", "options"),
    [
        ("Maat 44", {"size": "44"}),
        ("Größe 44", {"size": "44"}),
        ("Str. 44", {"size": "44"}),
        ("EU 44 / UK 9.5", {"size": "44"}),
        ("Rood / M", {"colour": "red", "size": "M"}),
        ("Trail runner - Zwart / 42", {"colour": "black", "size": "42"}),
        ("Pack of 3", {}),
    ],
)
def test_options_from_variant_titles(title: str, options: dict[str, str]) -> None:
    assert options_from_title(title, "Trail runner") == options


def test_option_names_in_many_languages() -> None:
    got = canonical_options(
        {"Størrelse": "EU 44", "Farge": "Mørkeblå", "Bredde": "Wide", "Title": "Default Title"}
    )
    assert got == {"size": "44", "colour": "blue", "bredde": "Wide"}
    assert canonical_options({"pa_size": "Medium", "Couleur": "Beige chiné"}) == {
        "size": "M",
        "colour": "beige",
    }


def test_jsonld_offers_named_by_size() -> None:
    offers = [
        {"@type": "Offer", "name": "Maat 43", "price": "89.95", "priceCurrency": "EUR",
         "availability": "https://schema.org/OutOfStock"},
        {"@type": "Offer", "name": "Maat 44", "price": "89.95", "priceCurrency": "EUR",
         "availability": "https://schema.org/InStock"},
    ]  # fmt: skip
    offer = extract_product(_page("", {"@type": "Product", "name": "Trail runner", "offers": offers}), URL)
    assert offer is not None and offer.availability == "InStock"
    assert [(v.options, v.availability) for v in offer.variants] == [
        ({"size": "43"}, "OutOfStock"),
        ({"size": "44"}, "InStock"),
    ]


# Shopify's Dawn theme: a fieldset of radio buttons, sold-out sizes carry class="disabled".
DAWN = """<variant-radios><fieldset class="js product-form__input"><legend class="form__label">Maat</legend>
<input type="radio" id="t-1" name="Maat" value="42" checked><label for="t-1">42</label>
<input type="radio" id="t-2" name="Maat" value="43" class="disabled"><label for="t-2">43
<span class="visually-hidden label-unavailable">Uitverkocht</span></label>
<input type="radio" id="t-3" name="Maat" value="44"><label for="t-3">44</label>
</fieldset></variant-radios>"""
# WooCommerce variable product: a select per attribute, "Choose an option" first.
WOO = """<table class="variations"><tr><th class="label"><label for="pa_size">Size</label></th>
<td class="value">
<select id="pa_size" name="attribute_pa_size" data-attribute_name="attribute_pa_size">
<option value="">Choose an option</option><option value="s">Small</option>
<option value="m" disabled>Medium - sold out</option><option value="l">Large</option></select>
</td></tr></table>"""
# Magento 2 swatches: div.swatch-attribute.size with div.swatch-option, sold out ones "disabled".
MAGENTO = """<div class="swatch-attribute size" data-attribute-code="size">
<span class="swatch-attribute-label">Größe</span>
<div class="swatch-attribute-options clearfix"><div class="swatch-option text" data-option-label="40">40</div>
<div class="swatch-option text disabled" data-option-label="41">41</div>
<div class="swatch-option text" data-option-label="42">42</div></div></div>"""


@pytest.mark.parametrize(
    ("body", "sizes", "sold"),
    [(DAWN, ["42", "43", "44"], "43"), (WOO, ["S", "M", "L"], "M"), (MAGENTO, ["40", "41", "42"], "41")],
    ids=["shopify-dawn-radios", "woocommerce-select", "magento-swatches"],
)
def test_size_picker_variants(body: str, sizes: list[str], sold: str) -> None:
    offer = extract_product(_page(body), URL)
    assert offer is not None
    assert [v.options.get("size") for v in offer.variants] == sizes
    states = {v.options["size"]: v.availability for v in offer.variants}
    assert states[sold] == "OutOfStock"
    assert all(state == "InStock" for size, state in states.items() if size != sold)
    # One sold-out size is about that size: the product is still for sale.
    assert offer.availability == "InStock"


def test_every_size_sold_out_means_sold_out() -> None:
    body = """<select name="options[Size]" id="size"><option value="42" disabled>42 - Sold out</option>
    <option value="43" disabled>43 - Sold out</option></select>"""
    offer = extract_product(_page(body, lang="en"), URL)
    assert offer is not None and offer.availability == "OutOfStock"


def test_a_quantity_picker_is_not_a_size_picker() -> None:
    body = '<select name="quantity"><option value="1">1</option><option value="2">2</option></select>'
    offer = extract_product(_page(body), URL)
    assert offer is not None and offer.variants == []
