"""robots.txt rules per origin: fetched once per Fetcher, matched with protego."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx
    from protego import Protego

# The product token matched against robots.txt User-agent lines (RFC 9309 §2.2.1).
ROBOTS_TOKEN = "shopper"
# A site asking for minutes between requests would stall a whole search; cap what we honour.
MAX_CRAWL_DELAY = 10.0

# Fetches a robots.txt URL; None means "no usable rules" (404, 5xx, unreachable), i.e. allow all.
FetchText = Callable[[str], Awaitable[str | None]]


def origin_of(url: httpx.URL) -> str:
    """The scheme://host:port a URL belongs to; robots.txt and politeness limits are per origin."""
    return f"{url.scheme}://{url.netloc.decode('ascii').lower()}"


class RobotsCache:
    """robots.txt rules for each origin, fetched at most once, even by concurrent callers."""

    def __init__(self, fetch_text: FetchText, token: str = ROBOTS_TOKEN) -> None:
        self._fetch_text = fetch_text
        self._token = token
        self._rules: dict[str, Protego | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: httpx.URL) -> bool:
        """Whether robots.txt of the URL's origin lets our token fetch it."""
        rules = await self._rules_for(origin_of(url))
        return rules is None or bool(rules.can_fetch(str(url), self._token))

    def crawl_delay(self, origin: str) -> float:
        """The origin's Crawl-delay for our token (capped), or 0.0 when unknown or absent."""
        rules = self._rules.get(origin)
        delay = rules.crawl_delay(self._token) if rules is not None else None
        if not delay or delay < 0:
            return 0.0
        return min(float(delay), MAX_CRAWL_DELAY)

    async def _rules_for(self, origin: str) -> Protego | None:
        if origin in self._rules:
            return self._rules[origin]
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._rules:
                text = await self._fetch_text(f"{origin}/robots.txt")
                self._rules[origin] = _parse(text) if text is not None else None
        return self._rules[origin]


def _parse(text: str) -> Protego | None:
    from protego import Protego

    try:
        return Protego.parse(text)
    except Exception:
        # An unreadable robots.txt counts as a missing one: a site's typo must not stop a search.
        return None
