"""schema.org JSON-LD items -> RawOffer: products, variants and listing entries."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from shopper.models import BUYABLE, RawOffer, RawVariant
from shopper.normalize import normalize_availability

PRODUCT_TYPES = frozenset(
    {"Product", "ProductGroup", "IndividualProduct", "ProductModel", "SomeProducts", "Vehicle", "Car"}
)
GTIN_KEYS = ("gtin13", "gtin", "gtin12", "gtin14", "gtin8", "isbn", "ean")
# Properties whose values are other products, not the page's own product.
_NOT_MAIN = frozenset(
    {
        "isRelatedTo",
        "isSimilarTo",
        "isAccessoryOrSparePartFor",
        "isConsumableFor",
        "hasVariant",
        "itemListElement",
    }
)
_LIST_PRICE = re.compile(r"(ListPrice|StrikethroughPrice|MSRP|SRP)$", re.I)
_NUMERIC = re.compile(r"^\s*-?\d[\d\s.,']*\s*$")
_OPTION_KEYS = ("color", "size", "material", "pattern", "suggestedGender", "suggestedAge")


def types(node: dict[str, Any]) -> set[str]:
    """The short type names of a node: 'http://schema.org/Offer' and 'Offer' both give 'Offer'."""
    raw = node.get("@type", node.get("type"))
    values = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/#:]", v.strip())[-1] for v in values if isinstance(v, str) and v.strip()}


def get(node: dict[str, Any], key: str) -> Any:
    """A property by name, also under other capitalisations ('Offers') or a schema.org URL."""
    if key in node:
        return node[key]
    low = key.lower()
    for k, v in node.items():
        if isinstance(k, str) and re.split(r"[/#:]", k)[-1].lower() == low:
            return v
    return None


def text(value: Any) -> str | None:
    """The first non-empty text in a value (string, number, list or {@value/name} object)."""
    if isinstance(value, list):
        for item in value:
            found = text(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        for key in ("@value", "name", "value", "url", "@id"):
            if key in value:
                return text(value[key])
        return None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = repr(value)
    out = str(value).strip()
    if "&" in out:
        out = html.unescape(out)
    return out or None


def price_text(value: Any) -> str | None:
    """A price value; from a list like ['$ 155.55', '155.55'] prefer the bare number."""
    if isinstance(value, list):
        texts = [t for t in (text(v) for v in value) if t]
        bare = [t for t in texts if _NUMERIC.match(t)]
        return bare[0] if bare else (texts[0] if texts else None)
    if isinstance(value, dict) and not ({"price", "lowPrice"} & set(value)):
        return text(value)
    return None if isinstance(value, dict) else text(value)


def walk(items: Any, skip: frozenset[str] = frozenset()) -> Iterator[dict[str, Any]]:
    """Every dict in the items, depth first, through @graph and lists, not entering the keys in skip."""
    stack: list[Any] = [items]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            children = [v for k, v in node.items() if k not in skip and isinstance(v, dict | list)]
            stack.extend(reversed(children))


def products(items: list[Any], base_url: str, source: str = "jsonld") -> list[RawOffer]:
    """The product(s) a page describes about itself (not related, variant or listed products)."""
    found = [n for n in walk(items, _NOT_MAIN) if types(n) & PRODUCT_TYPES]
    # A product nested inside another product (e.g. isVariantOf) is described by its parent.
    ids = {id(n) for n in found}
    nested = {id(c) for n in found for c in walk(list(n.values()), _NOT_MAIN) if id(c) in ids}
    out = [to_raw(n, base_url, source) for n in found if id(n) not in nested]
    if not out:
        out = [to_raw(n, base_url, source) for n in found]
    return out


def list_items(items: list[Any], base_url: str, source: str = "jsonld") -> list[RawOffer]:
    """Products listed by an ItemList (search and category pages)."""
    out: list[RawOffer] = []
    for node in walk(items):
        if "ItemList" not in types(node) and "OfferCatalog" not in types(node):
            continue
        elements = get(node, "itemListElement")
        for element in elements if isinstance(elements, list) else [elements]:
            if not isinstance(element, dict):
                continue
            item = get(element, "item")
            if isinstance(item, dict) and (types(item) & PRODUCT_TYPES or get(item, "offers")):
                out.append(to_raw(item, base_url, source))
            elif types(element) & PRODUCT_TYPES:
                out.append(to_raw(element, base_url, source))
            else:
                url = text(item) if isinstance(item, str) else text(get(element, "url"))
                name = text(get(element, "name"))
                if url:
                    out.append(RawOffer(source=source, title=name, url=urljoin(base_url, url)))
    return out


def to_raw(node: dict[str, Any], base_url: str, source: str = "jsonld") -> RawOffer:
    """One Product / ProductGroup node -> RawOffer."""
    raw = RawOffer(source=source)
    raw.title = text(get(node, "name"))
    raw.brand = text(get(node, "brand")) or text(get(node, "manufacturer"))
    raw.description = text(get(node, "description"))
    category = get(node, "category")
    if isinstance(category, list) and all(isinstance(c, str) for c in category):
        raw.category = " > ".join(c.strip() for c in category if c.strip()) or None
    else:
        raw.category = text(category)
    url = text(get(node, "url"))
    raw.url = urljoin(base_url, url) if url else None
    product_id = text(get(node, "productID"))
    if product_id and re.match(r"^(isbn|gtin\d*|ean|upc):", product_id, re.I):
        raw.gtin = product_id.split(":", 1)[1].strip()
        product_id = None
    raw.sku = text(get(node, "sku")) or product_id
    raw.mpn = text(get(node, "mpn"))
    raw.gtin = _gtin(node) or raw.gtin
    raw.images = _images(get(node, "image"), base_url)
    rating = get(node, "aggregateRating")
    if isinstance(rating, list):
        rating = rating[0] if rating else None
    if isinstance(rating, dict):
        raw.rating = text(get(rating, "ratingValue"))
        raw.rating_count = text(get(rating, "reviewCount")) or text(get(rating, "ratingCount"))
    offers = _offer_nodes(get(node, "offers"))
    if offers:
        _apply_offers(raw, offers, base_url)
    if "ProductGroup" in types(node) or get(node, "hasVariant"):
        _apply_variants(raw, node, base_url)
    return raw


def _gtin(node: dict[str, Any]) -> str | None:
    for key in GTIN_KEYS:
        found = text(get(node, key))
        if found:
            return found
    return None


def _images(value: Any, base_url: str) -> list[str]:
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            src = text(get(item, "contentUrl")) or text(get(item, "url"))
        else:
            src = text(item)
        if src and not src.startswith("data:"):
            full = urljoin(base_url, src)
            if full not in out:
                out.append(full)
    return out


def _offer_nodes(value: Any) -> list[dict[str, Any]]:
    """Offer dicts, with an AggregateOffer's nested offers after it."""
    out: list[dict[str, Any]] = []
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, dict):
            continue
        out.append(item)
        nested = get(item, "offers")
        if nested and "AggregateOffer" in types(item):
            out.extend(_offer_nodes(nested))
    return out


def offer_fields(offer: dict[str, Any]) -> dict[str, str | None]:
    """Price, currency, list price, availability, sku and url of one Offer / AggregateOffer."""
    price = price_text(get(offer, "price"))
    currency = text(get(offer, "priceCurrency"))
    list_price = None
    specs = get(offer, "priceSpecification")
    for spec in specs if isinstance(specs, list) else [specs]:
        if not isinstance(spec, dict):
            continue
        kind = text(get(spec, "priceType")) or ""
        value = price_text(get(spec, "price")) or price_text(get(spec, "minPrice"))
        if value is None or get(spec, "referenceQuantity"):
            continue  # unit prices (per kg) are not the item's price
        if _LIST_PRICE.search(kind):
            list_price = list_price or value
        elif price is None:
            price = value
        currency = currency or text(get(spec, "priceCurrency"))
    if price is None:
        price = price_text(get(offer, "lowPrice"))
    return {
        "price": price,
        "currency": currency,
        "list_price": list_price,
        "availability": text(get(offer, "availability")),
        "sku": text(get(offer, "sku")),
        "gtin": _gtin(offer),
        "url": text(get(offer, "url")),
        "name": text(get(offer, "name")),
    }


def _apply_offers(raw: RawOffer, offers: list[dict[str, Any]], base_url: str) -> None:
    fields = [offer_fields(o) for o in offers]
    priced = [f for f in fields if f["price"]]
    main = priced[0] if priced else fields[0]
    raw.price = main["price"]
    raw.currency = main["currency"] or next((f["currency"] for f in fields if f["currency"]), None)
    raw.list_price = main["list_price"]
    raw.availability = main["availability"] or next(
        (f["availability"] for f in fields if f["availability"]), None
    )
    if not raw.sku:
        raw.sku = main["sku"]
    raw.gtin = raw.gtin or main["gtin"]
    if not raw.url and main["url"]:
        raw.url = urljoin(base_url, main["url"])
    real = [o for o in offers if "AggregateOffer" not in types(o)]
    if len(real) > 1:
        # Several offers (sizes, sellers): the product is available when any of them is.
        buyable = [f["availability"] for f in fields if normalize_availability(f["availability"]) in BUYABLE]
        raw.availability = buyable[0] if buyable else raw.availability
        raw.variants = [
            RawVariant(
                title=f["name"],
                price=f["price"],
                currency=f["currency"] or raw.currency,
                list_price=f["list_price"],
                availability=f["availability"],
                sku=f["sku"],
                gtin=f["gtin"],
                url=urljoin(base_url, f["url"]) if f["url"] else None,
            )
            for f in (offer_fields(o) for o in real)
        ]
    shipping = _shipping(offers[0])
    if shipping:
        raw.shipping = shipping


def _shipping(offer: dict[str, Any]) -> str | None:
    details = get(offer, "shippingDetails")
    for detail in details if isinstance(details, list) else [details]:
        if not isinstance(detail, dict):
            continue
        rate = get(detail, "shippingRate")
        if isinstance(rate, list):
            rate = rate[0] if rate else None
        if isinstance(rate, dict):
            value = price_text(get(rate, "value")) or price_text(get(rate, "price"))
            currency = text(get(rate, "currency")) or text(get(rate, "priceCurrency"))
            if value:
                return f"{value} {currency}" if currency else value
    return None


def _variant_image(value: Any, base_url: str) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = get(value, "url") or get(value, "contentUrl")
    found = text(value)
    return urljoin(base_url, found) if found else None


def _apply_variants(raw: RawOffer, node: dict[str, Any], base_url: str) -> None:
    variants: list[RawVariant] = []
    has_variant = get(node, "hasVariant")
    for item in has_variant if isinstance(has_variant, list) else [has_variant]:
        if not isinstance(item, dict):
            continue
        offers = _offer_nodes(get(item, "offers"))
        f = offer_fields(offers[0]) if offers else {}
        url = text(get(item, "url")) or f.get("url")
        options = {k: v for k in _OPTION_KEYS if (v := text(get(item, k)))}
        variants.append(
            RawVariant(
                title=text(get(item, "name")),
                options=options,
                price=f.get("price"),
                currency=f.get("currency") or raw.currency,
                list_price=f.get("list_price"),
                availability=f.get("availability"),
                sku=text(get(item, "sku")) or f.get("sku"),
                gtin=_gtin(item) or f.get("gtin"),
                url=urljoin(base_url, url) if url else None,
                image=_variant_image(get(item, "image"), base_url),
            )
        )
    if not variants:
        return
    raw.variants = variants
    chosen = pick_variant(variants, base_url)
    if raw.price is None or chosen is not variants[0]:
        raw.price = chosen.price or raw.price
        raw.currency = chosen.currency or raw.currency
        raw.list_price = chosen.list_price or raw.list_price
        raw.availability = chosen.availability or raw.availability
        raw.sku = raw.sku or chosen.sku
    pointed = chosen is not variants[0] or (chosen.url or "").rstrip("/") == base_url.rstrip("/")
    if not pointed:
        # No variant chosen by the URL: the product is available when any of its variants is.
        buyable = next(
            (v.availability for v in variants if normalize_availability(v.availability) in BUYABLE), None
        )
        raw.availability = buyable or raw.availability
    if not raw.availability:
        raw.availability = next((v.availability for v in variants if v.availability), None)


def pick_variant(variants: list[RawVariant], page_url: str) -> RawVariant:
    """The variant the page URL points at (?variant=, ?sku=, exact URL), else the first priced one."""
    for v in variants:
        if v.url and v.url.rstrip("/") == page_url.rstrip("/"):
            return v
    query = page_url.partition("?")[2]
    if query:
        for v in variants:
            if v.sku and re.search(rf"(^|[=&/]){re.escape(v.sku)}($|[&#])", query):
                return v
            if v.url and "?" in v.url and v.url.partition("?")[2] and v.url.partition("?")[2] in query:
                return v
    return next((v for v in variants if v.price), variants[0])
