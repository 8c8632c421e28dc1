"""Local shops for the watch tests whose prices and stock change between runs through an admin endpoint.

ShopifyShop speaks Shopify's public storefront formats as documented (products.json with decimal price
strings and no currency, products/<handle>.js with integer minor units and per-variant `available`,
search/suggest.json, and a Dawn-like product page with Product JSON-LD and og:price tags). HtmlShop is a
small hand-written shop: product pages carry schema.org Product JSON-LD and a visible price. Both are
written here from the platforms' public formats, not from shopper's demo renderers. WebhookReceiver
takes apprise's json:// POSTs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import json
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Item:
    """One product: a price per variant (or one price), stock per variant."""

    handle: str
    title: str
    vendor: str
    price: Decimal
    sizes: list[str] = field(default_factory=list)  # empty: one default variant
    colour: str = "Black"
    sold_out: set[str] = field(default_factory=set)  # sizes sold out ("*" = the whole product)
    compare_at: Decimal | None = None
    broken: bool = False  # the page lost its price (a redesign)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class LocalShop:
    """A shop on 127.0.0.1 that can be stopped (down) and started again on the same port."""

    __test__ = False

    def __init__(self, items: list[Item], currency: str = "EUR") -> None:
        self.items = {i.handle: i for i in items}
        self.currency = currency
        self.lock = threading.Lock()
        self.hits: list[str] = []
        self.port = 0
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LocalShop:
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    with shop.lock:
                        shop.hits.append(self.path)
                    shop.get(self)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                shop.admin(urlsplit(self.path).path, body)
                reply(self, 200, b'{"ok": true}', "application/json")

        self._httpd = _Server(("127.0.0.1", self.port), Handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def admin(self, path: str, body: dict[str, Any]) -> None:
        """POST /admin/product {"handle", "price"?, "sold_out"?: [sizes], "broken"?}."""
        if path != "/admin/product":
            return
        with self.lock:
            item = self.items[body["handle"]]
            if "price" in body:
                item.price = Decimal(body["price"])
            if "sold_out" in body:
                item.sold_out = set(body["sold_out"])
            if "broken" in body:
                item.broken = bool(body["broken"])

    def get(self, h: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError


def reply(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def set_item(base: str, handle: str, **changes: Any) -> None:
    """Change a product through the shop's admin endpoint (over HTTP, as an operator would)."""
    import httpx

    httpx.post(f"{base}/admin/product", json={"handle": handle, **changes}, timeout=5).raise_for_status()


class ShopifyShop(LocalShop):
    """Shopify storefront JSON and product pages."""

    def _variants(self, item: Item, cents: bool) -> list[dict[str, Any]]:
        sizes = item.sizes or ["Default Title"]
        out = []
        for n, size in enumerate(sizes, start=1):
            price: Any = int(item.price * 100) if cents else f"{item.price:.2f}"
            compare: Any = None
            if item.compare_at is not None:
                compare = int(item.compare_at * 100) if cents else f"{item.compare_at:.2f}"
            title = f"{item.colour} / {size}" if item.sizes else "Default Title"
            out.append(
                {
                    "id": 4000 + n + 100 * len(item.handle),
                    "title": title,
                    "option1": item.colour if item.sizes else "Default Title",
                    "option2": size if item.sizes else None,
                    "option3": None,
                    "sku": f"{item.handle[:6].upper()}-{size}",
                    "available": "*" not in item.sold_out and size not in item.sold_out,
                    "price": price,
                    "compare_at_price": compare,
                }
            )
        return out

    def _product(self, item: Item, cents: bool) -> dict[str, Any]:
        variants = self._variants(item, cents)
        options = (
            [
                {"name": "Color", "position": 1, "values": [item.colour]},
                {"name": "Size", "position": 2, "values": item.sizes},
            ]
            if item.sizes
            else [{"name": "Title", "position": 1, "values": ["Default Title"]}]
        )
        product: dict[str, Any] = {
            "id": 7000 + len(item.handle),
            "title": item.title,
            "handle": item.handle,
            "vendor": item.vendor,
            "tags": [],
            "options": options,
            "variants": variants,
        }
        if cents:
            product.update(
                type="Shoes",
                price=variants[0]["price"],
                price_min=variants[0]["price"],
                price_max=variants[0]["price"],
                available=any(v["available"] for v in variants),
                description=f"<p>{item.title}</p>",
            )
        else:
            product.update(product_type="Shoes", body_html=f"<p>{item.title}</p>")
        return product

    def get(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        path, query = parts.path, parse_qs(parts.query)
        with self.lock:
            items = [dataclasses.replace(i, sold_out=set(i.sold_out)) for i in self.items.values()]
        if path == "/":
            reply(
                h,
                200,
                b"<html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>",
                "text/html",
            )
        elif path == "/products.json":
            page = int((query.get("page") or ["1"])[0])
            limit = int((query.get("limit") or ["30"])[0])
            chosen = items[(page - 1) * limit : page * limit]
            body = {"products": [self._product(i, cents=False) for i in chosen]}
            reply(h, 200, json.dumps(body).encode(), "application/json")
        elif path == "/search/suggest.json":
            words = (query.get("q") or [""])[0].lower().split()
            found = [i for i in items if all(w in i.title.lower() for w in words)][:10]
            results = [
                {
                    "title": i.title,
                    "handle": i.handle,
                    "url": f"/products/{i.handle}?_pos=1&_sid=x&_ss=r",
                    "price": f"{i.price:.2f}",
                    "compare_at_price_min": "0.00",
                    "available": "*" not in i.sold_out,
                    "vendor": i.vendor,
                    "type": "Shoes",
                    "variants": [],
                }
                for i in found
            ]
            body = {"resources": {"results": {"products": results}}}
            reply(h, 200, json.dumps(body).encode(), "application/json")
        elif path.startswith("/products/"):
            self._product_route(h, path[len("/products/") :], items)
        else:
            reply(h, 404, b"Not found", "text/plain")

    def _product_route(self, h: BaseHTTPRequestHandler, rest: str, items: list[Item]) -> None:
        handle, _, ext = rest.partition(".")
        item = next((i for i in items if i.handle == handle), None)
        if item is None:
            reply(h, 404, b"Not found", "text/plain")
        elif ext == "js":
            reply(h, 200, json.dumps(self._product(item, cents=True)).encode(), "application/javascript")
        elif ext == "json":
            reply(
                h, 200, json.dumps({"product": self._product(item, cents=False)}).encode(), "application/json"
            )
        else:
            reply(h, 200, self._page(item).encode(), "text/html; charset=utf-8")

    def _page(self, item: Item) -> str:
        amount = f"{item.price:.2f}".replace(".", ",")
        ld = {
            "@context": "http://schema.org/",
            "@type": "Product",
            "name": item.title,
            "brand": {"@type": "Brand", "name": item.vendor},
            "offers": [
                {
                    "@type": "Offer",
                    "price": f"{item.price:.2f}",
                    "priceCurrency": self.currency,
                    "availability": "http://schema.org/OutOfStock"
                    if "*" in item.sold_out
                    else "http://schema.org/InStock",
                }
            ],
        }
        return (
            "<!doctype html><html><head>"
            '<meta property="og:type" content="product">'
            f'<meta property="og:title" content="{html.escape(item.title)}">'
            f'<meta property="og:price:amount" content="{amount}">'
            f'<meta property="og:price:currency" content="{self.currency}">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            f"</head><body><h1>{html.escape(item.title)}</h1></body></html>"
        )


class HtmlShop(LocalShop):
    """A hand-written shop: product pages with Product JSON-LD and a visible price, nothing else."""

    def get(self, h: BaseHTTPRequestHandler) -> None:
        path = urlsplit(h.path).path
        with self.lock:
            item = self.items.get(path.removeprefix("/item/")) if path.startswith("/item/") else None
            page = self._page(item) if item is not None else None
        if path == "/":
            reply(h, 200, b"<html><body><p>Welcome</p></body></html>", "text/html")
        elif page is None:
            reply(h, 404, b"<html><body>Page not found</body></html>", "text/html")
        else:
            reply(h, 200, page.encode(), "text/html; charset=utf-8")

    def _page(self, item: Item) -> str:
        title = html.escape(item.title)
        if item.broken:
            head = f"<html><head><title>{title}</title></head>"
            return head + f"<body><h1>{title}</h1><p>Call us for the price.</p></body></html>"
        stock = "OutOfStock" if "*" in item.sold_out else "InStock"
        ld = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Small shop"},
                {
                    "@type": "Product",
                    "name": item.title,
                    "sku": item.handle.upper(),
                    "offers": {
                        "@type": "Offer",
                        "price": f"{item.price:.2f}",
                        "priceCurrency": self.currency,
                        "availability": f"https://schema.org/{stock}",
                    },
                },
            ],
        }
        return (
            f"<html><head><title>{title}</title>"
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f'<body><h1>{title}</h1><span class="price">€ {item.price:.2f}</span>'
            f"<p>{'Sold out' if stock == 'OutOfStock' else 'In stock'}</p></body></html>"
        )


class WebhookReceiver:
    """Takes apprise json:// POSTs; `hold` keeps the next request unanswered until released."""

    __test__ = False

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []  # answered (delivered) POSTs
        self.attempts: list[dict[str, Any]] = []  # every POST seen, answered or not
        self.arrived = threading.Event()
        self.hold = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                body["_headers"] = {k.lower(): v for k, v in self.headers.items()}
                with receiver.lock:
                    receiver.attempts.append(body)
                receiver.arrived.set()
                if receiver.hold.is_set():
                    receiver.release.wait(30)
                    return
                with receiver.lock:
                    receiver.posts.append(body)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    reply(self, 200, b"{}", "application/json")

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self._httpd.server_address[1]}/hook"

    def close(self) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
