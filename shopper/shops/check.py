"""`shops check`: per shop, whether it answers, what it runs, whether its search works, and why not."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from shopper.shops.adapters.base import collecting_notes
from shopper.shops.urls import host

if TYPE_CHECKING:
    from shopper.models import ShopConfig
    from shopper.shops.fetch import Fetcher

SAMPLE_PRODUCTS = 20  # products listed to pick a word to try the search with
MIN_SAMPLE_WORD = 4


class ShopCheck(BaseModel):
    """One row of `shops check`."""

    name: str
    url: str
    reachable: bool
    robots: str
    platform: str | None
    search_works: bool | None
    catalogue_size: int | None
    note: str = ""


def _word_from(titles: list[str]) -> str | None:
    for title in titles:
        words = [w for w in title.split() if len(w) >= MIN_SAMPLE_WORD and w.isalpha()]
        if words:
            return words[0]
    return None


async def _sample_term(adapter: Any, fetcher: Fetcher, shop: ShopConfig) -> str | None:
    """A word from a product title: from the catalogue, else from the home page's product cards."""
    catalogue = await adapter.catalogue(fetcher, shop, max_items=SAMPLE_PRODUCTS)
    word = _word_from([o.title for o in catalogue or []])
    if word:
        return word
    from shopper.shops.adapters.html import read_product
    from shopper.shops.pages import product_links

    home = await fetcher.get(shop.url)
    if home is None:
        return None
    for url in product_links(home.text, home.final_url)[:3]:
        offer = await read_product(fetcher, shop, url)
        if offer is not None and (word := _word_from([offer.title])):
            return word
    return None


def _reason(fetcher: Fetcher, shop: ShopConfig, notes: list[str], since: int) -> str:
    said = [w for w in fetcher.warnings[since:] if host(shop.url) in w]
    return "; ".join(notes + said[-1:])


async def check_shop(fetcher: Fetcher, shop: ShopConfig) -> ShopCheck:
    """Reachable, robots, platform, whether search finds something (and why not), catalogue size."""
    from shopper.shops.adapters.base import get_adapter
    from shopper.shops.detect import detect_shop

    detection = await detect_shop(fetcher, shop.url)
    robots = "allowed" if await fetcher.allowed(shop.url) else "disallowed"
    row = ShopCheck(
        name=shop.name,
        url=shop.url,
        reachable=detection.reachable,
        robots=robots,
        platform=detection.platform,
        search_works=None,
        catalogue_size=detection.catalogue_size,
    )
    if not detection.reachable or not detection.platform:
        row.note = "; ".join(detection.notes)
        return row
    platform = shop.platform if shop.platform != "auto" else detection.platform
    adapter = get_adapter(platform)
    probe = shop.model_copy(
        update={
            "search_url": shop.search_url or detection.search_url,
            "currency": shop.currency or detection.currency,
        }
    )
    if platform == "html" and not probe.search_url:
        row.search_works = False
        row.note = "; ".join(detection.notes) or "no search found"
        return row
    if row.catalogue_size is None and platform == "shopify":
        full = await adapter.catalogue(fetcher, probe)
        row.catalogue_size = len(full) if full is not None else None
    since = len(fetcher.warnings)
    with collecting_notes() as notes:
        term = await _sample_term(adapter, fetcher, probe)
        if not term:
            row.note = "no product found to try the search with" + (
                f" ({why})" if (why := _reason(fetcher, shop, notes, since)) else ""
            )
            return row
        since = len(fetcher.warnings)
        found = await adapter.search(fetcher, probe, term, limit=5)
    row.search_works = bool(found)
    if found:
        row.note = f"searched for {term!r}: {len(found)} offer(s)"
    else:
        why = _reason(fetcher, shop, notes, since)
        row.note = why or f"searched for {term!r}: no results, though the shop lists that word"
    return row


async def check_shops(shops: list[ShopConfig]) -> list[ShopCheck]:
    """Check every shop, all at once."""
    from shopper.config import cache_dir
    from shopper.shops.fetch import Fetcher, FetchSettings

    async with Fetcher(FetchSettings(cache_path=cache_dir() / "http.sqlite")) as fetcher:
        return list(await asyncio.gather(*(check_shop(fetcher, s) for s in shops)))
