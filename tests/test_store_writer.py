"""The find's writer thread: writes in order, on a connection of its own, never blocking the event loop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from shopper.shops.catalog import CatalogMirror
from shopper.store.db import connect, connect_again, database_file
from shopper.store.writer import Writer


def _synced(conn: sqlite3.Connection, shop: str) -> int | None:
    row = conn.execute("SELECT offer_count FROM catalog_sync WHERE shop = ?", (shop,)).fetchone()
    return None if row is None else int(row["offer_count"])


async def test_writes_run_in_order_on_another_thread_and_are_seen_after_the_await(tmp_path: Path) -> None:
    conn = connect(tmp_path / "shopper.db")
    threads: list[int] = []

    def count(n: int) -> Callable[[sqlite3.Connection], int]:
        def write(c: sqlite3.Connection) -> int:
            threads.append(threading.get_ident())
            assert c is not conn
            CatalogMirror(c).mark_synced("winkel", n)
            return n

        return write

    try:
        async with Writer(conn) as writer:
            # asked together: the last one asked is the one that stays
            done = await asyncio.gather(*(writer.run(count(n)) for n in range(1, 6)))
            assert done == [1, 2, 3, 4, 5]
            assert _synced(conn, "winkel") == 5
        assert set(threads) != {threading.get_ident()} and len(set(threads)) == 1
    finally:
        conn.close()


async def test_an_in_memory_database_is_written_through_its_own_connection() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x INTEGER)")
    async with Writer(conn) as writer:
        await writer.run(lambda c: c.execute("INSERT INTO t VALUES (1)"))
    assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]


async def test_the_loop_goes_on_while_a_write_waits_for_another_connections_lock(tmp_path: Path) -> None:
    conn = connect(tmp_path / "shopper.db")
    path = database_file(conn)
    assert path is not None
    blocker = connect_again(path)
    blocker.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        async with Writer(conn) as writer:
            write = asyncio.ensure_future(writer.run(lambda c: CatalogMirror(c).mark_synced("winkel", 7)))
            # Were the write made on the loop, nothing else would run until the lock was given up.
            others_ran = asyncio.Event()
            asyncio.get_running_loop().call_soon(others_ran.set)
            await others_ran.wait()
            for _ in range(20):
                await asyncio.sleep(0)
            assert not write.done()
            blocker.commit()
            await write
        assert _synced(conn, "winkel") == 7
    finally:
        blocker.close()
        conn.close()


async def test_close_waits_for_writes_whose_callers_were_cancelled(tmp_path: Path) -> None:
    conn = connect(tmp_path / "shopper.db")
    path = database_file(conn)
    assert path is not None
    blocker = connect_again(path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        writer = Writer(conn)
        callers = [
            asyncio.ensure_future(writer.run(lambda c, n=n: CatalogMirror(c).mark_synced(f"shop{n}", n)))
            for n in range(3)
        ]
        await asyncio.sleep(0)
        for caller in callers:
            caller.cancel()  # Ctrl-C while the writes wait for the lock
        await asyncio.gather(*callers, return_exceptions=True)
        assert all(c.cancelled() for c in callers)
        closing = asyncio.ensure_future(writer.aclose())
        await asyncio.sleep(0)
        assert not closing.done()  # still waiting for the lock, with the writes queued
        blocker.commit()
        await closing
        assert [_synced(conn, f"shop{n}") for n in range(3)] == [0, 1, 2]
    finally:
        blocker.close()
        conn.close()


async def test_a_write_no_one_waits_for_is_made_in_order_and_its_failure_kept(tmp_path: Path) -> None:
    conn = connect(tmp_path / "shopper.db")
    try:
        async with Writer(conn) as writer:
            writer.submit(lambda c: CatalogMirror(c).mark_synced("winkel", 4))
            writer.submit(lambda c: c.execute("INSERT INTO no_such_table VALUES (1)"))
            # asked after both: by the time it runs, both have been tried
            assert await writer.run(lambda c: _synced(c, "winkel")) == 4
            assert len(writer.errors) == 1 and "no_such_table" in writer.errors[0]
            assert "\n" not in writer.errors[0]
    finally:
        conn.close()
