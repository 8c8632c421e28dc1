"""The worker process that parses catalogue pages off this process's GIL, and its fallback to threads."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from conftest import fixture_path

from shopper import workers
from shopper.models import ShopConfig
from shopper.shops.adapters.base import get_adapter
from shopper.shops.adapters.shopify import _catalogue_page
from shopper.shops.adapters.woocommerce import _page_offers
from shopper.shops.fetch import Fetcher, FetchSettings

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
async def test_an_idle_worker_is_let_go_and_the_next_call_starts_another(fresh: None) -> None:
    first = await workers.parse(os.getpid)
    worker = workers._worker
    assert worker is not None
    assert workers._timer is not None and workers._timer.daemon  # a finished program never waits for it
    used = workers._last_used
    assert not workers.retire_idle(now=used + workers.IDLE_SECONDS / 2)  # not idle long enough
    assert workers._worker is worker
    assert workers.retire_idle(now=used + workers.IDLE_SECONDS)
    assert workers._worker is None and worker._proc.poll() is not None  # the process has ended
    second = await workers.parse(os.getpid)
    assert second not in (first, os.getpid())  # another worker process, not a thread here


@needs_two_cores
async def test_a_call_meant_for_a_worker_let_go_meanwhile_is_made_here(fresh: None) -> None:
    await workers.parse(os.getpid)
    worker = workers._worker
    assert worker is not None and workers.retire_idle(now=workers._last_used + workers.IDLE_SECONDS)
    # a call that had taken the old worker before it was let go is not sent to it (parse makes it here)
    with pytest.raises(workers._Retired):
        await asyncio.to_thread(workers._call_worker, worker, os.getpid, (), {})
    assert not workers._unavailable and workers._busy == 0  # no failure: the next call starts a new worker
    assert await workers.parse(os.getpid) != os.getpid()


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


class _CapturedShop:
    """Serves real captured API answers (tests/fixtures, see PROVENANCE.md) on 127.0.0.1."""

    def __init__(self, routes: dict[str, tuple[bytes, dict[str, str]]]) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path, _, query = self.path.partition("?")
                found = routes.get(path if "page=2" not in query else path + "#2")
                if found is None:
                    self.send_error(404)
                    return
                body, headers = found
                self.send_response(200)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, args=(0.01,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@needs_two_cores
@pytest.mark.parametrize(
    ("platform", "fixture", "path", "headers"),
    [
        ("shopify", "shopify_products_json_tokyopop_single_product_untrimmed.json", "/products.json", {}),
        (
            "woocommerce",
            "woocommerce_store_api_products_docs_example.json",
            "/wp-json/wc/store/v1/products",
            {"X-WP-Total": "1", "X-WP-TotalPages": "1"},
        ),
    ],
)
async def test_a_real_catalogue_page_read_in_the_worker_is_the_one_read_here(
    fresh: None,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    fixture: str,
    path: str,
    headers: dict[str, str],
) -> None:
    sent: list[str] = []  # what the worker was sent and answered
    call = workers._Worker.call

    def counted(self: workers._Worker, fn: Callable[..., Any], *rest: Any) -> Any:
        answer = call(self, fn, *rest)
        sent.append(fn.__name__)
        return answer

    monkeypatch.setattr(workers._Worker, "call", counted)
    body = fixture_path(fixture).read_bytes()
    shop = _CapturedShop({path: (body, headers), path + "#2": (b"[]", headers)})
    try:
        config = ShopConfig(name="captured", url=shop.url, platform=platform)  # type: ignore[arg-type]
        async with Fetcher(FetchSettings(cache_path=None)) as fetcher:
            offers = await get_adapter(platform).catalogue(fetcher, config)
    finally:
        shop.close()
    if platform == "shopify":
        read = _catalogue_page(body.decode(), config)
        here = read[1] if read is not None else None
    else:
        here = _page_offers(body.decode(), config)
    assert sent == [("_catalogue_page" if platform == "shopify" else "_page_offers")]
    assert offers and here
    assert [o.model_dump() for o in offers] == [o.model_dump() for o in here]
