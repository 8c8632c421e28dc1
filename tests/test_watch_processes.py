"""watch run as real processes: two at once, and one killed with SIGKILL between state change and send."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from shopper.models import Money
from shopper.store.db import connect
from shopper.watch.models import Watch
from shopper.watch.repo import WatchRepo
from tests.watch_shops import Item, ShopifyShop, WebhookReceiver, set_item

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")
RUN = [sys.executable, "-m", "shopper", "watch", "run", "--all", "--json", "--rate", "500"]


@pytest.fixture
def shop() -> Iterator[ShopifyShop]:
    server = ShopifyShop(
        [Item("harbour-jacket", "Harbour Rain Jacket", "Northwind", Decimal("150.00"), ["M", "L"])]
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def hook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


def _watch(shop: ShopifyShop, hook: WebhookReceiver) -> int:
    conn = connect()
    try:
        watch = Watch(
            kind="product",
            target=f"{shop.base}/products/harbour-jacket",
            below=Money(amount="120", currency="EUR"),
            # a long read timeout: the receiver holds the request open on purpose
            notify=[hook.url + "?rto=30"],
        )
        from shopper.watch.runner import utc_now

        return WatchRepo(conn).add(watch, utc_now()).id
    finally:
        conn.close()


def _start() -> subprocess.Popen[str]:
    return subprocess.Popen(
        RUN, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ)
    )


def _db() -> sqlite3.Connection:
    return connect(Path(os.environ["SHOPPER_HOME"]) / "shopper.db")


def test_two_runs_at_once_send_one_alert(shop: ShopifyShop, hook: WebhookReceiver) -> None:
    _watch(shop, hook)
    set_item(shop.base, "harbour-jacket", price="99.00")
    hook.hold.set()
    first = _start()
    assert hook.arrived.wait(60), first.communicate(timeout=5)
    # The first run holds the lock while its notification is in flight; a second run now does nothing.
    second = subprocess.run(RUN, capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == []
    assert "in progress" in second.stderr
    hook.hold.clear()
    hook.release.set()
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    alerts = json.loads(out)
    assert [a["kind"] for a in alerts] == ["below"]
    assert alerts[0]["new_price"] == {"amount": "99.00", "currency": "EUR"}
    assert set(alerts[0]) >= {
        "watch_id",
        "kind",
        "url",
        "title",
        "shop",
        "old_price",
        "new_price",
        "availability",
    }
    assert len(hook.attempts) == 1
    conn = _db()
    try:
        assert conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1
    finally:
        conn.close()


def test_a_run_killed_before_sending_leaves_the_alert_for_the_next_run(
    shop: ShopifyShop, hook: WebhookReceiver
) -> None:
    watch_id = _watch(shop, hook)
    set_item(shop.base, "harbour-jacket", price="99.00")
    hook.hold.set()
    victim = _start()
    assert hook.arrived.wait(60)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    conn = _db()
    try:
        rows = conn.execute("SELECT id, sent_at FROM alerts").fetchall()
        assert len(rows) == 1 and rows[0]["sent_at"] is None  # written with the state change, not sent
        stored = WatchRepo(conn).get(watch_id)
        assert stored is not None and stored.state.get("below") is True
        pending_id = rows[0]["id"]
    finally:
        conn.close()
    assert hook.posts == []  # the killed run's request was never answered
    hook.hold.clear()
    hook.release.set()

    again = subprocess.run(RUN, capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == []  # no new alert: the state already changed
    assert [p["alert_id"] for p in hook.posts] == [pending_id]
    third = subprocess.run(RUN, capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert json.loads(third.stdout) == [] and len(hook.posts) == 1
    conn = _db()
    try:
        assert conn.execute("SELECT count(*) FROM alerts WHERE sent_at IS NULL").fetchone()[0] == 0
    finally:
        conn.close()
