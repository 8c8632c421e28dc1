"""A small Shopify storefront on 127.0.0.1, written from Shopify's public Ajax API documentation.

It answers /search/suggest.json (predictive search: resources.results.products[], no variants) and
/products/<handle>.js (product with variants, prices in minor units, per-variant `available`), the two
endpoints shopper's Shopify adapter reads during a live search. Not shopper's demo renderer.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Item:
    """A product: title, vendor, option names and variants as (option values, price in cents, available)."""

    handle: str
    title: str
    vendor: str
    options: list[str]
    variants: list[tuple[list[str], int, bool]]
    body: str = ""
    ids: list[int] = field(default_factory=list)


class ShopifyShop:
    """The storefront; `items` are its products."""

    __test__ = False

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        for n, item in enumerate(items):
            item.ids = [1000 * (n + 1) + i for i in range(len(item.variants))]
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.shop = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> ShopifyShop:
        self._thread.start()
        return self

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def search(self, q: str) -> list[Item]:
        words = [w for w in q.lower().split() if w]
        return [i for i in self.items if words and all(w in i.title.lower() for w in words)][:10]

    def product_js(self, item: Item) -> dict[str, object]:
        variants = []
        for vid, (values, cents, available) in zip(item.ids, item.variants, strict=True):
            v: dict[str, object] = {
                "id": vid,
                "title": " / ".join(values),
                "price": cents,
                "compare_at_price": None,
                "available": available,
                "sku": f"SKU-{vid}",
            }
            for i, value in enumerate(values):
                v[f"option{i + 1}"] = value
            variants.append(v)
        prices = [c for _, c, _ in item.variants]
        return {
            "id": item.ids[0] // 1000,
            "title": item.title,
            "handle": item.handle,
            "vendor": item.vendor,
            "type": "",
            "description": item.body,
            "price": min(prices),
            "price_min": min(prices),
            "available": any(a for _, _, a in item.variants),
            "options": [{"name": n, "position": i + 1} for i, n in enumerate(item.options)],
            "variants": variants,
            "images": [],
        }


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        shop: ShopifyShop = self.server.shop  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            return self._send(200, "text/plain", b"User-agent: *\nDisallow: /checkout\n")
        if parts.path == "/search/suggest.json":
            q = parse_qs(parts.query).get("q", [""])[0]
            products = [
                {
                    "title": i.title,
                    "handle": i.handle,
                    "url": f"/products/{i.handle}",
                    "vendor": i.vendor,
                    "price": f"{min(c for _, c, _ in i.variants) / 100:.2f}",
                    "available": any(a for _, _, a in i.variants),
                    "body": i.body,
                }
                for i in shop.search(q)
            ]
            body = {"resources": {"results": {"products": products}}}
            return self._send(200, "application/json", json.dumps(body).encode())
        if parts.path.startswith("/products/") and parts.path.endswith(".js"):
            handle = parts.path.removeprefix("/products/").removesuffix(".js")
            item = next((i for i in shop.items if i.handle == handle), None)
            if item is not None:
                return self._send(200, "application/javascript", json.dumps(shop.product_js(item)).encode())
        self._send(404, "text/plain", b"not found")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
