"""Several shopper processes on one data dir at once (a cron sync or watch while the user runs find)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopper.demo.catalog import shop_products
from shopper.demo.server import ShopServer
from shopper.store.db import connect

INSERT = "INSERT INTO last_results (created_at, request, json) VALUES ('t', ?, '{}')"
FINDS = ("rain jacket", "headphones", "trail running shoes", "wool sweater")


@pytest.fixture(scope="module")
def local_shops() -> Iterator[list[ShopServer]]:
    servers = [
        ShopServer(shop_products(0), "shopify", name="Local Shopify"),
        ShopServer(shop_products(1), "woocommerce", name="Local Woo"),
    ]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


def _profile(folder: Path, servers: list[ShopServer]) -> Path:
    path = folder / "local.toml"
    blocks = [f'[[shops]]\nname = "{s.name}"\nurl = "{s.url}"\nplatform = "{s.flavor}"\n' for s in servers]
    path.write_text('name = "local"\n\n' + "\n".join(blocks), encoding="utf-8")
    return path


def test_finds_and_a_sync_at_once_on_one_data_dir(
    local_shops: list[ShopServer], tmp_path: Path, isolated_env: Path
) -> None:
    profile = _profile(tmp_path, local_shops)
    env = {**os.environ, "SHOPPER_HOME": str(isolated_env), "COLUMNS": "200"}
    commands = [["find", text, "--profile", str(profile), "--json"] for text in FINDS]
    commands.append(["shops", "sync", "--profile", str(profile)])
    # A fresh data dir: every process also races to create and migrate the database.
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "shopper", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for args in commands
    ]
    outputs = [proc.communicate(timeout=240) for proc in procs]
    for args, proc, (_out, err) in zip(commands, procs, outputs, strict=True):
        assert proc.returncode == 0, f"{args}: {err}"
        assert "locked" not in err and "Traceback" not in err, err
    for out, _ in outputs[: len(FINDS)]:
        assert json.loads(out)["offers"]
    assert outputs[-1][0].count("mirrored") == len(local_shops)
    conn = connect(isolated_env / "shopper.db")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM last_results").fetchone()[0] == len(FINDS)
        assert conn.execute("SELECT count(*) FROM catalog_sync").fetchone()[0] == len(local_shops)
    finally:
        conn.close()


def test_a_writer_waits_for_another_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    first = connect(path)
    started, released = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        second = connect(path)  # its own connection, in its own thread, like another process
        try:
            assert int(second.execute("PRAGMA busy_timeout").fetchone()[0]) >= 5000
            started.set()
            with second:
                second.execute(
                    "INSERT INTO last_results (created_at, request, json) VALUES ('t', 'two', '{}')"
                )
        except (sqlite3.Error, AssertionError) as exc:
            failures.append(exc)
        finally:
            second.close()
            released.set()

    try:
        first.execute("BEGIN IMMEDIATE")
        first.execute(INSERT, ("one",))
        worker = threading.Thread(target=write)
        worker.start()
        assert started.wait(10)
        assert not released.wait(0.3)  # the second writer waits on the first one's lock
        first.execute("COMMIT")
        worker.join(timeout=20)
        assert released.is_set() and failures == []
        rows = [r[0] for r in first.execute("SELECT request FROM last_results ORDER BY id")]
        assert rows == ["one", "two"]
    finally:
        first.close()


def test_a_big_mirror_write_is_several_short_transactions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shopper.models import Offer
    from shopper.shops import catalog

    monkeypatch.setattr(catalog, "WRITE_BATCH", 2)
    conn = connect(tmp_path / "mirror.db")
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        mirror = catalog.CatalogMirror(conn)
        offers = [Offer(url=f"https://shop.example/p/{n}", title=f"Item {n}") for n in range(5)]
        assert mirror.replace_all("s", offers) == 5
        assert sum(1 for s in statements if s.startswith("BEGIN")) == 4  # 3 batches, then the delete
        assert mirror.replace_all("s", offers[:3]) == 3
        assert mirror.count("s") == 3 and mirror.get("s", "https://shop.example/p/4") is None
    finally:
        conn.close()
