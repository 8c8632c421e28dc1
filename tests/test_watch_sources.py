"""Watches that come from elsewhere: items left in the cart, and a request across the profile's shops."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from shopper import config
from shopper.checkout.cart import CartRepo
from shopper.checkout.lines import Line
from shopper.models import Money
from shopper.store.db import connect
from shopper.watch.models import Watch
from shopper.watch.repo import WatchRepo
from shopper.watch.runner import RunReport, RunSettings, run_once
from tests.watch_shops import Item, ShopifyShop, set_item

FAST = RunSettings(per_host_rate=500.0)


@pytest.fixture
def shop() -> Iterator[ShopifyShop]:
    server = ShopifyShop(
        [
            Item("fjord-wool-sweater", "Fjord Wool Sweater", "Nordkap", Decimal("110.00"), ["S", "M", "L"]),
            Item("fjord-wool-beanie", "Fjord Wool Beanie", "Nordkap", Decimal("25.00")),
        ]
    ).start()
    yield server
    server.stop()


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    connection = connect()
    yield connection
    connection.close()


def _profile(text: str) -> None:
    path: Path = config.profiles_dir() / "default.toml"
    path.write_text(text, encoding="utf-8")


def _run(conn: sqlite3.Connection, now: list[datetime]) -> RunReport:
    report = asyncio.run(run_once(conn, settings=FAST, clock=lambda: now[0]))
    now[0] += timedelta(hours=13)
    return report


def test_cart_items_are_watched_for_drops_until_they_leave_the_cart(
    conn: sqlite3.Connection, shop: ShopifyShop
) -> None:
    url = f"{shop.base}/products/fjord-wool-sweater"
    carts = CartRepo(conn)
    cart = carts.open_cart()
    assert cart is not None
    item_id = carts.add(cart, Line(url=url, shop="fjord", title="Fjord Wool Sweater", options={"size": "M"}))
    now = [datetime(2026, 11, 3, 9, 0, tzinfo=UTC)]
    first = _run(conn, now)
    assert first.checked == 1 and first.alerts == []
    watches = WatchRepo(conn).all()
    assert [(w.origin, w.target, w.size) for w in watches] == [("cart", url, "M")]
    set_item(shop.base, "fjord-wool-sweater", price="89.00")
    report = _run(conn, now)
    assert [a.kind for a in report.alerts] == ["drop"]
    assert report.alerts[0].old_price == Money(amount="110.00", currency="EUR")
    carts.remove(cart, item_id)
    _run(conn, now)
    assert WatchRepo(conn).all() == []


def test_a_profile_can_turn_cart_watching_off(conn: sqlite3.Connection, shop: ShopifyShop) -> None:
    _profile("[watch]\ncart = false\nmin_change_pct = 5\n")
    carts = CartRepo(conn)
    cart = carts.open_cart()
    assert cart is not None
    carts.add(
        cart, Line(url=f"{shop.base}/products/fjord-wool-beanie", shop="fjord", title="Fjord Wool Beanie")
    )
    report = _run(conn, [datetime(2026, 11, 3, 9, 0, tzinfo=UTC)])
    assert report.checked == 0 and WatchRepo(conn).all() == []


def test_a_request_watch_alerts_on_a_new_cheaper_offer(conn: sqlite3.Connection, shop: ShopifyShop) -> None:
    _profile(
        f'currency = "EUR"\n\n[[shops]]\nname = "Nordkap store"\nurl = "{shop.base}"\n'
        'platform = "shopify"\ncurrency = "EUR"\n'
    )
    now = [datetime(2026, 11, 3, 9, 0, tzinfo=UTC)]
    watch = WatchRepo(conn).add(
        Watch(kind="request", target="fjord wool sweater", below=Money(amount="100", currency="EUR")), now[0]
    )
    first = _run(conn, now)
    assert first.checked == 1 and first.alerts == [] and first.errors == []
    stored = WatchRepo(conn).get(watch.id)
    assert stored is not None and f"{shop.base}/products/fjord-wool-sweater" in stored.state["known"]
    # the shop lists a new, cheaper sweater
    with shop.lock:
        shop.items["fjord-wool-sweater-2"] = Item(
            "fjord-wool-sweater-2", "Fjord Wool Sweater Light", "Nordkap", Decimal("79.00"), ["M"]
        )
    report = asyncio.run(
        run_once(conn, everything=True, settings=FAST, clock=lambda: now[0] + timedelta(days=1))
    )
    kinds = {(a.kind, a.url) for a in report.alerts}
    assert ("new_offer", f"{shop.base}/products/fjord-wool-sweater-2") in kinds
    assert all(a.new_price is not None and a.new_price.amount <= 100 for a in report.alerts)


def test_find_prints_the_restock_line_for_a_size_sold_out_in_every_shop(shop: ShopifyShop) -> None:
    from typer.testing import CliRunner

    from shopper.cli.app import app

    _profile(
        f'currency = "EUR"\n\n[[shops]]\nname = "Nordkap store"\nurl = "{shop.base}"\n'
        'platform = "shopify"\ncurrency = "EUR"\n'
    )
    set_item(shop.base, "fjord-wool-sweater", sold_out=["L"])
    result = CliRunner().invoke(app, ["find", "--live", "fjord wool sweater size L"])
    assert result.exit_code == 0, result.stderr
    line = f"shopper watch add {shop.base}/products/fjord-wool-sweater --restock --size L"
    assert line in " ".join(result.stdout.split())
    # every offer find read is a price observation: history starts before any watch
    conn = connect()
    try:
        rows = conn.execute(
            "SELECT variant, availability FROM observations WHERE url = ? AND variant LIKE '%size=l%'",
            (f"{shop.base}/products/fjord-wool-sweater",),
        ).fetchall()
    finally:
        conn.close()
    assert [tuple(r) for r in rows] == [("colour=black;size=L", "OutOfStock")]
