"""The long-running scheduler: run the due watches, sleep until the next is due, stop on a signal."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

MIN_WAIT_S = 5.0  # never spin faster than this
MAX_WAIT_S = 300.0  # look again at least this often (new watches, resumed ones)


@dataclass
class Cycle:
    """What one scheduler turn did."""

    at: datetime
    checked: int = 0
    alerts: int = 0
    busy: bool = False
    error: str | None = None


def seconds_until(next_due: datetime | None, now: datetime) -> float:
    """How long to wait for the next due watch, within [MIN_WAIT_S, MAX_WAIT_S]."""
    if next_due is None:
        return MAX_WAIT_S
    return min(MAX_WAIT_S, max(MIN_WAIT_S, (next_due - now).total_seconds()))


def serve(
    run: Callable[[], Cycle],
    next_due: Callable[[], datetime | None],
    clock: Callable[[], datetime],
    wait: Callable[[float], bool],
    on_cycle: Callable[[Cycle], None] = lambda cycle: None,
) -> int:
    """Loop until `wait` says stop (it returns True when asked to stop); returns the number of turns."""
    turns = 0
    while True:
        cycle = run()
        turns += 1
        on_cycle(cycle)
        if wait(seconds_until(next_due(), clock())):
            return turns


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGTERM or SIGINT while inside the block; the old handlers come back after."""
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
