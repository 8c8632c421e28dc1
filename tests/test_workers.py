"""The worker process that parses catalogue pages off this process's GIL, and its fallback to threads."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest

from shopper import workers

needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < workers.MIN_CORES, reason="one core: threads")


@pytest.fixture
def fresh() -> Iterator[None]:
    """A worker of the test's own, and the module as it was afterwards."""
    saved = workers._worker, workers._unavailable
    workers._worker, workers._unavailable = None, False
    yield
    if workers._worker is not None:
        workers._worker.close()
    workers._worker, workers._unavailable = saved


@needs_two_cores
async def test_work_runs_in_another_process_that_leaves_ctrl_c_to_this_one(fresh: None) -> None:
    assert await workers.parse(os.getpid) != os.getpid()
    assert await workers.parse(signal.getsignal, signal.SIGINT) == signal.SIG_IGN
    assert await workers.parse(sorted, [3, 1, 2]) == [1, 2, 3]


@needs_two_cores
async def test_an_error_of_the_work_is_raised_here(fresh: None) -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        await workers.parse(int, "not a number")
    assert await workers.parse(os.getpid) != os.getpid()  # the worker is still there


@needs_two_cores
async def test_what_cannot_be_sent_to_the_worker_is_done_here(fresh: None) -> None:
    here = os.getpid()
    assert await workers.parse(lambda: os.getpid()) == here  # a local function does not pickle
    assert await workers.parse(os.getpid) != here  # and the worker is still there for the next


def _defined_in_the_tests() -> int:
    return os.getpid()  # the worker cannot import this module


@needs_two_cores
async def test_a_call_or_answer_the_worker_cannot_handle_is_made_here(fresh: None) -> None:
    here = os.getpid()
    assert await workers.parse(_defined_in_the_tests) == here
    lock = await workers.parse(threading.Lock)  # made there, but a lock does not pickle back
    assert lock.acquire(blocking=False)
    assert await workers.parse(os.getpid) != here  # the worker went on


@needs_two_cores
async def test_a_dead_worker_leaves_the_work_to_threads(fresh: None) -> None:
    assert await workers.parse(os.getpid) != os.getpid()
    worker = workers._worker
    assert worker is not None
    worker._proc.kill()
    worker._proc.wait()
    assert await workers.parse(os.getpid) == os.getpid()  # this page parsed here after all
    assert await workers.parse(os.getpid) == os.getpid()  # and the next ones
    assert workers._worker is None


async def test_without_a_second_core_there_is_no_worker(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert await workers.parse(os.getpid) == os.getpid()
    assert workers._worker is None
