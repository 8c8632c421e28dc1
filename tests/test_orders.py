"""Aftercare and carts: track, cancel and return through the mock merchant on a moving clock; a cart
over two shops with one question; one order per session however often it is submitted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.checkout import merchant_server
from shopper.checkout.address import address_problems
from shopper.checkout.confirm import is_yes
from shopper.checkout.flow import Checkout
from shopper.checkout.offer_check import Target
from shopper.checkout.orders import OrdersRepo
from shopper.cli.app import app
from shopper.models import Address
from shopper.profiles import load_profile
from shopper.store.db import connect
from tests.checkout_shops import CheckoutShop, Product
from tests.test_checkout_buy import write_profile

runner = CliRunner()


class Clock:
    """The mock merchant's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moving = Clock()
    monkeypatch.setattr(merchant_server, "CLOCK", moving)
    return moving


@pytest.fixture
def shops() -> Iterator[tuple[CheckoutShop, CheckoutShop]]:
    first = CheckoutShop(
        "shopify",
        [Product("trail-sock", "Fjellvik Trail Sock", Decimal("12.00"), {"39-42": True, "43-46": True})],
    ).start()
    second = CheckoutShop(
        "jsonld", [Product("headlamp", "Lumen 400 Headlamp", Decimal("39.95"), vendor="Lumen")]
    ).start()
    yield first, second
    first.stop()
    second.stop()


def buy(profile: Path, url: str, *extra: str) -> int:
    result = runner.invoke(app, ["buy", url, "--yes", "--json", "--profile", str(profile), *extra])
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["placed"][0]["id"])


def orders_cmd(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["orders", *args])
    return result.exit_code, result.stdout, result.stderr


def test_track_then_cancel_before_shipping(
    shops: tuple[CheckoutShop, CheckoutShop], isolated_env: Path, clock: Clock
) -> None:
    profile = write_profile(isolated_env, shops[0])
    order_id = buy(profile, shops[0].product_url("trail-sock"), "--size", "43-46")
    code, out, _ = orders_cmd("track", str(order_id), "--json")
    assert code == 0 and json.loads(out)["status"] == "confirmed"
    code, out, _ = orders_cmd("cancel", str(order_id), "--json")
    assert code == 0, out
    canceled = json.loads(out)
    assert canceled["status"] == "canceled"
    assert [e["status"] for e in canceled["events"]][-2:] == ["cancel_requested", "canceled"]
    clock.advance(days=3)  # a canceled order never ships
    code, out, _ = orders_cmd("track", str(order_id), "--json")
    assert json.loads(out)["status"] == "canceled"


def test_shipped_order_cannot_be_canceled_but_returned(
    shops: tuple[CheckoutShop, CheckoutShop], isolated_env: Path, clock: Clock
) -> None:
    profile = write_profile(isolated_env, shops[0])
    order_id = buy(profile, shops[0].product_url("trail-sock"), "--size", "39-42", "--qty", "3")
    code, _, err = orders_cmd("return", str(order_id))
    assert code == 8 and "not shipped yet: cancel it instead" in err
    clock.advance(days=1)
    code, out, _ = orders_cmd("track", str(order_id))
    assert code == 0 and "shipped" in out and "MockPost" in out and "tracking MOCK" in out
    code, _, err = orders_cmd("cancel", str(order_id))
    assert code == 8 and "already shipped on" in err and "return it instead" in err
    clock.advance(days=2)
    code, out, _ = orders_cmd("return", str(order_id), "--reason", "too small", "--json")
    assert code == 0, out
    returned = json.loads(out)
    assert returned["status"] == "return_requested"
    # The items are refunded (3 x 12.00), not the shipping.
    code, out, _ = orders_cmd("show", str(order_id))
    assert "Return label (MOCK): MockPost RET" in out and "Refund: 36.00 EUR" in out
    clock.advance(days=4)
    code, out, _ = orders_cmd("track", str(order_id), "--json")
    history = [e["status"] for e in json.loads(out)["events"]]
    assert history == ["created", "confirmed", "shipped", "delivered", "return_requested", "returned"]
    assert json.loads(out)["status"] == "returned"


def test_canceled_and_returned_orders_do_not_count_against_the_month(
    shops: tuple[CheckoutShop, CheckoutShop], isolated_env: Path, clock: Clock
) -> None:
    profile = write_profile(isolated_env, shops[0], budget="monthly = 30")
    first = buy(profile, shops[0].product_url("trail-sock"), "--size", "39-42")
    over = runner.invoke(
        app,
        ["buy", shops[0].product_url("trail-sock"), "--size", "39-42", "--yes", "--profile", str(profile)],
    )
    assert over.exit_code == 7, over.output  # 16.95 + 16.95 > 30
    assert orders_cmd("cancel", str(first))[0] == 0
    buy(profile, shops[0].product_url("trail-sock"), "--size", "39-42")
    conn = connect()
    try:
        assert OrdersRepo(conn).spent_this_month() == {"EUR": Decimal("16.95")}
    finally:
        conn.close()


def test_a_cart_over_two_shops_asks_once(
    shops: tuple[CheckoutShop, CheckoutShop], isolated_env: Path, clock: Clock
) -> None:
    sock_shop, lamp_shop = shops
    profile = write_profile(isolated_env, sock_shop)
    with profile.open("a", encoding="utf-8") as f:
        f.write(
            f'\n[[shops]]\nname = "Lumen"\nurl = "{lamp_shop.url}"\nplatform = "html"\n'
            'currency = "EUR"\nshipping = 3.50\n'
        )
    add = ["cart", "add", "--profile", str(profile)]
    assert (
        runner.invoke(
            app, [*add[:2], sock_shop.product_url("trail-sock"), "--size", "43-46", "--qty", "2", *add[2:]]
        ).exit_code
        == 0
    )
    added = runner.invoke(app, [*add[:2], lamp_shop.product_url("headlamp"), *add[2:]])
    assert added.exit_code == 0, added.output
    shown = runner.invoke(app, ["cart", "show"])
    assert (
        "Fjellvik" in shown.stdout and "Lumen" in shown.stdout and "2 × Fjellvik Trail Sock" in shown.stdout
    )

    declined = runner.invoke(app, ["cart", "checkout", "--profile", str(profile)], input="no\n")
    assert declined.exit_code == 6
    assert declined.stdout.count("Place this order? [y/N]") == 1

    done = runner.invoke(app, ["cart", "checkout", "--profile", str(profile)], input="y\n")
    assert done.exit_code == 0, done.output
    text = done.stdout
    assert text.count("Place this order? [y/N]") == 1
    assert "items 24.00 EUR + shipping 4.95 EUR = 28.95 EUR" in text
    assert "items 39.95 EUR + shipping 3.50 EUR = 43.45 EUR" in text
    assert "Total for all shops: 72.40 EUR" in text
    listed = json.loads(runner.invoke(app, ["orders", "--json"]).stdout)
    assert sorted(o["shop"] for o in listed) == ["Fjellvik", "Lumen"]
    assert "The cart is empty" in runner.invoke(app, ["cart", "show"]).stdout


async def test_a_plan_submitted_twice_is_one_order(
    shops: tuple[CheckoutShop, CheckoutShop], isolated_env: Path
) -> None:
    profile = load_profile(str(write_profile(isolated_env, shops[0])))
    conn = connect()
    try:
        async with Checkout(profile, conn) as checkout:
            line = await checkout.line(Target(shops[0].product_url("trail-sock")), "39-42", None, 1)
            cart = checkout.carts.buy_cart(line)
            plan = await checkout.prepare(cart, [line])
            first = await checkout.place(plan)
            second = await checkout.place(plan)
        assert first.orders == second.orders and len(first.orders) == 1
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 1
    finally:
        conn.close()


async def test_an_interrupted_cart_checkout_reuses_its_key(
    shops: tuple[CheckoutShop, CheckoutShop], isolated_env: Path
) -> None:
    profile = load_profile(str(write_profile(isolated_env, shops[0])))
    conn = connect()
    try:
        async with Checkout(profile, conn) as checkout:
            line = await checkout.line(Target(shops[0].product_url("trail-sock")), "39-42", None, 1)
            cart = checkout.carts.open_cart()
            assert cart is not None
            checkout.carts.add(cart, line)
            first = await checkout.prepare(cart, [line])
            # The process "dies" here; the same cart checked out again opens the same session.
            again = await checkout.prepare(cart, [line])
            assert again.sessions[0].session["id"] == first.sessions[0].session["id"]
            placed = await checkout.place(again)
        assert len(placed.orders) == 1
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("answer", "placed"),
    [
        ("y", True),
        ("Yes ", True),
        ("ja", True),
        ("J", True),
        ("oui", True),
        ("sí", True),
        ("n", False),
        ("", False),
        (None, False),
        ("yes please", False),
        ("nej", False),
        ("y\x1b", False),
    ],
)
def test_only_an_explicit_yes_counts(answer: str | None, placed: bool) -> None:
    assert is_yes(answer) is placed


def test_address_checks() -> None:
    good = Address(name="A", street="Damrak 1", postal_code="1012 LG", city="Amsterdam", country="NL")
    assert address_problems(good) == []
    bad = good.model_copy(update={"postal_code": "10125"})
    assert address_problems(bad) == ["postal_code: '10125' is not a postal code of NL"]
    elsewhere = good.model_copy(update={"country": "IE", "postal_code": "D02 X285"})
    assert address_problems(elsewhere) == []
