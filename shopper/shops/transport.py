"""The network end of the Fetcher's client: a request takes its host's politeness slot only when it goes
out. It sits under the HTTP cache, so an answer the cache gives never queues behind other requests to the
host or waits out a crawl delay."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx

# Request extension: the asyncio.Timeout bounding the whole request (headers and body), which starts
# counting when the request goes out, not while it waits for its host's slot.
DEADLINE = "shopper.deadline"
# Request extension: a list the transport adds the slot-holding body to, so the caller can give the slot
# back whatever happens above the transport (a cache that fails to store never closes what it read).
HELD = "shopper.held"
# Request extension: True sends the request past the HTTP cache (neither answered from it nor stored in
# it), for a response the caller keeps elsewhere in its own form.
UNCACHED = "shopper.uncached"

Acquire = Callable[[httpx.URL], Awaitable[asyncio.Semaphore]]
Wrap = Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport]
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's defaults


class PoliteClient(httpx.AsyncClient):
    """An httpx client whose every network transport (direct, or through a proxy from the environment)
    is wrapped by `wrap` (the cache and the politeness slot), the way hishel's cache client does it."""

    def __init__(self, *, wrap: Wrap, **kwargs: Any) -> None:
        self._wrap = wrap
        super().__init__(**kwargs)

    def _init_transport(
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = _LIMITS,
        transport: httpx.AsyncBaseTransport | None = None,
        **kwargs: Any,
    ) -> httpx.AsyncBaseTransport:
        if transport is not None:
            return transport
        network = httpx.AsyncHTTPTransport(
            verify=verify, cert=cert, trust_env=trust_env, http1=http1, http2=http2, limits=limits
        )
        return self._wrap(network)

    def _init_proxy_transport(
        self,
        proxy: httpx.Proxy,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = _LIMITS,
        **kwargs: Any,
    ) -> httpx.AsyncBaseTransport:
        network = httpx.AsyncHTTPTransport(
            verify=verify,
            cert=cert,
            trust_env=trust_env,
            http1=http1,
            http2=http2,
            limits=limits,
            proxy=proxy,
        )
        return self._wrap(network)


class PoliteTransport(httpx.AsyncBaseTransport):
    """Takes the per-host slot (from `acquire`) before sending; gives it back when the body is closed."""

    def __init__(self, inner: httpx.AsyncBaseTransport, acquire: Acquire, total_timeout: float) -> None:
        self._inner = inner
        self._acquire = acquire
        self._total_timeout = total_timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        deadline = request.extensions.get(DEADLINE)
        if isinstance(deadline, asyncio.Timeout):
            deadline.reschedule(None)  # waiting for the host's slot is politeness, not a slow shop
        slot = await self._acquire(request.url)
        try:
            if isinstance(deadline, asyncio.Timeout):
                deadline.reschedule(asyncio.get_running_loop().time() + self._total_timeout)
            response = await self._inner.handle_async_request(request)
        except BaseException:
            slot.release()
            raise
        body = _Releasing(response.stream, slot)
        response.stream = body
        held = request.extensions.get(HELD)
        if isinstance(held, list):
            held.append(body)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


class CacheBypass(httpx.AsyncBaseTransport):
    """The cache transport, except for requests marked UNCACHED, which go straight to `direct` (the
    transport under the cache)."""

    def __init__(self, cached: httpx.AsyncBaseTransport, direct: httpx.AsyncBaseTransport) -> None:
        self._cached = cached
        self._direct = direct

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        through = self._direct if request.extensions.get(UNCACHED) else self._cached
        return await through.handle_async_request(request)

    async def aclose(self) -> None:
        await self._cached.aclose()  # it closes the transport under it, `direct`


class _Releasing(httpx.AsyncByteStream):
    """A response body that frees the slot once, when it is closed (read to the end, or abandoned)."""

    def __init__(self, stream: httpx.SyncByteStream | httpx.AsyncByteStream, slot: asyncio.Semaphore) -> None:
        self._stream = stream
        self._slot: asyncio.Semaphore | None = slot

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            if isinstance(self._stream, httpx.AsyncByteStream):
                await self._stream.aclose()
        finally:
            self.release()

    def release(self) -> None:
        """Give the slot back (once); closing the body does this too."""
        if self._slot is not None:
            slot, self._slot = self._slot, None
            slot.release()


def release_all(held: list[Any]) -> None:
    """Give back every slot a request's bodies still hold (after it ended, however it ended)."""
    for body in held:
        if isinstance(body, _Releasing):
            body.release()
