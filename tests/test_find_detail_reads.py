"""Product pages are read after ranking, for the offers that could be shown, and only for them.

The shop is tests/woo_store.py (WooCommerce's Store API and product-page template, not the demo's
renderers): its Store API lists each variation without stock, so a size is known only from a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from shopper.details import SHOWN_TOP, gain, per_round, wanted
from shopper.models import Money, Offer, Profile, Query, RankedOffer, ShopConfig
from shopper.pipeline import find
from shopper.shops.fetch import FetchSettings
from shopper.store.db import connect
from tests.woo_store import Variable, WooStore

NO_CACHE = FetchSettings(cache_path=None)

VESTS = [
    # the cheapest has no M left; the next one has
    Variable(1, "Fleece vest Arnhem", "fleece-vest-arnhem", 3995, {"s": True, "m": False, "l": True}),
    Variable(2, "Fleece vest Breda", "fleece-vest-breda", 4495, {"s": False, "m": True, "l": True}),
    Variable(3, "Fleece vest Delft", "fleece-vest-delft", 5495, {"s": True, "m": True, "l": False}),
    Variable(4, "Fleece vest Emmen", "fleece-vest-emmen", 6495, {"s": True, "m": True, "l": True}),
]
BOOTS = [
    Variable(10 + i, f"Regenlaars {name}", f"regenlaars-{name.lower()}", 2995, {"38": True, "39": True})
    for i, name in enumerate(["Gouda", "Hoorn", "Leiden", "Zwolle", "Venlo", "Assen"])
]


@pytest.fixture
def shop() -> Iterator[WooStore]:
    store = WooStore([*VESTS, *BOOTS]).start()
    yield store
    store.stop()


def _profile(shop: WooStore) -> Profile:
    config = ShopConfig(name="winkel", url=shop.url, platform="woocommerce", currency="EUR")
    return Profile(name="t", currency="EUR", shops=[config])


async def test_the_answer_has_the_size_in_stock_read_from_the_product_pages(shop: WooStore) -> None:
    conn = connect()
    try:
        result = await find("cheapest fleece vest size M", _profile(shop), conn=conn, fetch_settings=NO_CACHE)
    finally:
        conn.close()
    titles = {r.offer.url: r.offer.title for r in result.offers}
    assert [titles[url] for url in result.answer] == [
        "Fleece vest Breda"
    ]  # Arnhem is cheaper, but its M is sold out
    # only candidates for the answer were read, each with one request (the page says every
    # variation's stock, so the Store API is not asked again for it)
    assert shop.page_reads() <= {v.slug for v in VESTS}
    assert "fleece-vest-breda" in shop.page_reads()
    assert shop.slug_lookups() == []


async def test_a_second_request_reuses_the_pages_read_moments_ago(shop: WooStore) -> None:
    conn = connect()
    try:
        first = await find("fleece vest size M", _profile(shop), conn=conn, fetch_settings=NO_CACHE)
        read_first = sum(shop.hits[f"/product/{slug}/"] for slug in shop.page_reads())
        again = await find("fleece vest size M", _profile(shop), conn=conn, fetch_settings=NO_CACHE)
        read_again = sum(shop.hits[f"/product/{slug}/"] for slug in shop.page_reads())
    finally:
        conn.close()
    assert read_first > 0 and read_again == read_first
    assert [r.offer.url for r in again.offers] == [r.offer.url for r in first.offers]
    assert again.answer == first.answer


async def test_a_page_without_its_variations_falls_back_to_the_store_api_and_guesses_no_size() -> None:
    later = Variable(5, "Fleece vest Gorinchem", "fleece-vest-gorinchem", 1995, {"m": True}, ajax=True)
    store = WooStore([later, VESTS[1]]).start()
    try:
        result = await find("fleece vest size M", _profile(store), fetch_settings=NO_CACHE)
    finally:
        store.stop()
    assert any("slug=fleece-vest-gorinchem" in r for r in store.slug_lookups())
    by_title = {r.offer.title: r for r in result.offers}
    assert not by_title["Fleece vest Gorinchem"].size_known  # the cheaper one's M is not taken for known
    assert [by_title["Fleece vest Breda"].offer.url] == result.answer


# --- which offers are read: the pure part ------------------------------------------------------


def _ranked(
    score: float, url: str, *, price: bool = True, stock: bool = True, size_known: bool = True
) -> RankedOffer:
    offer = Offer(
        url=url,
        title=url,
        shop="s",
        price=Money(amount=Decimal("10"), currency="EUR") if price else None,
        availability="InStock" if stock else None,
    )
    return RankedOffer(
        offer=offer, score=score, price=offer.price, size_known=size_known, reasons=[], fit=1.0
    )


def test_complete_offers_are_not_read_and_incomplete_ones_are_read_while_they_could_climb() -> None:
    query = Query(text="x")
    top = [_ranked(100 - i, f"top{i}") for i in range(SHOWN_TOP)]
    last = top[-1].score
    near = _ranked(last - 2, "near", stock=False)  # stock unknown, 2 below the last shown
    far = _ranked(last - 20, "far", stock=False)  # more below than knowing its stock could bring
    priceless = _ranked(last - 10, "priceless", price=False)  # a price could bring it up
    ranked = [*top, near, priceless, far]
    assert gain(near, query) > 0 and gain(top[0], query) == 0
    assert [o.url for o in wanted(ranked, query, {}, set(), 600)] == ["near", "priceless"]
    assert wanted(ranked, query, {}, {"near", "priceless"}, 600) == []


def test_unknown_sizes_that_could_beat_the_best_known_one_are_read() -> None:
    query = Query(text="x", size="M")
    known = _ranked(50, "known")
    close = _ranked(45, "close", size_known=False)
    hopeless = _ranked(10, "hopeless", size_known=False)
    got = [o.url for o in wanted([known, close, hopeless], query, {}, set(), 600)]
    assert "close" in got and "hopeless" in got  # both are in the shown top: both must be known
    many = [_ranked(90 - i, f"k{i}") for i in range(SHOWN_TOP)]
    got = [o.url for o in wanted([*many, close, hopeless], query, {}, set(), 600)]
    assert got == []  # below the best known by more than a read could bring


def test_stale_mirror_rows_in_the_top_are_read_again() -> None:
    query = Query(text="x")
    old = _ranked(100, "old")
    old.offer.fetched_at = datetime.now(UTC) - timedelta(hours=2)
    fresh = _ranked(90, "fresh")
    fresh.offer.fetched_at = datetime.now(UTC)
    assert [o.url for o in wanted([old, fresh], query, {"s": "mirror"}, set(), 600)] == ["old"]
    assert wanted([old, fresh], query, {"s": "live"}, set(), 600) == []


def test_a_round_asks_each_shop_for_a_few_pages_and_takes_every_page_read_lately() -> None:
    offers = [Offer(url=f"a{i}", title="a", shop="a") for i in range(5)] + [
        Offer(url="b0", title="b", shop="b")
    ]
    chosen = per_round(offers, 2, free={"a3"})
    assert [o.url for o in chosen] == ["a0", "a1", "a3", "b0"]


async def test_old_mirror_rows_are_read_again_only_for_the_offers_shown() -> None:
    vests = [
        Variable(20 + i, f"Fleece vest {name}", f"fleece-vest-{name.lower()}", 3000 + 250 * i, {"m": True})
        for i, name in enumerate(
            [
                "Aalst",
                "Baarn",
                "Ede",
                "Epe",
                "Goes",
                "Hulst",
                "Kampen",
                "Lisse",
                "Oss",
                "Putten",
                "Tiel",
                "Urk",
            ]
        )
    ]
    store = WooStore(vests).start()
    conn = connect()
    try:
        await find("fleece vest", _profile(store), conn=conn, fetch_settings=NO_CACHE)
        with conn:  # the catalogue mirror is still fresh, but every row was read an hour ago
            conn.execute("UPDATE catalog_offers SET fetched_at = datetime('now', '-1 hour')")
        before = store.hits.copy()
        again = await find("fleece vest", _profile(store), conn=conn, fetch_settings=NO_CACHE)
        asked = store.hits - before
    finally:
        conn.close()
        store.stop()
    reread = [path for path in asked if path.startswith("/product/")]
    assert 0 < len(reread) <= SHOWN_TOP  # not the whole catalogue: the offers a user is shown
    shown = {r.offer.url.removeprefix(store.url) for r in again.offers[: len(reread)]}
    assert shown == set(reread)
    assert not any(r.offer.stale for r in again.offers[:SHOWN_TOP])
