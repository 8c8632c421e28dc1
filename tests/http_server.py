"""A raw HTTP test server on 127.0.0.1 that misbehaves on purpose, for testing shopper.shops.fetch."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from email.utils import formatdate
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

DEFAULT_ROBOTS = """\
User-agent: *
Disallow: /others-only

User-agent: shopper
Disallow: /private
"""

BOMB_SIZE = 50_000_000
HOLD_LIMIT = 10.0  # seconds /concurrent/ holds a request at most


@cache
def gzip_bomb() -> bytes:
    """A small gzip body (about 50 KB) that inflates to 50 MB of zeros."""
    return gzip.compress(b"\0" * BOMB_SIZE, compresslevel=9)


class TestServer:
    """A ThreadingHTTPServer on a free loopback port with counters the tests can read."""

    __test__ = False  # not a pytest test class

    def __init__(self, robots: str | None = DEFAULT_ROBOTS, robots_status: int = 200) -> None:
        self.robots = robots
        self.robots_status = robots_status
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.inflight = 0
        self.max_inflight = 0
        self.hold_for = 0  # /concurrent/ holds requests until this many have been open at once
        self.busy_hits = 0
        self.lock = threading.Lock()
        self.in_flight = threading.Condition(self.lock)
        self.stop = threading.Event()  # set at teardown to release handlers that hang on purpose
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.shopper_test = self  # type: ignore[attr-defined]
        # A short poll interval keeps shutdown (and so each test's teardown) fast.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT"""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base + path

    def start(self) -> TestServer:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Release hanging handlers and stop serving."""
        self.stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestServer/1.0"

    @property
    def t(self) -> TestServer:
        return self.server.shopper_test  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def handle(self) -> None:
        # The client gives up on purpose in some tests (timeouts, size caps).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        with self.t.lock:
            self.t.hits[path] += 1
            self.t.user_agents.append(self.headers.get("User-Agent", ""))
        route = ROUTES.get(path)
        if route is None:
            for prefix, handler in PREFIX_ROUTES.items():
                if path.startswith(prefix):
                    route = handler
                    break
        if route is None:
            self.reply(404, b"not found", "text/plain")
            return
        route(self)

    def reply(
        self,
        status: int,
        body: bytes,
        content_type: str | None = "text/html",
        headers: dict[str, str] | None = None,
        *,
        length: bool = True,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def hit_count(self) -> int:
        with self.t.lock:
            return self.t.hits[urlsplit(self.path).path]


def _robots(h: _Handler) -> None:
    if h.t.robots is None:
        h.reply(404, b"no robots here", "text/plain")
    else:
        h.reply(h.t.robots_status, h.t.robots.encode(), "text/plain")


def _html(text: str, charset_header: str | None, encoding: str) -> Callable[[_Handler], None]:
    ctype = f"text/html; charset={charset_header}" if charset_header else "text/html"
    return lambda h: h.reply(200, text.encode(encoding), ctype)


def _first_then_ok(status: int, retry_after: Callable[[], str]) -> Callable[[_Handler], None]:
    def handler(h: _Handler) -> None:
        if h.hit_count() == 1:
            h.reply(status, b"slow down", "text/plain", {"Retry-After": retry_after()})
        else:
            h.reply(200, b'{"ok": true}', "application/json")

    return handler


def _hang(h: _Handler) -> None:
    h.t.stop.wait(10)
    h.reply(200, b"too late")


def _trickle(h: _Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Content-Length", "200")
    h.end_headers()
    for _ in range(200):
        if h.t.stop.wait(0.05):  # the server's pace, not the test waiting
            return
        h.wfile.write(b"x")
        h.wfile.flush()


@contextlib.contextmanager
def _counted(t: TestServer) -> Iterator[None]:
    """A request counted in flight (and the highest count kept) while the block runs."""
    with t.in_flight:
        t.inflight += 1
        t.max_inflight = max(t.max_inflight, t.inflight)
        t.in_flight.notify_all()
    try:
        yield
    finally:
        with t.in_flight:
            t.inflight -= 1


def _concurrent(h: _Handler) -> None:
    t = h.t
    with _counted(t), t.in_flight:
        # Held open until `hold_for` requests have been open at once (the client's limit, which only a
        # client that breaks it could pass), whatever the machine's load; a client that never gets there
        # is let through after HOLD_LIMIT seconds, and the test sees the lower count.
        t.in_flight.wait_for(lambda: t.max_inflight >= t.hold_for or t.stop.is_set(), timeout=HOLD_LIMIT)
    h.reply(200, b"done", "text/plain")


def _overlapping(h: _Handler) -> None:
    """Counted as /concurrent/ is, but held for a moment only (a client that queues them would wait)."""
    with _counted(h.t):
        h.t.stop.wait(0.1)  # long enough for requests sent together to overlap
    h.reply(200, b"done", "text/plain")


def _busy_once(h: _Handler) -> None:
    """The first request under /busy/ gets 429 (retry at once); later ones are counted in flight."""
    with h.t.lock:
        h.t.busy_hits += 1
        first = h.t.busy_hits == 1
    if first:
        h.reply(429, b"slow down", "text/plain", {"Retry-After": "0"})
    else:
        _overlapping(h)


def _cached(h: _Handler) -> None:
    h.reply(200, f"<p>served {h.hit_count()}</p>".encode(), "text/html", {"Cache-Control": "max-age=60"})


def _gzip_cached(h: _Handler) -> None:
    body = gzip.compress("<p>gzipped Grüße</p>".encode())
    h.reply(
        200, body, "text/html; charset=utf-8", {"Content-Encoding": "gzip", "Cache-Control": "max-age=60"}
    )


def _raw_deflate(h: _Handler) -> None:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    body = packer.compress(b"raw deflate body") + packer.flush()
    h.reply(200, body, "text/plain", {"Content-Encoding": "deflate"})


def _bomb(h: _Handler) -> None:
    h.reply(200, gzip_bomb(), "text/html", {"Content-Encoding": "gzip", "Cache-Control": "max-age=60"})


def _huge_stream(h: _Handler) -> None:
    # No Content-Length: HTTP/1.0 ends the body by closing, so only streaming can enforce the cap.
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Cache-Control", "max-age=60")
    h.end_headers()
    block = b"y" * 65536
    for _ in range(32):  # 2 MiB
        h.wfile.write(block)


def _redirect(target: str, status: int = 302) -> Callable[[_Handler], None]:
    return lambda h: h.reply(status, b"", None, {"Location": target})


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/robots.txt": _robots,
    "/page/utf8": _html("<h1>Grüße € 10</h1>", "utf-8", "utf-8"),
    "/page/cp1252": _html("<h1>Café – 10€</h1>", "windows-1252", "cp1252"),
    "/page/latin1-meta": _html(
        '<html><head><meta charset="iso-8859-1"></head><body>Zürich</body></html>', None, "latin-1"
    ),
    "/page/undeclared-cp1252": _html("<p>Crème brûlée</p>", None, "cp1252"),
    "/page/undeclared-utf8": _html("<p>Crème brûlée</p>", None, "utf-8"),
    "/page/invalid": lambda h: h.reply(200, b"<p>ok \xff\xfe bad \xc3( end</p>", "text/html; charset=utf-8"),
    "/page/bom": lambda h: h.reply(200, "\ufeffÅngström".encode(), "text/html; charset=iso-8859-1"),
    "/api.json": lambda h: h.reply(
        200, json.dumps({"products": [{"title": "Käse", "price": "7.99"}]}).encode(), "application/json"
    ),
    "/bad.json": lambda h: h.reply(200, b"{not json", "application/json"),
    "/ua": lambda h: h.reply(200, h.headers.get("User-Agent", "").encode(), "text/plain"),
    "/others-only": lambda h: h.reply(200, b"allowed for shopper"),
    "/r429": _first_then_ok(429, lambda: "7"),
    "/r503-date": _first_then_ok(503, lambda: formatdate(time.time() + 5, usegmt=True)),
    "/r503-long": _first_then_ok(503, lambda: "3600"),
    "/always500": lambda h: h.reply(500, b"broken", "text/plain"),
    "/status/404": lambda h: h.reply(404, b"gone", "text/plain"),
    "/status/403": lambda h: h.reply(403, b"forbidden", "text/plain"),
    "/hang": _hang,
    "/trickle": _trickle,
    "/cached": _cached,
    "/nostore": lambda h: h.reply(200, b"fresh", "text/plain", {"Cache-Control": "no-store"}),
    "/gzip-cached": _gzip_cached,
    "/raw-deflate": _raw_deflate,
    "/bomb": _bomb,
    "/huge": lambda h: h.reply(200, b"z" * 2_000_000, "text/plain"),
    "/huge-stream": _huge_stream,
    "/exact": lambda h: h.reply(200, b"e" * 1000, "text/plain"),
    "/loop": _redirect("/loop"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/to-ftp": _redirect("ftp://127.0.0.1/x"),
    "/redir": _redirect("/page/utf8", 301),
    "/redir-private": _redirect("/private/secret"),
}
PREFIX_ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/private/": lambda h: h.reply(200, b"secret"),
    "/concurrent/": _concurrent,
    "/busy/": _busy_once,
}
