"""A worker process for CPU-heavy parsing (catalogue pages): this process's GIL stays free meanwhile.

Normalizing a page of a few hundred products takes about 0.1 s of pure Python. In a thread it holds
the GIL that every shop's answer waits for; in a process of its own it runs on another core, and only
the result comes back (a pickle, about a fifth of the work to read). One worker, started with the first
catalogue request so that it is up by the time the page has downloaded.

It is `python -m shopper.workers` on a pipe, not a multiprocessing pool: a spawned or forkserver child
runs the program's main module again (a script calling shopper without an `if __name__ == "__main__"`
guard would run twice, and the CLI's imports would load in the worker), and a plain fork would copy this
process's threads and connections. Without a second core, or once the worker has failed, a thread does
the work, as before."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")

MIN_CORES = 2  # on one core a second process only competes with this one
# A long-running shopper (chat, mcp) lets an idle worker go: its memory is the size of a find's, and the
# next catalogue starts another while its first page downloads.
IDLE_SECONDS = 120.0
_HEADER = struct.Struct("!Q")  # the length of the pickle that follows


class WorkerFailed(Exception):
    """The worker process is gone or answered nonsense (not an error of the function it ran)."""


class NotPicklable(Exception):
    """The call cannot be sent to a process (a local function, say): it is made here instead."""


class _Retired(Exception):
    """The worker the call was meant for was let go for being idle: the call is made here."""


class _Worker:
    """One child process; calls are made one at a time (from the one thread that talks to it)."""

    def __init__(self) -> None:
        # the worker imports this very copy of shopper (a checkout run with PYTHONPATH, say)
        here = str(Path(__file__).resolve().parents[1])
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])),
        }
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "shopper.workers"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # a worker that cannot start (no shopper where it looks) is a fallback, not a traceback
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # Ctrl-C is for this process to handle; the worker ends with its pipe
        )
        self._lock = threading.Lock()

    def call(self, fn: Callable[..., T], args: tuple[object, ...], kwargs: dict[str, object]) -> T:
        try:
            data = pickle.dumps((fn, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # PicklingError, or AttributeError/TypeError for what pickle cannot reach
            raise NotPicklable(str(exc)) from None
        with self._lock:
            try:
                _write(self._proc.stdin, data)
                raw = _read(self._proc.stdout)
            except (OSError, EOFError, struct.error) as exc:
                raise WorkerFailed(str(exc) or type(exc).__name__) from None
        try:
            ok, value = pickle.loads(raw)
        except Exception as exc:  # an exception class that cannot be rebuilt here, say
            raise NotPicklable(f"the worker's answer could not be read: {exc}") from None
        if not ok:
            raise value
        return value

    def close(self) -> None:
        if self._proc.stdin is not None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()
        try:
            self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._proc.kill()


_worker: _Worker | None = None
_unavailable = False
_starting = threading.Lock()
_busy = 0  # calls under way in the worker
_last_used = 0.0  # time.monotonic() when the last call ended
_timer: threading.Timer | None = None


def warm_up() -> None:
    """Start the worker (when this machine has a core for it) without waiting for it to be ready."""
    global _worker, _unavailable
    with _starting:
        if _worker is not None or _unavailable:
            return
        if (os.cpu_count() or 1) < MIN_CORES:
            _unavailable = True
            return
        try:
            _worker = _Worker()
        except OSError:
            _unavailable = True
            return
        atexit.register(_worker.close)


_calls: ThreadPoolExecutor | None = None  # one thread that talks to the worker: calls wait in its queue


def _call_worker(
    worker: _Worker, fn: Callable[..., T], args: tuple[object, ...], kwargs: dict[str, object]
) -> T:
    global _worker, _unavailable, _busy
    with _starting:
        if worker is not _worker:  # let go while this call waited: it is made here
            raise _Retired
        _busy += 1
    try:
        return worker.call(fn, args, kwargs)
    except WorkerFailed:
        with _starting:  # the next calls go straight to threads
            _unavailable, _worker = True, None
        worker.close()
        raise
    finally:
        _ended_call()


def _ended_call() -> None:
    global _busy, _last_used, _timer
    with _starting:
        _busy -= 1
        _last_used = time.monotonic()
        if _timer is not None:
            _timer.cancel()
        # a daemon thread: a program that is done does not wait for it
        _timer = threading.Timer(IDLE_SECONDS, retire_idle)
        _timer.daemon = True
        _timer.start()


def retire_idle(now: float | None = None) -> bool:
    """Close the worker when no call has used it for IDLE_SECONDS (the next call starts another);
    True when it was closed."""
    global _worker
    with _starting:
        worker = _worker
        moment = time.monotonic() if now is None else now
        if worker is None or _busy or moment - _last_used < IDLE_SECONDS:
            return False
        _worker = None
    worker.close()
    return True


async def parse(fn: Callable[..., T], *args: object, **kwargs: object) -> T:
    """fn(*args, **kwargs) in the worker process when there is one, else in a thread; all must pickle."""
    global _calls
    warm_up()
    worker = _worker
    if worker is not None:
        if _calls is None:
            _calls = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopper-worker-calls")
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(_calls, _call_worker, worker, fn, args, kwargs)
        except (WorkerFailed, NotPicklable, _Retired):
            pass  # the page is parsed here after all
    return await asyncio.to_thread(fn, *args, **kwargs)


def _write(pipe: IO[bytes] | None, data: bytes) -> None:
    assert pipe is not None
    pipe.write(_HEADER.pack(len(data)))
    pipe.write(data)
    pipe.flush()


def _read(pipe: IO[bytes] | None) -> bytes:
    assert pipe is not None
    header = pipe.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the pipe was closed")
    size = _HEADER.unpack(header)[0]
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError("the pipe was closed")
    return data


def serve() -> None:
    """The worker's side: call what comes in on stdin, answer on stdout, until stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # imported before the first page arrives: these are what the pages need
    import shopper.shops.adapters.shopify
    import shopper.shops.adapters.woocommerce  # noqa: F401

    inbox, outbox = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the pipe
    while True:
        try:
            request = _read(inbox)
        except EOFError:
            return
        try:
            fn, args, kwargs = pickle.loads(request)
        except Exception as exc:  # a function this process cannot import: the caller makes the call
            answer: tuple[bool, object] = (False, NotPicklable(f"the worker cannot load the call: {exc}"))
        else:
            try:
                answer = (True, fn(*args, **kwargs))
            except Exception as exc:  # the caller gets it back, raised where it asked
                answer = (False, exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the caller does the work itself; this worker goes on
            data = pickle.dumps((False, NotPicklable(str(exc))), protocol=pickle.HIGHEST_PROTOCOL)
        _write(outbox, data)


if __name__ == "__main__":
    # run as the module the caller knows, so the exceptions sent back unpickle there as shopper.workers.*
    from shopper.workers import serve as _serve

    _serve()
