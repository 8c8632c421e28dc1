"""The one HTTP entry point every adapter shares: polite, cached, bounded, and never raising on a bad URL."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from shopper import USER_AGENT
from shopper.errors import FetchError
from shopper.runtime import quick_switches
from shopper.shops.body import BodyError, decode_text, parse_retry_after, read_capped
from shopper.shops.robots import RobotsCache, origin_of

if TYPE_CHECKING:
    import httpx

    from shopper.shops.transport import Acquire

# httpx and hishel are imported, and the client built, on the first request: a warm `find` answered from
# the catalogue mirror and the recent answers makes none, and importing them costs more than the rest of it.

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# "Too many requests", "unavailable": the host asks for less; from then on it gets one request at a time.
SLOW_DOWN_STATUSES = frozenset({429, 503})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
SCHEMES = ("http", "https")
# Google reads the first 500 KiB of a robots.txt and ignores the rest; so do we.
ROBOTS_MAX_BYTES = 512_000
# We decode these ourselves (with an output bound), so only advertise them.
ACCEPT_ENCODING = "gzip, deflate"

Params = Mapping[str, str | int] | list[tuple[str, str]] | None
Headers = Mapping[str, str] | None
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class FetchSettings:
    """Politeness, limits and cache location for one Fetcher."""

    # A find reads a shop's listing, then the product pages its ranking needs, about a round trip's
    # worth: eight at once (Scrapy's per-domain default; a browser opens six connections to a host for
    # each page it shows) so that the pages of one shop cost one round trip, not two. robots.txt's
    # Crawl-delay still spaces them out; the deal-watch runs at 2 a host.
    per_host_concurrency: int = 8
    min_delay: float = 0.0  # seconds between request starts to one host
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_retries: int = 3
    backoff_base: float = 0.5
    max_retry_after: float = 30.0
    max_bytes: int = 10_000_000  # decompressed
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    cache_path: Path | None = None  # sqlite file for hishel; None = no cache


@dataclass
class Page:
    """A fetched 2xx response, body decoded."""

    url: str  # as requested (with params)
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case keys; repeated headers joined with ", "
    content: bytes
    text: str
    encoding: str
    from_cache: bool = False

    def json(self) -> Any:
        """The body parsed as JSON; raises ValueError when it is not JSON."""
        return json.loads(self.text)


API_MAX_BYTES = 1_000_000  # a checkout API answer is small JSON


@dataclass
class ApiReply:
    """A JSON API answer of any status; `data` is None when the body was empty or not JSON."""

    status: int
    headers: dict[str, str]
    data: Any


def _maybe_sent(exc: FetchError) -> FetchError:
    exc.maybe_sent = True
    return exc


class _Failure(Exception):
    """Why a URL could not be fetched; becomes one warning line. Never leaves the Fetcher."""

    def __init__(self, reason: str, *, retryable: bool = False) -> None:
        super().__init__(reason)
        self.retryable = retryable


class _HostDown(_Failure):
    """The origin already failed to connect in this session: reported once, then failed quietly."""

    def __init__(self, reason: str, origin: str) -> None:
        super().__init__(reason)
        self.origin = origin


class _Quiet404(Exception):
    """A 404 the caller said it expects: return None without a warning."""


@dataclass
class _Raw:
    status: int
    url: httpx.URL
    headers: dict[str, str]
    body: bytes = b""
    from_cache: bool = False
    location: httpx.URL | None = None


# RFC 9309 lets a crawler keep robots.txt for up to 24 hours whatever its cache headers say; a later run
# then starts with the rules instead of a round trip.
ROBOTS_CACHING: dict[str, Any] = {"caching": {"rfc": False, "ttl": 24 * 3600}}


class Fetcher:
    """Shared async HTTP client: robots.txt, per-host limits, retries, size caps, RFC caching."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.sleep = sleep  # injected so tests record backoff instead of waiting
        self.clock = clock
        self.warnings: list[str] = []
        self._client: httpx.AsyncClient | None = None
        self._robots = RobotsCache(self._fetch_robots)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._slowed: set[str] = set()  # origins that answered 429 or 503: one request at a time
        self._next_start: dict[str, float] = {}
        # Origins that refused or failed to resolve: later requests to them fail at once and quietly,
        # so one dead shop gives one warning, not one per URL.
        self._down: dict[str, str] = {}
        self._down_reported: set[str] = set()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client and the cache database."""
        if self._client is not None:
            client, self._client = self._client, None
            try:
                await client.aclose()
            finally:
                if self.settings.cache_path is not None:
                    quick_switches.leave()

    async def get(
        self,
        url: str,
        *,
        params: Params = None,
        headers: Mapping[str, str] | None = None,
        quiet_404: bool = False,
        quiet: bool = False,
        cached: bool = True,
    ) -> Page | None:
        """GET a URL; None (with a warning in .warnings, unless a quiet 404 or `quiet`) when it cannot
        be had. `cached=False` passes the HTTP cache by (for an answer the caller keeps elsewhere)."""
        import httpx

        requested = url
        try:
            target = httpx.URL(url, params=params) if params else httpx.URL(url)
            if params:
                requested = str(target)
            return await self._get(target, dict(headers or {}), requested, cached=cached)
        except _Quiet404:
            if not (quiet_404 or quiet):
                self.warnings.append(f"{requested}: HTTP 404")
        except _HostDown as down:
            if down.origin not in self._down_reported and not quiet:
                self._down_reported.add(down.origin)
                self.warnings.append(f"{requested}: {down}")
        except _Failure as failure:
            if not quiet:
                self.warnings.append(f"{requested}: {failure}")
                self._down_reported.update(o for o in self._down if requested.lower().startswith(o))
        except httpx.InvalidURL as exc:
            if not quiet:
                self.warnings.append(f"{requested}: invalid URL ({exc})")
        return None

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt lets shopper fetch `url` (always True with respect_robots off)."""
        if not self.settings.respect_robots:
            return True
        import httpx

        try:
            return await self._robots.allowed(httpx.URL(url))
        except httpx.InvalidURL:
            return False

    async def get_json(
        self,
        url: str,
        *,
        params: Params = None,
        headers: Mapping[str, str] | None = None,
        quiet_404: bool = False,
    ) -> Any | None:
        """GET and parse JSON; None (with a warning, unless a quiet 404) when unavailable or not JSON."""
        wanted = {"Accept": "application/json", **(headers or {})}
        page = await self.get(url, params=params, headers=wanted, quiet_404=quiet_404)
        if page is None:
            return None
        try:
            return page.json()
        except ValueError as exc:
            self.warnings.append(f"{page.url}: not valid JSON ({exc})")
            return None

    async def api_request(
        self,
        method: str,
        url: str,
        *,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
        max_bytes: int = API_MAX_BYTES,
    ) -> ApiReply:
        """One JSON API call (the checkout's POST path): sent once, never retried here, any status returned.

        Raises FetchError when no answer came; `maybe_sent` on it says the server may have acted, so
        the caller may only retry with the same Idempotency-Key.
        """
        import httpx

        target = httpx.URL(url)
        try:
            _check_scheme(target, "URL")
        except _Failure as failure:
            raise FetchError(f"{url}: {failure}") from None
        client = self._ensure_client()
        sent = {"Accept": "application/json", "Cache-Control": "no-store", **(headers or {})}
        body = None if json_body is None else json.dumps(json_body, separators=(",", ":")).encode()
        if body is not None:
            sent["Content-Type"] = "application/json"
        from shopper.shops.transport import DEADLINE, HELD, release_all

        # A user's own order is not crawling: robots.txt does not apply, the per-host limits do (the
        # client's transport takes the host's slot).
        held: list[Any] = []
        try:
            async with asyncio.timeout(self.settings.total_timeout) as deadline:
                request = client.build_request(
                    method, target, headers=sent, content=body, extensions={DEADLINE: deadline, HELD: held}
                )
                response = await client.send(request, stream=True)
                try:
                    raw = await read_capped(response, max_bytes)
                finally:
                    await response.aclose()
        except httpx.ConnectError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc or 'connection failed'}") from None
        except (TimeoutError, httpx.TimeoutException):
            raise _maybe_sent(FetchError(f"{url}: no answer within the time limit")) from None
        except (httpx.HTTPError, BodyError, OSError) as exc:
            raise _maybe_sent(FetchError(f"{url}: {type(exc).__name__}: {exc}")) from None
        finally:
            release_all(held)
        data: Any = None
        if raw:
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
        reply_headers = {key.lower(): value for key, value in response.headers.items()}
        return ApiReply(status=response.status_code, headers=reply_headers, data=data)

    # --- one URL, following redirects ---------------------------------------------------

    async def _get(
        self, url: httpx.URL, headers: dict[str, str], requested: str, *, cached: bool = True
    ) -> Page:
        _check_scheme(url, "URL")
        current = url
        for hop in range(self.settings.max_redirects + 1):
            if self.settings.respect_robots and not await self._robots.allowed(current):
                where = f"redirect to {current} " if hop else ""
                raise _Failure(f"{where}disallowed by robots.txt")
            raw = await self._with_retries(current, headers, cached=cached)
            if raw.location is not None:
                # Name the Location as sent: httpx would print file:///etc/passwd as file:/etc/passwd.
                _check_scheme(raw.location, f"redirect to {raw.headers.get('location', '').strip()}")
                current = raw.location
                continue
            if raw.status == 404:
                raise _Quiet404
            if not 200 <= raw.status < 300:
                raise _Failure(f"HTTP {raw.status}")
            encoding, text = decode_text(raw.body, raw.headers.get("content-type"))
            return Page(
                url=requested,
                final_url=str(raw.url),
                status=raw.status,
                headers=raw.headers,
                content=raw.body,
                text=text,
                encoding=encoding,
                from_cache=raw.from_cache,
            )
        raise _Failure(f"too many redirects (more than {self.settings.max_redirects})")

    async def _with_retries(self, url: httpx.URL, headers: dict[str, str], *, cached: bool = True) -> _Raw:
        from shopper.shops.transport import UNCACHED

        s = self.settings
        extensions = None if cached else {UNCACHED: True}
        reason = ""
        for attempt in range(s.max_retries + 1):
            retry_after: float | None = None
            try:
                raw = await self._attempt(url, headers, s.max_bytes, extensions=extensions)
            except _Failure as failure:
                if not failure.retryable:
                    raise
                reason = str(failure)
            else:
                if raw.status not in RETRY_STATUSES:
                    return raw
                if raw.status in SLOW_DOWN_STATUSES:
                    self._slow_down(url)
                reason = f"HTTP {raw.status}"
                retry_after = parse_retry_after(raw.headers.get("retry-after"))
            if attempt == s.max_retries:
                break
            backoff = s.backoff_base * 2**attempt if retry_after is None else retry_after
            await self.sleep(min(backoff, s.max_retry_after))
        raise _Failure(f"{reason} after {s.max_retries} retries" if s.max_retries else reason)

    # --- one request ------------------------------------------------------------------

    async def _attempt(
        self,
        url: httpx.URL,
        headers: dict[str, str],
        max_bytes: int,
        *,
        truncate: bool = False,
        extensions: dict[str, Any] | None = None,
    ) -> _Raw:
        import httpx

        from shopper.shops.transport import DEADLINE, HELD, release_all

        client = self._ensure_client()
        origin = origin_of(url)
        if origin in self._down:
            raise _HostDown(self._down[origin], origin)
        held: list[Any] = []
        try:
            # The total bound covers headers and body, which httpx's per-phase timeouts do not. The
            # host's slot is taken below the HTTP cache (shopper.shops.transport), so a cached answer
            # waits for no other request; the bound restarts once the request has its slot.
            async with asyncio.timeout(self.settings.total_timeout) as deadline:
                sent = {**(extensions or {}), DEADLINE: deadline, HELD: held}
                async with client.stream("GET", url, headers=headers, extensions=sent) as response:
                    return await self._read(response, max_bytes, truncate)
        except TimeoutError:
            raise _Failure(f"timed out after {self.settings.total_timeout:g} s in total") from None
        except httpx.ConnectTimeout:
            raise _Failure("connect timeout", retryable=True) from None
        except httpx.ReadTimeout:
            raise _Failure("read timeout", retryable=True) from None
        except httpx.ConnectError as exc:
            self._down[origin] = f"{type(exc).__name__}: {exc or 'connection failed'}"
            raise _Failure(self._down[origin]) from None
        except httpx.HTTPError as exc:
            raise _Failure(f"{type(exc).__name__}: {exc or 'request failed'}") from None
        except (sqlite3.Error, OSError) as exc:
            # The cache database can fail (disk full, locked); that is one lost page, not a crash.
            raise _Failure(f"{type(exc).__name__}: {exc}") from None
        finally:
            release_all(held)  # the host's slot is free again, whatever failed above the transport

    async def _read(self, response: httpx.Response, max_bytes: int, truncate: bool) -> _Raw:
        headers = {key.lower(): value for key, value in response.headers.items()}
        status = response.status_code
        location = headers.get("location")
        if status in REDIRECT_STATUSES and location:
            return _Raw(status, response.url, headers, location=response.url.join(location.strip()))
        if not 200 <= status < 300:
            return _Raw(status, response.url, headers)  # the body of an error page is of no use to anyone
        try:
            body = await read_capped(response, max_bytes, truncate=truncate)
        except BodyError as exc:
            raise _Failure(str(exc)) from None
        caching = response.extensions.get("caching")  # hishel's CacheStatus, a TypedDict
        from_cache = isinstance(caching, dict) and bool(caching.get("from_cache"))
        return _Raw(status, response.url, headers, body, from_cache)

    def _slow_down(self, url: httpx.URL) -> None:
        """One request at a time to the URL's host from now on (those under way end as they are)."""
        origin = origin_of(url)
        if origin not in self._slowed:
            self._slowed.add(origin)
            # a new slot: the requests holding the old one give it back to the old one, unseen
            self._slots[origin] = asyncio.Semaphore(1)

    async def _acquire(self, url: httpx.URL) -> asyncio.Semaphore:
        """Take the URL's host slot (released by whoever closes the response) and wait for its start."""
        origin = origin_of(url)
        slot = self._slots.get(origin)
        if slot is None:
            slot = self._slots[origin] = asyncio.Semaphore(max(1, self.settings.per_host_concurrency))
        await slot.acquire()
        try:
            # Reserve a start time: concurrent waiters queue up min_delay apart without a lock.
            delay = max(self.settings.min_delay, self._robots.crawl_delay(origin))
            now = self.clock()
            start = max(now, self._next_start.get(origin, now))
            self._next_start[origin] = start + delay
            if start > now:
                await self.sleep(start - now)
        except BaseException:
            slot.release()
            raise
        return slot

    async def _fetch_robots(self, robots_url: str) -> str | None:
        """robots.txt text, or None for allow-all (4xx, 5xx, unreachable, redirect trouble)."""
        import httpx

        url = httpx.URL(robots_url)
        for _ in range(self.settings.max_redirects + 1):
            try:
                raw = await self._attempt(url, {}, ROBOTS_MAX_BYTES, truncate=True, extensions=ROBOTS_CACHING)
            except (_Failure, httpx.InvalidURL):
                return None
            if raw.location is None:
                if not 200 <= raw.status < 300:
                    return None
                return decode_text(raw.body, raw.headers.get("content-type"))[1]
            if raw.location.scheme not in SCHEMES:
                return None
            url = raw.location
        return None

    def _ensure_client(self) -> httpx.AsyncClient:
        if self._client is None:
            problem = _cache_problem(self.settings.cache_path)
            if problem:
                # A damaged cache costs speed, not the search: go on without it, and say so once.
                self.warnings.append(
                    f"HTTP cache {self.settings.cache_path} is unusable ({problem}); not caching"
                )
                self.settings = replace(self.settings, cache_path=None)
            self._client = _make_client(self.settings, self._acquire)
            if self.settings.cache_path is not None:
                quick_switches.enter()
        return self._client


def _cache_problem(path: Path | None) -> str | None:
    """Why the cache database at `path` cannot be used, or None when it can (or there is none yet)."""
    if path is None or not path.exists():
        return None
    try:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as exc:
        return str(exc)
    return None


def _make_client(s: FetchSettings, acquire: Acquire) -> httpx.AsyncClient:
    import httpx

    from shopper.shops.transport import CacheBypass, PoliteClient, PoliteTransport

    timeout = httpx.Timeout(
        connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=s.total_timeout
    )
    headers = {"User-Agent": s.user_agent, "Accept-Encoding": ACCEPT_ENCODING}
    if s.cache_path is None:

        def polite(network: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
            return PoliteTransport(network, acquire, s.total_timeout)

    else:
        import hishel
        from hishel.httpx import AsyncCacheTransport

        storage = hishel.AsyncSqliteStorage(database_path=s.cache_path, max_stream_size=s.max_bytes)

        def polite(network: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
            # A private cache (one user), following RFC 9111; hishel's default would ignore
            # Cache-Control. The politeness slot is below it: only what goes out takes one.
            direct = PoliteTransport(network, acquire, s.total_timeout)
            cached = AsyncCacheTransport(
                next_transport=direct, storage=storage, rfc=hishel.CacheOptions(shared=False)
            )
            return CacheBypass(cached, direct)

    return PoliteClient(wrap=polite, timeout=timeout, headers=headers, follow_redirects=False)


def _check_scheme(url: httpx.URL, what: str) -> None:
    if url.scheme not in SCHEMES:
        raise _Failure(f"{what} refused: only http and https are fetched")
    if not url.host:
        raise _Failure(f"{what} has no host")


# --- bodies -------------------------------------------------------------------------------
