"""Searching one shop for a query: mirror, fresh sync or live search with reformulations."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from shopper.shops.adapters.base import ShopAdapter, collecting_notes, get_adapter
from shopper.shops.urls import host

if TYPE_CHECKING:
    from shopper.models import Offer, Query, ShopConfig
    from shopper.shops.fetch import Fetcher
    from shopper.store.writer import Writer

T = TypeVar("T")
MIRROR_TTL = 6 * 3600  # a mirror older than this is re-synced before it is searched
RECHECK_AFTER = 600  # mirror rows older than this are re-checked live before they are shown
# A shop's answer to a phrase is reused for this long: a repeated or refined request asks again only for
# phrases it has not asked lately (offers shown from it are re-checked once older than RECHECK_AFTER).
SEARCH_MEMORY = RECHECK_AFTER
# A find fills a cold mirror only for a catalogue this small: about ten Shopify pages or 25 WooCommerce
# ones, a few seconds once; a bigger shop's first answer would wait for the whole listing (or time out).
SYNC_IN_FIND = 2500
MAX_REFORMULATIONS = 5
ENOUGH_CANDIDATES = 12
MIRROR_CANDIDATES = 200


@dataclass
class ShopOutcome:
    """What one shop gave: its offers, how they were found, and warnings."""

    shop: str
    offers: list[Offer] = field(default_factory=list)
    how: str = "live"
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class SearchContext:
    """What every shop's search shares: the fetcher, the database and the query."""

    fetcher: Fetcher
    conn: sqlite3.Connection | None
    query: Query
    use_mirror: bool = True
    sync_catalogues: bool = True
    writer: Writer | None = None  # the find's writer thread; without one, writes go through conn here

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T | None:
        """fn(connection) for a database write, on the writer thread when there is one; None without conn."""
        if self.conn is None:
            return None
        if self.writer is not None:
            return await self.writer.run(fn)
        return fn(self.conn)

    def write_later(self, fn: Callable[[sqlite3.Connection], object]) -> None:
        """fn(connection) for a write nothing in this search reads back: queued on the writer thread
        (behind, say, a catalogue being indexed) without waiting for it; made here without a writer."""
        if self.conn is None:
            return
        if self.writer is not None:
            self.writer.submit(fn)
        else:
            fn(self.conn)


def _now() -> datetime:
    return datetime.now(UTC)


async def resolve_adapter(ctx: SearchContext, shop: ShopConfig) -> ShopAdapter:
    """The shop's adapter; `auto` shops are detected once and remembered in the database."""
    if shop.platform != "auto":
        adapter = get_adapter(shop.platform)
        if adapter.platform == "html" and not shop.search_url:
            await _remembered_search_url(ctx, shop)
        return adapter
    from shopper.store.shops_repo import load_detection, save_detection

    detection = load_detection(ctx.conn, shop.url) if ctx.conn is not None else None
    if detection is None:
        from shopper.shops.detect import detect_shop

        detection = await detect_shop(ctx.fetcher, shop.url)
        if detection.platform:
            await ctx.write(lambda c: save_detection(c, shop.name, detection))
    if not detection.platform:
        from shopper.errors import ShopError

        raise ShopError(f"{shop.name}: not reachable ({'; '.join(detection.notes) or 'no answer'})")
    if detection.search_url and not shop.search_url:
        shop.search_url = detection.search_url
    if detection.currency and not shop.currency:
        shop.currency = detection.currency
    return get_adapter(detection.platform)


async def claim_shop_name(ctx: SearchContext, shop: ShopConfig) -> None:
    """Make sure what is kept under the shop's name was kept for its URL: a name that now stands for
    another shop (its URL changed in the profile, or another profile uses it) starts afresh."""
    if ctx.conn is None:
        return
    from shopper.store.shops_repo import claim_name, named_url

    url = shop.url.rstrip("/")
    known = named_url(ctx.conn, shop.name)
    if known == url:
        return
    if known is None:  # kept before names were recorded, or nothing kept yet: taken to be this shop's
        ctx.write_later(lambda c: claim_name(c, shop.name, url, forget=False))
    else:
        await ctx.write(lambda c: claim_name(c, shop.name, url, forget=True))


async def _remembered_search_url(ctx: SearchContext, shop: ShopConfig) -> None:
    # An html shop without a configured search template: find it once, then remember it, so
    # later runs (and concurrent searches in this one) don't probe the home page again.
    from shopper.shops.detect import Detection, find_search_template
    from shopper.store.shops_repo import load_detection, save_detection

    known = load_detection(ctx.conn, shop.url) if ctx.conn is not None else None
    if known is not None and known.search_url:
        shop.search_url = known.search_url
        return
    template = await find_search_template(ctx.fetcher, shop.url)
    if template:
        shop.search_url = template
        found = Detection(url=shop.url, reachable=True, platform="html", search_url=template)
        await ctx.write(lambda c: save_detection(c, shop.name, found))


async def live_search(ctx: SearchContext, adapter: ShopAdapter, shop: ShopConfig) -> tuple[list[Offer], bool]:
    """The shop's own search, reformulated (fewer words, singular, translations) until enough turn up.

    The styles of phrasing this shop answered before are tried first, and what each try found is learned.
    Returns the offers and whether the shop was asked at all (False: every phrase was answered lately).
    """
    from shopper.shops.phrasing import learned_order, phrasings

    phrases = [p for p in ctx.query.search_terms if p.strip()]
    phrases = phrases or [" ".join(ctx.query.terms) or ctx.query.text]
    candidates = phrasings(phrases[:MAX_REFORMULATIONS])
    repo = None
    if ctx.conn is not None:
        from shopper.store.phrasings_repo import SearchStylesRepo

        repo = SearchStylesRepo(ctx.conn)
        candidates = learned_order(candidates, repo.rates(shop.name))
    candidates = candidates[: MAX_REFORMULATIONS + 2]
    wide = ctx.query.intent in ("all", "cheapest")
    limit = 40 if wide else ENOUGH_CANDIDATES
    by_url: dict[str, Offer] = {}
    tried: list[tuple[str, bool]] = []
    # The first two phrasings go out together (the per-host limit is two anyway); later ones only
    # when those found too little, since weak shop searches often need fewer words.
    batches = [candidates[:2], *[[c] for c in candidates[2:]]]
    for batch in batches:
        found = await asyncio.gather(*(_search_phrase(ctx, adapter, shop, p, limit) for p, _ in batch))
        for (_, style), (offers, asked) in zip(batch, found, strict=True):
            if asked:
                tried.append((style, bool(offers)))
            for offer in offers:
                by_url.setdefault(offer.url, offer)
        if len(by_url) >= ENOUGH_CANDIDATES and not wide:
            break
    if repo is not None and tried:
        ctx.write_later(lambda c: SearchStylesRepo(c).record(shop.name, tried))
    return list(by_url.values()), bool(tried)


async def _search_phrase(
    ctx: SearchContext, adapter: ShopAdapter, shop: ShopConfig, phrase: str, limit: int
) -> tuple[list[Offer], bool]:
    """(offers, whether the shop was asked): a phrase asked within SEARCH_MEMORY s is not asked again."""
    recent = None
    if ctx.conn is not None and ctx.use_mirror:
        from shopper.store.phrasings_repo import RecentSearchesRepo, dump_offers

        recent = RecentSearchesRepo(ctx.conn)
        remembered = recent.get(shop.name, phrase, SEARCH_MEMORY)
        if remembered is not None:
            return remembered[:limit], False
    warned = len(ctx.fetcher.warnings)
    offers = await adapter.search(ctx.fetcher, shop, phrase, limit=limit)
    failed = any(host(shop.url) in w for w in ctx.fetcher.warnings[warned:])
    if recent is not None and not failed:
        stamp = _now()
        for offer in offers:
            offer.fetched_at = offer.fetched_at or stamp
        dumped = dump_offers(offers)  # a snapshot: the offers go on to be merged with page reads
        ctx.write_later(lambda c: RecentSearchesRepo(c).put_dumped(shop.name, phrase, dumped))
    return offers, True


def mirror_search(
    ctx: SearchContext, shop: ShopConfig, held: Mapping[str, Offer] | None = None
) -> list[Offer]:
    """Candidates from the local catalogue mirror (FTS5), for every reformulation of the request;
    `held`: the offers just listed, by url, used as they are instead of being read back from their rows."""
    from shopper.shops.catalog import CatalogMirror

    assert ctx.conn is not None
    mirror = CatalogMirror(ctx.conn)
    from shopper.understand.terms import words_in_other_languages

    # a local search costs no round trip: the product words as other languages write them go too
    # ("joggers" finds a shop's "joggebukse")
    phrases = [
        *ctx.query.search_terms[:MAX_REFORMULATIONS],
        " ".join(ctx.query.terms),
        words_in_other_languages(ctx.query.terms),
    ]
    by_url: dict[str, Offer] = {}
    for phrase in phrases:
        if phrase.strip():
            for offer in mirror.search(shop.name, phrase, limit=MIRROR_CANDIDATES, known=by_url, held=held):
                by_url.setdefault(offer.url, offer)
    return list(by_url.values())


async def sync_catalogue(
    ctx: SearchContext, adapter: ShopAdapter, shop: ShopConfig, *, at_most: int | None = None
) -> list[Offer] | None:
    """List the shop's whole catalogue into the mirror, and return it; None when the shop cannot be
    listed, or when it sells more than `at_most` products (then the attempt is remembered, and its
    searches go live)."""
    from shopper.shops.catalog import CatalogMirror

    if ctx.conn is None:
        return None
    if at_most is None:
        offers = await adapter.catalogue(ctx.fetcher, shop)
    else:
        offers = await adapter.catalogue(ctx.fetcher, shop, max_items=at_most + 1)
    if offers is None:
        return None
    if at_most is not None and len(offers) > at_most:
        await ctx.write(lambda c: CatalogMirror(c).mark_synced(shop.name, None, complete=False))
        return None
    stamp = _now()
    for offer in offers:
        offer.fetched_at = stamp

    def mirror_all(into: sqlite3.Connection) -> None:
        mirror = CatalogMirror(into)
        mirror.replace_all(shop.name, offers)
        mirror.mark_synced(shop.name, len(offers), complete=True)

    # Indexing a catalogue (FTS) is the longest stretch of a first find's database work; on the writer
    # thread SQLite releases the GIL while it works, and the other shops' answers go on meanwhile.
    await ctx.write(mirror_all)
    return offers


def fetched_within(offer: Offer | None, seconds: float) -> bool:
    """Whether the offer was read from its shop less than `seconds` ago (False when unknown)."""
    if offer is None or offer.fetched_at is None:
        return False
    fetched = offer.fetched_at if offer.fetched_at.tzinfo else offer.fetched_at.replace(tzinfo=UTC)
    return (_now() - fetched).total_seconds() < seconds


def _answers(offer: Offer | None) -> bool:
    """A recent read that says each variant's stock (a catalogue listing often does not)."""
    if offer is None or not fetched_within(offer, RECHECK_AFTER):
        return False
    return not any(v.options and v.availability is None for v in offer.variants)


def recent_reads(ctx: SearchContext, shop: str, urls: list[str]) -> dict[str, Offer]:
    """Pages of these products read within the re-check age that say each variant's stock, by url
    (none with --live, which asks the shop again)."""
    if ctx.conn is None or not ctx.use_mirror:
        return {}
    from shopper.shops.catalog import CatalogMirror

    mirror = CatalogMirror(ctx.conn)
    found = {url: mirror.get(shop, url) for url in urls}
    return {url: offer for url, offer in found.items() if offer is not None and _answers(offer)}


async def read_pages(
    ctx: SearchContext,
    adapter: ShopAdapter,
    shop: ShopConfig,
    chosen: list[Offer],
    budget: float,
    known: dict[str, Offer] | None = None,
) -> tuple[int, dict[str, Offer]]:
    """Read the chosen offers' product pages (best first, within `budget` seconds) into the offers;
    a page read within the re-check window is reused (`known`: those the caller already looked up).
    Returns (pages attempted, url -> what was read)."""
    if known is None:
        known = recent_reads(ctx, shop.name, [o.url for o in chosen])
    to_read = [o for o in chosen if o.url not in known] if budget > 0 else []
    reading = {o.url for o in to_read}
    read = await _read_within(ctx, adapter, shop, [o.url for o in to_read], budget)
    attempted = sum(1 for o in to_read if o.url in read)
    parsed = {url: fresh for url, fresh in read.items() if fresh is not None}
    for offer in chosen:
        if offer.url in parsed:
            merge_live(offer, parsed[offer.url])
        elif offer.url in known and offer.url not in reading:
            merge_read(offer, known[offer.url])
    if parsed:
        from shopper.shops.catalog import CatalogMirror, offer_rows

        rows = offer_rows(shop.name, [o for o in chosen if o.url in parsed])  # a snapshot, as read now
        ctx.write_later(lambda c: CatalogMirror(c).upsert_rows(rows))
    return attempted, parsed


async def _read_within(
    ctx: SearchContext, adapter: ShopAdapter, shop: ShopConfig, urls: list[str], budget: float
) -> dict[str, Offer | None]:
    """Product pages read in priority order until the budget ends: url -> offer (None when unreadable)."""
    if not urls:
        return {}
    tasks = {asyncio.ensure_future(adapter.product(ctx.fetcher, shop, u)): u for u in urls}
    done, pending = await asyncio.wait(tasks, timeout=budget)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return {tasks[t]: (t.result() if t.exception() is None else None) for t in done}


def merge_read(offer: Offer, read: Offer) -> None:
    """Copy an earlier page read over a listing's offer, keeping when that read was made."""
    fetched_at = read.fetched_at
    merge_live(offer, read)
    if fetched_at is not None:
        offer.fetched_at = fetched_at


def merge_live(offer: Offer, fresh: Offer) -> None:
    """Copy what a live read knows (price, stock, variants) over a listing's or mirror's offer."""
    if fresh.price is not None:
        offer.price = fresh.price
        offer.list_price = fresh.list_price
    if fresh.availability is not None:
        offer.availability = fresh.availability
    if fresh.variants:
        offer.variants = fresh.variants
    for name in ("brand", "gtin", "mpn", "sku", "description", "shipping"):
        if getattr(offer, name) in (None, "") and getattr(fresh, name) not in (None, ""):
            setattr(offer, name, getattr(fresh, name))
    offer.fetched_at = _now()
    offer.stale = False


async def search_shop(ctx: SearchContext, shop: ShopConfig) -> ShopOutcome:
    """Search one shop; never raises for the shop's own failures (they become warnings)."""
    with collecting_notes() as notes:
        outcome = await _search_shop(ctx, shop)
    outcome.warnings.extend(f"{shop.name}: {message}" for message in notes)
    return outcome


async def _search_shop(ctx: SearchContext, shop: ShopConfig) -> ShopOutcome:
    started = time.perf_counter()
    outcome = ShopOutcome(shop=shop.name)
    await claim_shop_name(ctx, shop)
    adapter = await resolve_adapter(ctx, shop)
    offers: list[Offer] | None = None
    if ctx.use_mirror and ctx.conn is not None and adapter.listable:
        from shopper.shops.catalog import CatalogMirror

        mirror = CatalogMirror(ctx.conn)
        if mirror.is_fresh(shop.name, MIRROR_TTL):
            offers, outcome.how = mirror_search(ctx, shop), "mirror"
        elif (
            # Platform APIs list a small catalogue in a few requests, so a cold mirror is filled now; a
            # big one (found lately to be too big) is searched live, and `shopper shops sync` lists it.
            ctx.sync_catalogues
            and adapter.platform in ("shopify", "woocommerce")
            and not mirror.is_fresh(shop.name, MIRROR_TTL, require_complete=False)
            and (listed := await sync_catalogue(ctx, adapter, shop, at_most=SYNC_IN_FIND)) is not None
        ):
            offers, outcome.how = mirror_search(ctx, shop, held={o.url: o for o in listed}), "synced"
    if offers is None:
        offers, asked = await live_search(ctx, adapter, shop)
        outcome.how = "live" if asked else "recent"
    for offer in offers:
        offer.shop = shop.name
    outcome.offers = offers
    outcome.seconds = time.perf_counter() - started
    return outcome
