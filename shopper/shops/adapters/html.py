"""Shops without a platform API: their own search page (OpenSearch template or form), product pages,
and a sitemap for the catalogue."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from shopper.shops.adapters.base import register
from shopper.shops.urls import fill_template, join

if TYPE_CHECKING:
    from shopper.models import Offer, ShopConfig
    from shopper.shops.fetch import Fetcher

MAX_SEARCH_PAGES = 3
MAX_SITEMAP_PRODUCTS = 5_000


async def read_product(fetcher: Fetcher, shop: ShopConfig, url: str) -> Offer | None:
    """One product page through every extraction layer."""
    from shopper.extract.page import extract_product

    page = await fetcher.get(url)
    if page is None:
        return None
    offer = extract_product(page.content, page.final_url, currency_hint=shop.currency, encoding=page.encoding)
    if offer is not None:
        offer.shop = shop.name
    return offer


async def search_listing(
    fetcher: Fetcher, shop: ShopConfig, template: str, terms: str, *, limit: int = 40
) -> list[Offer]:
    """Fill the search template, read the results page and follow rel=next for a few pages."""
    from shopper.extract.page import extract_listing
    from shopper.shops.pages import next_page_url

    url: str | None = fill_template(template, terms)
    seen: set[str] = set()
    offers: list[Offer] = []
    for _ in range(MAX_SEARCH_PAGES):
        if url is None or url in seen:
            break
        seen.add(url)
        page = await fetcher.get(url)
        if page is None:
            break
        found = extract_listing(page.content, page.final_url, currency_hint=shop.currency)
        for offer in found:
            offer.shop = shop.name
        offers.extend(found)
        if len(offers) >= limit or not found:
            break
        url = next_page_url(page.text, page.final_url)
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
                return []
            shop.search_url = template
        return await search_listing(fetcher, shop, template, terms, limit=limit)

    async def product(self, fetcher: Fetcher, shop: ShopConfig, url: str) -> Offer | None:
        """The product page, read live."""
        return await read_product(fetcher, shop, url)

    async def catalogue(
        self, fetcher: Fetcher, shop: ShopConfig, *, max_items: int = 25_000
    ) -> list[Offer] | None:
        """Every product page the sitemap lists, read through the extraction layers."""
        from shopper.shops.pages import sitemap_urls

        urls = await sitemap_urls(
            fetcher, join(shop.url, "/sitemap.xml"), limit=min(max_items, MAX_SITEMAP_PRODUCTS)
        )
        if not urls:
            return None
        pages = await asyncio.gather(*(read_product(fetcher, shop, u) for u in urls))
        return [offer for offer in pages if offer is not None]


register(HtmlAdapter())
