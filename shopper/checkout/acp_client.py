"""A client for any Agentic Commerce Protocol merchant: checkout sessions, completion, cancellation.

Every POST carries an Idempotency-Key; a POST that may have reached the merchant is only ever retried
with the same key and body, so the merchant replays its first answer instead of acting twice.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from shopper.checkout.mock_merchant import API_VERSION
from shopper.errors import CheckoutError, FetchError
from shopper.shops.fetch import ApiReply, Fetcher

RETRIES = 2  # re-sends of one POST (same key) after no answer or a 5xx
MOCK_PAYMENT_TOKEN = "mock_tok_visa"


class AcpError(CheckoutError):
    """The merchant answered with an error: its status and ACP {type, code, message, param}."""

    def __init__(self, status: int, code: str, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.param = param


class AcpClient:
    """Drives one merchant's ACP endpoint through the shared fetcher."""

    def __init__(self, base_url: str, fetcher: Fetcher, *, token_env: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.fetcher = fetcher
        self.token_env = token_env  # the variable's name; its value is read per request, never kept

    def _headers(self, key: str | None) -> dict[str, str]:
        headers = {"API-Version": API_VERSION, "Request-Id": uuid.uuid4().hex}
        if key is not None:
            headers["Idempotency-Key"] = key
        if self.token_env:
            token = os.environ.get(self.token_env, "")
            if not token:
                raise CheckoutError(f"environment variable {self.token_env} (the checkout token) is not set")
            headers["Authorization"] = f"Bearer {token}"
        return headers

    async def _call(self, method: str, path: str, body: Any = None, *, key: str | None = None) -> ApiReply:
        url = self.base_url + path
        last: FetchError | None = None
        for _attempt in range(RETRIES + 1):
            try:
                reply = await self.fetcher.api_request(
                    method, url, json_body=body, headers=self._headers(key)
                )
            except FetchError as exc:
                # Without a key a POST that may have arrived must not be sent again.
                if method == "POST" and key is None and exc.maybe_sent:
                    raise CheckoutError(f"merchant did not answer: {exc}") from None
                last = exc
                continue
            if reply.status >= 500 and (method == "GET" or key is not None):
                last = FetchError(f"{url}: HTTP {reply.status}")
                continue
            return reply
        raise CheckoutError(f"merchant did not answer: {last}")

    def _ok(self, reply: ApiReply, *expected: int) -> dict[str, Any]:
        data = reply.data if isinstance(reply.data, dict) else {}
        if reply.status in expected:
            if not data.get("id"):
                raise CheckoutError(f"merchant answered HTTP {reply.status} without a session")
            return data
        code = str(data.get("code") or "error")
        message = str(data.get("message") or f"HTTP {reply.status}")
        param = data.get("param") if isinstance(data.get("param"), str) else None
        raise AcpError(status=reply.status, code=code, message=message, param=param)

    async def create_session(self, body: dict[str, Any], *, key: str) -> dict[str, Any]:
        """POST /checkout_sessions -> the session (201)."""
        return self._ok(await self._call("POST", "/checkout_sessions", body, key=key), 201, 200)

    async def update_session(self, session_id: str, body: dict[str, Any], *, key: str) -> dict[str, Any]:
        """POST /checkout_sessions/{id} -> the updated session."""
        return self._ok(await self._call("POST", f"/checkout_sessions/{session_id}", body, key=key), 200)

    async def get_session(self, session_id: str) -> dict[str, Any]:
        """GET /checkout_sessions/{id}: the merchant's authoritative state."""
        return self._ok(await self._call("GET", f"/checkout_sessions/{session_id}"), 200)

    async def complete(self, session_id: str, *, key: str, token: str = MOCK_PAYMENT_TOKEN) -> dict[str, Any]:
        """POST /checkout_sessions/{id}/complete with a (mock) payment token -> completed, with `order`."""
        body = {"payment_data": {"token": token, "provider": "mock"}}
        data = self._ok(
            await self._call("POST", f"/checkout_sessions/{session_id}/complete", body, key=key), 200
        )
        if data.get("status") != "completed" or not isinstance(data.get("order"), dict):
            raise CheckoutError(f"merchant did not complete the checkout (status {data.get('status')!r})")
        return data

    async def cancel(self, session_id: str, *, key: str) -> dict[str, Any] | None:
        """POST /checkout_sessions/{id}/cancel; None when it was already completed or canceled (405)."""
        reply = await self._call("POST", f"/checkout_sessions/{session_id}/cancel", {}, key=key)
        if reply.status == 405:
            return None
        return self._ok(reply, 200)

    # --- the mock merchant's aftercare extension ---------------------------------------------------

    async def get_order(self, order_id: str) -> dict[str, Any]:
        """GET /orders/{id}: status, events, carrier and tracking number."""
        return self._ok(await self._call("GET", f"/orders/{order_id}"), 200)

    async def cancel_order(self, order_id: str, *, key: str) -> dict[str, Any]:
        """POST /orders/{id}/cancel: refused (AcpError) once shipped."""
        return self._ok(await self._call("POST", f"/orders/{order_id}/cancel", {}, key=key), 200)

    async def return_order(self, order_id: str, reason: str, *, key: str) -> dict[str, Any]:
        """POST /orders/{id}/returns: a return label and the refund."""
        body = {"reason": reason}
        return self._ok(await self._call("POST", f"/orders/{order_id}/returns", body, key=key), 200)


def total_of(session: dict[str, Any], kind: str = "total") -> int | None:
    """One entry of a session's totals (minor units), or None."""
    for entry in session.get("totals") or []:
        if isinstance(entry, dict) and entry.get("type") == kind and isinstance(entry.get("amount"), int):
            return int(entry["amount"])
    return None


def error_messages(session: dict[str, Any]) -> list[dict[str, Any]]:
    """The session's error messages (out_of_stock, missing, payment_declined, ...)."""
    return [m for m in session.get("messages") or [] if isinstance(m, dict) and m.get("type") == "error"]
