"""A find fills a cold catalogue mirror only for a small catalogue; a big shop is searched live.

The shop is tests/woo_store.py (WooCommerce's Store API and product-page template).
"""

from __future__ import annotations

import sqlite3

from shopper.events import ShopFinished
from shopper.models import Profile, ShopConfig
from shopper.pipeline import find_events
from shopper.shops.fetch import FetchSettings
from shopper.shops.search import SYNC_IN_FIND
from shopper.store.db import connect
from tests.woo_store import API, Variable, WooStore

NO_CACHE = FetchSettings(cache_path=None)


def _catalogue(count: int) -> list[Variable]:
    return [
        Variable(i + 1, f"Fleece vest model {i + 1}", f"fleece-vest-{i + 1}", 2995 + i, {"m": True})
        if i % 50 == 0
        else Variable(i + 1, f"Garden hose {i + 1} m", f"garden-hose-{i + 1}", 1500 + i, {"std": True})
        for i in range(count)
    ]


async def _how(store: WooStore, conn: sqlite3.Connection) -> str:
    profile = Profile(
        name="t", currency="EUR", shops=[ShopConfig(name="w", url=store.url, platform="woocommerce")]
    )
    events = [e async for e in find_events("fleece vest", profile, conn=conn, fetch_settings=NO_CACHE)]
    finished = next(e for e in events if isinstance(e, ShopFinished))
    assert finished.offers > 0, events[-1]
    return finished.how


def _listing_pages(store: WooStore) -> int:
    return sum(1 for r in store.requests if r.startswith(API) and "page=" in r and "search=" not in r)


async def test_a_big_catalogue_is_searched_live_and_not_listed_again_at_every_find() -> None:
    store = WooStore(_catalogue(SYNC_IN_FIND + 150)).start()
    conn = connect()
    try:
        assert await _how(store, conn) == "live"
        listed = _listing_pages(store)
        assert listed <= SYNC_IN_FIND // 100 + 1  # it stopped listing once it knew
        assert await _how(store, conn) in ("live", "recent")
        assert _listing_pages(store) == listed  # remembered: not listed again
        assert any("search=" in r for r in store.requests)
    finally:
        conn.close()
        store.stop()


async def test_a_small_catalogue_is_listed_into_the_mirror_at_the_first_find() -> None:
    store = WooStore(_catalogue(120)).start()
    conn = connect()
    try:
        assert await _how(store, conn) == "synced"
        assert await _how(store, conn) == "mirror"
    finally:
        conn.close()
        store.stop()


async def _found_at(url: str, conn: sqlite3.Connection) -> tuple[str, list[str]]:
    profile = Profile(name="t", currency="EUR", shops=[ShopConfig(name="w", url=url, platform="woocommerce")])
    events = [e async for e in find_events("fleece vest", profile, conn=conn, fetch_settings=NO_CACHE)]
    finished = next(e for e in events if isinstance(e, ShopFinished))
    result = events[-1]
    return finished.how, [r.offer.url for r in result.offers]  # type: ignore[union-attr]


async def test_a_shop_name_that_now_stands_for_another_url_is_not_answered_from_the_old_mirror() -> None:
    before = WooStore(_catalogue(120)).start()
    after = WooStore([Variable(7, "Fleece vest Nova", "fleece-vest-nova", 3995, {"m": True})]).start()
    conn = connect()
    try:
        how, urls = await _found_at(before.url, conn)
        assert how == "synced" and urls and all(u.startswith(before.url) for u in urls)
        # the profile's shop "w" now points at another shop, within the mirror's freshness window
        how, urls = await _found_at(after.url, conn)
        assert how == "synced"
        assert urls and all(u.startswith(after.url) for u in urls)
        assert await _found_at(after.url, conn) == ("mirror", urls)  # its own mirror from now on
        left = conn.execute("SELECT count(*) FROM catalog_offers WHERE url LIKE ?", (before.url + "%",))
        assert left.fetchone()[0] == 0
    finally:
        conn.close()
        before.stop()
        after.stop()
