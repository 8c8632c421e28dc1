"""The "jsonld" flavor: a plain HTML shop whose only machine-readable data is schema.org JSON-LD."""

from __future__ import annotations

from typing import Any

from shopper.demo.shopdata import (
    ShopProduct,
    ShopVariant,
    available,
    lowest_offer,
    money_text,
    on_sale,
    plain,
    variants_of,
)
from shopper.demo.web import (
    Request,
    Response,
    Shop,
    esc,
    html_response,
    jsonld,
    page,
    paragraphs,
    product_document,
    robots,
    shipping_details,
    shipping_html,
    text_response,
    ui,
    urlset,
    with_query,
    xml_response,
)

PER_PAGE = 12
_PROPS = {"Size": "size", "Color": "color", "Colour": "color", "Material": "material", "Pattern": "pattern"}


def _url(shop: Shop, p: ShopProduct) -> str:
    return shop.abs(f"/p/{p.slug}")


def _avail(ok: bool) -> str:
    return "https://schema.org/" + ("InStock" if ok else "OutOfStock")


def _offer(shop: Shop, v: ShopVariant, url: str) -> dict[str, Any]:
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": url,
        "price": plain(v.price),
        "priceCurrency": shop.currency,
        "availability": _avail(v.in_stock),
        "itemCondition": "https://schema.org/NewCondition",
    }
    if v.regular_price is not None and on_sale(v.price, v.regular_price):
        offer["priceSpecification"] = {
            "@type": "UnitPriceSpecification",
            "priceType": "https://schema.org/ListPrice",
            "price": plain(v.regular_price),
            "priceCurrency": shop.currency,
        }
    if v.sku:
        offer["sku"] = v.sku
    details = shipping_details(shop, v.price)
    if details:
        offer["shippingDetails"] = details
    return offer


def _base(shop: Shop, p: ShopProduct, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": kind,
        "name": p.title,
        "url": _url(shop, p),
        "image": [shop.abs(i) for i in p.images] if len(p.images) > 1 else shop.image(p),
        "description": p.description,
        "brand": {"@type": "Brand", "name": p.brand},
        "category": p.category,
    }
    if p.sku:
        data["sku"] = p.sku
    if p.gtin:
        data["gtin13" if len(p.gtin) == 13 else "gtin"] = p.gtin
    if p.mpn:
        data["mpn"] = p.mpn
    if p.rating is not None and p.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(p.rating),
            "reviewCount": p.rating_count,
        }
    return data


def product_data(shop: Shop, p: ShopProduct) -> dict[str, Any]:
    """The product page's JSON-LD; the shape varies per product as it does between real shops."""
    url = _url(shop, p)
    if p.variants and p.options:
        data = _base(shop, p, "ProductGroup")
        data["productGroupID"] = p.sku or str(p.id)
        data["variesBy"] = [f"https://schema.org/{_PROPS.get(n, n.lower())}" for n, _ in p.options]
        variants = []
        for v in p.variants:
            label = " / ".join(v.options.values())
            item: dict[str, Any] = {
                "@type": "Product",
                "name": f"{p.title} – {label}",
                "sku": v.sku or str(v.id),
                "url": f"{url}?variant={v.id}",
                "offers": _offer(shop, v, f"{url}?variant={v.id}"),
            }
            if v.image:
                item["image"] = shop.abs(v.image)
            for n, val in v.options.items():
                if n in _PROPS:
                    item[_PROPS[n]] = val
                else:
                    item.setdefault("additionalProperty", []).append(
                        {"@type": "PropertyValue", "name": n, "value": val}
                    )
            variants.append(item)
        data["hasVariant"] = variants
    else:
        data = _base(shop, p, "Product")
        offer = _offer(shop, variants_of(p)[0], url)
        data["offers"] = offer if p.id % 3 == 0 else [offer]
    if p.id % 2:
        site = {"@type": "WebSite", "@id": shop.abs("/#website"), "url": shop.base_url, "name": shop.name}
        crumbs = {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": ui(shop, "home"), "item": shop.abs("/")},
                {"@type": "ListItem", "position": 2, "name": p.title, "item": url},
            ],
        }
        return {"@context": "https://schema.org", "@graph": [site, crumbs, data]}
    return {"@context": "https://schema.org", **data}


def _price_block(shop: Shop, v: ShopVariant) -> str:
    now = esc(money_text(v.price, shop.currency, shop.lang))
    html = f'<span class="price-now">{now}</span>'
    if v.regular_price is not None and on_sale(v.price, v.regular_price):
        was = esc(money_text(v.regular_price, shop.currency, shop.lang))
        html = f'<del class="price-was" title="{esc(ui(shop, "was"))}">{was}</del> ' + html
    return f'<p class="price">{html}</p>'


def product_page(shop: Shop, p: ShopProduct) -> str:
    """/p/<slug>: JSON-LD plus a visible price and stock line."""
    url = _url(shop, p)
    v = lowest_offer(p)
    ok = available(p)
    rows = ""
    if p.variants and p.options:
        rows = (
            '<ul class="variants">'
            + "".join(
                f'<li data-variant="{x.id}"><span class="label">{esc(" / ".join(x.options.values()))}</span> '
                f'<span class="vprice">{esc(money_text(x.price, shop.currency, shop.lang))}</span> '
                f'<span class="stock">{esc(ui(shop, "in_stock" if x.in_stock else "sold_out"))}</span></li>'
                for x in p.variants
            )
            + "</ul>"
        )
    stock_cls = "in-stock" if ok else "out-of-stock"
    button = "" if ok else ' disabled="disabled"'
    body = (
        f'<article class="product-detail"><img src="{esc(shop.image(p))}" alt="{esc(p.title)}" />'
        f'<h1>{esc(p.title)}</h1><p class="brand">{esc(p.brand)}</p>{_price_block(shop, v)}'
        f'<p class="stock {stock_cls}">{esc(ui(shop, "in_stock" if ok else "sold_out"))}</p>'
        f"{shipping_html(shop)}{rows}"
        f'<form method="post" action="/cart"><input type="hidden" name="product" value="{p.id}" />'
        f'<button type="submit"{button}>{esc(ui(shop, "add"))}</button></form>'
        f'<section class="description">{paragraphs(p.description)}</section></article>\n'
        f"{jsonld(product_data(shop, p))}"
    )
    return product_document(shop, p, body=body, url=url)


def _search_form(shop: Shop, q: str = "") -> str:
    return (
        f'<form role="search" action="/search" method="get"><input type="search" name="q" value="{esc(q)}" '
        f'aria-label="{esc(ui(shop, "search"))}" /><button type="submit">{esc(ui(shop, "search"))}'
        f"</button></form>"
    )


def search_page(shop: Shop, q: str, pg: int) -> str:
    """/search?q=&page=: product cards plus an ItemList JSON-LD, 12 per page, rel=next/prev links."""
    found = shop.catalogue.search(q, "all")
    chunk = found[(pg - 1) * PER_PAGE : pg * PER_PAGE]
    elements, cards = [], []
    for i, p in enumerate(chunk, (pg - 1) * PER_PAGE + 1):
        v = lowest_offer(p)
        ok = available(p)
        elements.append(
            {
                "@type": "ListItem",
                "position": i,
                "item": {
                    "@type": "Product",
                    "url": _url(shop, p),
                    "name": p.title,
                    "image": shop.image(p),
                    "brand": {"@type": "Brand", "name": p.brand},
                    "offers": {
                        "@type": "Offer",
                        "price": plain(v.price),
                        "priceCurrency": shop.currency,
                        "availability": _avail(ok),
                    },
                },
            }
        )
        sold = "" if ok else f'<span class="badge sold-out">{esc(ui(shop, "sold_out"))}</span>'
        cards.append(
            f'<article class="product-card"><a href="{esc(_url(shop, p))}"><img src="{esc(shop.image(p))}" '
            f'alt="{esc(p.title)}" /><h2 class="product-title">{esc(p.title)}</h2></a>'
            f"{_price_block(shop, v)}{sold}</article>"
        )
    head, nav = "", ""
    if pg > 1:
        prev = shop.abs(with_query("/search", q=q, page=pg - 1))
        head += f'<link rel="prev" href="{esc(prev)}" />\n'
        nav += f'<a rel="prev" href="{esc(prev)}">{esc(ui(shop, "prev"))}</a> '
    if pg * PER_PAGE < len(found):
        nxt = shop.abs(with_query("/search", q=q, page=pg + 1))
        head += f'<link rel="next" href="{esc(nxt)}" />\n'
        nav += f'<a rel="next" href="{esc(nxt)}">{esc(ui(shop, "next"))}</a>'
    listing = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "numberOfItems": len(found),
        "itemListElement": elements,
    }
    grid = "\n".join(cards) or f'<p class="empty">{esc(ui(shop, "none"))}</p>'
    body = (
        f"{_search_form(shop, q)}<h1>{len(found)} {esc(ui(shop, 'results'))} “{esc(q)}”</h1>"
        f'<div class="product-grid">\n{grid}\n</div><nav class="pagination">{nav}</nav>\n{jsonld(listing)}'
    )
    url = shop.abs(with_query("/search", q=q, page=pg if pg > 1 else None))
    return page(shop, title=f"{ui(shop, 'search')}: {q}", body=body, url=url, head=head)


def route(shop: Shop, req: Request) -> Response | None:
    """Answer a request to the plain JSON-LD shop, or None for an unknown path."""
    path = req.path
    if path == "/":
        body = f"<h1>{esc(shop.name)}</h1>{_search_form(shop)}"
        return html_response(page(shop, title=shop.name, body=body, url=shop.abs("/")))
    if path == "/search":
        pg = req.int_param("page", 1) or 1
        return html_response(search_page(shop, req.params.get("q", ""), max(pg, 1)))
    if path.startswith("/p/"):
        p = shop.catalogue.by_slug(path[3:].rstrip("/"))
        return html_response(product_page(shop, p)) if p else None
    if path == "/sitemap.xml":
        return xml_response(urlset([_url(shop, p) for p in shop.catalogue.products()]))
    if path == "/robots.txt":
        return text_response(robots(["/cart", "/account", "/checkout"], shop.abs("/sitemap.xml")))
    return None
