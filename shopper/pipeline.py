"""find(): understand the request, search every shop at once, group, rank and choose the answer."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from shopper.events import Event, ShopFailed, ShopFinished, ShopStarted, Stage
from shopper.models import FindResult, Offer, Profile, Query, ShopConfig
from shopper.shops.fetch import FetchSettings

if TYPE_CHECKING:
    from shopper.shops.search import ShopOutcome

SHOP_DEADLINE = 25.0  # seconds one shop may take before it is left out with a warning
RECHECK_TOP = 8  # mirror offers re-checked live before they are shown


def shops_for(profile: Profile) -> tuple[list[ShopConfig], bool]:
    """The profile's shops minus avoided ones; the demo shops when it names none."""
    from shopper.demo import ensure_demo_shops, is_demo_url

    if profile.shops:
        avoided = {s.lower() for s in profile.shops_avoided}
        if any(is_demo_url(s.url) for s in profile.shops):  # a demo shop added by `shops add`
            ensure_demo_shops()
        return [s.model_copy() for s in profile.shops if s.name.lower() not in avoided], False

    return ensure_demo_shops(), True


async def find_events(
    request: str,
    profile: Profile,
    *,
    query: Query | None = None,
    conn: sqlite3.Connection | None = None,
    use_mirror: bool = True,
    deadline: float = SHOP_DEADLINE,
    fetch_settings: FetchSettings | None = None,
) -> AsyncIterator[Event | FindResult]:
    """Yield progress events as shops answer, then the FindResult last."""
    from shopper.rank import choose_answer, rank
    from shopper.shops.fetch import Fetcher
    from shopper.shops.search import SearchContext, search_shop

    if query is None:
        from shopper.understand.offline import parse_request

        query = parse_request(request, profile)
    shops, demo = shops_for(profile)
    result = FindResult(request=request, query=query, demo=demo, profile=profile.name)
    if not shops:
        result.warnings.append("no shops to search: add one with `shopper shops add URL`")
        yield result
        return
    settings = fetch_settings or _default_settings()
    offers: list[Offer] = []
    how: dict[str, str] = {}
    async with Fetcher(settings) as fetcher:
        ctx = SearchContext(fetcher=fetcher, conn=conn, query=query, use_mirror=use_mirror)
        tasks = {asyncio.create_task(asyncio.wait_for(search_shop(ctx, s), deadline)): s for s in shops}
        for shop in shops:
            yield ShopStarted(shop=shop.name)
        pending = set(tasks)
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                shop = tasks[task]
                event = _outcome_event(task, shop, deadline, result)
                if isinstance(event, ShopFinished):
                    outcome = task.result()
                    offers.extend(outcome.offers)
                    how[shop.name] = outcome.how
                yield event
        yield Stage(message="ranking")
        ranked, excluded = rank(offers, query, profile)
        stale = [r.offer for r in ranked[:RECHECK_TOP] if _needs_recheck(r.offer, how)]
        if stale:
            yield Stage(message=f"re-checking {len(stale)} offer(s) live")
            await _recheck(ctx, shops, stale, result)
            ranked, excluded = rank(offers, query, profile)
        result.warnings.extend(fetcher.warnings)
    result.offers = ranked
    result.excluded = excluded
    result.answer = choose_answer(ranked, query)
    if conn is not None:
        _remember(conn, result)
    yield result


def _default_settings() -> FetchSettings:
    from shopper.config import cache_dir

    return FetchSettings(cache_path=cache_dir() / "http.sqlite")


def _outcome_event(
    task: asyncio.Task[ShopOutcome], shop: ShopConfig, deadline: float, result: FindResult
) -> Event:
    from shopper.errors import ShopperError

    exc = task.exception()
    if exc is None:
        outcome = task.result()
        return ShopFinished(
            shop=shop.name, offers=len(outcome.offers), seconds=round(outcome.seconds, 3), how=outcome.how
        )
    if isinstance(exc, TimeoutError):
        message = f"{shop.name}: no answer within {deadline:g} s; left out"
    elif isinstance(exc, ShopperError):
        message = str(exc)
    else:
        # A misbehaving shop must not end the run: its failure is reported and the others go on.
        message = f"{shop.name}: {type(exc).__name__}: {exc}"
    result.warnings.append(message)
    return ShopFailed(shop=shop.name, error=message)


def _needs_recheck(offer: Offer, how: dict[str, str]) -> bool:
    from shopper.shops.search import RECHECK_AFTER

    if how.get(offer.shop) != "mirror":
        return False
    if offer.fetched_at is None:
        return True
    fetched = offer.fetched_at if offer.fetched_at.tzinfo else offer.fetched_at.replace(tzinfo=UTC)
    return datetime.now(UTC) - fetched > timedelta(seconds=RECHECK_AFTER)


async def _recheck(ctx: object, shops: list[ShopConfig], offers: list[Offer], result: FindResult) -> None:
    from shopper.shops.search import SearchContext, merge_live, resolve_adapter

    assert isinstance(ctx, SearchContext)
    by_name = {s.name: s for s in shops}

    async def one(offer: Offer) -> None:
        shop = by_name[offer.shop]
        adapter = await resolve_adapter(ctx, shop)
        fresh = await adapter.product(ctx.fetcher, shop, offer.url)
        if fresh is None:
            offer.stale = True
            result.warnings.append(f"{shop.name}: could not re-check {offer.url}; its price may be stale")
        else:
            merge_live(offer, fresh)

    await asyncio.gather(*(one(o) for o in offers), return_exceptions=True)


def _remember(conn: sqlite3.Connection, result: FindResult) -> None:
    from shopper.store.repos import LastResultsRepo

    LastResultsRepo(conn).save(result.request, result.model_dump_json())


async def find(
    request: str,
    profile: Profile,
    *,
    query: Query | None = None,
    conn: sqlite3.Connection | None = None,
    use_mirror: bool = True,
    deadline: float = SHOP_DEADLINE,
    fetch_settings: FetchSettings | None = None,
) -> FindResult:
    """The whole flow without progress events."""
    final: FindResult | None = None
    events = find_events(
        request,
        profile,
        query=query,
        conn=conn,
        use_mirror=use_mirror,
        deadline=deadline,
        fetch_settings=fetch_settings,
    )
    async for item in events:
        if isinstance(item, FindResult):
            final = item
    assert final is not None  # find_events always ends with the result
    return final
