"""Pure parsers of Shopify storefront JSON (products.json, <handle>.js/.json, search/suggest.json)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from shopper.models import RawOffer, RawVariant
from shopper.normalize import canonical_url

SOURCE = "shopify"
_DEFAULT_TITLE = "Default Title"  # Shopify's placeholder for products without options


def _dec(value: Any, *, cents: bool = False) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    # The .js endpoint gives integer minor units ("cents") for every currency, JPY included.
    return (amount / 100).quantize(Decimal("0.01")) if cents else amount


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _image(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("src") or value.get("url")
    src = _text(value)
    if src and src.startswith("//"):
        src = "https:" + src
    return src


def _images(product: dict[str, Any]) -> list[str]:
    found: list[str] = []
    candidates: list[Any] = list(product.get("images") or [])
    candidates += [product.get("featured_image"), product.get("image")]
    for item in candidates:
        src = _image(item)
        if src and src not in found:
            found.append(src)
    return found


def _tags(value: Any) -> list[str]:
    if isinstance(value, str):  # older themes give "a, b, c"
        return [t.strip() for t in value.split(",") if t.strip()]
    return [t for t in (_text(v) for v in value or []) if t]


def _option_names(product: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for opt in product.get("options") or []:
        name = opt.get("name") if isinstance(opt, dict) else opt
        names.append(str(name) if name else f"Option {len(names) + 1}")
    return names


def _is_default(variants: list[dict[str, Any]]) -> bool:
    return len(variants) == 1 and (variants[0].get("title") in (None, _DEFAULT_TITLE))


def _availability(flag: Any) -> str | None:
    if flag is None:
        return None
    return "InStock" if flag else "OutOfStock"


def _product_url(base_url: str, handle: Any) -> str | None:
    handle = _text(handle)
    return f"{base_url.rstrip('/')}/products/{handle}" if handle else None


def _list_price(price: Decimal | None, compare_at: Decimal | None) -> str | None:
    return str(compare_at) if price is not None and compare_at is not None and compare_at > price else None


def _product(product: dict[str, Any], base_url: str, currency: str | None, *, cents: bool) -> RawOffer:
    url = _product_url(base_url, product.get("handle"))
    variants_in = [v for v in product.get("variants") or [] if isinstance(v, dict)]
    names = _option_names(product)
    variants: list[RawVariant] = []
    priced: list[tuple[Decimal, Decimal | None, bool]] = []  # (price, compare_at, available)
    for v in variants_in:
        price = _dec(v.get("price"), cents=cents)
        compare = _dec(v.get("compare_at_price"), cents=cents)
        available = v.get("available")
        if price is not None:
            priced.append((price, compare, available is not False))
        options = {}
        for i, name in enumerate(names[:3]):
            value = _text(v.get(f"option{i + 1}"))
            if value:
                options[name] = value
        variant_id = _text(v.get("id"))
        variants.append(
            RawVariant(
                title=_text(v.get("title")),
                options=options,
                price=str(price) if price is not None else None,
                currency=_text(v.get("price_currency")) or currency,
                list_price=_list_price(price, compare),
                availability=_availability(available),
                sku=_text(v.get("sku")),
                gtin=_text(v.get("barcode")),
                url=f"{url}?variant={variant_id}" if url and variant_id else None,
                image=_image(v.get("featured_image")),
            )
        )
    # Product price = cheapest variant one can buy, else cheapest at all (so a sold-out
    # cheap size does not make the product look cheaper than it is).
    buyable = [p for p in priced if p[2]] or priced
    price, compare = min(buyable, key=lambda p: p[0])[:2] if buyable else (None, None)
    if price is None:
        price = _dec(product.get("price_min") or product.get("price"), cents=cents)
        compare = _dec(product.get("compare_at_price_min") or product.get("compare_at_price"), cents=cents)
    flags = [v.get("available") for v in variants_in if v.get("available") is not None]
    available = any(flags) if flags else product.get("available")
    currencies = {v.currency for v in variants if v.currency}
    return RawOffer(
        source=SOURCE,
        title=_text(product.get("title")),
        brand=_text(product.get("vendor")),
        url=url,
        description=_text(product.get("body_html") or product.get("description") or product.get("body")),
        category=_text(product.get("product_type") or product.get("type")),
        price=str(price) if price is not None else None,
        currency=next(iter(currencies)) if len(currencies) == 1 else currency,
        list_price=_list_price(price, compare),
        availability=_availability(available),
        sku=variants[0].sku if len(variants) == 1 else None,
        gtin=variants[0].gtin if len(variants) == 1 else None,
        images=_images(product),
        variants=[] if _is_default(variants_in) else variants,
        tags=_tags(product.get("tags")),
    )


def parse_products_json(data: Any, base_url: str, currency: str | None = None) -> list[RawOffer]:
    """Offers from /products.json or /collections/<h>/products.json (decimal strings, no currency)."""
    products = data.get("products") if isinstance(data, dict) else None
    return [_product(p, base_url, currency, cents=False) for p in products or [] if isinstance(p, dict)]


def parse_product_js(data: Any, base_url: str, currency: str | None = None) -> RawOffer:
    """The offer from /products/<handle>.js (integer minor units, `type`, per-variant `available`)."""
    return _product(data if isinstance(data, dict) else {}, base_url, currency, cents=True)


def parse_product_json(data: Any, base_url: str) -> RawOffer:
    """The offer from /products/<handle>.json (decimal prices plus variants[].price_currency)."""
    product = data.get("product", data) if isinstance(data, dict) else {}
    return _product(product if isinstance(product, dict) else {}, base_url, None, cents=False)


def parse_suggest(data: Any, base_url: str, currency: str | None = None) -> list[RawOffer]:
    """Offers from /search/suggest.json (resources.results.products[]; at most 10, no variants)."""
    try:
        products = data["resources"]["results"]["products"]
    except (KeyError, TypeError):
        return []
    offers: list[RawOffer] = []
    for p in products or []:
        if not isinstance(p, dict):
            continue
        path = _text(p.get("url"))
        if path:
            url = canonical_url(path if "://" in path else base_url.rstrip("/") + "/" + path.lstrip("/"))
        else:
            url = _product_url(base_url, p.get("handle")) or ""
        price = _dec(p.get("price")) or _dec(p.get("price_min"))
        # "0.00" is how suggest.json says "no compare-at price".
        compare = _dec(p.get("compare_at_price_min")) or None
        offers.append(
            RawOffer(
                source=SOURCE,
                title=_text(p.get("title")),
                brand=_text(p.get("vendor")),
                url=url or None,
                description=_text(p.get("body")),
                category=_text(p.get("type") or p.get("product_type")),
                price=str(price) if price is not None else None,
                currency=currency,
                list_price=_list_price(price, compare),
                availability=_availability(p.get("available")),
                images=_images(p),
                tags=_tags(p.get("tags")),
            )
        )
    return offers
