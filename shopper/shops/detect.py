"""Platform detection: probe Shopify and WooCommerce endpoints, OpenSearch, search forms and sitemaps."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from shopper.shops.urls import join, query_template

if TYPE_CHECKING:
    from shopper.shops.fetch import Fetcher


class Detection(BaseModel):
    """What probing a shop found."""

    url: str
    reachable: bool = False
    platform: str | None = None  # shopify, woocommerce, html; None when unreachable
    search_url: str | None = None
    sitemap_products: int = 0
    currency: str | None = None
    catalogue_size: int | None = None
    notes: list[str] = Field(default_factory=list)


async def _shopify(fetcher: Fetcher, url: str) -> dict[str, Any] | None:
    data = await fetcher.get_json(join(url, "/products.json"), params={"limit": "1"}, quiet_404=True)
    if isinstance(data, dict) and isinstance(data.get("products"), list):
        return data
    return None


async def _woocommerce(fetcher: Fetcher, url: str) -> bool:
    data = await fetcher.get_json(join(url, "/wp-json/"), quiet_404=True)
    if isinstance(data, dict):
        namespaces = data.get("namespaces") or []
        return isinstance(namespaces, list) and "wc/store/v1" in namespaces
    return False


async def find_search_template(fetcher: Fetcher, url: str, home_text: str | None = None) -> str | None:
    """The shop's own search as a URL template: OpenSearch first, else the home page's search form."""
    from shopper.shops.pages import opensearch_href, opensearch_template, search_form_template

    if home_text is None:
        home = await fetcher.get(url)
        if home is None:
            return None
        home_text, url = home.text, home.final_url
    href = opensearch_href(home_text, url)
    if href:
        described = await fetcher.get(href, quiet_404=True)
        if described is not None:
            template = opensearch_template(described.content, described.final_url)
            if template:
                return query_template(template)
    return search_form_template(home_text, url)


async def _shopify_currency(fetcher: Fetcher, url: str, data: dict[str, Any]) -> str | None:
    # products.json carries no currency; the product page's og:price:currency / JSON-LD does.
    from shopper.extract.page import extract_product

    products = data.get("products") or []
    handle = products[0].get("handle") if products and isinstance(products[0], dict) else None
    if not handle:
        return None
    page = await fetcher.get(join(url, f"/products/{handle}"))
    if page is None:
        return None
    offer = extract_product(page.content, page.final_url, encoding=page.encoding)
    return offer.price.currency if offer and offer.price else None


async def detect_shop(fetcher: Fetcher, url: str) -> Detection:
    """Probe a shop and say what it runs and how it can be searched."""
    found = Detection(url=url)
    home = await fetcher.get(url)
    if home is None:
        found.notes.append("home page could not be fetched")
        return found
    found.reachable = True
    shopify = await _shopify(fetcher, url)
    if shopify is not None:
        found.platform = "shopify"
        found.search_url = join(url, "/search?q={query}")
        found.currency = await _shopify_currency(fetcher, url, shopify)
    elif await _woocommerce(fetcher, url):
        found.platform = "woocommerce"
        page = await fetcher.get(join(url, "/wp-json/wc/store/v1/products"), params={"per_page": "1"})
        if page is not None:
            with contextlib.suppress(ValueError):
                found.catalogue_size = int(page.headers.get("x-wp-total", ""))
            items = page.json() if page.content else []
            if isinstance(items, list) and items and isinstance(items[0], dict):
                found.currency = (items[0].get("prices") or {}).get("currency_code")
    else:
        found.platform = "html"
        found.search_url = await find_search_template(fetcher, home.final_url, home.text)
        if not found.search_url:
            found.notes.append("no search found (no OpenSearch description, no GET form with a text field)")
    from shopper.shops.pages import shop_sitemap_urls  # lxml: a remembered detection needs none of it

    urls = await shop_sitemap_urls(fetcher, url, limit=25_000)
    found.sitemap_products = len(urls)
    if found.catalogue_size is None and found.platform == "html" and urls:
        found.catalogue_size = len(urls)
    return found
