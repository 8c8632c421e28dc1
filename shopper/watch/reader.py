"""Reading what watches watch: product pages through the shop adapters, one polite lane per host."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from shopper.models import Offer, Profile, Query, RankedOffer, ShopConfig
from shopper.shops.fetch import Fetcher
from shopper.watch.models import Reading, Watch
from shopper.watch.variants import is_buyable, matching_variants

REQUEST_MATCHES = 5  # best matches a request watch follows


@dataclass
class CheckResult:
    """What one check of one watch found: readings and the offers behind them, or an error."""

    watch: Watch
    readings: list[Reading] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    error: str | None = None
    broken: bool = False  # the page was read but yielded no price


def origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def reading_of(offer: Offer, size: str | None, colour: str | None) -> Reading:
    """The watched variant's price and stock (the product's when no size or colour is watched)."""
    reading = Reading(
        url=offer.url, title=offer.title, shop=offer.shop, price=offer.price, availability=offer.availability
    )
    reading.in_stock = is_buyable(offer.availability)
    if not (size or colour):
        return reading
    if not offer.variants:
        reading.note = "the page lists no sizes or colours; watching the product as a whole"
        return reading
    matches = matching_variants(offer, size, colour)
    wanted = " ".join(x for x in (size, colour) if x)
    if not matches:
        reading.note = f"{wanted} not offered"
        reading.in_stock = False
        reading.availability = "OutOfStock"
        return reading
    buyable = [v for v in matches if is_buyable(v.availability)]
    chosen = buyable or matches
    priced = [v.price or offer.price for v in chosen]
    amounts = [p for p in priced if p is not None]
    reading.price = min(amounts, key=lambda m: m.amount) if amounts else offer.price
    if buyable:
        reading.in_stock, reading.availability = True, buyable[0].availability
    else:
        flags = {is_buyable(v.availability) for v in matches}
        reading.in_stock = False if flags == {False} else None
        reading.availability = matches[0].availability
    return reading


def shop_for(url: str, profile: Profile | None) -> ShopConfig:
    """The profile's shop that serves `url`, else a shop made from the URL's origin (detected once)."""
    home = origin(url)
    for shop in profile.shops if profile else []:
        if origin(shop.url) == home:
            return shop.model_copy()
    return ShopConfig(name=urlsplit(url).netloc.lower(), url=home + "/", platform="auto")


async def _read_one(fetcher: Fetcher, adapter: object, shop: ShopConfig, watch: Watch) -> CheckResult:
    from shopper.shops.adapters.base import ShopAdapter

    assert isinstance(adapter, ShopAdapter)
    url = watch.target
    seen = len(fetcher.warnings)
    try:
        offer = await adapter.product(fetcher, shop, url)
    except Exception as exc:  # one misbehaving page must not stop the run
        return CheckResult(watch, error=f"{url}: {type(exc).__name__}: {exc}")
    if offer is None:
        said = [w for w in fetcher.warnings[seen:] if url in w] or [w for w in fetcher.warnings if url in w]
        if said:
            return CheckResult(watch, error=said[-1])
        if origin(url) in getattr(fetcher, "_down", {}):  # the host refused earlier in this run
            return CheckResult(watch, error=f"{shop.name}: not reachable")
        return CheckResult(watch, broken=True)
    offer.shop = offer.shop or shop.name
    offer.url = offer.url or url
    reading = reading_of(offer, watch.size, watch.colour)
    reading.url = url
    return CheckResult(watch, readings=[reading], offers=[offer], broken=offer.price is None)


async def check_products(
    conn: sqlite3.Connection,
    fetcher: Fetcher,
    watches: list[Watch],
    profiles: Callable[[str | None], Profile | None],
    on_result: Callable[[CheckResult], Awaitable[None] | None],
    *,
    per_host: int = 2,
) -> None:
    """Check product watches, each host in its own lane so no host waits while another works."""
    from shopper.shops.search import SearchContext, resolve_adapter

    lanes: dict[str, list[Watch]] = {}
    for watch in watches:
        lanes.setdefault(origin(watch.target), []).append(watch)
    ctx = SearchContext(fetcher=fetcher, conn=conn, query=Query(text="watch"), use_mirror=False)

    async def deliver(result: CheckResult) -> None:
        outcome = on_result(result)
        if outcome is not None:
            await outcome

    async def lane(queue: list[Watch]) -> None:
        shop = shop_for(queue[0].target, profiles(queue[0].profile))
        try:
            adapter = await resolve_adapter(ctx, shop)
        except Exception as exc:  # the host is down or unreadable: every watch on it records why
            message = str(exc) if str(exc) else type(exc).__name__
            for watch in queue:
                await deliver(CheckResult(watch, error=message))
            return
        pending = iter(queue)

        async def worker() -> None:
            for watch in pending:
                await deliver(await _read_one(fetcher, adapter, shop, watch))

        # The Fetcher spaces requests to one host; `per_host` workers keep its queue full.
        await asyncio.gather(*(worker() for _ in range(max(1, per_host))))

    await asyncio.gather(*(lane(q) for q in lanes.values()))


def _reading_of_ranked(ranked: RankedOffer) -> Reading:
    offer = ranked.offer
    reading = Reading(
        url=offer.url, title=offer.title, shop=offer.shop, price=offer.price, availability=offer.availability
    )
    variant = ranked.matched_variant
    if variant is not None:
        reading.price = variant.price or offer.price
        reading.availability = variant.availability or offer.availability
    reading.in_stock = is_buyable(reading.availability)
    return reading


async def check_request(conn: sqlite3.Connection, watch: Watch, profile: Profile) -> CheckResult:
    """A request watch: the best matches across the profile's shops, as `find` answers."""
    from shopper.pipeline import find

    try:
        result = await find(watch.target, profile, conn=conn)
    except (
        Exception
    ) as exc:  # the pipeline reports shop failures as warnings; anything else is this watch's error
        return CheckResult(watch, error=f"{type(exc).__name__}: {exc}")
    answer = set(result.answer)
    chosen = [r for r in result.offers if r.offer.url in answer] or result.offers
    chosen = chosen[:REQUEST_MATCHES]
    if not chosen and result.warnings:
        return CheckResult(watch, error="; ".join(result.warnings[:3]))
    readings = [_reading_of_ranked(r) for r in chosen]
    return CheckResult(watch, readings=readings, offers=[])
