"""A shop that names a real ACP endpoint (checkout_url) with a bearer token from the environment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.checkout import merchant_server
from shopper.checkout.lines import Line
from shopper.checkout.mock_merchant import MockMerchant, Reply
from shopper.cli.app import app
from tests.checkout_shops import CheckoutShop, Product
from tests.test_checkout_buy import ADDRESS

runner = CliRunner()
SECRET = "acp-test-secret-7c1f"


class GuardedMerchant(MockMerchant):
    """An ACP merchant that, like a real one, refuses requests without the right bearer token."""

    seen_auth: list[str]

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        auth = {k.lower(): v for k, v in headers.items()}.get("authorization", "")
        self.seen_auth.append(auth)
        if auth != f"Bearer {SECRET}":
            return Reply(401, {"type": "invalid_request", "code": "unauthorized", "message": "bad token"})
        return super().handle(method, path, headers, body)


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[GuardedMerchant]:
    merchant = GuardedMerchant("Remote", "EUR", store_path=tmp_path / "remote.sqlite")
    merchant.seen_auth = []
    with merchant_server.serving(merchant):
        yield merchant


@pytest.fixture
def shop() -> Iterator[CheckoutShop]:
    server = CheckoutShop(
        "jsonld", [Product("stove", "Campfire Stove", Decimal("54.00"), vendor="Emberly")]
    ).start()
    yield server
    server.stop()


def profile_with_endpoint(home: Path, shop: CheckoutShop, endpoint: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "remote.toml"
    path.write_text(
        f"""name = "remote"
currency = "EUR"
{ADDRESS}
[[shops]]
name = "Emberly"
url = "{shop.url}"
platform = "html"
checkout_url = "{endpoint}"
checkout_token_env = "EMBERLY_ACP_TOKEN"
""",
        encoding="utf-8",
    )
    return path


def _stock(merchant: MockMerchant, shop: CheckoutShop) -> None:
    # A real merchant knows its own catalogue; this one is told the item the buyer will ask for.
    line = Line(url=shop.product_url("stove"), shop="Emberly", title="Campfire Stove")
    merchant.stock(line.item_id, title="Campfire Stove", unit_amount=5400, available=True)


def test_orders_go_to_the_named_endpoint_with_the_token_never_kept(
    endpoint: GuardedMerchant, shop: CheckoutShop, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stock(endpoint, shop)
    profile = profile_with_endpoint(isolated_env, shop, endpoint.base_url)
    monkeypatch.setenv("EMBERLY_ACP_TOKEN", SECRET)
    result = runner.invoke(app, ["buy", shop.product_url("stove"), "--profile", str(profile)], input="y\n")
    assert result.exit_code == 0, result.output
    assert f"ACP endpoint {endpoint.base_url}" in result.stdout
    assert endpoint.seen_auth and set(endpoint.seen_auth) == {f"Bearer {SECRET}"}
    [order] = json.loads(runner.invoke(app, ["orders", "--json"]).stdout)
    assert order["shop"] == "Emberly" and order["mock"] is True
    assert SECRET not in result.output
    for file in isolated_env.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file


def test_a_missing_token_stops_before_anything_is_sent(
    endpoint: GuardedMerchant, shop: CheckoutShop, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stock(endpoint, shop)
    profile = profile_with_endpoint(isolated_env, shop, endpoint.base_url)
    monkeypatch.delenv("EMBERLY_ACP_TOKEN", raising=False)
    result = runner.invoke(app, ["buy", shop.product_url("stove"), "--yes", "--profile", str(profile)])
    assert result.exit_code == 8 and "EMBERLY_ACP_TOKEN" in result.stderr
    assert endpoint.seen_auth == []


def test_a_wrong_token_is_the_merchants_one_line_refusal(
    endpoint: GuardedMerchant, shop: CheckoutShop, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stock(endpoint, shop)
    profile = profile_with_endpoint(isolated_env, shop, endpoint.base_url)
    monkeypatch.setenv("EMBERLY_ACP_TOKEN", "wrong")
    result = runner.invoke(app, ["buy", shop.product_url("stove"), "--yes", "--profile", str(profile)])
    assert result.exit_code == 8 and "bad token" in result.stderr and "wrong" not in result.stderr
    assert json.loads(runner.invoke(app, ["orders", "--json"]).stdout) == []
