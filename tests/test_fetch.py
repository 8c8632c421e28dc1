"""Integration tests of the shared Fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from http_server import TestServer, gzip_bomb

from shopper import USER_AGENT
from shopper.shops.fetch import Fetcher, FetchSettings, decode_text, parse_retry_after
from shopper.shops.robots import MAX_CRAWL_DELAY

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHOPPER_HOME", str(tmp_path / "home"))
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[TestServer]:
    srv = TestServer().start()
    yield srv
    srv.close()


class FakeTime:
    """An injected clock and sleep: records requested waits and advances time instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def fetcher(fake_time: FakeTime, **settings: object) -> Fetcher:
    return Fetcher(FetchSettings(**settings), sleep=fake_time.sleep, clock=fake_time.clock)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- pages and encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected", "encoding"),
    [
        ("/page/utf8", "Grüße € 10", "utf-8"),
        ("/page/cp1252", "Café – 10€", "cp1252"),
        ("/page/latin1-meta", "Zürich", "cp1252"),  # WHATWG: iso-8859-1 labels mean windows-1252
        ("/page/undeclared-cp1252", "Crème brûlée", "cp1252"),
        ("/page/undeclared-utf8", "Crème brûlée", "utf-8"),
        ("/page/bom", "Ångström", "utf-8"),  # the BOM beats the header
    ],
)
async def test_text_is_decoded_by_declared_or_detected_charset(
    server: TestServer, fake_time: FakeTime, path: str, expected: str, encoding: str
) -> None:
    async with fetcher(fake_time) as f:
        page = await f.get(server.url(path))
    assert page is not None, f.warnings
    assert expected in page.text
    assert page.encoding == encoding
    assert page.status == 200
    assert page.url == page.final_url == server.url(path)
    assert page.headers["content-type"].startswith("text/html")
    assert not page.from_cache
    assert f.warnings == []


async def test_invalid_byte_sequences_become_replacement_characters(
    server: TestServer, fake_time: FakeTime
) -> None:
    async with fetcher(fake_time) as f:
        page = await f.get(server.url("/page/invalid"))
    assert page is not None
    assert page.text.startswith("<p>ok ")
    assert "\ufffd" in page.text
    assert page.text.endswith(" end</p>")
    assert page.content == b"<p>ok \xff\xfe bad \xc3( end</p>"


def test_decode_text_without_any_hint_falls_back_to_windows_1252() -> None:
    assert decode_text("prix: 10 €".encode("cp1252"), None) == ("cp1252", "prix: 10 €")
    assert decode_text(b"", "text/html") == ("utf-8", "")


async def test_json_and_params(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        data = await f.get_json(server.url("/api.json"), params={"limit": "1", "page": 2})
        page = await f.get(server.url("/api.json"), params=[("q", "käse")])
    assert data == {"products": [{"title": "Käse", "price": "7.99"}]}
    assert page is not None
    assert page.url == server.url("/api.json?q=k%C3%A4se")
    assert page.json()["products"][0]["title"] == "Käse"
    assert f.warnings == []


async def test_invalid_json_is_a_warning(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get_json(server.url("/bad.json")) is None
    assert len(f.warnings) == 1
    assert f.warnings[0].startswith(server.url("/bad.json") + ": not valid JSON")


async def test_user_agent_identifies_the_project(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        page = await f.get(server.url("/ua"))
    assert page is not None
    assert page.text == USER_AGENT
    assert "+https://" in USER_AGENT
    # robots.txt was asked for with the same identity
    assert server.user_agents == [USER_AGENT, USER_AGENT]


# --- robots.txt -----------------------------------------------------------------------------


async def test_robots_disallow_skips_the_url_with_a_warning(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        secret = await f.get(server.url("/private/secret"))
        # the "shopper" group applies, so the "*" group's Disallow does not
        allowed = await f.get(server.url("/others-only"))
    assert secret is None
    assert allowed is not None
    assert f.warnings == [f"{server.url('/private/secret')}: disallowed by robots.txt"]
    assert server.hits["/private/secret"] == 0


async def test_robots_is_fetched_once_per_host(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        pages = await asyncio.gather(*(f.get(server.url("/page/utf8")) for _ in range(5)))
        await f.get(server.url("/ua"))
    assert all(p is not None for p in pages)
    assert server.hits["/robots.txt"] == 1


async def test_robots_can_be_ignored_when_asked(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, respect_robots=False) as f:
        page = await f.get(server.url("/private/secret"))
    assert page is not None
    assert server.hits["/robots.txt"] == 0


@pytest.mark.parametrize(("robots", "status"), [(None, 404), ("User-agent: *\nDisallow: /\n", 503)])
async def test_missing_or_failing_robots_means_allow_all(
    fake_time: FakeTime, robots: str | None, status: int
) -> None:
    srv = TestServer(robots=robots, robots_status=status).start()
    try:
        async with fetcher(fake_time) as f:
            page = await f.get(srv.url("/private/secret"))
        assert page is not None
        assert f.warnings == []
        assert srv.hits["/robots.txt"] == 1
    finally:
        srv.close()


async def test_redirect_into_disallowed_path_is_refused(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(server.url("/redir-private")) is None
    assert server.hits["/private/secret"] == 0
    assert len(f.warnings) == 1
    assert "disallowed by robots.txt" in f.warnings[0]


async def test_crawl_delay_spaces_requests(fake_time: FakeTime) -> None:
    srv = TestServer(robots="User-agent: *\nCrawl-delay: 3\n").start()
    try:
        async with fetcher(fake_time) as f:
            for _ in range(3):
                assert await f.get(srv.url("/page/utf8")) is not None
        assert fake_time.sleeps == [3.0, 3.0]
    finally:
        srv.close()


async def test_crawl_delay_is_capped(fake_time: FakeTime) -> None:
    srv = TestServer(robots="User-agent: shopper\nCrawl-delay: 600\n").start()
    try:
        async with fetcher(fake_time, min_delay=0.5) as f:
            for _ in range(2):
                assert await f.get(srv.url("/page/utf8")) is not None
        # robots itself waited for min_delay only; then the capped crawl delay applies
        assert fake_time.sleeps == [0.5, MAX_CRAWL_DELAY]
    finally:
        srv.close()


async def test_min_delay_between_request_starts(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, min_delay=0.25) as f:
        for _ in range(3):
            assert await f.get(server.url("/page/utf8")) is not None
    assert fake_time.sleeps == [0.25, 0.25, 0.25]  # robots.txt, then three pages


@pytest.mark.parametrize("limit", [2, FetchSettings().per_host_concurrency])
async def test_per_host_concurrency_never_exceeds_the_limit(
    server: TestServer, fake_time: FakeTime, limit: int
) -> None:
    server.max_inflight = 0
    server.hold_for = limit  # none is answered before `limit` are open at once: load cannot hide a breach
    async with fetcher(fake_time, per_host_concurrency=limit) as f:
        pages = await asyncio.gather(*(f.get(server.url(f"/concurrent/{i}")) for i in range(limit + 3)))
    assert all(p is not None for p in pages)
    assert server.max_inflight == limit


async def test_a_host_that_says_too_many_requests_gets_one_at_a_time_from_then_on(
    server: TestServer, fake_time: FakeTime
) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(server.url("/busy/first")) is not None  # 429, then the retry answers
        server.max_inflight = 0
        pages = await asyncio.gather(*(f.get(server.url(f"/busy/{i}")) for i in range(5)))
    assert all(p is not None for p in pages)
    assert server.busy_hits == 7
    assert server.max_inflight == 1


# --- retries --------------------------------------------------------------------------------


async def test_429_honours_retry_after_then_succeeds(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        data = await f.get_json(server.url("/r429"))
    assert data == {"ok": True}
    assert server.hits["/r429"] == 2
    assert fake_time.sleeps == [7.0]
    assert f.warnings == []


async def test_retry_after_as_http_date(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(server.url("/r503-date")) is not None
    assert len(fake_time.sleeps) == 1
    assert 2.0 <= fake_time.sleeps[0] <= 5.0


async def test_retry_after_is_capped(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, max_retry_after=12.0) as f:
        assert await f.get(server.url("/r503-long")) is not None
    assert fake_time.sleeps == [12.0]


async def test_persistent_500_is_retried_a_bounded_number_of_times(
    server: TestServer, fake_time: FakeTime
) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(server.url("/always500")) is None
    assert server.hits["/always500"] == 4
    assert fake_time.sleeps == [0.5, 1.0, 2.0]
    assert f.warnings == [f"{server.url('/always500')}: HTTP 500 after 3 retries"]


@pytest.mark.parametrize("status", [403, 404])
async def test_other_4xx_are_not_retried(server: TestServer, fake_time: FakeTime, status: int) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(server.url(f"/status/{status}")) is None
    assert server.hits[f"/status/{status}"] == 1
    assert fake_time.sleeps == []
    assert f.warnings == [f"{server.url(f'/status/{status}')}: HTTP {status}"]


async def test_quiet_404_records_no_warning(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(server.url("/status/404"), quiet_404=True) is None
        assert await f.get_json(server.url("/status/404"), quiet_404=True) is None
        assert await f.get(server.url("/status/403"), quiet_404=True) is None
    assert f.warnings == [f"{server.url('/status/403')}: HTTP 403"]


# --- timeouts and unreachable hosts ---------------------------------------------------------


async def test_read_timeout_is_retried_then_reported(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, read_timeout=0.2, total_timeout=5.0, max_retries=1) as f:
        assert await f.get(server.url("/hang")) is None
    assert server.hits["/hang"] == 2
    assert fake_time.sleeps == [0.5]
    assert f.warnings == [f"{server.url('/hang')}: read timeout after 1 retries"]


@pytest.mark.parametrize("cached", [False, True])
async def test_total_timeout_bounds_a_trickling_body(
    server: TestServer, fake_time: FakeTime, tmp_path: Path, cached: bool
) -> None:
    cache_path = tmp_path / "cache.db" if cached else None
    async with fetcher(fake_time, read_timeout=2.0, total_timeout=0.3, cache_path=cache_path) as f:
        assert await f.get(server.url("/trickle")) is None
    assert server.hits["/trickle"] == 1  # a total timeout is not retried
    assert f.warnings == [f"{server.url('/trickle')}: timed out after 0.3 s in total"]


async def test_unreachable_host_is_one_warning(fake_time: FakeTime) -> None:
    url = f"http://127.0.0.1:{free_port()}/x"
    async with fetcher(fake_time) as f:
        assert await f.get(url) is None
    assert len(f.warnings) == 1
    assert f.warnings[0].startswith(f"{url}: ConnectError")


async def test_a_dead_host_is_reported_once_and_not_asked_again(fake_time: FakeTime) -> None:
    base = f"http://127.0.0.1:{free_port()}"
    async with fetcher(fake_time) as f:
        results = [await f.get(f"{base}/{name}") for name in ("a", "b", "c")]
        assert await f.get_json(f"{base}/d.json") is None
    assert results == [None, None, None]
    assert len(f.warnings) == 1
    assert f.warnings[0].startswith(f"{base}/a: ConnectError")


# --- size caps ------------------------------------------------------------------------------


async def test_declared_length_over_cap_is_refused_early(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, max_bytes=100_000) as f:
        assert await f.get(server.url("/huge")) is None
    assert f.warnings == [
        f"{server.url('/huge')}: response too large (Content-Length 2000000 > cap of 100000 bytes)"
    ]


@pytest.mark.parametrize("cached", [False, True])
async def test_streamed_body_over_cap_stops_reading(
    server: TestServer, fake_time: FakeTime, tmp_path: Path, cached: bool
) -> None:
    cache_path = tmp_path / "cache.db" if cached else None
    async with fetcher(fake_time, max_bytes=100_000, cache_path=cache_path) as f:
        assert await f.get(server.url("/huge-stream")) is None
        # the partial body was not cached: the second try goes to the server again
        assert await f.get(server.url("/huge-stream")) is None
    assert server.hits["/huge-stream"] == 2
    assert (
        f.warnings
        == [f"{server.url('/huge-stream')}: response larger than 100000 bytes (size cap); stopped reading"]
        * 2
    )


async def test_body_exactly_at_cap_is_accepted(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, max_bytes=1000) as f:
        page = await f.get(server.url("/exact"))
    assert page is not None
    assert len(page.content) == 1000


@pytest.mark.parametrize("cached", [False, True])
async def test_gzip_bomb_is_stopped_with_bounded_memory(
    server: TestServer, fake_time: FakeTime, tmp_path: Path, cached: bool
) -> None:
    assert len(gzip_bomb()) < 100_000  # built before measuring
    cache_path = tmp_path / "cache.db" if cached else None
    tracemalloc.start()
    try:
        async with fetcher(fake_time, max_bytes=1_000_000, cache_path=cache_path) as f:
            page = await f.get(server.url("/bomb"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert page is None
    assert peak < 8_000_000, f"peak {peak} bytes while reading a 50 MB bomb"
    assert len(f.warnings) == 1
    assert "after decompression (size cap)" in f.warnings[0]


async def test_gzip_body_is_decoded_and_served_from_cache(
    server: TestServer, fake_time: FakeTime, tmp_path: Path
) -> None:
    async with fetcher(fake_time, cache_path=tmp_path / "cache.db") as f:
        first = await f.get(server.url("/gzip-cached"))
        second = await f.get(server.url("/gzip-cached"))
    assert first is not None and second is not None
    assert first.text == second.text == "<p>gzipped Grüße</p>"
    assert not first.from_cache
    assert second.from_cache
    assert server.hits["/gzip-cached"] == 1


async def test_raw_deflate_is_decoded(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        page = await f.get(server.url("/raw-deflate"))
    assert page is not None
    assert page.content == b"raw deflate body"


# --- redirects and schemes ------------------------------------------------------------------


async def test_redirect_is_followed(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        page = await f.get(server.url("/redir"))
    assert page is not None
    assert page.url == server.url("/redir")
    assert page.final_url == server.url("/page/utf8")
    assert "Grüße" in page.text


async def test_redirect_loop_is_bounded(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, max_redirects=3) as f:
        assert await f.get(server.url("/loop")) is None
    assert server.hits["/loop"] == 4
    assert f.warnings == [f"{server.url('/loop')}: too many redirects (more than 3)"]


@pytest.mark.parametrize(("path", "target"), [("/to-file", "file:///etc/passwd"), ("/to-ftp", "ftp://")])
async def test_redirect_to_other_schemes_is_refused(
    server: TestServer, fake_time: FakeTime, path: str, target: str
) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(server.url(path)) is None
    assert len(f.warnings) == 1
    assert f.warnings[0].startswith(f"{server.url(path)}: redirect to {target}")
    assert "refused" in f.warnings[0]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "not a url", "http://[::1"])
async def test_non_http_urls_are_refused(fake_time: FakeTime, url: str) -> None:
    async with fetcher(fake_time) as f:
        assert await f.get(url) is None
    assert len(f.warnings) == 1
    assert f.warnings[0].startswith(f"{url}: ")


# --- caching --------------------------------------------------------------------------------


async def test_cache_control_max_age_serves_from_cache(
    server: TestServer, fake_time: FakeTime, tmp_path: Path
) -> None:
    cache_path = tmp_path / "cache" / "http.db"
    async with fetcher(fake_time, cache_path=cache_path) as f:
        first = await f.get(server.url("/cached"))
        second = await f.get(server.url("/cached"))
    assert first is not None and second is not None
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.text == first.text == "<p>served 1</p>"
    assert server.hits["/cached"] == 1
    assert cache_path.exists()
    # the cache outlives the Fetcher
    async with fetcher(fake_time, cache_path=cache_path) as f:
        third = await f.get(server.url("/cached"))
    assert third is not None and third.from_cache
    assert server.hits["/cached"] == 1


async def test_a_cached_answer_takes_no_slot_and_waits_for_no_crawl_delay(
    fake_time: FakeTime, tmp_path: Path
) -> None:
    srv = TestServer(robots="User-agent: *\nCrawl-delay: 3\n").start()
    try:
        async with fetcher(fake_time, cache_path=tmp_path / "cache.db", per_host_concurrency=1) as f:

            async def pages() -> list[object]:
                first = await f.get(srv.url("/cached"))
                again = [await f.get(srv.url("/cached")) for _ in range(3)]
                return [first, *again, await f.get(srv.url("/page/utf8"))]

            got = await asyncio.wait_for(pages(), 10)  # a slot never given back would hang here
        assert all(got)
        assert [getattr(p, "from_cache", None) for p in got] == [False, True, True, True, False]
        assert srv.hits["/cached"] == 1
        # robots.txt and the first /cached go out at once; the cached answers take no slot, so only the
        # next request to the shop waits out the crawl delay
        assert fake_time.sleeps == [3.0]
    finally:
        srv.close()


async def test_a_cache_that_fails_to_store_gives_the_host_slot_back(
    server: TestServer, fake_time: FakeTime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import hishel

    store = hishel.AsyncSqliteStorage.create_entry
    failures = [sqlite3.OperationalError("database is locked")]

    async def locked_once(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        if failures and str(request.url).endswith("/cached"):
            raise failures.pop()
        return await store(self, request, *args, **kwargs)

    # the storage fails after the response came in, so the cache never closes what it read
    monkeypatch.setattr(hishel.AsyncSqliteStorage, "create_entry", locked_once)
    async with fetcher(fake_time, cache_path=tmp_path / "cache.db", per_host_concurrency=1) as f:

        async def twice() -> list[object]:
            return [await f.get(server.url("/cached")), await f.get(server.url("/page/utf8"))]

        first, second = await asyncio.wait_for(twice(), 10)  # a slot never given back would hang here
    assert first is None and any("locked" in w for w in f.warnings)
    assert second is not None


async def test_no_store_is_not_cached(server: TestServer, fake_time: FakeTime, tmp_path: Path) -> None:
    async with fetcher(fake_time, cache_path=tmp_path / "cache.db") as f:
        pages = [await f.get(server.url("/nostore")) for _ in range(2)]
    assert [p.from_cache for p in pages if p is not None] == [False, False]
    assert server.hits["/nostore"] == 2


async def test_an_uncached_request_passes_the_cache_by_both_ways(
    server: TestServer, fake_time: FakeTime, tmp_path: Path
) -> None:
    async with fetcher(fake_time, cache_path=tmp_path / "cache.db") as f:
        passed = [await f.get(server.url("/cached"), cached=False) for _ in range(2)]
        stored = await f.get(server.url("/cached"))  # nothing was stored by the two before
        again = await f.get(server.url("/cached"))
        after = await f.get(server.url("/cached"), cached=False)  # nor answered from the cache
    texts = [p.text if p is not None else None for p in [*passed, stored, again, after]]
    assert texts == [
        "<p>served 1</p>",
        "<p>served 2</p>",
        "<p>served 3</p>",
        "<p>served 3</p>",
        "<p>served 4</p>",
    ]
    assert again is not None and again.from_cache


async def test_the_switch_interval_is_short_only_while_a_caching_client_is_open(
    server: TestServer, fake_time: FakeTime, tmp_path: Path
) -> None:
    import sys

    before = sys.getswitchinterval()
    async with (
        fetcher(fake_time, cache_path=tmp_path / "cache.db") as f,
        fetcher(fake_time, cache_path=tmp_path / "c2.db") as g,
    ):
        assert await f.get(server.url("/page/utf8")) is not None
        assert await g.get(server.url("/page/utf8")) is not None
        assert sys.getswitchinterval() <= 0.001
        await f.aclose()
        assert sys.getswitchinterval() <= 0.001  # the other one is still open
    assert sys.getswitchinterval() == before


async def test_without_cache_path_nothing_is_cached(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time) as f:
        pages = [await f.get(server.url("/cached")) for _ in range(2)]
    assert [p.text for p in pages if p is not None] == ["<p>served 1</p>", "<p>served 2</p>"]


# --- helpers --------------------------------------------------------------------------------


def test_parse_retry_after() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 3 ") == 3.0
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


async def test_fetcher_works_without_context_manager(server: TestServer) -> None:
    f = Fetcher()
    try:
        page = await f.get(server.url("/page/utf8"))
    finally:
        await f.aclose()
    assert page is not None and "Grüße" in page.text


async def test_cancellation_propagates_and_frees_the_slot(server: TestServer, fake_time: FakeTime) -> None:
    async with fetcher(fake_time, per_host_concurrency=1) as f:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(f.get(server.url("/hang")), 0.2)
        page = await f.get(server.url("/page/utf8"))
    assert page is not None
    assert f.warnings == []  # a cancelled fetch is the caller's decision, not a failure to report


async def test_robots_txt_is_kept_for_a_day_across_sessions(
    server: TestServer, fake_time: FakeTime, tmp_path: Path
) -> None:
    cache = tmp_path / "cache.sqlite"
    for _ in range(2):
        async with fetcher(fake_time, cache_path=cache) as f:
            assert await f.get(server.url("/page/utf8")) is not None
            assert await f.get(server.url("/private/secret")) is None
    assert server.hits["/robots.txt"] == 1
    assert server.hits["/private/secret"] == 0


async def test_a_damaged_cache_file_is_one_warning_not_a_failure(
    server: TestServer, fake_time: FakeTime, tmp_path: Path
) -> None:
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"this is not a database, only junk " * 10)
    async with fetcher(fake_time, cache_path=cache) as f:
        page = await f.get(server.url("/page/utf8"))
    assert page is not None and "Grüße" in page.text
    assert len(f.warnings) == 1 and "unusable" in f.warnings[0]
