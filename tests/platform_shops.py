# ruff: noqa: E501  (lines of copied theme markup read better unbroken)
"""Local test shops whose pages copy the public theme markup of five shop platforms, not shopper's renderers.

Each shop serves its platform's home page (with that platform's own search form), search results pages
(product cards without structured data, the platform's pager), product pages (OpenGraph only, microdata,
JSON-LD or visible text only) and robots.txt with a Sitemap line. The markup lives in
tests/platform_templates/, each file naming the public templates it was written from. The search is as
weak as real shop searches: every word required, prefix matching, a minimum word length, no plural folding.
"""

from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import parse_qs, quote_plus, urlsplit

TEMPLATES = Path(__file__).with_name("platform_templates")
PLATFORMS = ("magento", "prestashop", "shopware", "opencart", "woocommerce")
PAGE_SIZE = 12
NBSP_EURO = "\u00a0€"


@dataclass
class Item:
    """One product of a test shop."""

    id: int
    title: str
    price: Decimal
    old_price: Decimal | None = None
    in_stock: bool = True
    description: str = ""

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")

    @property
    def sku(self) -> str:
        return f"TS-{self.id:04d}"


def catalogue() -> list[Item]:
    """A small mixed catalogue (this file's own products)."""
    rows = [
        ("Alpine Trail Running Shoe", "119.95", "139.95"),
        ("Ridge Trail Running Shoe Waterproof", "149.00", None),
        ("City Road Running Shoe", "89.50", None),
        ("Kids Trail Running Shoe", "59.99", "69.99"),
        ("Merino Wool Running Sock", "14.90", None),
        ("Lightweight Rain Jacket", "79.00", "99.00"),
        ("Insulated Winter Jacket", "189.00", None),
        ("Packable Down Vest", "99.00", None),
        ("Wireless Noise Cancelling Headphones", "249.00", "299.00"),
        ("Wired Studio Headphones", "99.95", None),
        ("Bluetooth Travel Speaker", "59.00", None),
        ("Portable Power Bank 20000 mAh", "39.99", None),
        ("Stainless Steel Water Bottle", "24.50", None),
        ("Hiking Backpack 30 L", "109.00", "129.00"),
        ("Trekking Poles Carbon Pair", "89.00", None),
        ("Cotton Crew Sweater", "49.95", None),
        ("Chunky Knit Cardigan", "69.00", "89.00"),
        ("Slim Fit Denim Jeans", "59.95", None),
        ("Espresso Machine Compact", "329.00", "379.00"),
        ("Burr Coffee Grinder", "129.00", None),
    ]
    items = [
        Item(id=i + 1, title=t, price=Decimal(p), old_price=Decimal(o) if o else None)
        for i, (t, p, o) in enumerate(rows)
    ]
    # Many more running shoes, so a search spans several results pages.
    colours = [
        "Red",
        "Blue",
        "Black",
        "Grey",
        "Green",
        "Yellow",
        "Orange",
        "White",
        "Navy",
        "Teal",
        "Olive",
        "Pink",
    ]
    for n, colour in enumerate(colours):
        items.append(Item(id=100 + n, title=f"Tempo Running Shoe {colour}", price=Decimal("99.00") + n))
    items[2].in_stock = False
    for item in items:
        item.description = f"{item.title}: a product of the test shop, described in plain words."
    return items


def _template(name: str) -> Template:
    text = (TEMPLATES / f"{name}.html").read_text(encoding="utf-8")
    # The provenance comment is for readers of the template; a card is repeated, so it is kept out of pages.
    if name.endswith("_card"):
        text = re.sub(r"^<!--.*?-->\s*", "", text, flags=re.S)
    return Template(text)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


# --- prices the way each platform prints them --------------------------------------------------


def _amount(value: Decimal, style: str) -> str:
    whole, cents = f"{value:.2f}".split(".")
    grouped = f"{int(whole):,}"
    if style == "en":
        return f"€{grouped}.{cents}"
    if style == "right":  # OpenCart with a right-hand symbol
        return f"{grouped}.{cents}€"
    return f"{grouped.replace(',', '.')},{cents}\u00a0€"


def _price_html(platform: str, item: Item) -> str:
    new, old = item.price, item.old_price
    if platform == "magento":
        final = (
            f'<span class="price-container price-final_price tax weee"><span id="product-price-{item.id}" '
            f'data-price-amount="{new}" data-price-type="finalPrice" class="price-wrapper "><span class="price">'
            f"{_amount(new, 'en')}</span></span></span>"
        )
        if old is None:
            return final
        labelled = final.replace('weee">', 'weee"><span class="price-label">Special Price</span>', 1)
        return (
            f'<span class="special-price">{labelled}</span>'
            f'<span class="old-price"><span class="price-container price-final_price tax weee"><span class="price-label">'
            f'Regular Price</span><span id="old-price-{item.id}" data-price-amount="{old}" data-price-type="oldPrice" '
            f'class="price-wrapper "><span class="price">{_amount(old, "en")}</span></span></span></span>'
        )
    if platform == "prestashop":
        regular = (
            f'<span class="regular-price" aria-label="Prix de base">{_amount(old, "eu")}</span>'
            f'<span class="discount-percentage discount-product">-{_percent(item)}%</span>'
            if old
            else ""
        )
        return f'{regular}<span class="price" aria-label="Prix">{_amount(new, "eu")}</span>'
    if platform == "shopware":
        listed = (
            f'<span class="list-price"><span class="list-price-price">{_amount(old, "eu")}*</span>'
            f'<span class="list-price-percentage">({_percent(item)}% gespart)</span></span>'
            if old
            else ""
        )
        return f'<span class="product-price{" with-list-price" if old else ""}">{_amount(new, "eu")}*{listed}</span>'
    if platform == "opencart":
        tax = f'<span class="price-tax">Ex Tax: {_amount((new / Decimal("1.21")).quantize(Decimal("0.01")), "right")}</span>'
        if old:
            return (
                f'<span class="price-new">{_amount(new, "right")}</span> <span class="price-old">'
                f"{_amount(old, 'right')}</span>\n{tax}"
            )
        return f"{_amount(new, 'right')}\n{tax}"

    def amount(v: Decimal) -> str:
        number = _amount(v, "eu").replace(NBSP_EURO, "")
        return (
            f'<span class="woocommerce-Price-amount amount"><bdi>{number}&nbsp;'
            f'<span class="woocommerce-Price-currencySymbol">&euro;</span></bdi></span>'
        )

    if old:
        return (
            f'<del aria-hidden="true">{amount(old)}</del> <span class="screen-reader-text">Original price was: '
            f'{_amount(old, "eu")}.</span><ins aria-hidden="true">{amount(new)}</ins><span class="screen-reader-text">'
            f"Current price is: {_amount(new, 'eu')}.</span>"
        )
    return amount(new)


def _percent(item: Item) -> int:
    assert item.old_price
    return round((1 - item.price / item.old_price) * 100)


# --- the shop ------------------------------------------------------------------------------------


@dataclass
class PlatformShop:
    """One platform's shop on 127.0.0.1; `product_data` is og, microdata, jsonld or none (visible text only)."""

    platform: str
    product_data: str = "jsonld"
    search_param: str | None = None  # themes rename the field; None keeps the platform's own name
    min_chars: int = 3
    search_status: int = 200  # 500: the search answers with an error page
    broken_products: bool = False  # product pages show no product at all
    prices_hidden: bool = False  # cards say "log in to see prices", as trade-only shops do
    opensearch: bool = False
    items: list[Item] = field(default_factory=catalogue)
    name: str = ""
    hits: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        assert self.platform in PLATFORMS, self.platform
        self.name = self.name or f"{self.platform} test shop"
        self.param = (
            self.search_param
            or {
                "magento": "q",
                "prestashop": "s",
                "shopware": "search",
                "opencart": "search",
                "woocommerce": "s",
            }[self.platform]
        )
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.shop = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> PlatformShop:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> PlatformShop:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def count(self, kind: str) -> None:
        with self._lock:
            self.hits[kind] = self.hits.get(kind, 0) + 1

    # --- URLs ------------------------------------------------------------------------------------

    def product_url(self, item: Item) -> str:
        base = self.url
        return {
            "magento": f"{base}/{item.slug}.html",
            "prestashop": f"{base}/{item.id}-{item.slug}.html",
            "shopware": f"{base}/{item.slug.title()}/{item.id:032x}",
            "opencart": f"{base}/index.php?route=product/product&product_id={item.id}",
            "woocommerce": f"{base}/product/{item.slug}/",
        }[self.platform]

    def search_url(self, terms: str, page: int = 1) -> str:
        q = quote_plus(terms)
        base, p = self.url, self.param
        if self.platform == "magento":
            return f"{base}/catalogsearch/result/?{p}={q}" + (f"&p={page}" if page > 1 else "")
        if self.platform == "prestashop":
            return f"{base}/index.php?controller=search&{p}={q}" + (f"&page={page}" if page > 1 else "")
        if self.platform == "shopware":
            return f"{base}/search?{p}={q}" + (f"&p={page}" if page > 1 else "")
        if self.platform == "opencart":
            return f"{base}/index.php?route=product/search&{p}={q}" + (f"&page={page}" if page > 1 else "")
        return f"{base}/{f'page/{page}/' if page > 1 else ''}?{p}={q}&post_type=product"

    def matches(self, terms: str) -> list[Item]:
        """Every word required, each a prefix of a title word; words under min_chars find nothing."""
        words = _words(terms)
        if not words or any(len(w) < self.min_chars for w in words):
            return []
        found = []
        for item in self.items:
            title = _words(item.title)
            if all(any(t.startswith(w) for t in title) for w in words):
                found.append(item)
        return found

    def find_item(self, path: str, query: dict[str, list[str]]) -> Item | None:
        for item in self.items:
            same = urlsplit(self.product_url(item)).path == path
            if same and (self.platform != "opencart" or query.get("product_id") == [str(item.id)]):
                return item
        return None

    # --- pages -----------------------------------------------------------------------------------

    def home(self) -> str:
        page = _template(f"{self.platform}_home").substitute(
            base=self.url, shop_name=html.escape(self.name), search_param=self.param
        )
        if self.opensearch:
            link = f'<link rel="search" type="application/opensearchdescription+xml" href="{self.url}/opensearch.xml" title="{html.escape(self.name)}">'
            page = page.replace("</head>", link + "</head>", 1)
        return page

    def opensearch_xml(self) -> str:
        template = self.search_url("{searchTerms}").replace("%7BsearchTerms%7D", "{searchTerms}")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">'
            f"<ShortName>{html.escape(self.name)}</ShortName>"
            f'<Url type="text/html" method="get" template="{html.escape(template)}"/></OpenSearchDescription>'
        )

    def results(self, terms: str, page: int) -> str:
        found = self.matches(terms)
        pages = max(1, -(-len(found) // PAGE_SIZE))
        shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        card = _template(f"{self.platform}_card")
        cards = "\n".join(
            card.substitute(
                id=item.id,
                url=html.escape(self.product_url(item)),
                title=html.escape(item.title),
                image=f"{self.url}/media/{item.id}.jpg",
                price_html='<span class="login-to-see">Log in to see prices</span>'
                if self.prices_hidden
                else _price_html(self.platform, item),
                sku=item.sku,
                short=html.escape(item.description[:60]),
                flags=self._flags(item),
                stock_class="instock" if item.in_stock else "outofstock",
                base=self.url,
            )
            for item in shown
        )
        first = (page - 1) * PAGE_SIZE + 1 if shown else 0
        return _template(f"{self.platform}_results").substitute(
            base=self.url,
            terms_html=html.escape(terms),
            terms_url=quote_plus(terms),
            cards=cards,
            pager=self._pager(terms, page, pages) if pages > 1 else "",
            total=len(found),
            first=first,
            last=first + len(shown) - 1 if shown else 0,
            pages=pages,
        )

    def _flags(self, item: Item) -> str:
        if item.old_price is None:
            return ""
        return {
            "prestashop": f'<li class="product-flag discount">-{_percent(item)}%</li>',
            "shopware": '<div class="badge bg-danger badge-discount"><span>%</span></div>',
            "woocommerce": '<span class="onsale">Sale!</span>',
        }.get(self.platform, "")

    def _pager(self, terms: str, page: int, pages: int) -> str:
        nxt = html.escape(self.search_url(terms, page + 1))
        if self.platform == "magento":
            current = f'<li class="item current"><strong class="page"><span>{page}</span></strong></li>'
            return current + (
                f'<li class="item pages-item-next"><a class="action  next" href="{nxt}" title="Next">'
                '<span class="label">Page</span><span>Next</span></a></li>'
                if page < pages
                else ""
            )
        if self.platform == "prestashop":
            return (
                f'<li class="current"><a rel="nofollow" class="disabled js-search-link">{page}</a></li>'
                + (
                    f'<li><a rel="next" href="{nxt}" class="next js-search-link">Suivant<i class="material-icons">&#xE315;</i></a></li>'
                    if page < pages
                    else ""
                )
            )
        if self.platform == "shopware":
            items = [
                f'<li class="page-item{" active" if n == page else ""}"><input type="radio" name="p" id="p{n}" value="{n}" '
                f'class="d-none" title="pagination"{" checked" if n == page else ""}><label class="page-link" for="p{n}">{n}</label></li>'
                for n in range(1, pages + 1)
            ]
            if page < pages:
                items.append(
                    f'<li class="page-item page-next"><input type="radio" name="p" id="p-next" value="{page + 1}" class="d-none" '
                    'title="pagination"><label class="page-link" for="p-next"><span class="icon icon-arrow-medium-right"></span></label></li>'
                )
            return "".join(items)
        if self.platform == "opencart":
            return f'<li class="active"><span>{page}</span></li>' + (
                f'<li><a href="{nxt}">{page + 1}</a></li><li><a href="{nxt}">&gt;</a></li>'
                f'<li><a href="{html.escape(self.search_url(terms, pages))}">&gt;|</a></li>'
                if page < pages
                else ""
            )
        return f'<li><span aria-current="page" class="page-numbers current">{page}</span></li>' + (
            f'<li><a class="page-numbers" href="{nxt}">{page + 1}</a></li><li><a class="next page-numbers" href="{nxt}">&rarr;</a></li>'
            if page < pages
            else ""
        )

    def product(self, item: Item) -> str:
        url = self.product_url(item)
        mode = self.product_data
        if self.broken_products:
            return f"<!doctype html><html><head><title>{html.escape(self.name)}</title></head><body><p>Loading…</p></body></html>"
        stock_text = {"en": ("In stock", "Out of stock")}["en"][0 if item.in_stock else 1]
        md = mode == "microdata"
        attrs = {
            "product_attrs": ' itemscope itemtype="https://schema.org/Product"' if md else "",
            "name_attrs": ' itemprop="name"' if md else "",
            "image_attrs": ' itemprop="image"' if md else "",
            "sku_attrs": ' itemprop="sku"' if md else "",
            "desc_attrs": ' itemprop="description"' if md else "",
        }
        availability = "https://schema.org/" + ("InStock" if item.in_stock else "OutOfStock")
        offer_md = (
            f'<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="{item.price}">'
            f'<meta itemprop="priceCurrency" content="EUR"><link itemprop="availability" href="{availability}">'
            f'<link itemprop="url" href="{html.escape(url)}"></div>'
            if md
            else ""
        )
        head = ""
        if mode == "og":
            head = "\n".join(
                f'<meta property="{k}" content="{html.escape(str(v))}">'
                for k, v in [
                    ("og:type", "product"),
                    ("og:title", item.title),
                    ("og:url", url),
                    ("og:image", f"{self.url}/media/{item.id}.jpg"),
                    ("og:description", item.description),
                    ("product:price:amount", item.price),
                    ("product:price:currency", "EUR"),
                    ("product:availability", "in stock" if item.in_stock else "out of stock"),
                ]
            )
        elif mode == "jsonld":
            data: dict[str, Any] = {
                "@context": "https://schema.org/",
                "@type": "Product",
                "name": item.title,
                "url": url,
                "sku": item.sku,
                "image": f"{self.url}/media/{item.id}.jpg",
                "description": item.description,
                "offers": {
                    "@type": "Offer",
                    "price": str(item.price),
                    "priceCurrency": "EUR",
                    "availability": availability,
                    "url": url,
                },
            }
            head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
        price_text = _amount(item.price, "en" if self.platform == "magento" else "eu")
        return _template(f"{self.platform}_product").substitute(
            base=self.url,
            id=item.id,
            slug=item.slug,
            url=html.escape(url),
            title=html.escape(item.title),
            head=head,
            price_html=_price_html(self.platform, item).replace("Ex Tax", "Ex Tax"),
            price_text=price_text + "*",
            price_list=f"<li><h2>{_amount(item.price, 'right')}</h2></li>",
            offer_md=offer_md,
            stock_class="in-stock" if item.in_stock else "out-of-stock",
            stock_text=stock_text,
            sku=item.sku,
            image=f"{self.url}/media/{item.id}.jpg",
            description=html.escape(item.description),
            **attrs,
        )

    def robots(self) -> str:
        return f"User-agent: *\nDisallow: /checkout/\nSitemap: {self.url}/sitemap_index.xml\n"

    def sitemap_index(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url}/sitemap-products-1.xml</loc></sitemap></sitemapindex>"
        )

    def sitemap_products(self) -> str:
        locs = "".join(f"<url><loc>{html.escape(self.product_url(i))}</loc></url>" for i in self.items)
        return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'

    def route(self, raw_path: str) -> tuple[int, str, str, dict[str, str]]:
        """(status, content type, body, headers) for a GET."""
        parts = urlsplit(raw_path)
        path, query = parts.path, parse_qs(parts.query)
        text = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, "text/plain", self.robots(), {}
        if path == "/sitemap_index.xml":
            return 200, "application/xml", self.sitemap_index(), {}
        if path == "/sitemap-products-1.xml":
            return 200, "application/xml", self.sitemap_products(), {}
        if path == "/opensearch.xml" and self.opensearch:
            return 200, "application/opensearchdescription+xml", self.opensearch_xml(), {}
        terms, page = self._search_request(path, query)
        if terms is not None:
            self.count("search")
            if self.search_status != 200:
                return self.search_status, text, "<h1>An error occurred.</h1>", {}
            found = self.matches(terms)
            if self.platform == "woocommerce" and len(found) == 1 and page == 1:
                # WooCommerce sends a search with exactly one result straight to the product.
                return 302, text, "", {"Location": self.product_url(found[0])}
            return 200, text, self.results(terms, page), {}
        item = self.find_item(path, query)
        if item is not None:
            self.count("product")
            return 200, text, self.product(item), {}
        if path in ("/", "/index.php") and query.get("route", ["common/home"]) == ["common/home"]:
            return 200, text, self.home(), {}
        return 404, text, "<h1>404 Not Found</h1>", {}

    def _search_request(self, path: str, query: dict[str, list[str]]) -> tuple[str | None, int]:
        terms = query.get(self.param, [None])[0]

        def number(key: str) -> int:
            try:
                return max(1, int(query.get(key, ["1"])[0]))
            except ValueError:
                return 1

        if self.platform == "magento" and path == "/catalogsearch/result/":
            return terms or "", number("p")
        if self.platform == "prestashop" and path == "/index.php" and query.get("controller") == ["search"]:
            return terms or "", number("page")
        if self.platform == "shopware" and path == "/search":
            return terms or "", number("p")
        if self.platform == "opencart" and query.get("route") == ["product/search"]:
            return terms or "", number("page")
        if self.platform == "woocommerce" and terms is not None and query.get("post_type") == ["product"]:
            found = re.fullmatch(r"/page/(\d+)/", path)
            if path == "/" or found:
                return terms, int(found.group(1)) if found else 1
        return None, 1


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        shop: PlatformShop = self.server.shop  # type: ignore[attr-defined]
        status, ctype, body, headers = shop.route(self.path)
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
