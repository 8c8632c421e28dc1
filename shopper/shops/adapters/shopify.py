"""Shopify storefronts: predictive search, product .js, and products.json for the catalogue mirror."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from shopper import workers
from shopper.shops.adapters.base import register, to_offers
from shopper.shops.urls import join

if TYPE_CHECKING:
    from shopper.models import Offer, ShopConfig
    from shopper.shops.fetch import Fetcher

PAGE_SIZE = 250
MAX_PAGES = 100  # Shopify refuses page*limit over 25,000


class ShopifyAdapter:
    """Shopify's public storefront JSON (no auth)."""

    platform = "shopify"
    listable = True

    async def search(self, fetcher: Fetcher, shop: ShopConfig, terms: str, *, limit: int = 40) -> list[Offer]:
        """Predictive search (at most 10 results); the HTML search page when suggest is disabled."""
        from shopper.extract.shopify import parse_suggest

        data = await fetcher.get_json(
            join(shop.url, "/search/suggest.json"),
            params={"q": terms, "resources[type]": "product", "resources[limit]": "10"},
        )
        if isinstance(data, dict):
            return to_offers(parse_suggest(data, shop.url, currency=shop.currency), shop)[:limit]
        from shopper.shops.adapters.html import search_listing

        return await search_listing(fetcher, shop, join(shop.url, "/search?q={query}"), terms, limit=limit)

    async def product(self, fetcher: Fetcher, shop: ShopConfig, url: str) -> Offer | None:
        """The product's .js view: per-variant price and stock in minor units."""
        from shopper.extract.shopify import parse_product_js

        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        if "/products/" not in path:
            return None
        js_url = urlunsplit((parts.scheme, parts.netloc, path + ".js", "", ""))
        data = await fetcher.get_json(js_url)
        if not isinstance(data, dict):
            return None
        offers = to_offers([parse_product_js(data, shop.url, currency=shop.currency)], shop)
        return offers[0] if offers else None

    async def catalogue(
        self, fetcher: Fetcher, shop: ShopConfig, *, max_items: int = 25_000
    ) -> list[Offer] | None:
        """Every product through /products.json, 250 a page."""
        offers: list[Offer] = []
        workers.warm_up()
        for number in range(1, MAX_PAGES + 1):
            page = await fetcher.get(
                join(shop.url, "/products.json"),
                params={"limit": str(PAGE_SIZE), "page": str(number)},
                headers={"Accept": "application/json"},
                cached=False,  # the mirror keeps the catalogue: the HTTP cache would hold it twice
            )
            if page is None:
                return offers or None
            # Decoding and normalizing hundreds of products is CPU work: in the worker process (started
            # above, while this page downloaded), so other shops' responses are taken in meanwhile.
            read = await workers.parse(_catalogue_page, page.text, shop)
            if read is None:
                fetcher.warnings.append(f"{page.url}: not a products.json page")
                return offers or None
            listed, batch = read
            if not listed:
                break
            offers.extend(batch)
            if listed < PAGE_SIZE or len(offers) >= max_items:
                break
        return offers[:max_items]


def _catalogue_page(text: str, shop: ShopConfig) -> tuple[int, list[Offer]] | None:
    """(products on the page, their offers) of one products.json page; None when it is not one."""
    import json

    from shopper.extract.shopify import parse_products_json

    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    batch = parse_products_json(data, shop.url, currency=shop.currency)
    return len(batch), to_offers(batch, shop)


register(ShopifyAdapter())
