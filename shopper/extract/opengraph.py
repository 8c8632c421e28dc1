"""OpenGraph og: / product: properties -> RawOffer."""

from __future__ import annotations

from urllib.parse import urljoin

from shopper.models import RawOffer


def _first(props: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        value = props.get(key)
        if value and value.strip():
            return value.strip()
    return None


def to_raw(props: dict[str, str], base_url: str) -> RawOffer | None:
    """OpenGraph properties -> RawOffer (None when the page has no OpenGraph at all)."""
    if not props:
        return None
    raw = RawOffer(source="opengraph")
    raw.title = _first(props, "og:title", "product:title")
    raw.description = _first(props, "og:description")
    url = _first(props, "og:url")
    raw.url = urljoin(base_url, url) if url else None
    raw.price = _first(
        props, "product:price:amount", "og:price:amount", "product:sale_price:amount", "product:price"
    )
    raw.currency = _first(props, "product:price:currency", "og:price:currency", "product:sale_price:currency")
    sale = _first(props, "product:sale_price:amount")
    original = _first(props, "product:original_price:amount")
    if sale and raw.price != sale:
        # product:price is the regular price when a sale price is given.
        raw.list_price, raw.price = raw.price, sale
    elif original and original != raw.price:
        raw.list_price = original
    raw.availability = _first(props, "product:availability", "og:availability", "product:stock")
    raw.brand = _first(props, "product:brand", "og:brand")
    raw.sku = _first(props, "product:retailer_item_id", "product:sku")
    raw.gtin = _first(props, "product:ean", "product:gtin", "product:upc", "product:isbn")
    raw.mpn = _first(props, "product:mfr_part_no", "product:mpn")
    raw.category = _first(props, "product:category")
    image = _first(props, "og:image", "og:image:url", "og:image:secure_url")
    if image:
        raw.images = [urljoin(base_url, image)]
    return raw


def is_product(props: dict[str, str]) -> bool:
    """Whether og:type or product:* properties mark the page as a product."""
    kind = (props.get("og:type") or "").lower()
    return "product" in kind or any(k.startswith("product:price") or k == "og:price:amount" for k in props)
