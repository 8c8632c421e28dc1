"""The one tool layer: typed tools that the intent engine, the LLM loop and the MCP server all call.

Tools that only read (search, details, stock, compare, orders) run at once. Tools that would spend
money or change the profile or the watches return a PendingAction; see shopper.agent.actions.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from pydantic import BaseModel, Field

from shopper.agent import prefs
from shopper.agent.actions import ActionStore, PendingAction
from shopper.agent.cards import OfferCard, StockRow, card_of, size_availability
from shopper.errors import ShopperError, UsageError
from shopper.models import FindResult, Offer, Profile, Query, RankedOffer
from shopper.shops.fetch import FetchSettings

MAX_SHOWN = 8  # offers a search returns to a front-end (and so to a model)


# --- arguments -------------------------------------------------------------------------------


class SearchArgs(BaseModel):
    """Search every shop for a request in the user's own words, or for an already-understood Query."""

    request: str | None = Field(default=None, description="what the user wants, in their words")
    query: Query | None = Field(default=None, description="a structured query (instead of request)")
    limit: int = Field(default=MAX_SHOWN, ge=1, le=20)


class OfferRef(BaseModel):
    """One offer: its number in the last results shown, or its URL."""

    offer: int | str = Field(description="number in the last results (1 = first) or the offer's URL")


class StockArgs(BaseModel):
    """Is this product in stock in a size, at every shop that has it?"""

    size: str = Field(description="the size, as the user says it (44, M, 32/34)")
    offer: int | str | None = Field(default=None, description="number or URL; default: the first shown")


class CompareArgs(BaseModel):
    """Compare offers side by side."""

    offers: list[int | str] = Field(min_length=2, max_length=6, description="numbers or URLs")


# --- results ---------------------------------------------------------------------------------


class SearchOutcome(BaseModel):
    """Offers found, best first, each with its number, price, stock and reasons."""

    understood: str
    offers: list[OfferCard] = Field(default_factory=list)
    left_out: int = 0
    warnings: list[str] = Field(default_factory=list)


class OfferDetails(BaseModel):
    """One offer read live: its variants with their prices and stock."""

    card: OfferCard
    variants: list[dict[str, Any]] = Field(default_factory=list)
    description: str = ""


class StockAnswer(BaseModel):
    """Stock in one size for one product at every shop that sells it."""

    size: str
    rows: list[StockRow] = Field(default_factory=list)


class Comparison(BaseModel):
    """Offers side by side."""

    offers: list[OfferCard]


# --- the tools -------------------------------------------------------------------------------


class Tools:
    """The tools over one session's state: the profile, the database and the last results shown."""

    def __init__(
        self,
        profile: Profile,
        conn: sqlite3.Connection,
        *,
        origin: str = "chat",
        llm: Any = None,
        fetch_settings: FetchSettings | None = None,
        use_mirror: bool = True,
    ) -> None:
        self.profile = profile
        self.conn = conn
        self.origin = origin
        self.llm = llm  # an LLMClient reading free-text requests, or None for the offline reading
        self.fetch_settings = fetch_settings
        self.use_mirror = use_mirror
        self.actions = ActionStore(conn)
        self.last: FindResult | None = None
        self.shown: list[RankedOffer] = []
        self.avoid_shops: set[str] = set()  # this session only ("not from shop X")

    # read-only tools ------------------------------------------------------------------------

    async def search(self, args: SearchArgs) -> SearchOutcome:
        """Search every shop; the shown offers become the numbered list other tools refer to."""
        from shopper.pipeline import find

        if args.query is None and not (args.request and args.request.strip()):
            raise UsageError("search needs a request or a query")
        query = args.query
        warnings: list[str] = []
        request = args.request or (query.text if query else "")
        if query is None and self.llm is not None:
            from shopper.llm.query import understand

            understood = understand(request, self.profile, self.llm)
            query, warnings = understood.query, understood.warnings
        result = await find(
            request,
            self.profile,
            query=query,
            conn=self.conn,
            use_mirror=self.use_mirror,
            fetch_settings=self.fetch_settings,
        )
        result.warnings[:0] = warnings
        if self.avoid_shops:
            avoided = {s.lower() for s in self.avoid_shops}
            result.offers = [r for r in result.offers if r.offer.shop.lower() not in avoided]
        self.last = result
        self.shown = result.offers[: args.limit]
        return SearchOutcome(
            understood=_query_words(result.query),
            offers=[card_of(i, r) for i, r in enumerate(self.shown, 1)],
            left_out=len(result.excluded),
            warnings=result.warnings,
        )

    async def details(self, args: OfferRef) -> OfferDetails:
        """One offer read live from its shop: variants, prices, stock."""
        ranked = self.resolve(args.offer)
        offer = await self._live(ranked.offer)
        return OfferDetails(
            card=card_of(
                self._number(ranked), RankedOffer(offer=offer, score=ranked.score, reasons=ranked.reasons)
            ),
            variants=[
                {
                    "options": v.options,
                    "price": str(v.price) if v.price else None,
                    "availability": v.availability,
                }
                for v in offer.variants
            ],
            description=" ".join((offer.description or "").split())[:400],
        )

    async def stock(self, args: StockArgs) -> StockAnswer:
        """The product in one size at every shop that sells it (same product group), read live."""
        import asyncio

        from shopper.understand.sizes import canonical_size

        size = canonical_size(args.size) or args.size.strip()
        target = self.resolve(args.offer if args.offer is not None else 1)
        pool = self.last.offers if self.last else [target]
        same = [r for r in pool if target.group and r.group == target.group] or [target]
        lives = await asyncio.gather(*(self._live(r.offer) for r in same), return_exceptions=True)
        rows = []
        for ranked, live in zip(same, lives, strict=True):
            offer = live if isinstance(live, Offer) else ranked.offer
            rows.append(size_availability(self._number(ranked), offer, size))
        return StockAnswer(size=size, rows=rows)

    async def compare(self, args: CompareArgs) -> Comparison:
        """The chosen offers side by side."""
        return Comparison(
            offers=[card_of(self._number(r), r) for r in (self.resolve(o) for o in args.offers)]
        )

    # proposing tools -------------------------------------------------------------------------

    async def update_preferences(self, args: prefs.PreferenceChange) -> PendingAction:
        """Propose a profile change; it is saved only after the user approves it."""
        if args.is_empty():
            raise UsageError("nothing to change")
        ref = self.profile.source_path or (None if self.profile.demo else self.profile.name)
        return self.actions.propose(
            "preferences",
            args.summary(self.profile.name),
            {"profile": ref, "change": args.model_dump(mode="json")},
            self.origin,
        )

    # helpers ------------------------------------------------------------------------------------

    def profile_shops(self) -> list[Any]:
        """The shops this session searches (the demo shops when the profile names none)."""
        from shopper.pipeline import shops_for

        return shops_for(self.profile)[0]

    def resolve(self, ref: int | str) -> RankedOffer:
        """An offer by its number in the last results, or by URL among the results of this session."""
        if isinstance(ref, str) and ref.strip().isdigit():
            ref = int(ref.strip())
        if isinstance(ref, int):
            if not self.shown:
                raise UsageError("no results yet: search first")
            if not 1 <= ref <= len(self.shown):
                raise UsageError(f"there is no offer {ref}: pick 1 to {len(self.shown)}")
            return self.shown[ref - 1]
        url = ref.strip()
        for ranked in (self.last.offers if self.last else []) + self.shown:
            if ranked.offer.url == url:
                return ranked
        if not url.lower().startswith(("http://", "https://")):
            raise UsageError(f"{url!r} is neither an offer number nor an http(s) URL")
        return RankedOffer(offer=Offer(url=url, title=url), score=0.0)

    def _number(self, ranked: RankedOffer) -> int:
        for i, shown in enumerate(self.shown, 1):
            if shown.offer.url == ranked.offer.url:
                return i
        return 0

    async def _live(self, offer: Offer) -> Offer:
        """The offer read again from its shop (adapter of the profile's shop, else the page itself)."""
        from shopper.pipeline import _default_settings, shops_for
        from shopper.shops.fetch import Fetcher
        from shopper.shops.search import SearchContext, merge_live, resolve_adapter

        shops, _ = shops_for(self.profile)
        shop = next((s for s in shops if s.name == offer.shop), None) or _shop_by_host(shops, offer.url)
        if shop is None:
            return await _inspect(offer)
        async with Fetcher(self.fetch_settings or _default_settings()) as fetcher:
            ctx = SearchContext(fetcher=fetcher, conn=self.conn, query=Query(text=offer.title))
            try:
                adapter = await resolve_adapter(ctx, shop)
                fresh = await adapter.product(fetcher, shop, offer.url)
            except ShopperError as exc:
                raise ShopperError(f"{offer.url}: could not be read ({exc})") from None
        if fresh is None:
            raise ShopperError(f"{offer.url}: could not be read from {shop.name}")
        if offer.title == offer.url:  # only the URL was known
            fresh.shop = shop.name
            return fresh
        merged = offer.model_copy(deep=True)
        merge_live(merged, fresh)
        return merged


def _shop_by_host(shops: list[Any], url: str) -> Any:
    from urllib.parse import urlsplit

    host = urlsplit(url).netloc.lower()
    return next((s for s in shops if urlsplit(s.url).netloc.lower() == host), None)


async def _inspect(offer: Offer) -> Offer:
    from shopper.inspect import inspect_sources

    [found] = await inspect_sources([offer.url], [])
    if found.offer is None:
        raise ShopperError(found.error or f"{offer.url}: no product data on this page")
    return found.offer


def _query_words(query: Query) -> str:
    bits = [" ".join(query.terms) or query.text]
    if query.size:
        bits.append(f"size {query.size}")
    if query.colours:
        bits.append(", ".join(query.colours))
    if query.max_price:
        bits.append(f"at most {query.max_price}")
    if query.exclude_brands:
        bits.append("not " + ", ".join(query.exclude_brands))
    return "; ".join(bits)
