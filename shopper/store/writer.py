"""One thread that makes a find's database writes, in the order they were asked, on a connection of
its own.

Several shops answer at once, and each wants to write: its catalogue, its search answers, the pages read.
On the connection the event loop uses, a write that meets another one's lock waits in SQLite's busy
handler, which sleeps in growing steps, and the loop (every shop's requests) stands still meanwhile.
Writers in threads of their own wait on each other the same way. One writer thread never meets a lock
of this process, and the loop only awaits it."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import TypeVar

from shopper.store.db import connect_again, database_file

T = TypeVar("T")


class Writer:
    """`await writer.run(fn)` calls fn(connection) on the writer's thread and returns what it returned.

    A database without a file (in memory) has no other connection: fn then runs on the one given."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._path = database_file(conn)
        self._own: sqlite3.Connection | None = None
        self._executor: ThreadPoolExecutor | None = None
        self.errors: list[str] = []  # failures of submitted writes, one line each

    async def run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """fn(connection), run on the writer thread after every write asked before it."""
        if self._path is None:
            return fn(self._conn)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopper-writer")
        loop = asyncio.get_running_loop()
        # shielded: a cancelled caller (Ctrl-C, a shop's deadline) does not undo a write already queued,
        # and close() waits for it, so what was read is kept whole or not at all
        return await asyncio.shield(loop.run_in_executor(self._executor, self._call, fn))

    def submit(self, fn: Callable[[sqlite3.Connection], object]) -> None:
        """fn(connection) queued after every write asked before it, and not waited for: for what nothing
        in this run reads back. A failure is kept in `errors`; close() waits for the queue."""
        if self._path is None:
            self._kept(fn)
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopper-writer")
        self._executor.submit(self._kept, fn)

    def _kept(self, fn: Callable[[sqlite3.Connection], object]) -> None:
        try:
            self._call(fn) if self._path is not None else fn(self._conn)
        except Exception as exc:  # no one awaits this write: its failure is reported instead
            self.errors.append(f"{type(exc).__name__}: {' '.join(str(exc).split())}")

    def _call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._own is None:  # opened on the writer thread, the only one that may use it
            self._own = connect_again(self._path or "")
        return fn(self._own)

    def _close_own(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None

    async def aclose(self) -> None:
        """Wait for the writes asked so far, then close the writer's connection and thread."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        loop = asyncio.get_running_loop()
        try:
            await asyncio.shield(loop.run_in_executor(executor, self._close_own))
        finally:
            executor.shutdown(wait=False)

    async def __aenter__(self) -> Writer:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
