"""schema.org microdata items (extruct, uniform) -> RawOffer."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from shopper.extract import jsonld
from shopper.models import RawOffer


def products(items: list[dict[str, Any]], base_url: str) -> list[RawOffer]:
    """The product(s) the page's microdata describes; a lone Offer item counts as one."""
    found = jsonld.products(items, base_url, source="microdata")
    if found:
        return found
    out: list[RawOffer] = []
    for node in jsonld.walk(items):
        if not jsonld.types(node) & {"Offer", "AggregateOffer"}:
            continue
        fields = jsonld.offer_fields(node)
        if not fields["price"]:
            continue
        item = jsonld.get(node, "itemOffered")
        name = jsonld.text(item) if item else fields["name"]
        out.append(
            RawOffer(
                source="microdata",
                title=name,
                price=fields["price"],
                currency=fields["currency"],
                list_price=fields["list_price"],
                availability=fields["availability"],
                sku=fields["sku"],
                gtin=fields["gtin"],
                url=urljoin(base_url, fields["url"]) if fields["url"] else None,
            )
        )
    return out


def list_items(items: list[dict[str, Any]], base_url: str) -> list[RawOffer]:
    """Products of a listing page: an ItemList, else every top-level Product item."""
    listed = jsonld.list_items(items, base_url, source="microdata")
    if listed:
        return listed
    return [
        jsonld.to_raw(node, base_url, source="microdata")
        for node in items
        if isinstance(node, dict) and jsonld.types(node) & jsonld.PRODUCT_TYPES
    ]
