"""Interpreter settings that shopper changes while a piece of work runs, and restores after it.

Both are process-wide, so each is held by a count: nested or concurrent holders (two Fetchers, a find
inside a chat) share the change, and the last one out puts back what was there before the first."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")

SWITCH_INTERVAL = 0.001  # seconds; CPython's default is 0.005
# Collections of the youngest generation after this many more allocations than deallocations (CPython:
# 700), and of the older ones after this many of the younger (CPython: 10). A find builds tens of
# thousands of short-lived objects (offers, variants, money) that reference counting frees; with the
# default thresholds, collections that find almost nothing to free took a fifth of a cold find's CPU,
# holding the GIL that the shops' answers wait for.
GC_THRESHOLDS = (20_000, 20, 20)


class _Held(Generic[T]):
    """One process-wide setting, changed by the first holder and restored by the last."""

    def __init__(self, read: Callable[[], T], write: Callable[[T], None], choose: Callable[[T], T]) -> None:
        self._read, self._write, self._choose = read, write, choose
        self._holders = 0
        self._saved: T | None = None

    def enter(self) -> None:
        """Take a hold; the first one changes the setting."""
        if self._holders == 0:
            self._saved = self._read()
            self._write(self._choose(self._saved))
        self._holders += 1

    def leave(self) -> None:
        """Give a hold back; the last one restores the setting."""
        self._holders -= 1
        if self._holders == 0 and self._saved is not None:
            self._write(self._saved)
            self._saved = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """The setting changed for the duration of the block."""
        self.enter()
        try:
            yield
        finally:
            self.leave()


def _set_thresholds(values: tuple[int, ...]) -> None:
    gc.set_threshold(*values)


def _fewer(current: tuple[int, ...]) -> tuple[int, ...]:
    # never more often than the process already collects (an embedding application may have raised them,
    # or turned collection off with a threshold of 0)
    if current and current[0] == 0:
        return current
    return tuple(max(mine, theirs) for mine, theirs in zip(GC_THRESHOLDS, current, strict=False))


# The HTTP cache's SQLite calls each hop to a worker thread and back. While another thread computes (a
# catalogue page being normalized), each hop waited out the default 5 ms switch interval, and a response
# of a few hundred chunks and cache writes took 0.7 s instead of 0.09 s.
quick_switches = _Held(sys.getswitchinterval, sys.setswitchinterval, lambda now: min(now, SWITCH_INTERVAL))
fewer_collections = _Held(gc.get_threshold, _set_thresholds, _fewer)
