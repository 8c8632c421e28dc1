"""Shops written from five platforms' public theme markup (tests/platform_shops.py): finding their search,
reading their results and product pages, and saying so when something could not be read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from platform_shops import PLATFORMS, PlatformShop
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.events import ShopFinished
from shopper.models import FindResult, Profile, ShopConfig
from shopper.pipeline import find, find_events
from shopper.shops.detect import detect_shop
from shopper.shops.fetch import Fetcher, FetchSettings
from shopper.shops.pages import next_page_url, product_links, search_forms
from shopper.shops.phrasing import learned_order, phrasings
from shopper.store.db import connect
from shopper.store.phrasings_repo import SearchStylesRepo

runner = CliRunner()
NO_CACHE = FetchSettings(cache_path=None)


@pytest.fixture
def shop(request: pytest.FixtureRequest) -> Iterator[PlatformShop]:
    server = PlatformShop(**request.param).start()
    yield server
    server.stop()


def _profile(*shops: PlatformShop) -> Profile:
    return Profile(
        name="t", currency="EUR", shops=[ShopConfig(name=s.name, url=s.url, platform="auto") for s in shops]
    )


@pytest.mark.parametrize("platform", [p for p in PLATFORMS if p != "opencart"])
async def test_detection_finds_each_platforms_search_form_and_product_sitemap(platform: str) -> None:
    with PlatformShop(platform) as server:
        async with Fetcher(NO_CACHE) as fetcher:
            found = await detect_shop(fetcher, server.url)
    assert found.platform == "html"
    assert found.search_url is not None
    # The template, filled, is exactly the URL the platform's own form submits.
    assert found.search_url.replace("{query}", "rain+jacket") == server.search_url("rain jacket")
    assert found.sitemap_products == len(server.items)  # robots.txt Sitemap -> index -> product sitemap


async def test_a_search_field_outside_any_form_is_reported_not_guessed() -> None:
    with PlatformShop("opencart") as server:
        async with Fetcher(NO_CACHE) as fetcher:
            found = await detect_shop(fetcher, server.url)
    assert found.search_url is None
    assert any("no search found" in n for n in found.notes)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_results_pages_give_their_product_links_and_next_page(platform: str) -> None:
    with PlatformShop(platform) as server:
        first_url = server.search_url("running shoe")
        first = httpx.get(first_url, follow_redirects=True).text
        second_url = next_page_url(first, first_url)
        assert second_url is not None
        second = httpx.get(second_url).text
        links = product_links(first, first_url)
        expected = [server.product_url(i) for i in server.matches("running shoe")]
    assert links == expected[:12]
    assert product_links(second, second_url) == expected[12:]
    assert next_page_url(second, second_url) is None  # the last page


def test_search_forms_rank_the_search_above_newsletter_and_login_forms() -> None:
    page = """<html><body>
      <form action="/newsletter" method="get"><input type="email" name="email"><input name="first"></form>
      <form action="/login"><input name="user"><input type="password" name="pw"></form>
      <form action="/find-products" method="get">
        <input type="text" name="kw" placeholder="What are you looking for?">
        <input type="hidden" name="lang" value="nl"></form>
      <form action="/post" method="post"><input name="q"></form>
    </body></html>"""
    forms = search_forms(page, "https://shop.example/home?x=1")
    assert forms[0] == "https://shop.example/find-products?kw={query}&lang=nl"
    assert all("/post" not in f for f in forms)  # POST forms are never a search


@pytest.mark.parametrize(
    "shop",
    [{"platform": "shopware", "product_data": "og", "search_param": "sSearch"}],
    indirect=True,
)
async def test_acceptance_plain_cards_opengraph_pages_unusual_field(shop: PlatformShop) -> None:
    """Cards without structured data, OpenGraph-only product pages, a search field not named q/s/search."""
    conn = connect()
    try:
        result = await find("trail running shoes", _profile(shop), conn=conn, fetch_settings=NO_CACHE)
    finally:
        conn.close()
    titles = {r.offer.title for r in result.offers}
    assert {"Alpine Trail Running Shoe", "Ridge Trail Running Shoe Waterproof"} <= titles
    alpine = next(r.offer for r in result.offers if r.offer.title == "Alpine Trail Running Shoe")
    assert (
        alpine.price is not None and str(alpine.price.amount) == "119.95" and alpine.price.currency == "EUR"
    )
    assert alpine.url == shop.product_url(shop.items[0])
    assert not result.warnings


@pytest.mark.parametrize(
    "shop", [{"platform": "magento", "product_data": "og", "search_param": "text"}], indirect=True
)
def test_acceptance_through_the_cli(shop: PlatformShop, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(
        f'name = "me"\ncurrency = "EUR"\n[[shops]]\nname = "plain"\nurl = "{shop.url}"\nplatform = "auto"\n'
    )
    found = runner.invoke(app, ["find", "rain jacket", "--profile", str(profile), "--json"])
    assert found.exit_code == 0, found.output
    payload = json.loads(found.stdout)
    assert any(o["title"] == "Lightweight Rain Jacket" for o in payload["offers"])


@pytest.mark.parametrize("shop", [{"platform": "woocommerce", "product_data": "microdata"}], indirect=True)
async def test_a_search_sent_straight_to_the_one_product_is_read(shop: PlatformShop) -> None:
    result = await find("espresso machine", _profile(shop), fetch_settings=NO_CACHE)
    assert [r.offer.title for r in result.offers] == ["Espresso Machine Compact"]


@pytest.mark.parametrize("shop", [{"platform": "opencart", "broken_products": True}], indirect=True)
async def test_product_pages_that_all_fail_to_read_are_a_warning(shop: PlatformShop) -> None:
    shop_config = ShopConfig(
        name=shop.name, url=shop.url, platform="html", search_url=shop.search_url("{query}")
    )
    shop_config.search_url = (shop_config.search_url or "").replace("%7Bquery%7D", "{query}")
    profile = Profile(name="t", currency="EUR", shops=[shop_config])
    events = [e async for e in find_events("running shoe size 44", profile, fetch_settings=NO_CACHE)]
    finished = next(e for e in events if isinstance(e, ShopFinished))
    assert finished.offers == 12  # the cards alone were read
    result = events[-1]
    assert isinstance(result, FindResult)
    # the pages of the offers that could be shown were read after ranking, and none could be
    unread = [w for w in result.warnings if "product pages read; none could be read as a product" in w]
    assert len(unread) == 1 and unread[0].startswith("opencart test shop: "), result.warnings
    assert int(unread[0].split(": ")[1].split()[0]) >= 2
    assert all(not r.size_known for r in result.offers)  # and no size was taken for known


@pytest.mark.parametrize(
    "shop", [{"platform": "prestashop", "broken_products": True, "prices_hidden": True}], indirect=True
)
async def test_unreadable_results_are_a_warning_not_a_silent_zero(shop: PlatformShop) -> None:
    events = [e async for e in find_events("running shoe", _profile(shop), fetch_settings=NO_CACHE)]
    finished = next(e for e in events if isinstance(e, ShopFinished))
    assert finished.offers == 0 and finished.status == "warning"
    expected = (
        "prestashop test shop: search results page listed 12 products; none could be read "
        "(neither the cards nor their product pages)"
    )
    assert finished.warnings == [expected]
    assert expected in events[-1].warnings  # type: ignore[union-attr]


@pytest.mark.parametrize("shop", [{"platform": "magento", "search_status": 500}], indirect=True)
async def test_a_search_answering_with_an_error_page_is_a_warning(shop: PlatformShop) -> None:
    fast = FetchSettings(cache_path=None, max_retries=0)
    events = [e async for e in find_events("rain jacket", _profile(shop), fetch_settings=fast)]
    finished = next(e for e in events if isinstance(e, ShopFinished))
    assert finished.status == "warning"
    assert "magento test shop: the search for 'rain jacket' failed (HTTP 500)" in finished.warnings


@pytest.mark.parametrize(
    "shop", [{"platform": "prestashop", "broken_products": True, "prices_hidden": True}], indirect=True
)
def test_progress_line_is_not_a_green_tick_when_a_shop_could_not_be_read(
    shop: PlatformShop, tmp_path: Path
) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(f'name = "me"\n[[shops]]\nname = "broken"\nurl = "{shop.url}"\nplatform = "auto"\n')
    result = runner.invoke(app, ["find", "running shoe", "--profile", str(profile)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "! broken: 0 offer(s)" in result.stderr and "✓ broken" not in result.stderr
    assert "search results page listed 12 products; none could be read" in result.stderr


@pytest.mark.parametrize("shop", [{"platform": "shopware", "product_data": "jsonld"}], indirect=True)
async def test_phrasings_the_shop_answers_are_learned_and_tried_first(shop: PlatformShop) -> None:
    # This shop folds no plurals: "jackets" finds nothing there, "jacket" does.
    conn = connect()
    try:
        await find("jackets", _profile(shop), conn=conn, fetch_settings=NO_CACHE)
        rates = SearchStylesRepo(conn).rates(shop.name)
    finally:
        conn.close()
    assert rates == {"1w": (1, 0), "1w+singular": (1, 1)}
    order = learned_order(phrasings(["boots"]), rates)
    assert order == [("boot", "1w+singular"), ("boots", "1w")]


def test_phrasings_fold_plurals_and_drop_short_words() -> None:
    assert phrasings(["running shoes xl"]) == [
        ("running shoes xl", "3w"),
        ("running shoes", "2w"),
        ("running shoe", "2w+singular"),
    ]
    assert learned_order(phrasings(["a b"]), {}) == phrasings(["a b"])  # no history keeps the order


def test_shops_check_gives_the_reason_not_a_bare_no(tmp_path: Path) -> None:
    good = PlatformShop("magento", product_data="microdata", name="good").start()
    erroring = PlatformShop("magento", search_status=500, name="erroring").start()
    unreadable = PlatformShop(
        "prestashop", broken_products=True, prices_hidden=True, name="unreadable"
    ).start()
    formless = PlatformShop("opencart", name="formless").start()
    try:
        profile = tmp_path / "me.toml"
        profile.write_text(
            'name = "me"\n'
            + "".join(
                f'[[shops]]\nname = "{s.name}"\nurl = "{s.url}"\nplatform = "auto"\n'
                for s in (good, erroring, unreadable, formless)
            )
        )
        result = runner.invoke(app, ["shops", "check", "--profile", str(profile)], env={"COLUMNS": "400"})
    finally:
        for server in (good, erroring, unreadable, formless):
            server.stop()
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 3}
    reasons = dict(
        line.split(": ", 1) for line in result.stdout.splitlines() if line.count("│") == 0 and ": " in line
    )
    assert "searched for 'Alpine': 1 offer(s)" in lines["good"] and "good" not in reasons
    assert reasons["erroring"].startswith("the search for 'Alpine' failed (HTTP 500")
    assert reasons["unreadable"].startswith("no product found to try the search with")
    assert "none could be read as a product" in reasons["unreadable"]
    assert reasons["formless"].startswith("no search found") and " no " in lines["formless"]


@pytest.mark.parametrize("shop", [{"platform": "woocommerce", "product_data": "jsonld"}], indirect=True)
async def test_a_repeated_request_is_answered_from_the_shops_recent_answers(shop: PlatformShop) -> None:
    conn = connect()
    try:
        first = await find("running shoe size 44", _profile(shop), conn=conn, fetch_settings=NO_CACHE)
        asked = dict(shop.hits)
        again = await find("running shoe size 44", _profile(shop), conn=conn, fetch_settings=NO_CACHE)
        after_repeat = dict(shop.hits)
        live = await find(
            "running shoe size 44", _profile(shop), conn=conn, use_mirror=False, fetch_settings=NO_CACHE
        )
    finally:
        conn.close()
    assert asked["search"] >= 1 and asked["product"] >= 1
    # The repeat asked the shop nothing (no search, no product page) and answered alike; --live asks again.
    assert after_repeat == asked
    assert [r.offer.url for r in again.offers] == [r.offer.url for r in first.offers]
    assert shop.hits["search"] > asked["search"]
    assert {r.offer.url for r in live.offers} == {r.offer.url for r in first.offers}
