"""`shopper buy` end to end: a test shop over HTTP, the mock merchant over HTTP, a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.models import FindResult, Money, Offer, Query, RankedOffer
from shopper.store.db import connect
from shopper.store.repos import LastResultsRepo
from tests.checkout_shops import CheckoutShop, Product

runner = CliRunner()


@pytest.fixture
def shop() -> Iterator[CheckoutShop]:
    server = CheckoutShop(
        "shopify",
        [
            Product(
                "shell-jacket",
                "Fjellvik Shell Jacket",
                Decimal("89.50"),
                {"S": True, "M": True, "L": False},
                "Red",
            ),
            Product("wool-cap", "Fjellvik Wool Cap", Decimal("19.00")),
        ],
    ).start()
    yield server
    server.stop()


ADDRESS = """
[address]
name = "Kari Nordmann"
street = "Storgata 1"
postal_code = "0155"
city = "Oslo"
country = "NO"
"""


def write_profile(
    home: Path, shop: CheckoutShop, budget: str = "", avoided: str = "", address: str = ADDRESS
) -> Path:
    path = home / "buyer.toml"
    home.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""name = "buyer"
currency = "EUR"
{avoided}

[budget]
{budget}
{address}
[[shops]]
name = "Fjellvik"
url = "{shop.url}"
platform = "shopify"
currency = "EUR"
shipping = 4.95
free_shipping_over = 100
""",
        encoding="utf-8",
    )
    return path


def orders_json() -> list[dict[str, object]]:
    result = runner.invoke(app, ["orders", "--json"])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


@pytest.mark.parametrize("answer", ["n\n", "\n", "", "maybe\n", "nee\n"])
def test_anything_but_yes_places_nothing(shop: CheckoutShop, isolated_env: Path, answer: str) -> None:
    profile = write_profile(isolated_env, shop)
    url = shop.product_url("shell-jacket")
    result = runner.invoke(app, ["buy", url, "--size", "M", "--profile", str(profile)], input=answer)
    assert result.exit_code == 6, result.output
    assert "Place this order? [y/N]" in result.stdout
    assert "nothing ordered" in result.stderr
    assert orders_json() == []


@pytest.mark.parametrize("answer", ["y\n", "yes\n", "ja\n", "JA\n", "oui\n", "sí\n"])
def test_an_explicit_yes_places_exactly_one_order(
    shop: CheckoutShop, isolated_env: Path, answer: str
) -> None:
    profile = write_profile(isolated_env, shop)
    url = shop.product_url("shell-jacket")
    result = runner.invoke(app, ["buy", url, "--size", "M", "--profile", str(profile)], input=answer)
    assert result.exit_code == 0, result.output
    summary = result.stdout
    for needle in ("MOCK", "Fjellvik Shell Jacket", "size M", "89.50 EUR", "shipping 4.95 EUR", "94.45 EUR"):
        assert needle in summary, needle
    assert "Kari Nordmann, Storgata 1, 0155 Oslo, NO" in summary
    assert "Payment: MOCK card" in summary
    [order] = orders_json()
    assert order["url"] == url and order["shop"] == "Fjellvik" and order["qty"] == 1
    assert order["title"] == "Fjellvik Shell Jacket" and "size M" in str(order["variant"])
    assert order["price"] == {"amount": "89.50", "currency": "EUR"}
    assert order["total"] == {"amount": "94.45", "currency": "EUR"}
    assert order["status"] == "confirmed" and order["mock"] is True and order["created_at"]


def test_yes_flag_skips_only_the_question(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop)
    url = shop.product_url("wool-cap")
    result = runner.invoke(app, ["buy", url, "--qty", "2", "--yes", "--json", "--profile", str(profile)])
    assert result.exit_code == 0, result.output
    placed = json.loads(result.stdout)["placed"]
    assert placed[0]["qty"] == 2 and placed[0]["total"] == {"amount": "42.95", "currency": "EUR"}
    assert "Place this order?" not in result.output


def test_sizes_must_be_chosen_and_exist_in_stock(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop)
    url = shop.product_url("shell-jacket")
    no_size = runner.invoke(app, ["buy", url, "--profile", str(profile)], input="y\n")
    assert no_size.exit_code == 2
    assert "choose one with --size (in stock: S, M)" in no_size.stderr
    sold_out = runner.invoke(app, ["buy", url, "--size", "L", "--profile", str(profile)], input="y\n")
    assert sold_out.exit_code == 8 and "sold out" in sold_out.stderr and "S, M" in sold_out.stderr
    missing = runner.invoke(app, ["buy", url, "--size", "XXL", "--profile", str(profile)], input="y\n")
    assert missing.exit_code == 8 and "no size 'XXL'" in missing.stderr
    assert orders_json() == []


def save_find(url: str, title: str, price: str) -> None:
    offer = Offer(url=url, title=title, shop="Fjellvik", price=Money(amount=Decimal(price), currency="EUR"))
    result = FindResult(
        request="shell jacket", query=Query(text="shell jacket"), offers=[RankedOffer(offer=offer, score=1)]
    )
    conn = connect()
    try:
        LastResultsRepo(conn).save(result.request, result.model_dump_json())
    finally:
        conn.close()


def test_size_sold_out_between_find_and_buy(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop)
    save_find(shop.product_url("shell-jacket"), "Fjellvik Shell Jacket", "89.50")
    shop.set_size_stock("shell-jacket", "M", False)
    result = runner.invoke(app, ["buy", "1", "--size", "M", "--profile", str(profile)], input="y\n")
    assert result.exit_code == 8
    assert "size M is sold out now (in stock: S)" in result.stderr
    assert orders_json() == []


def test_price_rise_since_find_is_said_and_asked_again(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop)
    save_find(shop.product_url("shell-jacket"), "Fjellvik Shell Jacket", "89.50")
    shop.set_price("shell-jacket", "99.00")
    scripted = runner.invoke(app, ["buy", "1", "--size", "S", "--yes", "--profile", str(profile)])
    assert scripted.exit_code == 6
    assert "price rose since you saw it" in scripted.stderr
    assert orders_json() == []
    asked = runner.invoke(app, ["buy", "1", "--size", "S", "--profile", str(profile)], input="y\n")
    assert asked.exit_code == 0, asked.output
    assert "Price rose since you saw it" in asked.stdout and "was 89.50 EUR, now 99.00 EUR" in asked.stdout
    assert "Place this order?" in asked.stdout
    [order] = orders_json()
    assert order["price"] == {"amount": "99.00", "currency": "EUR"}


def test_rank_without_an_earlier_find_is_a_clear_error(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop)
    result = runner.invoke(app, ["buy", "1", "--profile", str(profile)])
    assert result.exit_code == 2 and "run `shopper find" in result.stderr


def test_per_item_cap_refuses_even_with_yes(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop, budget="max_per_item = 50")
    url = shop.product_url("shell-jacket")
    result = runner.invoke(app, ["buy", url, "--size", "M", "--yes", "--profile", str(profile)])
    assert result.exit_code == 7
    assert "per-item cap of 50.00 EUR" in result.stderr and "89.50 EUR" in result.stderr
    assert "39.50 EUR too much" in result.stderr
    assert orders_json() == []


def test_monthly_cap_counts_this_months_orders(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop, budget="monthly = 120")
    url = shop.product_url("shell-jacket")
    first = runner.invoke(app, ["buy", url, "--size", "M", "--yes", "--profile", str(profile)])
    assert first.exit_code == 0, first.output
    assert "left now 120.00 EUR, after this order 25.55 EUR" in first.stdout
    second = runner.invoke(app, ["buy", url, "--size", "S", "--yes", "--profile", str(profile)])
    assert second.exit_code == 7
    message = second.stderr
    assert "monthly cap of 120.00 EUR" in message and "94.45 EUR spent this month" in message
    assert "25.55 EUR left" in message and "(94.45 EUR)" in message
    assert len(orders_json()) == 1


def test_avoided_shop_is_refused(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop, avoided='shops_avoided = ["Fjellvik"]')
    result = runner.invoke(app, ["buy", shop.product_url("wool-cap"), "--yes", "--profile", str(profile)])
    assert result.exit_code == 7 and "shops_avoided" in result.stderr
    assert orders_json() == []


def test_missing_address_is_explained(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop, address="")
    result = runner.invoke(app, ["buy", shop.product_url("wool-cap"), "--yes", "--profile", str(profile)])
    assert result.exit_code == 8 and "[address]" in result.stderr
    bad = write_profile(isolated_env, shop, address=ADDRESS.replace('"0155"', '"NO-155"'))
    wrong = runner.invoke(app, ["buy", shop.product_url("wool-cap"), "--yes", "--profile", str(bad)])
    assert wrong.exit_code == 8 and "'NO-155' is not a postal code of NO" in wrong.stderr


def _cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shopper", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_killed_between_complete_and_local_write_is_repaired(shop: CheckoutShop, isolated_env: Path) -> None:
    profile = write_profile(isolated_env, shop)
    url = shop.product_url("shell-jacket")
    env = {**os.environ, "SHOPPER_HOME": str(isolated_env), "SHOPPER_TEST_CRASH_AFTER_COMPLETE": "1"}
    killed = _cli(["buy", url, "--size", "M", "--yes", "--profile", str(profile)], env)
    assert killed.returncode == -9, killed.stderr
    conn = connect()
    try:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 0
        assert (
            conn.execute("SELECT count(*) FROM checkout_attempts WHERE state = 'pending'").fetchone()[0] == 1
        )
    finally:
        conn.close()
    env.pop("SHOPPER_TEST_CRASH_AFTER_COMPLETE")
    listed = _cli(["orders", "--json"], env)
    assert listed.returncode == 0, listed.stderr
    assert "recovered order" in listed.stderr
    [order] = json.loads(listed.stdout)
    assert order["url"] == url and order["status"] == "confirmed"
    again = _cli(["orders", "--json"], env)
    assert len(json.loads(again.stdout)) == 1
