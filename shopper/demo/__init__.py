"""The bundled demo shops: five local servers on fixed loopback ports, started on demand."""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from decimal import Decimal as D
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from shopper.errors import ShopError
from shopper.models import Platform, ShopConfig

if TYPE_CHECKING:
    from shopper.demo.server import ShopServer


@dataclass(frozen=True)
class DemoShop:
    """One demo shop: what it is called, the format it speaks and where it listens."""

    index: int  # which slice of the demo catalogue it sells (shopper.demo.catalog.shop_products)
    name: str
    flavor: str
    port: int
    currency: str = "EUR"
    lang: str = "en"
    shipping: Decimal | None = None
    free_shipping_over: Decimal | None = None


DEMO_HOST = "127.0.0.1"
MARKER_PATH = "/__shopper_demo__"  # every demo shop answers here with its name
SEARCH_PATHS = {"nl": "/zoeken", "nb": "/sok", "de": "/suche", "en": "/search"}  # microdata shops' search
# Below Linux's ephemeral range (32768-60999), so no port-0 server or outgoing connection takes them.
# SHOPPER_DEMO_PORT moves the block (test runs and benchmarks that must not meet another demo).
DEFAULT_DEMO_PORT = 27311


def _base_port() -> int:
    raw = os.environ.get("SHOPPER_DEMO_PORT", "")
    return int(raw) if raw.isdigit() and 1024 <= int(raw) <= 65000 else DEFAULT_DEMO_PORT


_BASE = _base_port()
DEMO_SHOPS: list[DemoShop] = [
    DemoShop(0, "Trailhead Sports", "shopify", _BASE, "EUR", "en", D("4.95"), D("75")),
    DemoShop(1, "Byteburg", "woocommerce", _BASE + 1, "EUR", "de", D("5.90"), D("100")),
    DemoShop(2, "Northwind Outlet", "jsonld", _BASE + 2, "EUR", "en", D("3.99"), D("50")),
    DemoShop(3, "Buitenhuis Outdoor & Tech", "microdata", _BASE + 3, "EUR", "nl", D("6.95"), D("60")),
    DemoShop(4, "Fjordlys Sport & Lyd", "woocommerce", _BASE + 4, "NOK", "nb", D("79"), D("1000")),
]
_PLATFORM: dict[str, Platform] = {
    "shopify": "shopify",
    "woocommerce": "woocommerce",
    "jsonld": "html",
    "microdata": "html",
}

_lock = threading.Lock()
_servers: dict[int, ShopServer] = {}  # port -> server started by this process


PROBE_TIMEOUT = 1.0  # seconds; a demo shop on loopback answers in milliseconds
PROBE_MAX_BYTES = 8192  # the marker answer is one small JSON object


def _probe(port: int) -> str | None:
    """The demo shop name answering on port, or None when something else (or nothing) answers."""
    return _probe_all([port])[port]


def _probe_all(ports: list[int]) -> dict[int, str | None]:
    """_probe for every port at once: the shops answer side by side, in one round trip instead of one
    per shop (every `find` on the demo makes these probes)."""
    # One HTTP/1.0 exchange on a plain socket each: urllib's import costs more than every probe together.
    import selectors
    import time

    replies: dict[int, bytes] = {}
    with selectors.DefaultSelector() as waiting:
        for port in ports:
            request = f"GET {MARKER_PATH} HTTP/1.0\r\nHost: {DEMO_HOST}:{port}\r\n\r\n".encode("ascii")
            try:
                sock = socket.create_connection((DEMO_HOST, port), timeout=PROBE_TIMEOUT)
            except OSError:
                continue
            try:
                sock.sendall(request)
                sock.setblocking(False)
            except OSError:
                sock.close()
                continue
            waiting.register(sock, selectors.EVENT_READ, port)
            replies[port] = b""
        deadline = time.monotonic() + PROBE_TIMEOUT
        while waiting.get_map() and (left := deadline - time.monotonic()) > 0:
            for key, _ in waiting.select(left):
                conn, port = key.fileobj, key.data
                assert isinstance(conn, socket.socket)
                try:
                    chunk = conn.recv(PROBE_MAX_BYTES)
                except OSError:
                    chunk, replies[port] = b"", b""
                replies[port] += chunk
                if not chunk or len(replies[port]) >= PROBE_MAX_BYTES:
                    waiting.unregister(conn)
                    conn.close()
        for key in list(waiting.get_map().values()):  # no whole answer in time: not a demo shop
            replies[key.data] = b""
            key.fileobj.close()  # type: ignore[union-attr]
    return {port: _demo_name(replies.get(port, b"")) for port in ports}


def _demo_name(reply: bytes) -> str | None:
    head, _, body = reply.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0].split()
    if len(status) < 2 or not status[0].startswith(b"HTTP/") or status[1] != b"200":
        return None
    try:
        name = json.loads(body.decode("utf-8")).get("shopper_demo")
    except (ValueError, AttributeError):
        return None
    return name if isinstance(name, str) else None


def _config(shop: DemoShop) -> ShopConfig:
    url = f"http://{DEMO_HOST}:{shop.port}"
    search = "/search?q={query}" if shop.flavor == "jsonld" else None
    if shop.flavor == "microdata":
        search = SEARCH_PATHS.get(shop.lang, "/search") + "?q={query}"
    return ShopConfig(
        name=shop.name,
        url=url,
        platform=_PLATFORM[shop.flavor],
        search_url=url + search if search else None,
        shipping=shop.shipping,
        free_shipping_over=shop.free_shipping_over,
        currency=shop.currency,
    )


def _ensure(shop: DemoShop, serving: str | None) -> None:
    """Start `shop` unless this process or another one (`serving` is the name answering on its port)
    already serves it."""
    if shop.port in _servers:
        return
    # A demo shop another shopper process already serves is used as it is: nothing to build or load.
    if serving == shop.name:
        return
    from shopper.demo.catalog_cache import cached_shop_products
    from shopper.demo.server import ShopServer

    server = ShopServer(
        cached_shop_products(shop.index),
        shop.flavor,
        name=shop.name,
        host=DEMO_HOST,
        port=shop.port,
        currency=shop.currency,
        lang=shop.lang,
        shipping=shop.shipping,
        free_shipping_over=shop.free_shipping_over,
    )
    try:
        server.start()
    except OSError:
        # The port was taken meanwhile: fine if another shopper process now serves this demo shop.
        found = _probe(shop.port)
        if found == shop.name:
            return
        what = f"demo shop {found!r}" if found else "another program"
        raise ShopError(
            f"demo shop {shop.name!r} cannot start: port {shop.port} on {DEMO_HOST} is used by {what}"
        ) from None
    _servers[shop.port] = server


def ensure_demo_shops() -> list[ShopConfig]:
    """Start the demo shops in this process when needed (or reuse running ones); return their configs."""
    with _lock:
        missing = [shop for shop in DEMO_SHOPS if shop.port not in _servers]
        serving = _probe_all([shop.port for shop in missing]) if missing else {}
        for shop in missing:
            _ensure(shop, serving[shop.port])
        return [_config(shop) for shop in DEMO_SHOPS]


def demo_servers() -> dict[int, ShopServer]:
    """The demo servers this process started, by port (for tests that change prices or count requests)."""
    with _lock:
        return dict(_servers)


def stop_demo_shops() -> None:
    """Stop the demo servers this process started."""
    with _lock:
        servers = list(_servers.values())
        _servers.clear()
    for server in servers:
        server.stop()


def start_if_named(urls: Iterable[str]) -> None:
    """Start the demo shops when one of the urls is a demo shop's: its pages work with no find running."""
    if any(is_demo_url(u) for u in urls):
        ensure_demo_shops()


def is_demo_url(url: str) -> bool:
    """True when url points at one of the demo shops."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return host in (DEMO_HOST, "localhost") and any(port == shop.port for shop in DEMO_SHOPS)
