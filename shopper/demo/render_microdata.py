"""The "microdata" flavor: a European HTML shop with schema.org microdata, OpenSearch and no JSON-LD."""

from __future__ import annotations

from shopper.demo import SEARCH_PATHS
from shopper.demo.shopdata import (
    ShopProduct,
    ShopVariant,
    available,
    lowest_offer,
    money_text,
    on_sale,
    plain,
    slugify,
)
from shopper.demo.web import (
    Request,
    Response,
    Shop,
    esc,
    html_response,
    page,
    paragraphs,
    product_document,
    robots,
    shipping_html,
    shipping_microdata,
    text_response,
    ui,
    urlset,
    with_query,
    xml_response,
)

PER_PAGE = 20
_ITEM = {"nl": "/artikel/", "nb": "/produkt/", "de": "/produkt/", "en": "/item/"}
SCHEMA = "https://schema.org/"


def search_path(shop: Shop) -> str:
    """The path of the shop's search page."""
    return SEARCH_PATHS.get(shop.lang, "/search")


def item_url(shop: Shop, p: ShopProduct) -> str:
    """The absolute URL of a product page."""
    return shop.abs(_ITEM.get(shop.lang, "/item/") + p.slug)


def opensearch(shop: Shop) -> str:
    """The OpenSearch description document."""
    template = shop.abs(search_path(shop)) + "?q={searchTerms}&p={startPage?}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
        f"<ShortName>{esc(shop.name[:16])}</ShortName>\n<Description>{esc(shop.name)}</Description>\n"
        f"<InputEncoding>UTF-8</InputEncoding>\n<Language>{esc(shop.lang)}</Language>\n"
        f'<Url type="text/html" method="get" template="{esc(template)}" />\n'
        "</OpenSearchDescription>\n"
    )


def _head(shop: Shop) -> str:
    return (
        f'<link rel="search" type="application/opensearchdescription+xml" title="{esc(shop.name)}" '
        f'href="{esc(shop.abs("/opensearch.xml"))}" />\n'
    )


def _offer(shop: Shop, v: ShopVariant, url: str, name: str = "") -> str:
    """One Offer itemscope: machine values in content/href attributes, locale-formatted visible text."""
    was = ""
    if v.regular_price is not None and on_sale(v.price, v.regular_price):
        was = (
            f'<span class="was">{esc(ui(shop, "was"))} <del>'
            f"{esc(money_text(v.regular_price, shop.currency, shop.lang))}</del></span> "
        )
    stock = ui(shop, "in_stock" if v.in_stock else "sold_out")
    label = f'<span class="variant-name" itemprop="name">{esc(name)}</span> ' if name else ""
    sku = f'<meta itemprop="sku" content="{esc(v.sku)}" />' if v.sku else ""
    return (
        f'<div class="offer" itemprop="offers" itemscope="itemscope" itemtype="{SCHEMA}Offer">{label}{sku}'
        f'<meta itemprop="priceCurrency" content="{esc(shop.currency)}" />{was}'
        f'<span class="price" itemprop="price" content="{plain(v.price)}">'
        f"{esc(money_text(v.price, shop.currency, shop.lang))}</span> "
        f'<link itemprop="availability" href="{SCHEMA}{"InStock" if v.in_stock else "OutOfStock"}" />'
        f'<link itemprop="url" href="{esc(url)}" />{shipping_microdata(shop, v.price)}'
        f'<span class="stock {"in-stock" if v.in_stock else "sold-out"}">{esc(stock)}</span></div>'
    )


def _variant_name(shop: Shop, p: ShopProduct, v: ShopVariant) -> str:
    """How the shop names a variant: "Maat 44" for a size alone, "Rood / M" for colour and size."""
    size, colour = v.options.get("Size"), v.options.get("Color")
    if size is not None and colour is not None:
        return f"{colour} / {size}"
    return " / ".join(f"{ui(shop, n)} {v.options[n]}" for n, _ in p.options if n in v.options)


def _selectors(shop: Shop, p: ShopProduct, chosen: ShopVariant | None) -> str:
    """Visible option pickers; a value sold out in every variant is disabled and marked sold out."""
    out = ""
    for name, values in p.options:
        field = slugify(ui(shop, name))
        opts = ""
        for val in values:
            ok = any(v.in_stock for v in p.variants if v.options.get(name) == val)
            mark = "" if ok else f" - {ui(shop, 'sold_out').lower()}"
            dis = "" if ok else ' disabled="disabled"'
            if chosen is not None and chosen.options.get(name) == val:
                dis += ' selected="selected"'
            opts += f'<option value="{esc(val)}"{dis}>{esc(val)}{esc(mark)}</option>'
        out += (
            f'<label for="{field}">{esc(ui(shop, name))}</label>'
            f'<select id="{field}" name="{field}" class="variant-select">{opts}</select>'
        )
    return f'<form class="variant-picker" method="post" action="/cart">{out}</form>' if out else ""


def product_page(shop: Shop, p: ShopProduct, variant_id: int | None = None) -> str:
    """A product page with microdata Product > Offer (one Offer per variant); ?v=ID preselects a variant."""
    url = item_url(shop, p)
    chosen = next((v for v in p.variants if v.id == variant_id), None)
    ids = "".join(
        f'<meta itemprop="{prop}" content="{esc(val)}" />'
        for prop, val in (
            ("sku", p.sku),
            ("gtin13" if len(p.gtin or "") == 13 else "gtin", p.gtin),
            ("mpn", p.mpn),
        )
        if val
    )
    rating = ""
    if p.rating is not None and p.rating_count:
        rating = (
            f'<div itemprop="aggregateRating" itemscope="itemscope" itemtype="{SCHEMA}AggregateRating">'
            f'<meta itemprop="ratingValue" content="{p.rating}" /><meta itemprop="reviewCount" '
            f'content="{p.rating_count}" /><span class="stars">'
            f"{esc(str(p.rating))} / 5 ({p.rating_count})</span></div>"
        )
    if p.variants and p.options:
        offers = (
            '<div class="variants">'
            + "".join(_offer(shop, v, f"{url}?v={v.id}", _variant_name(shop, p, v)) for v in p.variants)
            + "</div>"
            + _selectors(shop, p, chosen)
        )
    else:
        offers = _offer(shop, lowest_offer(p), url)
    sold_out = (
        "" if available(p) else f'<p class="sold-out-notice"><strong>{esc(ui(shop, "sold_out"))}</strong></p>'
    )
    body = (
        f'<div class="product" itemscope="itemscope" itemtype="{SCHEMA}Product">'
        + "".join(
            f'<img itemprop="image" src="{esc(shop.abs(i))}" alt="{esc(p.title)}" />'
            for i in p.images or [shop.image(p)]
        )
        + f'<h1 itemprop="name">{esc(p.title)}</h1>'
        f'<div itemprop="brand" itemscope="itemscope" itemtype="{SCHEMA}Brand"><span itemprop="name">'
        f"{esc(p.brand)}</span></div>{ids}"
        f'<meta itemprop="category" content="{esc(p.category)}" />{rating}{sold_out}{offers}'
        f"{shipping_html(shop)}"
        f'<div class="description" itemprop="description">{paragraphs(p.description)}</div></div>'
    )
    return product_document(shop, p, body=body, url=url, head=_head(shop))


def _search_form(shop: Shop, q: str = "") -> str:
    return (
        f'<form action="{esc(search_path(shop))}" method="get" class="search-form">'
        f'<input type="text" name="q" value="{esc(q)}" /><button type="submit">'
        f"{esc(ui(shop, 'search'))}</button></form>"
    )


def search_page(shop: Shop, q: str, pg: int) -> str:
    """Search results: one microdata Product per hit, 20 per page, ?p= pages."""
    found = shop.catalogue.search(q, "all")
    chunk = found[(pg - 1) * PER_PAGE : pg * PER_PAGE]
    items = "".join(
        f'<li class="hit" itemscope="itemscope" itemtype="{SCHEMA}Product">'
        f'<a itemprop="url" href="{esc(item_url(shop, p))}"><img itemprop="image" src="{esc(shop.image(p))}" '
        f'alt="{esc(p.title)}" /><span itemprop="name">{esc(p.title)}</span></a>'
        f'<meta itemprop="brand" content="{esc(p.brand)}" />'
        f"{_offer(shop, lowest_offer(p), item_url(shop, p))}</li>"
        for p in chunk
    )
    nav, head = "", _head(shop)
    sp = search_path(shop)
    if pg > 1:
        prev = shop.abs(with_query(sp, q=q, p=pg - 1))
        nav += f'<a rel="prev" href="{esc(prev)}">{esc(ui(shop, "prev"))}</a> '
    if pg * PER_PAGE < len(found):
        nxt = shop.abs(with_query(sp, q=q, p=pg + 1))
        nav += f'<a rel="next" href="{esc(nxt)}">{esc(ui(shop, "next"))}</a>'
        head += f'<link rel="next" href="{esc(nxt)}" />\n'
    results = (
        f'<ol class="results">{items}</ol>' if items else f'<p class="empty">{esc(ui(shop, "none"))}</p>'
    )
    body = (
        f"{_search_form(shop, q)}<h1>{len(found)} {esc(ui(shop, 'results'))} “{esc(q)}”</h1>"
        f'{results}<nav class="pages">{nav}</nav>'
    )
    url = shop.abs(with_query(sp, q=q, p=pg if pg > 1 else None))
    return page(shop, title=f"{ui(shop, 'search')}: {q}", body=body, url=url, head=head)


def route(shop: Shop, req: Request) -> Response | None:
    """Answer a request to the microdata shop, or None for an unknown path."""
    path = req.path
    if path == "/":
        body = f"<h1>{esc(shop.name)}</h1>{_search_form(shop)}"
        return html_response(page(shop, title=shop.name, body=body, url=shop.abs("/"), head=_head(shop)))
    if path == "/opensearch.xml":
        return xml_response(opensearch(shop), "application/opensearchdescription+xml; charset=utf-8")
    if path == search_path(shop):
        pg = req.int_param("p", 1) or 1
        return html_response(search_page(shop, req.params.get("q", ""), max(pg, 1)))
    prefix = _ITEM.get(shop.lang, "/item/")
    if path.startswith(prefix):
        p = shop.catalogue.by_slug(path[len(prefix) :].rstrip("/"))
        return html_response(product_page(shop, p, req.int_param("v", 0))) if p else None
    if path == "/sitemap.xml":
        return xml_response(urlset([item_url(shop, p) for p in shop.catalogue.products()]))
    if path == "/robots.txt":
        return text_response(robots(["/winkelwagen", "/account", "/afrekenen"], shop.abs("/sitemap.xml")))
    return None
