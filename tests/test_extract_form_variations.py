"""WooCommerce's variations form: every variation's stock and price in `data-product_variations`.

The page below follows WooCommerce's own templates (single-product/add-to-cart/variable.php and
wc_dropdown_variation_attribute_options: a <form class="variations_form cart"> whose
data-product_variations holds WC_Product_Variable::get_available_variation() for each variation,
HTML-escaped; one <select name="attribute_..."> per attribute with a <label for=...>), not the
demo shop's renderer.
"""

from __future__ import annotations

import html
import json
from typing import Any

from shopper.extract.page import extract_product

URL = "https://winkel.example/product/fleece-vest/"


def _variation(vid: int, size: str, colour: str, in_stock: bool, price: float = 59.95) -> dict[str, Any]:
    # the keys get_available_variation() returns, with the values a real shop would send
    return {
        "attributes": {"attribute_pa_maat": size, "attribute_kleur": colour},
        "availability_html": "" if in_stock else '<p class="stock out-of-stock">Uitverkocht</p>',
        "backorders_allowed": False,
        "dimensions": {"length": "", "width": "", "height": ""},
        "dimensions_html": "N.v.t.",
        "display_price": price,
        "display_regular_price": 69.95,
        "image": {"title": "fleece", "src": "https://winkel.example/wp-content/uploads/fleece.jpg"},
        "image_id": 311,
        "is_downloadable": False,
        "is_in_stock": in_stock,
        "is_purchasable": True,
        "is_sold_individually": "no",
        "is_virtual": False,
        "max_qty": "",
        "min_qty": 1,
        "price_html": "",
        "sku": f"FV-{vid}",
        "variation_description": "",
        "variation_id": vid,
        "variation_is_active": True,
        "variation_is_visible": True,
        "weight": "",
        "weight_html": "N.v.t.",
    }


def _page(rows: Any) -> str:
    data = html.escape(json.dumps(rows), quote=True)
    return f"""<!DOCTYPE html><html lang="nl-NL"><head><title>Fleece vest - Winkel</title></head>
<body class="product-template-default single single-product woocommerce">
<div class="product type-product product-type-variable">
<h1 class="product_title entry-title">Fleece vest</h1>
<p class="price"><span class="woocommerce-Price-amount amount"><bdi><span
 class="woocommerce-Price-currencySymbol">&euro;</span>&nbsp;59,95</bdi></span></p>
<form class="variations_form cart" action="{URL}" method="post" enctype='multipart/form-data'
 data-product_id="310" data-product_variations="{data}">
<table class="variations" cellspacing="0" role="presentation"><tbody>
<tr><th class="label"><label for="pa_maat">Maat</label></th><td class="value">
<select id="pa_maat" class="" name="attribute_pa_maat" data-attribute_name="attribute_pa_maat"
 data-show_option_none="yes"><option value="">Kies een optie</option><option value="s" >S</option>
<option value="m" >M</option><option value="l" >L</option></select></td></tr>
<tr><th class="label"><label for="kleur">Kleur</label></th><td class="value">
<select id="kleur" class="" name="attribute_kleur" data-attribute_name="attribute_kleur"
 data-show_option_none="yes"><option value="">Kies een optie</option>
<option value="Donkerblauw" >Donkerblauw</option><option value="Rood" >Rood</option></select>
<a class="reset_variations" href="#">Wissen</a></td></tr></tbody></table>
<div class="single_variation_wrap"><div class="woocommerce-variation single_variation"></div>
<div class="woocommerce-variation-add-to-cart variations_button">
<button type="submit" class="single_add_to_cart_button button alt">Toevoegen aan winkelwagen</button>
<input type="hidden" name="add-to-cart" value="310" /><input type="hidden" name="product_id" value="310" />
<input type="hidden" name="variation_id" class="variation_id" value="0" /></div></div></form>
</div></body></html>"""


ROWS = [
    _variation(311, "s", "Donkerblauw", True),
    _variation(312, "m", "Donkerblauw", False),
    _variation(313, "m", "Rood", True, 49.95),
    _variation(314, "l", "Rood", False),
]


def test_each_variation_has_its_size_colour_stock_price_and_link() -> None:
    offer = extract_product(_page(ROWS), URL)
    assert offer is not None
    got = {(v.options["size"], v.options["colour"]): v for v in offer.variants}
    assert set(got) == {("S", "blue"), ("M", "blue"), ("M", "red"), ("L", "red")}
    assert got[("M", "blue")].availability == "OutOfStock"
    assert got[("M", "red")].availability == "InStock"
    assert str(got[("M", "red")].price.amount) == "49.95"  # type: ignore[union-attr]
    assert got[("M", "red")].url == f"{URL}?attribute_pa_maat=m&attribute_kleur=Rood"
    assert got[("S", "blue")].sku == "FV-311"
    assert offer.availability == "InStock"


def test_every_variation_sold_out_is_a_sold_out_product() -> None:
    rows = [_variation(321, "s", "Rood", False), _variation(322, "m", "Rood", False)]
    offer = extract_product(_page(rows), URL)
    assert offer is not None
    assert {v.availability for v in offer.variants} == {"OutOfStock"}
    assert offer.availability == "OutOfStock"


def test_an_any_value_leaves_that_option_open() -> None:
    row = _variation(331, "l", "", True)  # "any colour" in size L
    offer = extract_product(_page([row]), URL)
    assert offer is not None
    assert [v.options for v in offer.variants] == [{"size": "L"}]


def test_variations_loaded_later_by_ajax_are_not_guessed() -> None:
    offer = extract_product(_page(False), URL)  # above the AJAX threshold the attribute is `false`
    assert offer is not None
    assert all(v.availability is None for v in offer.variants)
