"""The WooCommerce flavor: WordPress REST discovery, the Store API, and Storefront-like HTML."""

from __future__ import annotations

import re
import zlib
from typing import Any

from shopper.demo.shopdata import (
    SYMBOLS,
    ShopProduct,
    ShopVariant,
    available,
    minor_units,
    money_text,
    on_sale,
    plain,
    price_bounds,
    slugify,
    variants_of,
)
from shopper.demo.web import (
    Num,
    Request,
    Response,
    Shop,
    dumps,
    esc,
    html_response,
    json_response,
    jsonld,
    page,
    paragraphs,
    product_document,
    redirect,
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

API = "/wp-json/wc/store/v1"
HTML_PER_PAGE = 16
SITEMAP_CHUNK = 2000
VALID_UNTIL = "2026-12-31"
_ATTR_IDS = {"Size": 1, "Color": 2, "Waist": 3, "Length": 4, "Capacity": 5, "Layout": 6}


def _attr_id(name: str) -> int:
    return _ATTR_IDS.get(name) or 100 + zlib.crc32(name.encode()) % 900


def _api_link(shop: Shop) -> dict[str, str]:
    return {"Link": f'<{shop.abs("/wp-json/")}>; rel="https://api.w.org/"'}


def _prices(shop: Shop, price: int, regular: int, sale: int, rng: dict[str, str] | None) -> dict[str, Any]:
    comma = shop.lang != "en"
    sym = SYMBOLS.get(shop.currency, shop.currency)
    return {
        "currency_code": shop.currency, "currency_symbol": sym, "currency_minor_unit": 2,
        "currency_decimal_separator": "," if comma else ".",
            "currency_thousand_separator": "." if comma else ",",
        "currency_prefix": "" if comma else sym, "currency_suffix": f" {sym}" if comma else "",
        "price": str(price), "regular_price": str(regular), "sale_price": str(sale), "price_range": rng,
    }  # fmt: skip


def _price_html(shop: Shop, p: ShopProduct) -> str:
    lo, hi = price_bounds(p)
    if lo != hi:
        return (
            f'<span class="woocommerce-Price-amount amount"><bdi>'
            f"{esc(money_text(lo, shop.currency, shop.lang))}"
            f'</bdi></span> – <span class="woocommerce-Price-amount amount"><bdi>'
            f"{esc(money_text(hi, shop.currency, shop.lang))}</bdi></span>"
        )
    v = min(variants_of(p), key=lambda x: x.price)
    now = '<span class="woocommerce-Price-amount amount"><bdi>'
    now += f"{esc(money_text(v.price, shop.currency, shop.lang))}</bdi></span>"
    if v.regular_price is not None and on_sale(v.price, v.regular_price):
        was = esc(money_text(v.regular_price, shop.currency, shop.lang))
        return (
            f'<del aria-hidden="true"><span class="woocommerce-Price-amount amount"><bdi>{was}</bdi>'
            f"</span></del> "
            f"<ins>{now}</ins>"
        )
    return now


def _category(shop: Shop, p: ShopProduct) -> dict[str, Any]:
    slug = slugify(p.category)
    return {"id": 10 + zlib.crc32(slug.encode()) % 9000, "name": p.category, "slug": slug,
            "link": shop.abs(f"/product-category/{slug}/")}  # fmt: skip


def _images(shop: Shop, p: ShopProduct) -> list[dict[str, Any]]:
    srcs = [shop.abs(i) for i in p.images] or [shop.image(p)]
    return [
        {"id": p.id * 10 + i, "src": s, "thumbnail": s, "srcset": f"{s} 800w",
            "sizes": "(max-width: 800px) 100vw, 800px",
         "name": s.rsplit("/", 1)[-1], "alt": ""}
        for i, s in enumerate(srcs)
    ]  # fmt: skip


def store_item(shop: Shop, p: ShopProduct) -> dict[str, Any]:
    """One product in the documented Store API shape (prices as minor-unit strings)."""
    vs = variants_of(p)
    variable = bool(p.variants and p.options)
    buyable = [v for v in vs if v.in_stock] or vs
    cheapest = min(buyable, key=lambda v: v.price)
    price = minor_units(cheapest.price)
    regular = minor_units(cheapest.regular_price) if cheapest.regular_price is not None else price
    lo, hi = price_bounds(p)
    rng = (
        {"min_amount": str(minor_units(lo)), "max_amount": str(minor_units(hi))}
        if variable and lo != hi
        else None
    )
    attributes = [
        {"id": _attr_id(name), "name": ui(shop, name), "taxonomy": f"pa_{slugify(name)}",
         "has_variations": variable,
         "terms": [{"id": _attr_id(name) * 1000 + i, "name": val, "slug": slugify(val)} for i,
             val in enumerate(vals)]}
        for name, vals in p.options
    ]  # fmt: skip
    variations = [
        {"id": v.id, "attributes": [{"name": ui(shop, n), "value": slugify(v.options[n])} for n,
            _ in p.options if n in v.options]}
        for v in p.variants
    ]  # fmt: skip
    return {
        "id": p.id, "name": p.title, "slug": p.slug, "parent": 0,
            "type": "variable" if variable else "simple",
        "variation": "", "permalink": shop.abs(f"/product/{p.slug}/"), "sku": p.sku,
        "short_description": paragraphs(p.description.split("\n")[0]),
            "description": paragraphs(p.description),
        "on_sale": any(on_sale(v.price, v.regular_price) for v in vs),
        "prices": _prices(shop, price, regular, price, rng), "price_html": _price_html(shop, p),
        "average_rating": str(p.rating or 0), "review_count": p.rating_count or 0, "images": _images(shop, p),
        "categories": [_category(shop, p)], "tags": [{"id": 20000 + i, "name": t, "slug": slugify(t),
        "link": shop.abs(f"/product-tag/{slugify(t)}/")} for i, t in enumerate(p.tags)],
        "attributes": attributes, "variations": variations, "has_options": variable,
        "is_purchasable": True, "is_in_stock": available(p), "is_on_backorder": False,
        "low_stock_remaining": None, "sold_individually": False,
        "add_to_cart": {"text": ui(shop, "add") if not variable else "Select options", "description": "",
                        "url": f"?add-to-cart={p.id}", "minimum": 1, "maximum": 9999, "multiple_of": 1},
        "extensions": {},
    }  # fmt: skip


def variation_item(shop: Shop, p: ShopProduct, v: ShopVariant) -> dict[str, Any]:
    """A variation fetched by id from the Store API: it carries its own price and stock."""
    price = minor_units(v.price)
    regular = minor_units(v.regular_price) if v.regular_price is not None else price
    label = ", ".join(f"{ui(shop, n)}: {v.options[n]}" for n, _ in p.options if n in v.options)
    return {
        "id": v.id, "name": p.title, "slug": p.slug, "parent": p.id, "type": "variation", "variation": label,
        "permalink": shop.abs(f"/product/{p.slug}/?" + "&".join(
            f"attribute_pa_{slugify(n)}={slugify(val)}" for n, val in v.options.items())),
        "sku": v.sku, "short_description": "", "description": "", "on_sale": on_sale(v.price,
            v.regular_price),
        "prices": _prices(shop, price, regular, price, None),
        "images": [i for i in _images(shop, p) if not v.image or i["src"] == shop.abs(v.image)],
        "categories": [], "tags": [], "attributes": [], "variations": [], "has_options": False,
        "is_purchasable": True, "is_in_stock": v.in_stock, "is_on_backorder": False,
            "low_stock_remaining": None,
        "average_rating": "0", "review_count": 0, "extensions": {},
    }  # fmt: skip


def _api_error(code: str, message: str, status: int) -> Response:
    return json_response({"code": code, "message": message, "data": {"status": status}}, status)


def products_api(shop: Shop, req: Request) -> Response:
    """GET /wp-json/wc/store/v1/products with WordPress pagination headers."""
    per_page, pg = req.int_param("per_page", 10), req.int_param("page", 1)
    if per_page is None or not 1 <= per_page <= 100:
        return _api_error("rest_invalid_param", "Invalid parameter(s): per_page", 400)
    if pg is None or pg < 1:
        return _api_error("rest_invalid_param", "Invalid parameter(s): page", 400)
    q = req.params.get("search", "")
    found = shop.catalogue.search(q, "wp") if q.strip() else shop.catalogue.products()
    slugs = {s.strip() for s in req.params.get("slug", "").split(",") if s.strip()}
    if slugs:  # the Store API's slug filter: "products with specific slug(s), comma separated"
        found = [p for p in found if p.slug in slugs]
    total, pages = len(found), -(-len(found) // per_page)
    chunk = found[(pg - 1) * per_page : pg * per_page]
    base = shop.abs(API + "/products")
    links = []
    extra = {k: v for k, v in (("search", q), ("slug", ",".join(sorted(slugs)))) if v}
    if pg > 1:
        links.append(f'<{with_query(base, **extra, per_page=per_page, page=pg - 1)}>; rel="prev"')
    if pg < pages:
        links.append(f'<{with_query(base, **extra, per_page=per_page, page=pg + 1)}>; rel="next"')
    headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
    if links:
        headers["Link"] = ", ".join(links)
    return json_response([store_item(shop, p) for p in chunk], headers=headers)


def discovery(shop: Shop) -> dict[str, Any]:
    """The /wp-json/ root."""
    namespaces = ["oembed/1.0", "wc/store", "wc/store/v1", "wc/private", "wp/v2", "wp-site-health/v1"]
    routes = {f"{API}/products": {"namespace": "wc/store/v1", "methods": ["GET"]},
              f"{API}/products/(?P<id>[\\d]+)": {"namespace": "wc/store/v1", "methods": ["GET"]}}  # fmt: skip
    return {"name": shop.name, "description": "", "url": shop.base_url, "home": shop.base_url,
            "gmt_offset": "1", "timezone_string": "Europe/Berlin", "namespaces": namespaces,
            "authentication": [], "routes": routes}  # fmt: skip


# --- HTML -----------------------------------------------------------------------------------


def _search_form(shop: Shop, q: str = "") -> str:
    return (
        f'<form role="search" method="get" class="woocommerce-product-search" action="{esc(shop.abs("/"))}">'
        f'<input type="search" class="search-field" name="s" value="{esc(q)}" />'
        f'<button type="submit">{esc(ui(shop, "search"))}</button>'
        '<input type="hidden" name="post_type" value="product" /></form>'
    )


def _offers(shop: Shop, p: ShopProduct, url: str) -> dict[str, Any]:
    vs = variants_of(p)
    lo, hi = price_bounds(p)
    avail = "http://schema.org/" + ("InStock" if available(p) else "OutOfStock")
    seller = {"@type": "Organization", "name": shop.name, "url": shop.base_url}
    if p.variants and lo != hi:
        return {"@type": "AggregateOffer", "lowPrice": plain(lo), "highPrice": plain(hi),
            "offerCount": len(vs),
                "priceCurrency": shop.currency, "availability": avail, "url": url,
                    "seller": seller}  # fmt: skip
    v = min(vs, key=lambda x: x.price)
    specs: list[dict[str, Any]] = [
        {"@type": "UnitPriceSpecification", "price": plain(v.price), "priceCurrency": shop.currency,
         "valueAddedTaxIncluded": True, "validThrough": VALID_UNTIL}
    ]  # fmt: skip
    if v.regular_price is not None and on_sale(v.price, v.regular_price):
        specs.append({"@type": "UnitPriceSpecification", "price": plain(v.regular_price),
                      "priceCurrency": shop.currency, "valueAddedTaxIncluded": True,
                          "validThrough": VALID_UNTIL,
                      "priceType": "https://schema.org/ListPrice"})  # fmt: skip
    return {"@type": "Offer", "priceSpecification": specs, "priceValidUntil": VALID_UNTIL,
            "availability": avail, "url": url, "seller": seller,
            **({"shippingDetails": d} if (d := shipping_details(shop, v.price)) else {})}  # fmt: skip


def product_page(shop: Shop, p: ShopProduct, chosen: dict[str, str] | None = None) -> str:
    """A WooCommerce single-product page; its JSON-LD has prices only in priceSpecification.

    `chosen` holds attribute_pa_<name>=<slug> query parameters, which preselect those options."""
    chosen = chosen or {}
    url = shop.abs(f"/product/{p.slug}/")
    cat = _category(shop, p)
    product: dict[str, Any] = {
        "@type": "Product", "@id": url + "#product", "name": p.title, "url": url,
        "description": p.description, "image": shop.image(p), "sku": p.sku or str(p.id),
        "offers": [_offers(shop, p, url)], "brand": {"@type": "Brand", "name": p.brand},
    }  # fmt: skip
    if p.gtin:
        product["gtin"] = p.gtin
    if p.rating is not None and p.rating_count:
        product["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": str(p.rating),
                                      "reviewCount": p.rating_count}  # fmt: skip
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "item": {"name": ui(shop, "home"), "@id": shop.abs("/")}},
        {"@type": "ListItem", "position": 2, "item": {"name": p.category, "@id": cat["link"]}},
        {"@type": "ListItem", "position": 3, "item": {"name": p.title, "@id": url}}]}  # fmt: skip
    data = {"@context": "https://schema.org/", "@graph": [crumbs, product]}
    if p.variants and p.options:
        rows = [
            {"attributes": {f"attribute_pa_{slugify(n)}": slugify(v.options.get(n, "")) for n,
                _ in p.options},
             "display_price": Num(v.price), "display_regular_price": Num(v.regular_price or v.price),
             "is_in_stock": v.in_stock, "variation_id": v.id, "sku": v.sku,
             "image": {"src": shop.abs(v.image or p.images[0]) if v.image or p.images else shop.image(p)}}
            for v in p.variants
        ]  # fmt: skip
        selects = "".join(
            f'<tr><th class="label"><label for="pa_{slugify(n)}">{esc(ui(shop, n))}</label></th>'
            f'<td class="value">'
            f'<select id="pa_{slugify(n)}" name="attribute_pa_{slugify(n)}"><option value="">–</option>'
            + "".join(
                f'<option value="{esc(slugify(val))}"'
                + (' selected="selected"' if chosen.get(f"attribute_pa_{slugify(n)}") == slugify(val) else "")
                + f">{esc(val)}</option>"
                for val in vals
            )
            + "</select></td></tr>"
            for n, vals in p.options
        )
        form = (
            f'<form class="variations_form cart" method="post" data-product_id="{p.id}" '
            f'data-product_variations="{esc(dumps(rows))}"><table class="variations">{selects}</table>'
            f'<button type="submit" class="single_add_to_cart_button button alt">{esc(ui(shop, "add"))}'
            f"</button>"
            f'<input type="hidden" name="add-to-cart" value="{p.id}" /></form>'
        )
    elif p.in_stock:
        form = (
            f'<p class="stock in-stock">{esc(ui(shop, "in_stock"))}</p><form class="cart" method="post">'
            f'<button type="submit" name="add-to-cart" value="{p.id}" '
            'class="single_add_to_cart_button button alt">'
            f"{esc(ui(shop, 'add'))}</button></form>"
        )
    else:
        form = f'<p class="stock out-of-stock">{esc(ui(shop, "sold_out"))}</p>'
    body = (
        f'<div id="product-{p.id}" class="product type-product">'
        f'<div class="woocommerce-product-gallery">'
        + "".join(
            f'<img src="{esc(shop.abs(i))}" alt="{esc(p.title)}" />' for i in p.images or [shop.image(p)]
        )
        + "</div>"
        f'<div class="summary entry-summary"><h1 class="product_title entry-title">{esc(p.title)}</h1>'
        f'<p class="price">{_price_html(shop, p)}</p>'
        f"{shipping_html(shop)}"
        f'<div class="woocommerce-product-details__short-description">'
        f"{paragraphs(p.description.split(chr(10))[0])}"
        f'</div>{form}<div class="product_meta"><span class="sku_wrapper">SKU: <span class="sku">'
        f'{esc(p.sku)}</span></span> <span class="posted_in"><a href="{esc(cat["link"])}" rel="tag">'
        f"{esc(p.category)}</a></span></div></div>"
        f'<div class="woocommerce-Tabs-panel" id="tab-description">{paragraphs(p.description)}</div></div>\n'
        f"{jsonld(data)}"
    )
    return product_document(shop, p, body=body, url=url)


def search_page(shop: Shop, q: str, pg: int) -> Response:
    """/?s=..&post_type=product; like WooCommerce, a single hit redirects to the product."""
    found = shop.catalogue.search(q, "wp")
    if len(found) == 1 and pg == 1:
        return redirect(shop.abs(f"/product/{found[0].slug}/"), 302)
    chunk = found[(pg - 1) * HTML_PER_PAGE : pg * HTML_PER_PAGE]
    items = "".join(
        f'<li class="product type-product{"" if available(p) else " outofstock"}">'
        f'<a href="{esc(shop.abs(f"/product/{p.slug}/"))}" class="woocommerce-LoopProduct-link">'
        f'<img src="{esc(shop.image(p))}" alt="{esc(p.title)}" />'
        f'<h2 class="woocommerce-loop-product__title">{esc(p.title)}</h2>'
        f'<span class="price">{_price_html(shop, p)}</span></a>'
        + ("" if available(p) else f'<span class="stock out-of-stock">{esc(ui(shop, "sold_out"))}</span>')
        + "</li>"
        for p in chunk
    )
    nav, head = "", ""
    if pg * HTML_PER_PAGE < len(found):
        nxt = shop.abs(with_query(f"/page/{pg + 1}/", s=q, post_type="product"))
        nav = f'<a class="next page-numbers" rel="next" href="{esc(nxt)}">{esc(ui(shop, "next"))}</a>'
        head = f'<link rel="next" href="{esc(nxt)}" />\n'
    body = (
        f'<h1 class="page-title">{esc(ui(shop, "search"))}: “{esc(q)}”</h1>{_search_form(shop, q)}'
        f'<p class="woocommerce-result-count">{len(found)} {esc(ui(shop, "results"))} “{esc(q)}”</p>'
        + (f'<ul class="products columns-4">{items}</ul>' if items else f"<p>{esc(ui(shop, 'none'))}</p>")
        + f'<nav class="woocommerce-pagination">{nav}</nav>'
    )
    url = shop.abs(with_query("/", s=q, post_type="product"))
    return html_response(page(shop, title=q, body=body, url=url, head=head), headers=_api_link(shop))


def route(shop: Shop, req: Request) -> Response | None:
    """Answer a WooCommerce/WordPress request, or None for an unknown path."""
    path, cat = req.path, shop.catalogue
    if req.params.get("rest_route"):
        path = "/wp-json" + req.params["rest_route"]
    if path.rstrip("/") == "/wp-json":
        return json_response(discovery(shop), headers=_api_link(shop))
    m = re.fullmatch(r"/wp-json/wc/store(?:/v1)?/products/?", path)
    if m:
        return products_api(shop, req)
    m = re.fullmatch(r"/wp-json/wc/store(?:/v1)?/products/(\d+)/?", path)
    if m:
        pid = int(m.group(1))
        p = cat.by_id(pid)
        if p is not None:
            return json_response(store_item(shop, p))
        pv = cat.by_variant_id(pid)
        if pv is not None:
            return json_response(variation_item(shop, *pv))
        return _api_error("woocommerce_rest_product_invalid_id", "Invalid product ID.", 404)
    m = re.fullmatch(r"/product/([^/]+)(/?)", path)
    if m:
        p = cat.by_slug(m.group(1))
        if p is None:
            return None
        if not m.group(2):
            return redirect(shop.abs(f"/product/{p.slug}/"), 301)
        chosen = {k: v for k, v in req.params.items() if k.startswith("attribute_pa_")}
        return html_response(product_page(shop, p, chosen), headers=_api_link(shop))
    m = re.fullmatch(r"/(?:page/(\d+)/?)?", path)
    if m and "s" in req.params:
        pg = int(m.group(1) or req.int_param("paged", 1) or 1)
        return search_page(shop, req.params["s"], max(pg, 1))
    if path == "/":
        body = f"<h1>{esc(shop.name)}</h1>{_search_form(shop)}"
        return html_response(
            page(shop, title=shop.name, body=body, url=shop.abs("/")), headers=_api_link(shop)
        )
    if path == "/robots.txt":
        return text_response(
            robots(["/wp-admin/"], shop.abs("/wp-sitemap.xml"), ("/wp-admin/admin-ajax.php",))
        )
    if path == "/sitemap.xml":
        return redirect(shop.abs("/wp-sitemap.xml"), 301)
    if path == "/wp-sitemap.xml":
        n = max(1, -(-len(cat.products()) // SITEMAP_CHUNK))
        return xml_response(
            sitemap_index([shop.abs(f"/wp-sitemap-posts-product-{i}.xml") for i in range(1, n + 1)])
        )
    m = re.fullmatch(r"/wp-sitemap-posts-product-(\d+)\.xml", path)
    if m:
        i = int(m.group(1))
        chunk = cat.products()[(i - 1) * SITEMAP_CHUNK : i * SITEMAP_CHUNK]
        return xml_response(urlset([shop.abs(f"/product/{p.slug}/") for p in chunk])) if chunk else None
    return None
