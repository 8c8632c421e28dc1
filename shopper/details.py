"""After the first ranking: read the product pages of the offers that could be shown, then rank again.

A listing often lacks what an answer needs (each size's stock, the stock itself, sometimes the price),
and a mirror row may be older than the re-check age. Only the offers at the top of the ranking, and
those that could climb there once known, are read: a page nobody will see costs a round trip for
nothing. Reads go in rounds, best first and a few per shop each (the per-host limit would queue more),
and the ranking is redone after each round, since what was read moves offers up and down.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shopper.decide.rank import NO_PRICE, PRICE_BONUS, RELEVANCE_POINTS, STOCK_UNKNOWN
from shopper.decide.variants import SIZE_IN_STOCK, SIZE_UNKNOWN
from shopper.models import Priorities
from shopper.shops.search import fetched_within

if TYPE_CHECKING:
    from shopper.events import Stage
    from shopper.models import Excluded, Offer, Query, RankedOffer, ShopConfig
    from shopper.shops.search import SearchContext

DETAIL_BUDGET = 4.0  # seconds for every product-page read of one request, all shops together
SHOWN_TOP = 8  # the ranking's first offers, the ones a user reads: read when their listing lacks something
MAX_ROUNDS = 6  # read, rank again: each round reads what the new top still lacks
# Requests per shop in one round, in round trips at the per-host limit: fewer rounds, fewer rankings
# redone, at the cost of a page or two a round's ranking would have made unneeded.
ROUND_TRIPS = 2
MIN_PAGES_FOR_WARNING = 2  # one unreadable page is a page; two or more with none readable is the shop

Ranker = Callable[[], "tuple[list[RankedOffer], list[Excluded]]"]


@dataclass
class DetailReport:
    """What the reads did: pages attempted and read per shop, and warnings for the result."""

    attempted: dict[str, int] = field(default_factory=dict)
    parsed: dict[str, int] = field(default_factory=dict)
    rounds: int = 0
    warnings: list[str] = field(default_factory=list)


def stale(offer: Offer, how: dict[str, str], recheck_after: float) -> bool:
    """A mirror row older than the re-check age (or of unknown age): shown only after a live read."""
    return how.get(offer.shop) == "mirror" and not fetched_within(offer, recheck_after)


def gain(r: RankedOffer, query: Query, priorities: Priorities | None = None) -> float:
    """The most reading the offer's page could add to its score: the ranking's penalties for what it
    does not know, and the bonuses it could then earn; 0 when the ranking had nothing to guess."""
    weights = priorities or Priorities()
    variant = r.matched_variant
    stock = variant.availability if variant is not None and variant.availability else r.offer.availability
    could = 0.0 if stock is not None else -STOCK_UNKNOWN
    if query.size and not r.size_known:
        could += SIZE_IN_STOCK - SIZE_UNKNOWN
    if r.price is None:
        # the cheapest, and the whole budget left
        could += -NO_PRICE + 2 * PRICE_BONUS * weights.price
    if not r.offer.description:
        # a listing card: the page's description may say what the title does not (a spec, a feature)
        could += RELEVANCE_POINTS * weights.relevance * (1.0 - r.fit)
    return could


def wanted(
    ranked: list[RankedOffer],
    query: Query,
    how: dict[str, str],
    tried: set[str],
    recheck_after: float,
    priorities: Priorities | None = None,
) -> list[Offer]:
    """Offers whose pages should be read now, best first: the top's stale or incomplete ones, and
    incomplete ones below that knowing them could bring into the top or make the answer."""
    if not ranked:
        return []
    last_shown = ranked[min(SHOWN_TOP, len(ranked)) - 1].score
    # an unknown size cannot be the answer: one that could beat the best known one must be read
    best_known = max((r.score for r in ranked if r.size_known), default=float("-inf"))
    out = []
    for position, r in enumerate(ranked):
        if r.offer.url in tried:
            continue
        could = gain(r, query, priorities)
        shown = position < SHOWN_TOP and (could > 0 or stale(r.offer, how, recheck_after))
        # only what could come out strictly ahead is worth a round trip: a tie would not change what is shown
        could_climb = could > 0 and r.score + could > last_shown
        could_answer = bool(query.size) and not r.size_known and r.score + could > best_known
        if shown or could_climb or could_answer:
            out.append(r.offer)
    return out


def per_round(offers: list[Offer], per_shop: int, free: set[str]) -> list[Offer]:
    """Each shop's best `per_shop` wanted offers that need a request, and every one whose page was
    read lately (that costs nothing)."""
    count: dict[str, int] = {}
    chosen = []
    for offer in offers:
        if offer.url in free:
            chosen.append(offer)
        elif count.get(offer.shop, 0) < per_shop:
            count[offer.shop] = count.get(offer.shop, 0) + 1
            chosen.append(offer)
    return chosen


@dataclass
class Detailed:
    """The ranking after the reads, and what the reads did."""

    ranked: list[RankedOffer]
    excluded: list[Excluded]
    report: DetailReport


async def read_details(
    ctx: SearchContext,
    shops: list[ShopConfig],
    how: dict[str, str],
    rank_all: Ranker,
    ranked: list[RankedOffer],
    excluded: list[Excluded],
    *,
    priorities: Priorities | None = None,
    budget: float = DETAIL_BUDGET,
    early: EarlyReads | None = None,
) -> AsyncIterator[Stage | Detailed]:
    """Read, in rounds within `budget` seconds, the pages the ranking needs; a Stage before each round
    that asks shops, then the new ranking. `early`: the reads started while shops were listing, some
    perhaps still under way (the first round waits for them too)."""
    from shopper.events import Stage
    from shopper.shops.search import RECHECK_AFTER

    report = early.report if early is not None else DetailReport()
    by_name = {s.name: s for s in shops}
    tried: set[str] = early.tried if early is not None else set()
    ends = time.monotonic() + budget
    per_shop = ROUND_TRIPS * max(1, ctx.fetcher.settings.per_host_concurrency)
    for _ in range(MAX_ROUNDS):
        left = ends - time.monotonic()
        want = [
            o for o in wanted(ranked, ctx.query, how, tried, RECHECK_AFTER, priorities) if o.shop in by_name
        ]
        if not want or left <= 0:
            if early is None or not early.under_way():
                break
            # nothing more to ask before the early reads are in: they may change the ranking
            await early.settle()
            ranked, excluded = rank_all()
            continue
        chosen, known = _pick(ctx, want, per_shop, tried)
        asking = sum(1 for o in chosen if o.url not in known[o.shop])
        if asking:
            yield Stage(message=f"reading {asking} product page(s)")
        before = _rank_inputs(chosen)
        groups: dict[str, list[Offer]] = {}
        for offer in chosen:
            groups.setdefault(offer.shop, []).append(offer)

        # the reads started while shops were listing end with this round's (their offers were left out
        # of it: already being read)
        early_ended = early is not None and early.under_way()
        await asyncio.gather(
            *(_read(ctx, by_name[n], o, left, known[n], report) for n, o in groups.items()),
            *([early.settle()] if early is not None else []),
            return_exceptions=True,
        )
        report.rounds += 1
        # ranked again only when a read changed an offer (pages read moments ago are reused as they
        # were, and then the ranking would come out the same)
        if early_ended or _rank_inputs(chosen) != before:
            ranked, excluded = rank_all()
    # a mirror row shown without a live read says so, and a failed re-check is a warning
    unchecked = [r.offer for r in ranked[:SHOWN_TOP] if stale(r.offer, how, RECHECK_AFTER)]
    for offer in unchecked:
        offer.stale = True
        if offer.url in tried:
            report.warnings.append(f"{offer.shop}: could not re-check {offer.url}; its price may be stale")
    for name, attempted in report.attempted.items():
        if attempted >= MIN_PAGES_FOR_WARNING and not report.parsed.get(name):
            report.warnings.append(f"{name}: {attempted} product pages read; none could be read as a product")
    if unchecked:
        ranked, excluded = rank_all()  # "− price not re-checked live" counts against them
    yield Detailed(ranked, excluded, report)


@dataclass
class EarlyReads:
    """Reads started for shops that answered while others were still listing: the pages tried, what
    the reads did, and the reads still under way."""

    tried: set[str] = field(default_factory=set)
    report: DetailReport = field(default_factory=DetailReport)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def start(
        self,
        ctx: SearchContext,
        shop: ShopConfig,
        how: dict[str, str],
        rank_shop: Ranker,
        priorities: Priorities | None = None,
    ) -> None:
        """Begin reading the pages of the shop's offers that its own ranking wants read."""
        self.tasks.append(asyncio.create_task(self._read_shop(ctx, shop, how, rank_shop, priorities)))

    def under_way(self) -> bool:
        """Whether some of the reads have not ended yet."""
        return any(not task.done() for task in self.tasks)

    async def settle(self) -> None:
        """Wait for the reads under way (their failures are the pages' own: already counted)."""
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def cancel(self) -> None:
        """Stop the reads under way (Ctrl-C, an early exit) and wait for them to end."""
        for task in self.tasks:
            task.cancel()
        await self.settle()

    async def _read_shop(
        self,
        ctx: SearchContext,
        shop: ShopConfig,
        how: dict[str, str],
        rank_shop: Ranker,
        priorities: Priorities | None,
    ) -> None:
        from shopper.shops.search import RECHECK_AFTER

        if not ctx.query.size:
            return
        # Each size's stock: without it no offer can be the answer, so the first round reads it for
        # the best offers whatever the other shops hold. The shop's own ranking picks them (the same
        # order as the whole ranking's; what only matters against the other shops waits for that).
        ranked, _ = rank_shop()
        unknown = {r.offer.url for r in ranked if not r.size_known}
        want = [
            o
            for o in wanted(ranked, ctx.query, how, self.tried, RECHECK_AFTER, priorities)
            if o.url in unknown
        ]
        # one round trip's worth: the whole ranking may soon show that more of them are not needed
        chosen, known = _pick(ctx, want, max(1, ctx.fetcher.settings.per_host_concurrency), self.tried)
        await _read(ctx, shop, chosen, DETAIL_BUDGET, known.get(shop.name, {}), self.report)


def _pick(
    ctx: SearchContext, want: list[Offer], per_shop: int, tried: set[str]
) -> tuple[list[Offer], dict[str, dict[str, Offer]]]:
    """The wanted offers to read now (marked tried), and the pages of them read lately, by shop and url:
    those cost nothing, so each shop's are looked up once, for the choice and for the reads."""
    from shopper.shops.search import recent_reads

    known = {
        name: recent_reads(ctx, name, [o.url for o in want if o.shop == name])
        for name in {o.shop for o in want}
    }
    chosen = per_round(want, per_shop, {url for found in known.values() for url in found})
    tried.update(o.url for o in chosen)
    return chosen, known


async def _read(
    ctx: SearchContext,
    shop: ShopConfig,
    offers: list[Offer],
    left: float,
    known: dict[str, Offer],
    report: DetailReport,
) -> None:
    """Read one shop's chosen pages into its offers, and count them in the report."""
    from shopper.shops.search import read_pages, resolve_adapter

    adapter = await resolve_adapter(ctx, shop)
    attempted, parsed = await read_pages(ctx, adapter, shop, offers, left, known)
    report.attempted[shop.name] = report.attempted.get(shop.name, 0) + attempted
    report.parsed[shop.name] = report.parsed.get(shop.name, 0) + len(parsed)


def _rank_inputs(offers: list[Offer]) -> list[dict[str, object]]:
    """What ranking reads of these offers (all but when they were fetched): did the reads change it?"""
    return [o.model_dump(exclude={"fetched_at"}) for o in offers]
