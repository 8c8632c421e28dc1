"""Shops without a platform API: their own search page (OpenSearch template or form), product pages,
and a sitemap for the catalogue."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from shopper.shops.adapters.base import note, register
from shopper.shops.urls import fill_template

if TYPE_CHECKING:
    from shopper.models import Offer, ShopConfig
    from shopper.shops.fetch import Fetcher, Page

MAX_SEARCH_PAGES = 3
MAX_SITEMAP_PRODUCTS = 5_000
# When a results page's cards cannot be read, the product pages they link to are read instead, for at
# most this many seconds per search (the fetcher's per-host limit paces them).
LINKED_PAGES_BUDGET = 8.0
MAX_LINKED_PAGES = 24


@dataclass
class ResultsPage:
    """What one search results page gave."""

    offers: list[Offer] = field(default_factory=list)
    next_url: str | None = None
    product_links: list[str] = field(default_factory=list)
    cards_seen: int = 0


def read_results(content: bytes, url: str, currency: str | None, encoding: str | None) -> ResultsPage:
    """A search results page read through the listing layers (CPU work: run it off the event loop)."""
    from shopper.extract.listing import read_listing
    from shopper.extract.page import decode

    text = decode(content, encoding)
    listing = read_listing(text, url, currency_hint=currency)
    found = ResultsPage(
        offers=listing.offers,
        next_url=listing.next_url,
        product_links=listing.product_links,
        cards_seen=listing.cards_seen,
    )
    if found.next_url is None or not (found.offers or found.product_links):
        # The navigational reading knows pagers built of inputs and results pages with a single card.
        from shopper.shops.pages import next_page_url, product_links

        found.next_url = found.next_url or next_page_url(text, url)
        if not found.offers and not found.product_links:
            found.product_links = product_links(text, url)
    found.cards_seen = max(found.cards_seen, len(found.offers), len(found.product_links))
    return found


def landed_on_product(requested: str, page: Page) -> bool:
    """Whether a search was answered with a redirect to a page other than a results page (one hit)."""
    from shopper.shops.pages import current_page

    asked, final = urlsplit(requested), urlsplit(page.final_url)
    same = asked.path == final.path and sorted(parse_qsl(asked.query)) == sorted(parse_qsl(final.query))
    return not same and current_page(page.final_url) == 1


async def read_product(fetcher: Fetcher, shop: ShopConfig, url: str) -> Offer | None:
    """One product page through every extraction layer (parsed off the event loop)."""
    page = await fetcher.get(url)
    if page is None:
        return None
    return await product_from_page(page, shop)


async def product_from_page(page: Page, shop: ShopConfig) -> Offer | None:
    """The product a fetched page shows, or None."""
    from shopper.extract.page import extract_product

    offer = await asyncio.to_thread(
        extract_product, page.content, page.final_url, currency_hint=shop.currency, encoding=page.encoding
    )
    if offer is not None:
        offer.shop = shop.name
    return offer


async def read_linked(
    fetcher: Fetcher, shop: ShopConfig, urls: list[str], *, budget: float = LINKED_PAGES_BUDGET
) -> list[Offer]:
    """Product pages read concurrently until the time budget runs out; those not read by then are dropped."""
    tasks = [asyncio.ensure_future(read_product(fetcher, shop, u)) for u in urls[:MAX_LINKED_PAGES]]
    if not tasks:
        return []
    done, pending = await asyncio.wait(tasks, timeout=budget)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    by_order = [t.result() for t in tasks if t in done and not t.cancelled() and t.exception() is None]
    return [offer for offer in by_order if offer is not None]


async def search_listing(
    fetcher: Fetcher, shop: ShopConfig, template: str, terms: str, *, limit: int = 40
) -> list[Offer]:
    """Fill the search template, read the results pages (following the pager) and say when nothing reads."""
    url: str | None = fill_template(template, terms)
    seen: set[str] = set()
    offers: list[Offer] = []
    started = time.monotonic()
    for number in range(MAX_SEARCH_PAGES):
        if url is None or url in seen:
            break
        seen.add(url)
        before = len(fetcher.warnings)
        page = await fetcher.get(url)
        if page is None:
            if number == 0:
                said = fetcher.warnings[before:]
                why = said[-1].rsplit(": ", 1)[-1] if said else "no answer"
                note(f"the search for {terms!r} failed ({why})")
            break
        if landed_on_product(url, page):
            # Shops send a search with exactly one result straight to that product's page.
            product = await product_from_page(page, shop)
            if product is not None:
                offers.append(product)
                break
        found = await asyncio.to_thread(
            read_results, page.content, page.final_url, shop.currency, page.encoding
        )
        batch = found.offers
        if not batch and found.product_links:
            remaining = max(0.5, LINKED_PAGES_BUDGET - (time.monotonic() - started))
            links = found.product_links[: max(1, limit - len(offers))]
            batch = await read_linked(fetcher, shop, links, budget=remaining)
            if not batch:
                note(
                    f"search results page listed {len(found.product_links)} products; none could be read "
                    f"(neither the cards nor their product pages)"
                )
        for offer in batch:
            offer.shop = shop.name
        offers.extend(batch)
        if len(offers) >= limit or not batch:
            break
        url = found.next_url
    return offers[:limit]


class HtmlAdapter:
    """Plain HTML shops, read the way a person's browser would see them."""

    platform = "html"
    listable = True

    async def search(self, fetcher: Fetcher, shop: ShopConfig, terms: str, *, limit: int = 40) -> list[Offer]:
        """The shop's own search page; the template comes from the profile or from detection."""
        template = shop.search_url
        if not template:
            from shopper.shops.detect import find_search_template

            template = await find_search_template(fetcher, shop.url)
            if not template:
                note(
                    "no search found on its home page "
                    "(no OpenSearch description, no GET form with a text field)"
                )
                return []
            shop.search_url = template
        return await search_listing(fetcher, shop, template, terms, limit=limit)

    async def product(self, fetcher: Fetcher, shop: ShopConfig, url: str) -> Offer | None:
        """The product page, read live."""
        return await read_product(fetcher, shop, url)

    async def catalogue(
        self, fetcher: Fetcher, shop: ShopConfig, *, max_items: int = 25_000
    ) -> list[Offer] | None:
        """Every product page the sitemaps list, read through the extraction layers."""
        from shopper.shops.pages import shop_sitemap_urls

        urls = await shop_sitemap_urls(fetcher, shop.url, limit=min(max_items, MAX_SITEMAP_PRODUCTS))
        if not urls:
            return None
        pages = await asyncio.gather(*(read_product(fetcher, shop, u) for u in urls))
        offers = [offer for offer in pages if offer is not None]
        if not offers:
            note(f"its sitemaps list {len(urls)} pages; none could be read as a product")
        return offers


register(HtmlAdapter())
