"""Variations an add-to-cart form carries as data: WooCommerce's `data-product_variations`.

WooCommerce's variable-product template writes every variation (attributes by slug, display price,
`is_in_stock`, sku, variation id) as JSON into the form's `data-product_variations` attribute, and
the <select name="attribute_..."> options give each slug its shown name. Above the shop's AJAX
threshold the attribute is `false` and the variations are not on the page.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from selectolax.lexbor import LexborHTMLParser

from shopper.extract.lexbor import clean
from shopper.models import RawVariant
from shopper.options import canonical_options, option_key

_PREFIX = "attribute_"
# The page of a product with very many variations is not the place to list them all.
MAX_VARIATIONS = 400


def form_variations(tree: LexborHTMLParser, url: str | None = None) -> list[RawVariant]:
    """The variants of the page's variations form, with stock and price; [] when it has none."""
    form = tree.css_first("form[data-product_variations]")
    if form is None:
        return []
    try:
        rows = json.loads(form.attributes.get("data-product_variations") or "")
    except ValueError:
        return []
    if not isinstance(rows, list):
        return []  # `false`: loaded later by AJAX
    names = _option_names(form)
    labels = _labels(tree, names)
    variants = []
    for row in rows[:MAX_VARIATIONS]:
        if isinstance(row, dict) and (variant := _variant(row, names, labels, url)) is not None:
            variants.append(variant)
    return variants


def _variant(
    row: dict[str, Any], names: dict[tuple[str, str], str], labels: dict[str, str], url: str | None
) -> RawVariant | None:
    attributes = row.get("attributes")
    if not isinstance(attributes, dict):
        return None
    options: dict[str, str] = {}
    query = []
    for field, value in attributes.items():
        if not isinstance(field, str) or not isinstance(value, str) or not value:
            continue  # an empty value is "any": the variation fits every option of that attribute
        bare = field.removeprefix(_PREFIX).removeprefix("pa_")
        label = labels.get(field) or bare.replace("-", " ")
        key = option_key(label) or option_key(bare) or label.lower()
        options[key] = names.get((field, value), value)
        query.append(f"{field}={quote(value)}")
    if not options:
        return None
    stock = row.get("is_in_stock")
    price = row.get("display_price")
    sku = row.get("sku")
    return RawVariant(
        title=" / ".join(options.values()),
        options=options,
        sku=sku if isinstance(sku, str) and sku else None,
        price=str(price) if isinstance(price, int | float | str) and str(price) else None,
        availability=None if not isinstance(stock, bool) else ("InStock" if stock else "OutOfStock"),
        # WooCommerce preselects a variation from attribute_<name>=<slug> query parameters
        url=f"{url}{'&' if '?' in url else '?'}{'&'.join(query)}" if url else None,
    )


def _option_names(form: Any) -> dict[tuple[str, str], str]:
    """(attribute field, slug) -> the name the select shows for it."""
    names: dict[tuple[str, str], str] = {}
    for select in form.css("select"):
        field = select.attributes.get("data-attribute_name") or select.attributes.get("name") or ""
        if not field.startswith(_PREFIX):
            continue
        for option in select.css("option"):
            value = option.attributes.get("value")
            text = clean(option.text())
            if value and text:
                names[(field, value)] = text
    return names


def _labels(tree: LexborHTMLParser, names: dict[tuple[str, str], str]) -> dict[str, str]:
    """Attribute field -> its label ("Size", "Maat"), from the <label for=...> of its select."""
    out: dict[str, str] = {}
    for field in {f for f, _ in names}:
        label = tree.css_first(f'label[for="{field.removeprefix(_PREFIX)}"]')
        if label is not None and (text := clean(label.text())):
            out[field] = text
    return out


def merge_form_variants(structured: list[RawVariant], form: list[RawVariant]) -> list[RawVariant]:
    """The structured data's variants with the form's stock filled in; the form's when there are none."""
    if not structured:
        return form
    by_sku = {v.sku: v for v in form if v.sku}
    by_options = {_key(v): v for v in form}
    for variant in structured:
        match = by_sku.get(variant.sku or "") or by_options.get(_key(variant))
        if match is None:
            continue
        variant.availability = variant.availability or match.availability
        variant.url = variant.url or match.url
        if not variant.options:
            variant.options = dict(match.options)
    return structured


def _key(variant: RawVariant) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(canonical_options(variant.options).items()))
