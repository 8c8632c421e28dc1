"""The mock ACP merchant over real loopback HTTP, driven by the ACP client and by raw requests."""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from shopper.checkout.acp_client import AcpClient, AcpError, total_of
from shopper.checkout.amounts import fmt, from_minor, to_minor
from shopper.checkout.merchant_server import serving
from shopper.checkout.mock_merchant import API_VERSION, DECLINED_TOKEN, MockMerchant, Shipping
from shopper.errors import CheckoutError
from shopper.models import Money
from shopper.shops.fetch import Fetcher, FetchSettings

ADDRESS = {
    "name": "Kari Nordmann",
    "address": {
        "name": "Kari Nordmann",
        "line_one": "Storgata 1",
        "city": "Oslo",
        "state": "",
        "country": "NO",
        "postal_code": "0155",
    },
}


@pytest.fixture
def merchant(tmp_path: Path) -> Iterator[tuple[MockMerchant, str]]:
    shop = MockMerchant(
        "Fjellvik", "EUR", shipping=Shipping(flat=495, free_over=10000), store_path=tmp_path / "m.sqlite"
    )
    shop.stock("jacket-m", title="Shell jacket, M", unit_amount=8950, available=True)
    shop.stock("jacket-s", title="Shell jacket, S", unit_amount=8950, available=False)
    with serving(shop) as base:
        yield shop, base


@pytest.fixture
async def client(merchant: tuple[MockMerchant, str]) -> AsyncIterator[AcpClient]:
    async with Fetcher(FetchSettings(respect_robots=False)) as fetcher:
        yield AcpClient(merchant[1], fetcher)


async def test_session_lifecycle_in_minor_units(client: AcpClient) -> None:
    body = {"items": [{"id": "jacket-m", "quantity": 1}], "fulfillment_details": ADDRESS}
    session = await client.create_session(body, key="k-create")
    assert session["status"] == "ready_for_payment"
    assert session["currency"] == "eur"
    line = session["line_items"][0]
    assert (line["base_amount"], line["total"], line["unit_amount"]) == (8950, 8950, 8950)
    assert {t["type"] for t in session["totals"]} >= {"items_base_amount", "fulfillment", "tax", "total"}
    assert (total_of(session, "fulfillment"), total_of(session, "total")) == (495, 9445)
    assert all(isinstance(t["amount"], int) for t in session["totals"])

    # Two jackets pass the free-shipping threshold.
    updated = await client.update_session(
        session["id"], {"items": [{"id": "jacket-m", "quantity": 2}]}, key="k-up"
    )
    assert (total_of(updated, "fulfillment"), total_of(updated, "total")) == (0, 17900)
    assert (await client.get_session(session["id"]))["line_items"][0]["item"]["quantity"] == 2

    done = await client.complete(session["id"], key="k-complete")
    assert done["status"] == "completed"
    order = done["order"]
    assert order["checkout_session_id"] == session["id"]
    assert order["id"].startswith("ord_") and order["permalink_url"].endswith(order["id"])
    assert await client.cancel(session["id"], key="k-cancel") is None  # 405: already completed


async def test_missing_address_and_sold_out_variant_are_not_ready(client: AcpClient) -> None:
    session = await client.create_session({"items": [{"id": "jacket-s", "quantity": 1}]}, key="k1")
    assert session["status"] == "not_ready_for_payment"
    codes = {m["code"] for m in session["messages"] if m["type"] == "error"}
    assert codes == {"out_of_stock", "missing"}
    with pytest.raises(AcpError) as caught:
        await client.complete(session["id"], key="k2")
    assert caught.value.status == 409 and caught.value.code == "out_of_stock"
    canceled = await client.cancel(session["id"], key="k3")
    assert canceled is not None and canceled["status"] == "canceled"
    assert await client.cancel(session["id"], key="k4") is None


async def test_declined_payment_places_nothing(client: AcpClient, merchant: tuple[MockMerchant, str]) -> None:
    body = {"items": [{"id": "jacket-m", "quantity": 1}], "fulfillment_details": ADDRESS}
    session = await client.create_session(body, key="d1")
    with pytest.raises(AcpError) as caught:
        await client.complete(session["id"], key="d2", token=DECLINED_TOKEN)
    assert caught.value.code == "payment_declined"
    assert merchant[0].store.order_of_session(session["id"]) is None
    assert (await client.get_session(session["id"]))["status"] == "ready_for_payment"


def test_idempotency_replay_and_conflict(merchant: tuple[MockMerchant, str]) -> None:
    base = merchant[1]
    headers = {"API-Version": API_VERSION, "Idempotency-Key": "same-key"}
    body = {"items": [{"id": "jacket-m", "quantity": 1}], "fulfillment_details": ADDRESS}
    with httpx.Client() as http:
        first = http.post(f"{base}/checkout_sessions", json=body, headers=headers)
        again = http.post(f"{base}/checkout_sessions", json=body, headers=headers)
        other = http.post(
            f"{base}/checkout_sessions",
            json={**body, "items": [{"id": "jacket-m", "quantity": 3}]},
            headers=headers,
        )
        no_version = http.post(f"{base}/checkout_sessions", json=body, headers={"Idempotency-Key": "x"})
        no_key = http.post(f"{base}/checkout_sessions", json=body, headers={"API-Version": API_VERSION})
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_conflict" and other.json()["type"] == "invalid_request"
    assert set(other.json()) >= {"type", "code", "message"}
    assert no_version.status_code == 400 and no_version.json()["param"] == "API-Version"
    assert no_key.status_code == 400


async def test_double_submit_of_complete_gives_one_order(
    client: AcpClient, merchant: tuple[MockMerchant, str]
) -> None:
    body = {"items": [{"id": "jacket-m", "quantity": 1}], "fulfillment_details": ADDRESS}
    session = await client.create_session(body, key="c1")
    first = await client.complete(session["id"], key="c2")
    second = await client.complete(session["id"], key="c2")
    assert first["order"]["id"] == second["order"]["id"]
    rows = merchant[0].store.conn.execute("SELECT count(*) FROM orders").fetchone()[0]
    assert rows == 1


async def test_the_merchant_books_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "books.sqlite"
    shop = MockMerchant("Fjellvik", "EUR", store_path=path)
    shop.stock("cap", title="Cap", unit_amount=1500, available=True)
    async with Fetcher(FetchSettings(respect_robots=False)) as fetcher:
        with serving(shop) as base:
            c = AcpClient(base, fetcher)
            session = await c.create_session(
                {"items": [{"id": "cap", "quantity": 1}], "fulfillment_details": ADDRESS}, key="r1"
            )
            await c.complete(session["id"], key="r2")
        with serving(MockMerchant("Fjellvik", "EUR", store_path=path)) as base:
            again = await AcpClient(base, fetcher).get_session(session["id"])
    assert again["status"] == "completed" and again["order"]["checkout_session_id"] == session["id"]


class _FlakyMerchant(BaseHTTPRequestHandler):
    """Fails the first POST with 503, then answers; records the Idempotency-Key of each POST."""

    keys: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.keys.append(self.headers.get("Idempotency-Key", ""))
        status, body = (503, {"type": "service_unavailable", "code": "busy", "message": "busy"})
        if len(self.keys) > 1:
            status, body = 201, {"id": "cs_1", "status": "ready_for_payment", "totals": []}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


async def test_a_post_is_retried_only_with_the_same_key() -> None:
    _FlakyMerchant.keys = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FlakyMerchant)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        async with Fetcher(FetchSettings(respect_robots=False)) as fetcher:
            session = await AcpClient(f"http://{host!s}:{port}", fetcher).create_session(
                {"items": []}, key="only-key"
            )
    finally:
        server.shutdown()
        server.server_close()
    assert session["id"] == "cs_1"
    assert _FlakyMerchant.keys == ["only-key", "only-key"]


async def test_unreachable_merchant_is_one_checkout_error() -> None:
    with socket_closed_port() as port:
        async with Fetcher(FetchSettings(respect_robots=False)) as fetcher:
            with pytest.raises(CheckoutError, match="did not answer"):
                await AcpClient(f"http://127.0.0.1:{port}", fetcher).get_session("cs_x")


class socket_closed_port:
    """A loopback port nothing listens on."""

    def __enter__(self) -> int:
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        return int(self.port)

    def __exit__(self, *exc: object) -> None:
        return None


def test_minor_units_follow_the_currency() -> None:
    assert to_minor(Money(amount="12.345", currency="EUR")) == 1235
    assert to_minor(Money(amount="1500", currency="JPY")) == 1500
    assert from_minor(1235, "eur") == Money(amount="12.35", currency="EUR")
    assert fmt(from_minor(12345, "KWD")) == "12.345 KWD"
    assert fmt(Money(amount="1234.5", currency="EUR")) == "1,234.50 EUR"
