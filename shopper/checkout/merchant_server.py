"""Serve a MockMerchant on loopback over real HTTP, for a shop that names no real checkout endpoint."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from shopper.checkout.amounts import to_minor
from shopper.checkout.mock_merchant import Clock, MockMerchant, Shipping, _now_utc
from shopper.models import Money, ShopConfig

MAX_BODY = 1_000_000
# Tests replace this to move the mock fulfilment along without waiting.
CLOCK: Clock = _now_utc


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    merchant: MockMerchant


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests carry the delivery address: never logged

    def do_GET(self) -> None:
        self._answer("GET", b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        self._answer("POST", self.rfile.read(length) if length else b"")

    def _answer(self, method: str, body: bytes) -> None:
        reply = self.server.merchant.handle(method, self.path, dict(self.headers.items()), body)
        data = reply.encoded()
        status = reply.status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)


def slug(name: str) -> str:
    """A file-name-safe form of a shop name."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "shop"


def merchant_for(shop: ShopConfig, currency: str) -> MockMerchant:
    """The mock merchant of a shop: its books in the data dir, its shipping from the shop's settings."""
    from shopper import config

    def minor(amount: Decimal | None) -> int | None:
        return None if amount is None else to_minor(Money(amount=amount, currency=currency))

    shipping = Shipping(flat=minor(shop.shipping) or 0, free_over=minor(shop.free_shipping_over))
    path = config.data_dir() / "mock-merchants" / f"{slug(shop.name)}.sqlite"
    return MockMerchant(shop.name, currency, shipping=shipping, store_path=path, clock=CLOCK)


@contextmanager
def serving(merchant: MockMerchant) -> Iterator[str]:
    """Serve the merchant on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.merchant = merchant
    host, port = server.server_address[:2]
    merchant.base_url = f"http://{host!s}:{port}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield merchant.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        merchant.store.close()
