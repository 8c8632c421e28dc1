"""Pure parsers of the WooCommerce Store API (/wp-json/wc/store/v1/products)."""

from __future__ import annotations

import html
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from shopper.models import RawOffer, RawVariant

SOURCE = "woocommerce"
_STOCK_CLASSES = {"in-stock": "InStock", "out-of-stock": "OutOfStock", "available-on-backorder": "BackOrder"}


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    # Store API names and terms come HTML-escaped ("Hoodie &#8211; Blue", "H&amp;M").
    text = " ".join(html.unescape(str(value)).split())
    return text or None


def _minor(value: Any, minor_unit: int) -> Decimal | None:
    if value is None or isinstance(value, bool) or str(value).strip() == "":
        return None
    try:
        units = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not units.is_finite():
        return None
    # Amounts are integer strings in minor units: "1105" with minor unit 2 is 11.05.
    return (units / (Decimal(10) ** minor_unit)).quantize(Decimal(1).scaleb(-minor_unit))


def _prices(prices: dict[str, Any]) -> tuple[Decimal | None, Decimal | None, str | None]:
    """(price, regular price, currency code) from a `prices` object."""
    try:
        minor_unit = int(prices.get("currency_minor_unit", 2))
    except (TypeError, ValueError):
        minor_unit = 2
    minor_unit = min(max(minor_unit, 0), 6)
    price = _minor(prices.get("price"), minor_unit)
    regular = _minor(prices.get("regular_price"), minor_unit)
    price_range = prices.get("price_range")
    if isinstance(price_range, dict):
        # Variable products: the range's low end is what "from" means on the shop's own page.
        low = _minor(price_range.get("min_amount"), minor_unit)
        if low is not None and (price is None or low < price):
            price = low
    sale = _minor(prices.get("sale_price"), minor_unit)
    if price is None:
        price = sale if sale is not None else regular
    return price, regular, _text(prices.get("currency_code"))


def _availability(item: dict[str, Any]) -> str | None:
    if item.get("is_on_backorder"):
        return "BackOrder"
    in_stock = item.get("is_in_stock")
    if in_stock is None:
        status = item.get("stock_availability")
        klass = status.get("class") if isinstance(status, dict) else None
        return {
            "in-stock": "InStock",
            "out-of-stock": "OutOfStock",
            "available-on-backorder": "BackOrder",
        }.get(str(klass))
    return "InStock" if in_stock else "OutOfStock"


def _names(value: Any) -> list[str]:
    return [n for n in (_text(v.get("name")) for v in value or [] if isinstance(v, dict)) if n]


def _variants(item: dict[str, Any], permalink: str | None) -> list[RawVariant]:
    # Variations name attributes by label and terms by slug; attributes[] knows the taxonomy and names.
    taxonomies: dict[str, str] = {}
    term_names: dict[tuple[str, str], str] = {}
    for attr in item.get("attributes") or []:
        label = _text(attr.get("name")) if isinstance(attr, dict) else None
        if not label:
            continue
        taxonomies[label.lower()] = _text(attr.get("taxonomy")) or label.lower().replace(" ", "-")
        for term in attr.get("terms") or []:
            if isinstance(term, dict) and (slug := _text(term.get("slug"))):
                term_names[(label.lower(), slug)] = _text(term.get("name")) or slug
    variants: list[RawVariant] = []
    for var in item.get("variations") or []:
        if not isinstance(var, dict):
            continue
        options: dict[str, str] = {}
        query: list[str] = []
        for attr in var.get("attributes") or []:
            name, value = _text(attr.get("name")), _text(attr.get("value"))
            # An empty value means "any": the variation applies to every term of that attribute.
            if name and value:
                options[name] = term_names.get((name.lower(), value), value)
                query.append(f"attribute_{taxonomies.get(name.lower(), name.lower())}={quote(value)}")
        if not options:
            continue
        variants.append(
            RawVariant(
                title=" / ".join(options.values()),
                options=options,
                sku=_text(var.get("sku")),
                # WooCommerce preselects a variation from attribute_<taxonomy>=<slug> query parameters.
                url=f"{permalink}{'&' if '?' in permalink else '?'}{'&'.join(query)}" if permalink else None,
            )
        )
    return variants


def _count(value: Any) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def parse_store_product(item: dict[str, Any], base_url: str) -> RawOffer:
    """One offer from a Store API product object."""
    prices = item.get("prices") if isinstance(item.get("prices"), dict) else {}
    price, regular, currency = _prices(prices or {})
    permalink = _text(item.get("permalink"))
    if not permalink and item.get("id") is not None:
        permalink = f"{base_url.rstrip('/')}/?p={item['id']}"
    variants = _variants(item, permalink)
    varied = {name for v in variants for name in v.options}
    tags: list[str] = []
    for attr in item.get("attributes") or []:
        name = _text(attr.get("name")) if isinstance(attr, dict) else None
        if not name or name in varied:
            continue
        tags += [f"{name}: {term}" for term in _names(attr.get("terms"))]
    tags += _names(item.get("tags"))
    review_count = _count(item.get("review_count"))
    rated = review_count > 0
    brands = _names(item.get("brands"))
    categories = _names(item.get("categories"))
    images = [
        src for src in (_text(i.get("src")) for i in item.get("images") or [] if isinstance(i, dict)) if src
    ]
    return RawOffer(
        source=SOURCE,
        title=_text(item.get("name")),
        brand=brands[0] if brands else None,
        url=permalink,
        description=_text(item.get("description") or item.get("short_description")),
        category=categories[0] if categories else None,
        price=str(price) if price is not None else None,
        currency=currency,
        list_price=str(regular) if regular is not None and price is not None and regular > price else None,
        availability=_availability(item),
        sku=_text(item.get("sku")),
        images=[i for i in images if i],
        variants=variants,
        rating=_text(item.get("average_rating")) if rated else None,
        rating_count=str(review_count) if rated else None,
        tags=tags,
    )


def parse_store_products(data: Any, base_url: str) -> list[RawOffer]:
    """Offers from a Store API product list response (a JSON array)."""
    if isinstance(data, dict):  # a single product, or an error object ({"code": ..., "message": ...})
        return [parse_store_product(data, base_url)] if "prices" in data else []
    return [parse_store_product(item, base_url) for item in data or [] if isinstance(item, dict)]
