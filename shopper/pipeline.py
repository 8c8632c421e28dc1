"""find(): understand the request, search every shop at once, group, rank and choose the answer."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncGenerator, AsyncIterator
from typing import TYPE_CHECKING

from shopper.decide.answer import choose_answer, explain_lead, item_query, main_hint, sold_out_everywhere
from shopper.decide.rank import rank
from shopper.events import Event, ShopFailed, ShopFinished, ShopStarted, Stage
from shopper.models import Excluded, FindResult, Offer, Profile, Query, RankedOffer, ShopConfig
from shopper.shops.fetch import FetchSettings

if TYPE_CHECKING:
    from shopper.details import Ranker
    from shopper.looks import Photo
    from shopper.shops.search import ShopOutcome
    from shopper.store.writer import Writer

SHOP_DEADLINE = 25.0  # seconds one shop may take before it is left out with a warning


def shops_for(profile: Profile) -> tuple[list[ShopConfig], bool]:
    """The profile's shops minus avoided ones; the demo shops when it names none."""
    from shopper.demo import ensure_demo_shops, start_if_named

    if profile.shops:
        avoided = {s.lower() for s in profile.shops_avoided}
        start_if_named(s.url for s in profile.shops)  # a demo shop added by `shops add`
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
    photos: list[Photo] | None = None,
) -> AsyncIterator[Event | FindResult]:
    """Yield progress events as shops answer, then the FindResult last."""
    from contextlib import aclosing

    from shopper.runtime import fewer_collections
    from shopper.store.writer import Writer

    # the find's database writes go through one thread of their own (store/writer.py), closed at the end
    writer = Writer(conn) if conn is not None else None
    try:
        steps = _find_events(
            request, profile, query, conn, writer, use_mirror, deadline, fetch_settings, photos
        )
        with fewer_collections.held():
            async with aclosing(steps):
                async for step in steps:
                    yield step
    finally:
        if writer is not None:
            await writer.aclose()


async def _find_events(
    request: str,
    profile: Profile,
    query: Query | None,
    conn: sqlite3.Connection | None,
    writer: Writer | None,
    use_mirror: bool,
    deadline: float,
    fetch_settings: FetchSettings | None,
    photos: list[Photo] | None,
) -> AsyncGenerator[Event | FindResult, None]:
    from shopper.details import Detailed, EarlyReads, read_details
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
    # a compare request searches each product on its own; any other request is one search
    queries = [item_query(query, i) for i in range(len(query.items))] if _comparing(query) else [query]
    found: list[list[Offer]] = [[] for _ in queries]
    how: dict[str, str] = {}
    early = EarlyReads()
    async with Fetcher(settings) as fetcher:
        contexts = [
            SearchContext(
                fetcher=fetcher, conn=conn, query=_searched(q, photos), use_mirror=use_mirror, writer=writer
            )
            for q in queries
        ]
        tasks = {
            asyncio.create_task(asyncio.wait_for(search_shop(ctx, s), deadline)): (i, s)
            for i, ctx in enumerate(contexts)
            for s in shops
        }
        try:
            for shop in shops:
                yield ShopStarted(shop=shop.name)
            pending = set(tasks)
            left = {s.name: len(queries) for s in shops}
            while pending:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    index, shop = tasks[task]
                    left[shop.name] -= 1
                    event = _outcome_event(task, shop, deadline, result)
                    if isinstance(event, ShopFinished):
                        outcome = task.result()
                        found[index].extend(outcome.offers)
                        how[shop.name] = outcome.how
                        if pending and len(queries) == 1 and outcome.how in ("live", "synced"):
                            # Its pages are read while the slower shops still list. A shop that answered
                            # from what is kept here (mirror, recent answers) had nothing to wait for,
                            # and its pages were most likely read lately too: its own ranking would be
                            # work for nothing.
                            early.start(
                                contexts[0], shop, how, _shop_ranker(found[0], shop, query, profile, demo)
                            )
                    if left[shop.name] == 0 or isinstance(event, ShopFailed):
                        yield event
        except BaseException:
            await early.cancel()
            raise
        finally:
            await _cancel(tasks)
        try:
            _reuse_recent_reads(contexts[0], found, how)
            yield Stage(message="ranking")
            # the demo shops' shipping rates count in landed costs (they are no shops the profile names)
            demo_shops = shops if demo else None
            ranked, excluded = _rank_all(found, queries, query, profile, demo_shops)
            async for step in read_details(
                contexts[0],
                shops,
                how,
                lambda: _rank_all(found, queries, query, profile, demo_shops),
                ranked,
                excluded,
                priorities=profile.priorities,
                early=early,
            ):
                if isinstance(step, Detailed):
                    ranked, excluded = step.ranked, step.excluded
                    result.warnings.extend(step.report.warnings)
                else:
                    yield step
        finally:
            await early.cancel()  # reads still under way when the search stopped early
        if photos:
            from shopper.looks import rank_by_photos

            yield Stage(message="comparing pictures with your photos")
            await rank_by_photos(fetcher, ranked, photos, result.warnings, conn)
        result.warnings.extend(fetcher.warnings)
    result.offers = ranked
    result.excluded = excluded
    result.answer = choose_answer(ranked, query)
    explain_lead(ranked, result.answer)
    result.sold_out = sold_out_everywhere(ranked, excluded, query)
    searched = sum(len(f) for f in found)
    result.hint = main_hint(query, ranked, result.answer, excluded, searched)
    if writer is not None:
        listed = [o for batch in found for o in batch]
        await writer.run(lambda c: _remember(c, listed, result))
        # the writes no one waited for are all made by now (one queue): say if any failed
        result.warnings.extend(f"not saved in the local database: {error}" for error in writer.errors)
    yield result


def _searched(query: Query, photos: list[Photo] | None) -> Query:
    """What the shops are asked: the photos' colours join the search phrases, never the ranking."""
    if not photos:
        return query
    from shopper.looks import photo_search_terms

    return photo_search_terms(query, photos)


def _comparing(query: Query) -> bool:
    return query.intent == "compare" and len(query.items) >= 2


def _rank_all(
    found: list[list[Offer]],
    queries: list[Query],
    query: Query,
    profile: Profile,
    searched: list[ShopConfig] | None = None,
) -> tuple[list[RankedOffer], list[Excluded]]:
    from shopper.money import rate_table

    rates = rate_table(profile)
    if len(queries) == 1:
        return rank(found[0], queries[0], profile, rates, searched)
    ranked: list[RankedOffer] = []
    excluded: list[Excluded] = []
    for index, (offers, q) in enumerate(zip(found, queries, strict=True)):
        part, out = rank(offers, q, profile, rates, searched)
        for r in part:
            r.item = index
            r.group = f"{index + 1}{r.group}"  # each compared product keeps its own groups
        ranked.extend(part)
        excluded.extend(out)
    # an offer that several products' searches found belongs to the product it fits best
    best: dict[str, RankedOffer] = {}
    for r in ranked:
        if r.offer.url not in best or r.fit > best[r.offer.url].fit:
            best[r.offer.url] = r
    return [r for r in ranked if best[r.offer.url] is r], excluded


def _shop_ranker(found: list[Offer], shop: ShopConfig, query: Query, profile: Profile, demo: bool) -> Ranker:
    """The ranking of one shop's offers alone (those found so far are all of them: it has answered)."""
    offers = [o for o in found if o.shop == shop.name]
    return lambda: rank(offers, query, profile, searched=[shop] if demo else None)


async def _cancel(tasks: dict[asyncio.Task[ShopOutcome], tuple[int, ShopConfig]]) -> None:
    # Ctrl-C or an early exit: cancel the shop searches and await them, so none is left unobserved
    for task in tasks:
        if not task.done():
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _reuse_recent_reads(ctx: object, found: list[list[Offer]], how: dict[str, str]) -> None:
    """Product pages read within the re-check age fill in what live listings lack, before any ranking."""
    from shopper.shops.search import SearchContext, merge_read, recent_reads

    assert isinstance(ctx, SearchContext)
    by_shop: dict[str, list[Offer]] = {}
    for offers in found:
        for offer in offers:
            if how.get(offer.shop) in ("live", "recent"):
                by_shop.setdefault(offer.shop, []).append(offer)
    for shop, offers in by_shop.items():
        known = recent_reads(ctx, shop, [o.url for o in offers])
        for offer in offers:
            if offer.url in known:
                merge_read(offer, known[offer.url])


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
        result.warnings.extend(outcome.warnings)
        return ShopFinished(
            shop=shop.name,
            offers=len(outcome.offers),
            seconds=round(outcome.seconds, 3),
            how=outcome.how,
            status="warning" if outcome.warnings else "ok",
            warnings=outcome.warnings,
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


def _remember(conn: sqlite3.Connection, listed: list[Offer], result: FindResult) -> None:
    """Each listed offer's price into the price history, and the result as the last one for its request."""
    from shopper.store.repos import LastResultsRepo
    from shopper.watch.history import record_offers

    record_offers(conn, listed)
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
    photos: list[Photo] | None = None,
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
        photos=photos,
    )
    async for item in events:
        if isinstance(item, FindResult):
            final = item
    assert final is not None  # find_events always ends with the result
    return final
