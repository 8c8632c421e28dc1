"""Local shop servers that speak real shop formats (Shopify, WooCommerce, JSON-LD and microdata HTML)."""

from __future__ import annotations

import collections
import contextlib
import socket
import threading
from collections.abc import Callable
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from shopper.demo import MARKER_PATH, render_jsonld, render_microdata, render_shopify, render_woo
from shopper.demo.shopdata import Catalogue, ShopProduct, ShopVariant
from shopper.demo.web import Request, Response, Shop, esc, html_response, json_response, page, png

__all__ = ["FLAVORS", "MARKER_PATH", "ShopProduct", "ShopServer", "ShopVariant"]

FLAVORS: dict[str, Callable[[Shop, Request], Response | None]] = {
    "shopify": render_shopify.route,
    "woocommerce": render_woo.route,
    "jsonld": render_jsonld.route,
    "microdata": render_microdata.route,
}


def _default_lang(flavor: str, currency: str) -> str:
    if currency == "NOK":
        return "nb"
    return "nl" if flavor == "microdata" else "en"


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr: tuple[str, int], shop: ShopServer) -> None:
        self.shop = shop
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        super().__init__(addr, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-response is normal for a shop; the default prints a traceback.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer
    server_version = "demo-shop/1.0"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, *, head: bool) -> None:
        shop = self.server.shop
        resp = shop.handle(self.path)
        shop.delay()
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        for k, v in resp.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(resp.body)


class ShopServer:
    """A demo shop on loopback serving `products` in one flavor; usable as a context manager."""

    def __init__(
        self,
        products: list[ShopProduct],
        flavor: str,
        *,
        name: str,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        currency: str = "EUR",
        lang: str | None = None,
        shipping: Decimal | None = None,
        free_shipping_over: Decimal | None = None,
    ) -> None:
        if flavor not in FLAVORS:
            raise ValueError(f"unknown shop flavor {flavor!r}; choose one of {', '.join(FLAVORS)}")
        self.flavor = flavor
        self.name = name
        self.host = host
        self.port = port
        self.latency = latency
        self.currency = currency
        self.lang = lang or _default_lang(flavor, currency)
        self.shipping = shipping
        self.free_shipping_over = free_shipping_over
        self.catalogue = Catalogue(products)
        self.requests: collections.Counter[str] = collections.Counter()
        self.errors: list[str] = []  # renderer exceptions, kept for tests instead of printed
        self._count_lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:27311 (valid after start())."""
        return f"http://{self.host}:{self.port}"

    @property
    def products(self) -> list[ShopProduct]:
        """The products as currently served."""
        return self.catalogue.products()

    def start(self) -> ShopServer:
        """Bind, start serving in a daemon thread, and return once the socket is listening."""
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), self)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"shop-{self.name}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the listening socket and any kept-alive connections."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        with httpd.sockets_lock:
            conns = list(httpd.open_sockets)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ShopServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def set_price(self, product_id: int, price: Decimal) -> None:
        """Change a product's price (all variants) while serving."""
        self.catalogue.set_price(product_id, price)

    def set_stock(self, product_id: int, in_stock: bool) -> None:
        """Mark a product (all variants) in or out of stock while serving."""
        self.catalogue.set_stock(product_id, in_stock)

    def delay(self) -> None:
        """Simulate a slow shop; returns at once when the server is stopping."""
        if self.latency > 0:
            self._stopping.wait(self.latency)

    def _shop(self) -> Shop:
        return Shop(
            self.name,
            self.url,
            self.currency,
            self.lang,
            self.catalogue,
            self.shipping,
            self.free_shipping_over,
        )

    def handle(self, raw_path: str) -> Response:
        """The response to a GET of raw_path (path plus query string)."""
        parts = urlsplit(raw_path)
        path = unquote(parts.path) or "/"
        with self._count_lock:
            self.requests[path] += 1
        params: dict[str, str] = {}
        for k, v in parse_qsl(parts.query, keep_blank_values=True):
            params.setdefault(k, v)
        shop = self._shop()
        if path == MARKER_PATH:
            return json_response({"shopper_demo": self.name, "flavor": self.flavor})
        if path.startswith("/img/") and path.endswith(".png"):
            art = self.catalogue.art(path)
            if art is not None:
                from shopper.demo.images import image

                img = image(*art)
            else:
                img = png(path)
            return Response(200, img, "image/png", {"Cache-Control": "public, max-age=86400"})
        try:
            resp = FLAVORS[self.flavor](shop, Request(path, params))
        except Exception as exc:  # a renderer bug must not kill the server thread
            self.errors.append(f"{raw_path}: {type(exc).__name__}: {exc}")
            return Response(500, b"Internal Server Error", "text/plain; charset=utf-8")
        if resp is None:
            body = f"<h1>404</h1><p>{esc(path)}</p>"
            return html_response(page(shop, title="404", body=body, url=shop.abs(path)), 404)
        return resp
