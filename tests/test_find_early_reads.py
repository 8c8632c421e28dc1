"""A first find waits for as few round trips as it can: a shop's product pages are read while slower
shops still list, a WooCommerce catalogue's second page is asked for with its first, and the mirror is
written beside the event loop.

The shops are tests/woo_store.py (WooCommerce's Store API and product-page template, not the demo's
renderers). A shop's `gate` holds its answers back until the test has seen what it waits for, so the
order of requests is shown without timing anything.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopper.details import EarlyReads
from shopper.models import Excluded, FindResult, Profile, RankedOffer, ShopConfig
from shopper.pipeline import find
from shopper.shops.adapters.woocommerce import API, PER_PAGE, WooCommerceAdapter
from shopper.shops.catalog import CatalogMirror
from shopper.shops.fetch import Fetcher, FetchSettings
from shopper.shops.search import SearchContext
from shopper.store.db import connect, connect_again, database_file
from shopper.understand.offline import parse_request
from tests.woo_store import Variable, WooStore

NO_CACHE = FetchSettings(cache_path=None)
HOLD = 10.0  # seconds a held answer waits at most: a missing request fails the test, it does not hang


def _boots(first_id: int, count: int, town: str) -> list[Variable]:
    return [
        Variable(
            first_id + i,
            f"Wandelschoen {town} {i}",
            f"wandelschoen-{town.lower()}-{i}",
            6995 + 100 * i,
            {"43": True, "44": i % 2 == 0},
        )
        for i in range(count)
    ]


@pytest.fixture
def fast() -> Iterator[WooStore]:
    store = WooStore(_boots(1, 6, "Assen")).start()
    yield store
    store.stop()


@pytest.fixture
def slow() -> Iterator[WooStore]:
    store = WooStore(_boots(100, 6, "Zwolle")).start()
    yield store
    store.stop()


def _config(name: str, shop: WooStore) -> ShopConfig:
    return ShopConfig(name=name, url=shop.url, platform="woocommerce", currency="EUR")


async def _find_in_both(fast: WooStore, slow: WooStore) -> FindResult:
    """A request with a size over both shops, as a first find (empty mirror, no HTTP cache)."""
    profile = Profile(name="t", currency="EUR", shops=[_config("snel", fast), _config("traag", slow)])
    conn = connect()
    try:
        return await find("wandelschoenen maat 44", profile, conn=conn, fetch_settings=NO_CACHE)
    finally:
        conn.close()


async def test_a_shop_that_answered_has_its_pages_read_while_another_still_lists(
    fast: WooStore, slow: WooStore
) -> None:
    pages_asked = threading.Event()

    def note_pages(path: str) -> None:
        if path.startswith("/product/"):
            pages_asked.set()

    held: list[bool] = []

    def hold_listing(path: str) -> None:
        if path.startswith(API):
            held.append(pages_asked.wait(HOLD))

    fast.gate = note_pages
    slow.gate = hold_listing
    result = await _find_in_both(fast, slow)
    # the slow shop's catalogue was answered only after the fast shop's product pages were asked for
    assert held and all(held)
    assert fast.page_reads()
    # and the answer still knows each size's stock: an offer whose 44 is sold out is not it
    answer = [r for r in result.offers if r.offer.url in result.answer]
    assert answer and all(r.size_known for r in answer)
    assert all(int(r.offer.url.rstrip("/").rsplit("-", 1)[1]) % 2 == 0 for r in answer)


async def test_the_first_round_does_not_wait_for_the_early_reads(fast: WooStore, slow: WooStore) -> None:
    fast_pages_asked = threading.Event()
    slow_pages_asked = threading.Event()
    early_waited: list[bool] = []

    def hold_early_pages(path: str) -> None:
        if path.startswith("/product/"):
            fast_pages_asked.set()
            early_waited.append(slow_pages_asked.wait(HOLD))

    def hold_listing(path: str) -> None:
        if path.startswith(API):
            fast_pages_asked.wait(HOLD)
        elif path.startswith("/product/"):
            slow_pages_asked.set()

    fast.gate = hold_early_pages
    slow.gate = hold_listing
    result = await _find_in_both(fast, slow)
    # the slow shop's pages were asked for while the fast shop's early reads were still unanswered
    assert early_waited and all(early_waited)
    assert slow.page_reads()
    answer = [r for r in result.offers if r.offer.url in result.answer]
    assert answer and all(r.size_known for r in answer)


async def test_without_a_size_nothing_is_read_before_every_shop_has_answered(fast: WooStore) -> None:
    """What else a page could add (a description, a price) matters only against the other shops' offers."""
    profile = Profile(name="t", currency="EUR", shops=[_config("snel", fast)])
    ranked: list[str] = []

    def rank_shop() -> tuple[list[RankedOffer], list[Excluded]]:
        ranked.append("ranked")
        return [], []

    early = EarlyReads()
    async with Fetcher(NO_CACHE) as fetcher:
        for request in ("wandelschoenen", "wandelschoenen maat 44"):
            ctx = SearchContext(fetcher=fetcher, conn=None, query=parse_request(request, profile))
            early.start(ctx, profile.shops[0], {"snel": "synced"}, rank_shop)
            await early.settle()
    assert ranked == ["ranked"]  # only the request with a size ranked the shop to pick pages


@pytest.mark.parametrize("count", [PER_PAGE * 2 - 20, PER_PAGE - 10])
async def test_the_second_catalogue_page_is_asked_for_with_the_first(count: int) -> None:
    store = WooStore(_boots(1, count, "Gouda")).start()
    second_asked = threading.Event()
    first_waited: list[bool] = []

    def gate(path: str) -> None:
        if "page=2" in path:
            second_asked.set()
        elif "page=1" in path:
            first_waited.append(second_asked.wait(HOLD))

    store.gate = gate
    try:
        async with Fetcher(NO_CACHE) as fetcher:
            offers = await WooCommerceAdapter().catalogue(fetcher, _config("w", store))
    finally:
        store.stop()
    assert offers is not None and len(offers) == count
    assert first_waited == [True]  # page 2 went out before page 1 was answered
    pages = [r for r in store.requests if r.startswith(API)]
    assert len(pages) == 2  # never a third, nor page 2 twice
    assert fetcher.warnings == []  # a one-page shop's empty second page is no warning


def test_another_connection_sees_the_same_database(tmp_path: Path) -> None:
    conn = connect(tmp_path / "shopper.db")
    path = database_file(conn)
    assert path is not None
    other = connect_again(path)
    try:
        CatalogMirror(other).mark_synced("winkel", 3)
        row = conn.execute("SELECT offer_count FROM catalog_sync WHERE shop = 'winkel'").fetchone()
        assert row["offer_count"] == 3
    finally:
        other.close()
        conn.close()
    assert database_file(sqlite3.connect(":memory:")) is None
