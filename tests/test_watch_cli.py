"""shopper watch through the CLI (typer's CliRunner), a daemon as a process, and the scheduler's clock."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.models import FindResult, Offer, Query, RankedOffer
from shopper.store.db import connect
from shopper.store.repos import LastResultsRepo
from shopper.watch.models import Watch
from shopper.watch.repo import WatchRepo
from shopper.watch.runner import RunSettings, run_once
from shopper.watch.scheduler import MAX_WAIT_S, Cycle, seconds_until, serve
from tests.watch_shops import Item, ShopifyShop, WebhookReceiver, set_item

runner = CliRunner()


@pytest.fixture
def shop() -> Iterator[ShopifyShop]:
    server = ShopifyShop(
        [Item("ridge-backpack-30", "Ridge Backpack 30 l", "Summit Gear", Decimal("89.00"), ["One Size"])]
    ).start()
    yield server
    server.stop()


@pytest.fixture
def hook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_add_list_run_history_over_the_cli(shop: ShopifyShop, hook: WebhookReceiver) -> None:
    url = f"{shop.base}/products/ridge-backpack-30"
    code, out, err = invoke("watch", "add", url, "--below", "75 EUR", "--notify", hook.url, "--every", "12h")
    assert code == 0, err
    assert "watch 1" in out and "below 75.00 EUR" in out
    code, out, _ = invoke("watch", "list", "--json")
    listed = json.loads(out)
    assert [(w["id"], w["target"], w["every_s"]) for w in listed] == [(1, url, 12 * 3600)]

    code, out, err = invoke("watch", "run", "--json", "--rate", "500")
    assert code == 0, err
    assert json.loads(out) == []
    set_item(shop.base, "ridge-backpack-30", price="69.00")
    code, out, err = invoke("watch", "run", "--all", "--json", "--rate", "500")
    assert code == 0, err
    alerts = json.loads(out)
    assert [(a["watch_id"], a["kind"], a["url"], a["shop"]) for a in alerts] == [
        (1, "below", url, "127.0.0.1:" + str(shop.port))
    ]
    assert alerts[0]["old_price"] == {"amount": "89.00", "currency": "EUR"}
    assert alerts[0]["new_price"] == {"amount": "69.00", "currency": "EUR"}
    assert alerts[0]["availability"] == "InStock" and alerts[0]["title"] == "Ridge Backpack 30 l"
    assert len(hook.posts) == 1 and hook.posts[0]["alert_id"] == alerts[0]["id"]
    # not due yet: nothing is read
    hits = len(shop.hits)
    code, out, _ = invoke("watch", "run", "--json", "--rate", "500")
    assert json.loads(out) == [] and len(shop.hits) == hits

    code, out, err = invoke("watch", "history", "1", "--width", "70")
    assert code == 0, err
    assert "┌" in out and "└" in out  # the chart's frame
    assert "lowest 69.00 EUR, highest 89.00 EUR, current 69.00 EUR" in out
    code, out, _ = invoke("watch", "history", "1", "--json")
    points = json.loads(out)["series"][0]["points"]
    assert [p["price"]["amount"] for p in points] == ["89.00", "69.00"]

    code, out, _ = invoke("watch", "list")
    assert code == 0 and "Ridge" in out and "below 75.00" in out

    assert invoke("watch", "pause", "1")[0] == 0
    assert json.loads(invoke("watch", "list", "--json")[1])[0]["paused"] is True
    assert invoke("watch", "resume", "1")[0] == 0
    code, out, err = invoke("watch", "test", "1")
    assert code == 0, err
    assert len(hook.posts) == 2 and "Test notification" in hook.posts[1]["title"]
    assert invoke("watch", "remove", "1")[0] == 0
    assert json.loads(invoke("watch", "list", "--json")[1]) == []


def test_add_by_rank_of_the_last_find_and_as_a_request() -> None:
    offers = [
        RankedOffer(offer=Offer(url=f"https://shop.invalid/p/{n}", title=f"Tent {n}", shop="s"), score=1.0)
        for n in (1, 2, 3)
    ]
    result = FindResult(
        request="two person tent", query=Query(text="two person tent", size="L"), offers=offers
    )
    conn = connect()
    try:
        LastResultsRepo(conn).save(result.request, result.model_dump_json())
    finally:
        conn.close()
    code, _out, err = invoke("watch", "add", "2", "--drop", "15%")
    assert code == 0, err
    code, _out, err = invoke("watch", "add", "waterproof", "hiking", "boots", "--below", "120")
    assert code == 0, err
    listed = json.loads(invoke("watch", "list", "--json")[1])
    assert [(w["kind"], w["target"], w["size"]) for w in listed] == [
        ("product", "https://shop.invalid/p/2", "L"),
        ("request", "waterproof hiking boots", None),
    ]
    assert listed[0]["drop_pct"] == "15" and listed[1]["below"] == {"amount": "120", "currency": "EUR"}
    code, _, err = invoke("watch", "add", "https://shop.invalid/p/2", "--size", "L")
    assert code == 2 and "already watched as watch 1" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://example.invalid/x"], "not a product address"),
        (["https://shop.invalid/p", "--every", "10s"], "at least one minute"),
        (["https://shop.invalid/p", "--below", "cheap"], "give an amount"),
        (["https://shop.invalid/p", "--drop", "150"], "between 0 and 100"),
        (["https://shop.invalid/p", "--notify", "nonsense"], "not a notification URL"),
        (["7"], "no earlier find"),
    ],
)
def test_bad_input_is_one_clear_line(args: list[str], message: str) -> None:
    code, _out, err = invoke("watch", "add", *args)
    assert code == 2
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unknown_watch_ids_are_a_clear_error() -> None:
    for command in ("remove", "pause", "resume", "test", "history"):
        code, _, err = invoke("watch", command, "42")
        assert code == 2 and "no watch 42" in err


def test_schedule_install_writes_a_crontab_line(tmp_path: Path, isolated_env: Path) -> None:
    tab = tmp_path / "crontab"
    tab.write_text("MAILTO=me@example.invalid\n0 3 * * * /usr/bin/backup\n")
    code, out, err = invoke("watch", "schedule", "install", "--tabfile", str(tab), "--every", "30m")
    assert code == 0, err
    lines = tab.read_text().splitlines()
    assert "0 3 * * * /usr/bin/backup" in lines and "MAILTO=me@example.invalid" in lines
    ours = [line for line in lines if "watch run" in line]
    assert len(ours) == 1
    line = ours[0]
    assert line.startswith("*/30 * * * * ")
    assert f"SHOPPER_HOME={isolated_env.resolve()}" in line
    exe = line.split()[6]
    assert os.path.isabs(exe) and os.path.exists(exe)
    assert line.endswith("# shopper watch run") and "watch.log" in line
    assert "installed in" in out and line.split(" # ")[0] in out
    # installing again replaces, never doubles
    invoke("watch", "schedule", "install", "--tabfile", str(tab), "--every", "1h")
    ours = [line for line in tab.read_text().splitlines() if "watch run" in line]
    assert len(ours) == 1 and ours[0].startswith(("0 * * * * ", "@hourly "))
    assert "watch run" in invoke("watch", "schedule", "show", "--tabfile", str(tab))[1]
    code, out, _ = invoke("watch", "schedule", "remove", "--tabfile", str(tab))
    assert code == 0 and "removed" in out
    assert "watch run" not in tab.read_text() and "/usr/bin/backup" in tab.read_text()


def test_schedule_as_a_systemd_user_timer(tmp_path: Path) -> None:
    units = tmp_path / "units"
    code, out, err = invoke("watch", "schedule", "install", "--method", "systemd", "--unit-dir", str(units))
    assert code == 0, err
    service = (units / "shopper-watch.service").read_text()
    timer = (units / "shopper-watch.timer").read_text()
    assert "ExecStart=/" in service and "watch run" in service and "SHOPPER_HOME=" in service
    assert "OnUnitActiveSec=15min" in timer and "systemctl --user enable --now shopper-watch.timer" in out
    assert invoke("watch", "schedule", "remove", "--method", "systemd", "--unit-dir", str(units))[0] == 0
    assert not list(units.iterdir())


def test_scheduler_runs_due_watches_on_an_injected_clock(shop: ShopifyShop) -> None:
    start = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    now = [start]
    conn = connect()
    try:
        url = f"{shop.base}/products/ridge-backpack-30"
        WatchRepo(conn).add(Watch(kind="product", target=url, every_s=3600), now[0])
        repo = WatchRepo(conn)
        waits: list[float] = []

        def run() -> Cycle:
            report = asyncio.run(
                run_once(conn, settings=RunSettings(per_host_rate=500), clock=lambda: now[0])
            )
            return Cycle(at=now[0], checked=report.checked)

        def wait(seconds: float) -> bool:  # stands in for Event.wait: no sleeping
            waits.append(seconds)
            now[0] += timedelta(seconds=seconds)
            return now[0] >= start + timedelta(hours=2, minutes=1)

        cycles: list[Cycle] = []
        turns = serve(run, repo.next_due, lambda: now[0], wait, cycles.append)
    finally:
        conn.close()
    assert turns == len(cycles) == len(waits)
    assert [c.at - start for c in cycles if c.checked] == [
        timedelta(0),
        timedelta(hours=1),
        timedelta(hours=2),
    ]
    assert max(waits) <= MAX_WAIT_S
    assert seconds_until(None, start) == MAX_WAIT_S
    assert seconds_until(start - timedelta(hours=1), start) > 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_daemon_stops_cleanly_on_a_signal(sig: signal.Signals) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "shopper", "watch", "daemon"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()  # blocks until the daemon says it runs
    assert "daemon running" in line
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "daemon stopped" in err and "Traceback" not in err


def test_a_demo_product_watched_after_its_find_ended_is_checked(isolated_env: Path) -> None:
    """README's `find`, then `watch add 1`, then `watch run`: each a process, the demo shops gone between."""
    from conftest import _free_block

    env = {**os.environ, "SHOPPER_HOME": str(isolated_env), "SHOPPER_DEMO_PORT": str(_free_block())}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "shopper", *args]
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=180, check=False)

    found = run("find", "noise cancelling headphones under 300 euro", "--json")
    assert found.returncode == 0, found.stderr
    added = run("watch", "add", "1", "--below", "60")
    assert added.returncode == 0, added.stderr
    checked = run("watch", "run")
    assert checked.returncode == 0 and "not reachable" not in checked.stderr, checked.stderr
    [watch] = json.loads(run("watch", "list", "--json").stdout)
    assert watch["last_ok_at"] and not watch["last_error"]
