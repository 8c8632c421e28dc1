"""The Shopify flavor: storefront JSON endpoints, predictive search and Dawn-like HTML pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from shopper.demo.shopdata import (
    ShopProduct,
    ShopVariant,
    available,
    minor_units,
    money_text,
    number_text,
    on_sale,
    plain,
    price_bounds,
    variant_title,
    variants_of,
)
from shopper.demo.web import (
    Num,
    Request,
    Response,
    Shop,
    esc,
    html_response,
    json_response,
    jsonld,
    page,
    paragraphs,
    product_document,
    robots,
    shipping_details,
    shipping_html,
    sitemap_index,
    text_response,
    ui,
    urlset,
    with_query,
    xml_response,
)

STAMP = "2024-03-01T10:00:00+01:00"
PER_PAGE_HTML = 24
SITEMAP_CHUNK = 5000


def _option_slots(p: ShopProduct, v: ShopVariant) -> list[str | None]:
    vals: list[str | None] = [v.options.get(name) for name, _ in p.options][:3]
    if not vals:
        vals = ["Default Title"]
    return vals + [None] * (3 - len(vals))


def _options(p: ShopProduct) -> list[dict[str, Any]]:
    if not p.options:
        return [{"name": "Title", "position": 1, "values": ["Default Title"]}]
    return [{"name": n, "position": i + 1, "values": list(vs)} for i, (n, vs) in enumerate(p.options)]


def _compare(v: ShopVariant) -> str | None:
    return (
        plain(v.regular_price) if v.regular_price is not None and on_sale(v.price, v.regular_price) else None
    )


def _images(shop: Shop, p: ShopProduct) -> list[str]:
    return [shop.abs(i) for i in p.images] or [shop.image(p)]


def _image_objects(shop: Shop, p: ShopProduct, *, alt: bool = False) -> list[dict[str, Any]]:
    """Shopify image objects; variant_ids says which variants (colours) show each image."""
    out = []
    for i, src in enumerate(_images(shop, p)):
        ids = [v.id for v in p.variants if v.image and shop.abs(v.image) == src]
        obj: dict[str, Any] = {
            "id": p.id * 10 + i, "product_id": p.id, "position": i + 1, "created_at": STAMP,
            "updated_at": STAMP, "width": 1024, "height": 1024, "src": src, "variant_ids": ids,
        }  # fmt: skip
        if alt:
            obj["alt"] = None
        out.append(obj)
    return out


def _variant_image(shop: Shop, p: ShopProduct, v: ShopVariant, *, js: bool = False) -> dict[str, Any] | None:
    """A variant's featured_image (the image of its colour), or None when the product has one look."""
    if not v.image or len(p.images) < 2:
        return None
    src = shop.abs(v.image)
    for obj in _image_objects(shop, p, alt=True):
        if obj["src"] == src:
            return dict(obj, src="//" + src.split("://", 1)[-1]) if js else obj
    return None


def products_json_item(shop: Shop, p: ShopProduct) -> dict[str, Any]:
    """One product as /products.json lists it (decimal strings, no currency)."""
    variants = []
    for i, v in enumerate(variants_of(p)):
        o1, o2, o3 = _option_slots(p, v)
        variants.append({
            "id": v.id, "title": variant_title(p, v) or "Default Title", "option1": o1, "option2": o2,
            "option3": o3, "sku": v.sku, "requires_shipping": True, "taxable": True,
            "featured_image": _variant_image(shop, p, v),
            "available": v.in_stock, "price": plain(v.price), "grams": 500, "compare_at_price": _compare(v),
            "position": i + 1, "product_id": p.id, "created_at": STAMP, "updated_at": STAMP,
        })  # fmt: skip
    images = _image_objects(shop, p)
    return {
        "id": p.id, "title": p.title, "handle": p.slug, "body_html": paragraphs(p.description),
        "published_at": STAMP, "created_at": STAMP, "updated_at": STAMP, "vendor": p.brand,
        "product_type": p.category, "tags": sorted(p.tags), "variants": variants, "images": images,
        "options": _options(p),
    }  # fmt: skip


def product_js(shop: Shop, p: ShopProduct) -> dict[str, Any]:
    """/products/<handle>.js: integer minor units, `type`, price_min/max, per-variant availability."""
    vs = variants_of(p)
    lo, hi = price_bounds(p)
    compares = [minor_units(v.regular_price) for v in vs if _compare(v) and v.regular_price is not None]
    images = ["//" + src.split("://", 1)[-1] for src in _images(shop, p)]
    variants = []
    for v in vs:
        o1, o2, o3 = _option_slots(p, v)
        vt = variant_title(p, v)
        variants.append({
            "id": v.id, "title": vt or "Default Title", "option1": o1, "option2": o2, "option3": o3,
            "sku": v.sku, "requires_shipping": True, "taxable": True,
            "featured_image": _variant_image(shop, p, v, js=True),
            "available": v.in_stock, "name": f"{p.title} - {vt}" if vt else p.title,
                "public_title": vt or None,
            "options": [o for o in (o1, o2, o3) if o is not None], "price": minor_units(v.price),
                "weight": 500,
            "compare_at_price": minor_units(v.regular_price) if _compare(v) and v.regular_price else None,
            "inventory_management": "shopify", "barcode": p.gtin or "", "requires_selling_plan": False,
            "selling_plan_allocations": [],
        })  # fmt: skip
    return {
        "id": p.id, "title": p.title, "handle": p.slug, "description": paragraphs(p.description),
        "published_at": STAMP, "created_at": STAMP, "vendor": p.brand, "type": p.category,
            "tags": sorted(p.tags),
        "price": minor_units(lo), "price_min": minor_units(lo), "price_max": minor_units(hi),
        "available": available(p), "price_varies": lo != hi,
        "compare_at_price": min(compares) if compares else None,
        "compare_at_price_min": min(compares) if compares else 0,
        "compare_at_price_max": max(compares) if compares else 0,
        "compare_at_price_varies": len(set(compares)) > 1, "variants": variants, "images": images,
        "featured_image": images[0], "options": _options(p), "url": f"/products/{p.slug}",
        "requires_selling_plan": False, "selling_plan_groups": [],
    }  # fmt: skip


def product_json(shop: Shop, p: ShopProduct) -> dict[str, Any]:
    """/products/<handle>.json: {"product": ...} with decimal prices and price_currency."""
    variants = []
    for i, v in enumerate(variants_of(p)):
        o1, o2, o3 = _option_slots(p, v)
        cmp = _compare(v)
        img = _variant_image(shop, p, v)
        variants.append({
            "id": v.id, "product_id": p.id, "title": variant_title(p, v) or "Default Title",
            "price": plain(v.price), "sku": v.sku, "position": i + 1, "compare_at_price": cmp,
            "fulfillment_service": "manual", "inventory_management": "shopify", "option1": o1, "option2": o2,
            "option3": o3, "created_at": STAMP, "updated_at": STAMP, "taxable": True, "barcode": p.gtin or "",
            "grams": 500, "image_id": (img or {}).get("id"), "weight": 0.5, "weight_unit": "kg",
            "requires_shipping": True,
            "price_currency": shop.currency, "compare_at_price_currency": shop.currency if cmp else "",
        })  # fmt: skip
    images = _image_objects(shop, p, alt=True)
    options = [dict(o, id=p.id * 10 + i, product_id=p.id) for i, o in enumerate(_options(p))]
    return {"product": {
        "id": p.id, "title": p.title, "body_html": paragraphs(p.description), "vendor": p.brand,
        "product_type": p.category, "created_at": STAMP, "handle": p.slug, "updated_at": STAMP,
        "published_at": STAMP, "template_suffix": "", "published_scope": "web",
            "tags": ", ".join(sorted(p.tags)),
        "variants": variants, "options": options, "images": images, "image": images[0] if images else None,
    }}  # fmt: skip


def suggest(shop: Shop, req: Request) -> Response:
    """/search/suggest.json: predictive search, at most 10 products."""
    q = req.params.get("q", "")
    types = req.params.get("resources[type]", "product,page,article,collection,query")
    limit = req.int_param("resources[limit]", 10)
    limit = 10 if limit is None else max(1, min(limit, 10))
    found = shop.catalogue.search(q, "prefix")[:limit] if "product" in types.split(",") else []
    results = []
    for pos, p in enumerate(found, 1):
        lo, hi = price_bounds(p)
        cmps = [v.regular_price for v in variants_of(p) if _compare(v) and v.regular_price is not None]
        img = _images(shop, p)[0]
        url = f"/products/{p.slug}?_pos={pos}&_psq={quote(q)}&_ss=e&_v=1.0"
        results.append({
            "available": available(p), "body": paragraphs(p.description),
            "compare_at_price_max": plain(max(cmps)) if cmps else "0.00",
            "compare_at_price_min": plain(min(cmps)) if cmps else "0.00",
            "featured_image": {"alt": p.title, "aspect_ratio": 1.0, "height": 1024, "url": img,
                "width": 1024},
            "handle": p.slug, "id": p.id, "image": img, "price": plain(lo), "price_max": plain(hi),
            "price_min": plain(lo), "tags": sorted(p.tags), "title": p.title, "type": p.category, "url": url,
            "variants": [], "vendor": p.brand,
        })  # fmt: skip
    return json_response({"resources": {"results": {"products": results}}})


def products_json(shop: Shop, req: Request) -> Response:
    """/products.json?limit=&page= with Shopify's caps."""
    limit, pg = req.int_param("limit", 30), req.int_param("page", 1)
    if limit is None or pg is None or pg < 1:
        return json_response({"errors": "Bad Request"}, 400)
    limit = max(1, min(limit, 250))
    if pg * limit > 25000:
        return json_response({"errors": {"page": "page * limit must not exceed 25000"}}, 400)
    chunk = shop.catalogue.products()[(pg - 1) * limit : pg * limit]
    return json_response({"products": [products_json_item(shop, p) for p in chunk]})


# --- HTML -----------------------------------------------------------------------------------


def _price_html(shop: Shop, p: ShopProduct, v: ShopVariant) -> str:
    now = f"{esc(money_text(v.price, shop.currency, shop.lang))} {esc(shop.currency)}"
    if v.regular_price is not None and on_sale(v.price, v.regular_price):
        was = esc(money_text(v.regular_price, shop.currency, shop.lang))
        return (
            '<div class="price price--on-sale"><div class="price__sale">'
            f'<span class="visually-hidden">{esc(ui(shop, "was"))}</span>'
            f'<s class="price-item price-item--regular">{was}</s> '
            f'<span class="price-item price-item--sale price-item--last">{now}</span></div></div>'
        )
    return f'<div class="price"><span class="price-item price-item--regular">{now}</span></div>'


def _card(shop: Shop, p: ShopProduct) -> str:
    v = min(variants_of(p), key=lambda x: x.price)
    badge = (
        "" if available(p) else f'<span class="badge badge--bottom-left">{esc(ui(shop, "sold_out"))}</span>'
    )
    return (
        f'<li class="grid__item"><div class="card-wrapper product-card-wrapper">'
        f'<img src="{esc(_images(shop, p)[0])}" alt="{esc(p.title)}" width="300" height="300" />'
        f'<h3 class="card__heading"><a href="/products/{esc(p.slug)}" class="full-unstyled-link">'
        f"{esc(p.title)}</a></h3>"
        f'<div class="caption-with-letter-spacing">{esc(p.brand)}</div>{_price_html(shop, p, v)}{badge}'
        "</div></li>"
    )


def _grid(shop: Shop, products: list[ShopProduct], path: str, pg: int, **params: object) -> tuple[str, str]:
    start = (pg - 1) * PER_PAGE_HTML
    chunk = products[start : start + PER_PAGE_HTML]
    cards = "\n".join(_card(shop, p) for p in chunk) or f"<li>{esc(ui(shop, 'none'))}</li>"
    nav, head = "", ""
    if pg > 1:
        prev = with_query(path, **params, page=pg - 1)
        nav += f'<a class="pagination__item--prev" rel="prev" href="{esc(prev)}">{esc(ui(shop, "prev"))}</a>'
    if start + PER_PAGE_HTML < len(products):
        nxt = with_query(path, **params, page=pg + 1)
        nav += f'<a class="pagination__item--next" rel="next" href="{esc(nxt)}">{esc(ui(shop, "next"))}</a>'
        head = f'<link rel="next" href="{esc(shop.abs(nxt))}" />\n'
    body = f'<ul id="product-grid" class="grid product-grid">\n{cards}\n</ul>\n<nav class="pagination">'
    body += f"{nav}</nav>"
    return body, head


def _search_form(shop: Shop, q: str = "") -> str:
    return (
        f'<form action="/search" method="get" role="search" class="search">'
        f'<input type="search" name="q" value="{esc(q)}" placeholder="{esc(ui(shop, "search"))}" />'
        '<input type="hidden" name="options[prefix]" value="last" />'
        f'<button type="submit">{esc(ui(shop, "search"))}</button></form>'
    )


def _variant_option(shop: Shop, p: ShopProduct, v: ShopVariant, selected: bool) -> str:
    dis = ("" if v.in_stock else ' disabled="disabled"') + (' selected="selected"' if selected else "")
    label = variant_title(p, v) or p.title
    if not v.in_stock:
        label += " - " + ui(shop, "sold_out")
    price = money_text(v.price, shop.currency, shop.lang)
    return f'<option value="{v.id}"{dis}>{esc(label)} - {esc(price)}</option>'


def product_page(shop: Shop, p: ShopProduct, variant_id: int | None = None) -> str:
    """A Dawn-like product page: Product JSON-LD with one offer per variant, og:price, buy button.

    `?variant=ID` selects that variant: its price, image and option values are shown."""
    url = shop.abs(f"/products/{p.slug}")
    vs = variants_of(p)
    first = next((v for v in vs if v.id == variant_id), None) or next((v for v in vs if v.in_stock), vs[0])
    image = shop.abs(first.image) if first.image else _images(shop, p)[0]
    data: dict[str, Any] = {
        "@context": "http://schema.org/", "@type": "Product", "name": p.title, "url": url,
        "image": _images(shop, p), "description": p.description, "sku": first.sku,
        "brand": {"@type": "Brand", "name": p.brand},
        "offers": [
            {"@type": "Offer", **({"sku": v.sku} if v.sku else {}),
             "availability": "http://schema.org/" + ("InStock" if v.in_stock else "OutOfStock"),
             "price": Num(v.price), "priceCurrency": shop.currency, "url": f"{url}?variant={v.id}",
             **({"image": shop.abs(v.image)} if v.image and len(p.images) > 1 else {}),
             **({"shippingDetails": d} if (d := shipping_details(shop, v.price)) else {})}
            for v in vs
        ],
    }  # fmt: skip
    if p.gtin:
        data[f"gtin{len(p.gtin)}" if len(p.gtin) in (8, 12, 13, 14) else "gtin"] = p.gtin
    if p.rating is not None and p.rating_count:
        data["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": str(p.rating),
                                   "reviewCount": p.rating_count}  # fmt: skip
    head = (
        f'<meta property="og:price:amount" content="{esc(number_text(first.price, shop.lang))}" />\n'
        f'<meta property="og:price:currency" content="{esc(shop.currency)}" />\n{jsonld(data)}\n'
    )
    sold_out = not available(p)
    pickers = ""
    for i, (name, values) in enumerate(p.options):
        radios = ""
        for val in values:
            ok = any(v.in_stock for v in vs if v.options.get(name) == val)
            rid = f"opt-{i}-{esc(val)}"
            cls = "" if ok else ' class="disabled"'
            checked = ' checked="checked"' if first.options.get(name) == val else ""
            hidden = (
                ""
                if ok
                else f'<span class="visually-hidden label-unavailable">{esc(ui(shop, "sold_out"))}</span>'
            )
            radios += (
                f'<input type="radio" id="{rid}" name="{esc(name)}" value="{esc(val)}"{cls}{checked} />'
                f'<label for="{rid}"{cls}>{esc(val)}{hidden}</label>'
            )
        pickers += (
            f'<fieldset class="product-form__input"><legend>{esc(ui(shop, name))}</legend>{radios}</fieldset>'
        )
    options_html = "".join(_variant_option(shop, p, v, v is first) for v in vs)
    button = (
        f'<button type="submit" name="add" class="product-form__submit button" disabled="disabled">'
        f"{esc(ui(shop, 'sold_out'))}</button>"
        if sold_out
        else f'<button type="submit" name="add" class="product-form__submit button">'
        f"{esc(ui(shop, 'add'))}</button>"
    )
    body = (
        f'<section class="product"><div class="product__media"><img src="{esc(image)}" '
        f'alt="{esc(p.title)}" width="1024" height="1024" /></div><div class="product__info-container">'
        f'<p class="product__text caption-with-letter-spacing">{esc(p.brand)}</p>'
        f'<h1 class="product__title">{esc(p.title)}</h1>{_price_html(shop, p, first)}{shipping_html(shop)}'
        f"<variant-selects>{pickers}</variant-selects>"
        f'<form method="post" action="/cart/add" class="product-form">'
        f'<select name="id" class="product-select">{options_html}</select>{button}</form>'
        f'<div class="product__description rte">{paragraphs(p.description)}</div></div></section>'
    )
    return product_document(shop, p, body=body, url=url, image=image, head=head)


def route(shop: Shop, req: Request) -> Response | None:
    """Answer a Shopify storefront request, or None for an unknown path."""
    path = req.path.rstrip("/") or "/"
    cat = shop.catalogue
    if path in ("/products.json", "/collections/all/products.json"):
        return products_json(shop, req)
    if path == "/search/suggest.json":
        return suggest(shop, req)
    if path.startswith("/products/"):
        handle = path[len("/products/") :]
        for ext, fn in ((".js", product_js), (".json", product_json)):
            if handle.endswith(ext):
                p = cat.by_slug(handle[: -len(ext)])
                return json_response(fn(shop, p)) if p else json_response({"errors": "Not Found"}, 404)
        p = cat.by_slug(handle)
        return html_response(product_page(shop, p, req.int_param("variant", 0))) if p else None
    if path in ("/search", "/collections/all"):
        pg = req.int_param("page", 1) or 1
        q = req.params.get("q", "")
        found = cat.search(q, "prefix") if path == "/search" else cat.products()
        grid, head = _grid(shop, found, path, pg, **({"q": q} if path == "/search" else {}))
        title = f"{ui(shop, 'search')}: {q}" if path == "/search" else ui(shop, "all")
        summary = (
            f'<p class="results-count">{len(found)} {esc(ui(shop, "results"))} “{esc(q)}”</p>' if q else ""
        )
        body = f"<h1>{esc(title)}</h1>{_search_form(shop, q)}{summary}{grid}"
        return html_response(page(shop, title=title, body=body, url=shop.abs(req.path), head=head))
    if path == "/":
        body = (
            f"<h1>{esc(shop.name)}</h1>{_search_form(shop)}"
            f'<p><a href="/collections/all">{esc(ui(shop, "all"))}</a></p>'
        )
        return html_response(page(shop, title=shop.name, body=body, url=shop.abs("/")))
    if path == "/robots.txt":
        dis = ["/admin", "/cart", "/orders", "/checkouts/", "/checkout", "/account", "/search?*&q=*"]
        return text_response(robots(dis, shop.abs("/sitemap.xml")))
    if path == "/sitemap.xml":
        n = max(1, -(-len(cat.products()) // SITEMAP_CHUNK))
        return xml_response(sitemap_index([shop.abs(f"/sitemap_products_{i}.xml") for i in range(1, n + 1)]))
    if path.startswith("/sitemap_products_") and path.endswith(".xml"):
        try:
            i = int(path[len("/sitemap_products_") : -4])
        except ValueError:
            return None
        chunk = cat.products()[(i - 1) * SITEMAP_CHUNK : i * SITEMAP_CHUNK]
        return xml_response(urlset([shop.abs(f"/products/{p.slug}") for p in chunk])) if chunk else None
    return None
