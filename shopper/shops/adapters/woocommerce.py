"""WooCommerce shops through the public Store API (wc/store/v1)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from shopper import workers
from shopper.shops.adapters.base import register, to_offers
from shopper.shops.urls import join

if TYPE_CHECKING:
    from shopper.models import Offer, ShopConfig
    from shopper.shops.fetch import Fetcher, Page

API = "/wp-json/wc/store/v1/products"
PER_PAGE = 100
MAX_PAGES = 250


def _offers(items: Any, shop: ShopConfig) -> list[Offer]:
    from shopper.extract.woocommerce import parse_store_products

    return to_offers(parse_store_products(items, shop.url), shop) if isinstance(items, list) else []


def _page_offers(text: str, shop: ShopConfig) -> list[Offer] | None:
    """The offers of one Store API page; None when it is not JSON."""
    import json

    try:
        items = json.loads(text)
    except ValueError:
        return None
    return _offers(items, shop)


def with_stock(offer: Offer, page: Offer) -> None:
    """Fill the offer's variants' unknown stock from the same product's page, variant by variant."""
    by_options = {tuple(sorted(v.options.items())): v for v in page.variants if v.availability}
    for variant in offer.variants:
        match = by_options.get(tuple(sorted(variant.options.items())))
        if variant.availability is None and match is not None:
            variant.availability = match.availability
    if by_options:
        offer.notes.append("variant stock read from the product page")


# WooCommerce's variable-product template writes this when the variations are loaded later by AJAX
# (above the shop's threshold): the page then names no variation's stock.
_LATER = 'data-product_variations="false"'


def _whole(read: Offer, html: str) -> bool:
    """Whether a product page says the price and the stock of the product and of each variation."""
    if read.price is None or _LATER in html:
        return False
    if read.variants:
        return all(v.availability is not None for v in read.variants if v.options)
    return read.availability is not None


class WooCommerceAdapter:
    """WordPress search over the Store API: every word must occur, so callers try reformulations."""

    platform = "woocommerce"
    listable = True

    async def search(self, fetcher: Fetcher, shop: ShopConfig, terms: str, *, limit: int = 40) -> list[Offer]:
        """Store API search, first page of up to 100 products."""
        data = await fetcher.get_json(
            join(shop.url, API), params={"search": terms, "per_page": str(min(max(limit, 1), PER_PAGE))}
        )
        return _offers(data, shop)[:limit]

    async def product(self, fetcher: Fetcher, shop: ShopConfig, url: str) -> Offer | None:
        """The product page, which carries each variation's stock; the Store API when the page lacks it."""
        from shopper.shops.adapters.html import product_from_page

        page = await fetcher.get(url)
        read = await product_from_page(page, shop) if page is not None else None
        if read is not None and page is not None and _whole(read, page.text):
            return read  # one request: the API would add nothing the page does not say
        slug = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        if slug:
            data = await fetcher.get_json(join(shop.url, API), params={"slug": slug})
            offers = _offers(data, shop)
            if offers:
                offer = offers[0]
                if read is not None and any(v.availability is None for v in offer.variants):
                    with_stock(offer, read)
                return offer
        return read

    async def catalogue(
        self, fetcher: Fetcher, shop: ShopConfig, *, max_items: int = 25_000
    ) -> list[Offer] | None:
        """Every product, 100 a page: the second page asked for with the first, the rest once the first
        says how many there are."""
        # A shop with more than a page of products is common, and the page count is only known when the
        # first page has come: asking for the second at once saves that round trip, at the cost of one
        # small request (an empty page or an error, ignored) to a shop that has only one.
        workers.warm_up()
        ahead = (
            asyncio.ensure_future(self._fetch(fetcher, shop, 2, quiet=True)) if max_items > PER_PAGE else None
        )
        try:
            first = await self._fetch(fetcher, shop, 1)
            if first is None:
                return None
            try:
                total_pages = int(first.headers.get("x-wp-totalpages", "1"))
            except ValueError:
                total_pages = 1
            wanted = min(total_pages, MAX_PAGES, -(-max_items // PER_PAGE))
            pages = await asyncio.gather(
                self._read(first, shop),
                *([self._ahead(fetcher, shop, ahead)] if ahead is not None and wanted >= 2 else []),
                *(self._page(fetcher, shop, n) for n in range(2 if ahead is None else 3, wanted + 1)),
            )
        finally:
            if ahead is not None and not ahead.done():
                ahead.cancel()
        offers: list[Offer] = []
        for page in pages:
            if page is None:
                # A catalogue with a hole in it would make the mirror delete what it missed.
                return None
            offers.extend(page)
        return offers[:max_items]

    async def _fetch(
        self, fetcher: Fetcher, shop: ShopConfig, number: int, quiet: bool = False
    ) -> Page | None:
        # the mirror keeps the catalogue: the HTTP cache would hold it twice
        return await fetcher.get(
            join(shop.url, API),
            params={"per_page": str(PER_PAGE), "page": str(number)},
            quiet=quiet,
            cached=False,
        )

    async def _ahead(
        self, fetcher: Fetcher, shop: ShopConfig, ahead: asyncio.Future[Page | None]
    ) -> list[Offer] | None:
        """The second page, asked for before it was known to exist: asked again, with its warning, when
        that early request failed."""
        page = await ahead
        return await (self._page(fetcher, shop, 2) if page is None else self._read(page, shop))

    async def _page(self, fetcher: Fetcher, shop: ShopConfig, number: int) -> list[Offer] | None:
        page = await self._fetch(fetcher, shop, number)
        return None if page is None else await self._read(page, shop)

    async def _read(self, page: Page, shop: ShopConfig) -> list[Offer] | None:
        # Decoding and normalizing a page of 100 products is CPU work: in the worker process, so other
        # shops' responses are taken in meanwhile.
        return await workers.parse(_page_offers, page.text, shop)


register(WooCommerceAdapter())
