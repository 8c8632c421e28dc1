"""watch run against local shops whose prices and stock change between runs (real HTTP, real SQLite)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from shopper.models import Money
from shopper.store.db import connect
from shopper.watch.models import Watch
from shopper.watch.repo import WatchRepo
from shopper.watch.runner import RunReport, RunSettings, run_once
from tests.watch_shops import HtmlShop, Item, ShopifyShop, WebhookReceiver, set_item

FAST = RunSettings(per_host_rate=500.0)


class Clock:
    """An injected clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def shopify() -> Iterator[ShopifyShop]:
    shop = ShopifyShop(
        [
            Item(
                "alpine-trail-runner",
                "Alpine Trail Runner GTX",
                "Peakline",
                Decimal("120.00"),
                ["42", "43", "44"],
            ),
            Item("city-sneaker", "City Sneaker Canvas", "Urbano", Decimal("60.00"), ["40", "41"]),
        ]
    ).start()
    yield shop
    shop.stop()


@pytest.fixture
def html_shop() -> Iterator[HtmlShop]:
    shop = HtmlShop([Item("kettle-17", "Steel Kettle 1.7 l", "Brewmaster", Decimal("49.90"))]).start()
    yield shop
    shop.stop()


@pytest.fixture
def hook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    connection = connect()
    yield connection
    connection.close()


def run(conn: sqlite3.Connection, clock: Clock) -> RunReport:
    report = asyncio.run(run_once(conn, everything=True, settings=FAST, clock=clock))
    clock.advance(hours=6)
    return report


def add(conn: sqlite3.Connection, clock: Clock, **fields: object) -> Watch:
    return WatchRepo(conn).add(Watch(**fields), clock())  # type: ignore[arg-type]


def test_below_target_fires_once_and_rearms(
    conn: sqlite3.Connection, shopify: ShopifyShop, hook: WebhookReceiver
) -> None:
    clock = Clock()
    url = f"{shopify.base}/products/alpine-trail-runner"
    watch = add(
        conn, clock, kind="product", target=url, below=Money(amount="100", currency="EUR"), notify=[hook.url]
    )

    first = run(conn, clock)
    assert first.checked == 1 and first.alerts == [] and first.errors == []
    assert hook.posts == []
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None and stored.last_price == Money(amount="120.00", currency="EUR")
    assert stored.title == "Alpine Trail Runner GTX"

    set_item(shopify.base, "alpine-trail-runner", price="95.00")
    second = run(conn, clock)
    assert [a.kind for a in second.alerts] == ["below"]
    alert = second.alerts[0]
    assert alert.old_price == Money(amount="120.00", currency="EUR")
    assert alert.new_price == Money(amount="95.00", currency="EUR")
    assert len(hook.posts) == 1
    post = hook.posts[0]
    assert post["alert_id"] == alert.id
    assert "120.00 EUR -> 95.00 EUR" in post["message"] and f"shopper buy {url}" in post["message"]

    third = run(conn, clock)
    assert third.alerts == [] and len(hook.posts) == 1

    set_item(shopify.base, "alpine-trail-runner", price="125.00")
    assert run(conn, clock).alerts == []
    set_item(shopify.base, "alpine-trail-runner", price="89.00")
    again = run(conn, clock)
    assert [a.kind for a in again.alerts] == ["below"]
    assert len(hook.posts) == 2 and hook.posts[1]["alert_id"] != post["alert_id"]
    unsent = conn.execute("SELECT count(*) FROM alerts WHERE sent_at IS NULL").fetchone()[0]
    assert unsent == 0


def test_restock_alerts_only_for_the_watched_size(conn: sqlite3.Connection, shopify: ShopifyShop) -> None:
    clock = Clock()
    url = f"{shopify.base}/products/alpine-trail-runner"
    set_item(shopify.base, "alpine-trail-runner", sold_out=["43", "44"])
    watch = add(conn, clock, kind="product", target=url, restock=True, size="EU 44")
    other = add(conn, clock, kind="product", target=url, restock=True, size="43")
    assert run(conn, clock).alerts == []
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None and stored.last_availability == "OutOfStock"

    set_item(shopify.base, "alpine-trail-runner", sold_out=["43"])  # 44 is back, 43 is not
    report = run(conn, clock)
    assert [(a.watch_id, a.kind) for a in report.alerts] == [(watch.id, "restock")]
    assert report.alerts[0].size == "EU 44"
    assert run(conn, clock).alerts == []

    set_item(shopify.base, "alpine-trail-runner", sold_out=[])
    assert [(a.watch_id, a.kind) for a in run(conn, clock).alerts] == [(other.id, "restock")]


def test_a_shop_that_is_down_leaves_the_watch_intact_with_its_error(
    conn: sqlite3.Connection, shopify: ShopifyShop, hook: WebhookReceiver
) -> None:
    clock = Clock()
    url = f"{shopify.base}/products/alpine-trail-runner"
    watch = add(
        conn, clock, kind="product", target=url, below=Money(amount="100", currency="EUR"), notify=[hook.url]
    )
    run(conn, clock)
    shopify.stop()
    checked_at = clock.now
    down = run(conn, clock)
    assert down.alerts == [] and len(down.errors) == 1
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None
    assert stored.last_error and stored.errors == 1
    assert stored.last_price == Money(amount="120.00", currency="EUR")  # the last good reading is kept
    assert stored.next_due_at == checked_at + timedelta(hours=6)
    checked_at = clock.now
    assert run(conn, clock).alerts == []
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None and stored.errors == 2
    assert stored.next_due_at == checked_at + timedelta(hours=12)  # backs off
    assert hook.posts == []

    set_item_after_restart(shopify)
    back = run(conn, clock)
    assert [a.kind for a in back.alerts] == ["below"]
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None and stored.last_error is None and stored.errors == 0
    assert len(hook.posts) == 1


def set_item_after_restart(shop: ShopifyShop) -> None:
    shop.start()
    set_item(shop.base, "alpine-trail-runner", price="80.00")


def test_drop_is_measured_against_the_recent_median_not_the_was_price(
    conn: sqlite3.Connection, html_shop: HtmlShop
) -> None:
    clock = Clock()
    url = f"{html_shop.base}/item/kettle-17"
    watch = add(conn, clock, kind="product", target=url, drop_pct=Decimal("10"))
    for _ in range(3):
        assert run(conn, clock).alerts == []
    set_item(html_shop.base, "kettle-17", price="47.90")  # 4 %: not enough
    assert run(conn, clock).alerts == []
    set_item(html_shop.base, "kettle-17", price="39.90")  # 20 % under the median of 49.90
    report = run(conn, clock)
    assert [a.kind for a in report.alerts] == ["drop"]
    assert report.alerts[0].old_price == Money(amount="49.90", currency="EUR")
    assert run(conn, clock).alerts == []
    rows = conn.execute("SELECT count(*) FROM observations WHERE url = ?", (url,)).fetchone()[0]
    assert rows == 6
    assert WatchRepo(conn).get(watch.id) is not None


def test_default_rules_ignore_changes_under_the_threshold(
    conn: sqlite3.Connection, html_shop: HtmlShop
) -> None:
    clock = Clock()
    url = f"{html_shop.base}/item/kettle-17"
    add(conn, clock, kind="product", target=url)
    run(conn, clock)
    set_item(html_shop.base, "kettle-17", price="49.60")  # 0.6 %
    assert run(conn, clock).alerts == []
    set_item(html_shop.base, "kettle-17", price="44.00")
    assert [a.kind for a in run(conn, clock).alerts] == ["drop"]
    set_item(html_shop.base, "kettle-17", sold_out=["*"])
    assert run(conn, clock).alerts == []
    set_item(html_shop.base, "kettle-17", sold_out=[])
    assert [a.kind for a in run(conn, clock).alerts] == ["restock"]


def test_a_page_that_stops_showing_a_price_is_reported_broken_once(
    conn: sqlite3.Connection, html_shop: HtmlShop, hook: WebhookReceiver
) -> None:
    clock = Clock()
    url = f"{html_shop.base}/item/kettle-17"
    watch = add(
        conn, clock, kind="product", target=url, below=Money(amount="40", currency="EUR"), notify=[hook.url]
    )
    run(conn, clock)
    set_item(html_shop.base, "kettle-17", broken=True)
    first = run(conn, clock)
    since = clock.now - timedelta(hours=6)
    assert first.alerts == [] and first.errors
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None and stored.broken_since == since
    assert stored.last_error is not None and stored.last_error.startswith("price not found since")
    assert len(hook.posts) == 1 and "price not found since" in hook.posts[0]["message"]
    run(conn, clock)
    assert len(hook.posts) == 1  # said once
    set_item(html_shop.base, "kettle-17", broken=False, price="39.00")
    assert [a.kind for a in run(conn, clock).alerts] == ["below"]
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None and stored.broken_since is None


def test_daily_cap_holds_back_alerts(conn: sqlite3.Connection, html_shop: HtmlShop) -> None:
    clock = Clock()
    url = f"{html_shop.base}/item/kettle-17"
    add(conn, clock, kind="product", target=url, below=Money(amount="45", currency="EUR"), daily_cap=1)
    fired = 0
    for price in ("40.00", "50.00", "41.00", "50.00", "42.00"):
        set_item(html_shop.base, "kettle-17", price=price)
        report = asyncio.run(run_once(conn, everything=True, settings=FAST, clock=clock))
        clock.advance(minutes=30)
        fired += len(report.alerts)
    assert fired == 1
