"""Test shops for the checkout, written from the platforms' public formats (not from shopper's demo).

- Shopify's AJAX product endpoint, /products/<handle>.js: prices in integer cents, `options` with names
  and values, `variants` with option1..3, `available` and `sku` (shopify.dev, Ajax API reference: Product).
- A product page with schema.org JSON-LD: a Product with one Offer (price, priceCurrency, availability as
  a schema.org ItemAvailability URL), as schema.org/Product documents it.

Prices and stock change while serving, so tests can move them between `find` and `buy`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Product:
    handle: str
    title: str
    price: Decimal  # for every variant
    sizes: dict[str, bool] = field(default_factory=dict)  # size -> in stock; empty: no variants
    colour: str | None = None
    in_stock: bool = True  # products without sizes
    vendor: str = "Fjellvik"


class CheckoutShop:
    """One shop on 127.0.0.1 in the `shopify` or `jsonld` format."""

    def __init__(self, flavor: str, products: list[Product]) -> None:
        self.flavor = flavor
        self.products = {p.handle: p for p in products}
        self.lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.shop = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def product_url(self, handle: str) -> str:
        return f"{self.url}/products/{handle}" if self.flavor == "shopify" else f"{self.url}/p/{handle}.html"

    def start(self) -> CheckoutShop:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def set_price(self, handle: str, price: str) -> None:
        with self.lock:
            self.products[handle].price = Decimal(price)

    def set_size_stock(self, handle: str, size: str, in_stock: bool) -> None:
        with self.lock:
            self.products[handle].sizes[size] = in_stock

    # --- formats -------------------------------------------------------------------------------

    def product_js(self, p: Product) -> dict[str, Any]:
        cents = int(p.price * 100)
        options: list[dict[str, Any]] = []
        variants: list[dict[str, Any]] = []
        if p.sizes:
            options.append({"name": "Size", "position": 1, "values": list(p.sizes)})
            if p.colour:
                options.append({"name": "Color", "position": 2, "values": [p.colour]})
            for i, (size, stock) in enumerate(p.sizes.items()):
                variants.append(
                    {
                        "id": 4000 + i,
                        "title": f"{size} / {p.colour}" if p.colour else size,
                        "option1": size,
                        "option2": p.colour,
                        "option3": None,
                        "price": cents,
                        "compare_at_price": None,
                        "available": stock,
                        "sku": f"{p.handle}-{size}".upper(),
                    }
                )
        else:
            options.append({"name": "Title", "position": 1, "values": ["Default Title"]})
            variants.append(
                {
                    "id": 3999,
                    "title": "Default Title",
                    "option1": "Default Title",
                    "price": cents,
                    "available": p.in_stock,
                    "sku": p.handle.upper(),
                }
            )
        return {
            "id": 7001,
            "title": p.title,
            "handle": p.handle,
            "vendor": p.vendor,
            "type": "Outdoor",
            "price": cents,
            "available": any(v["available"] for v in variants),
            "options": options,
            "variants": variants,
            "images": [],
            "description": f"<p>{p.title}</p>",
        }

    def jsonld_page(self, p: Product) -> str:
        availability = "https://schema.org/InStock" if p.in_stock else "https://schema.org/OutOfStock"
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": p.title,
            "brand": {"@type": "Brand", "name": p.vendor},
            "sku": p.handle.upper(),
            "offers": {
                "@type": "Offer",
                "url": self.product_url(p.handle),
                "price": str(p.price),
                "priceCurrency": "EUR",
                "availability": availability,
            },
        }
        return (
            f"<!doctype html><html><head><title>{p.title}</title>"
            f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
            f"<body><h1>{p.title}</h1><p>€ {p.price}</p></body></html>"
        )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        shop: CheckoutShop = self.server.shop  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        with shop.lock:
            if shop.flavor == "shopify" and path.startswith("/products/") and path.endswith(".js"):
                product = shop.products.get(path[len("/products/") : -3])
                if product is not None:
                    self._reply(200, json.dumps(shop.product_js(product)).encode(), "application/json")
                    return
            if shop.flavor == "jsonld" and path.startswith("/p/") and path.endswith(".html"):
                product = shop.products.get(path[len("/p/") : -5])
                if product is not None:
                    self._reply(200, shop.jsonld_page(product).encode(), "text/html; charset=utf-8")
                    return
        self._reply(404, b"not found", "text/plain")

    def _reply(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
