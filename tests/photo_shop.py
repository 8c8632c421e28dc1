"""A small Shopify-format storefront on 127.0.0.1 whose product pictures are drawn in known colours.

The JSON follows Shopify's public storefront format (/products.json with variants[].featured_image and
images[].src, /products/<handle>.js with prices in cents); names never say the colour, so only the
pictures can tell a red sweater from a blue one.
"""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from PIL import Image, ImageDraw

COLOURS = {
    "red": (188, 28, 36),
    "blue": (32, 64, 190),
    "green": (34, 128, 56),
    "grey": (120, 120, 124),
    "yellow": (236, 200, 40),
    "pink": (236, 140, 180),
    "black": (26, 26, 28),
    "orange": (232, 120, 28),
}


def picture(colour: str, pattern: str = "plain") -> bytes:
    """A product shot: a sweater silhouette on a white backdrop."""
    im = Image.new("RGB", (360, 360), (255, 255, 255))
    d = ImageDraw.Draw(im)
    rgb = COLOURS[colour]
    d.polygon([(110, 70), (250, 70), (320, 140), (292, 168), (262, 140), (262, 310), (98, 310), (98, 140),
               (68, 168), (40, 140)], fill=rgb)  # fmt: skip
    if pattern == "striped":
        for y in range(90, 300, 36):
            d.rectangle((98, y, 262, y + 14), fill=(240, 240, 236))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


class PhotoShop:
    """Serves products whose variants and pictures come in colours the titles do not name."""

    def __init__(self, products: list[dict[str, Any]]) -> None:
        self.products = products
        self.images: dict[str, bytes] = {}
        self.image_hits = 0
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path == "/products.json":
                    page = int(parse_qs(parts.query).get("page", ["1"])[0])
                    body = {"products": shop.json_products() if page == 1 else []}
                    self._send(200, "application/json", json.dumps(body).encode())
                elif parts.path.startswith("/cdn/") and parts.path[5:] in shop.images:
                    shop.image_hits += 1
                    # pictures come from a CDN that lets clients keep them (as Shopify's does)
                    self._send(200, "image/png", shop.images[parts.path[5:]], cache=True)
                elif parts.path.startswith("/products/") and parts.path.endswith(".js"):
                    handle = parts.path[len("/products/") : -3]
                    found = [p for p in shop.json_products() if p["handle"] == handle]
                    if not found:
                        self._send(404, "text/plain", b"not found")
                        return
                    self._send(200, "application/json", json.dumps(shop.js_product(found[0])).encode())
                else:
                    self._send(404, "text/plain", b"not found")

            def _send(self, status: int, kind: str, body: bytes, cache: bool = False) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if cache:
                    self.send_header("Cache-Control", "public, max-age=31536000")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.01,), daemon=True)

    def __enter__(self) -> PhotoShop:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _image(self, colour: str, pattern: str) -> dict[str, Any]:
        name = f"{colour}-{pattern}.png"
        self.images.setdefault(name, picture(colour, pattern))
        return {"src": f"{self.url}/cdn/{name}", "width": 360, "height": 360}

    def json_products(self) -> list[dict[str, Any]]:
        """The products as /products.json lists them."""
        out = []
        for i, p in enumerate(self.products, start=1):
            looks = p["looks"]  # [(option value, colour, pattern)]
            variants = []
            for j, (value, colour, pattern) in enumerate(looks, start=1):
                for k, size in enumerate(("S", "M", "L"), start=1):
                    variants.append(
                        {
                            "id": i * 1000 + j * 10 + k,
                            "title": f"{value} / {size}",
                            "option1": value,
                            "option2": size,
                            "option3": None,
                            "sku": f"SK-{i}-{j}-{k}",
                            "available": True,
                            "price": p["price"],
                            "compare_at_price": None,
                            "featured_image": self._image(colour, pattern) if len(looks) > 1 else None,
                        }
                    )
            out.append(
                {
                    "id": i,
                    "title": p["title"],
                    "handle": p["handle"],
                    "body_html": "<p>Soft knit for every day.</p>",
                    "vendor": "Knitworks",
                    "product_type": "Sweaters",
                    "tags": ["knitwear"],
                    "variants": variants,
                    "images": [self._image(looks[0][1], looks[0][2])],
                    "options": [
                        {"name": "Colour", "position": 1, "values": [v for v, _, _ in looks]},
                        {"name": "Size", "position": 2, "values": ["S", "M", "L"]},
                    ],
                }
            )
        return out

    def js_product(self, product: dict[str, Any]) -> dict[str, Any]:
        """/products/<handle>.js: the same product with prices in cents."""
        cents = int(float(product["variants"][0]["price"]) * 100)
        variants = [{**v, "price": cents} for v in product["variants"]]
        return {**product, "variants": variants, "price": cents, "type": product["product_type"]}
