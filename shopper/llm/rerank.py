"""LLM re-rank of the top candidates for a vague request, one reason each; never adds an offer."""

from __future__ import annotations

from typing import Any

from shopper.errors import LLMError
from shopper.llm.client import LLMClient
from shopper.llm.untrusted import DATA_RULE, flat, quoted
from shopper.models import FindResult, RankedOffer

RERANK_TOP = 6  # candidates the model sees; fewer keeps the prompt inside the token budget
REASON_LIMIT = 120
REASON_PREFIX = "fits the request: "

RERANK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "order": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "reason": {"type": "string"}},
                "required": ["id", "reason"],
            },
        }
    },
    "required": ["order"],
}
SYSTEM = (
    "Order shop offers by how well they fit a shopping request, best first, with a one-line reason "
    "each. Use only the given ids. " + DATA_RULE
)


def rerank(result: FindResult, client: LLMClient) -> list[str]:
    """Re-order result.offers' top candidates in place by the model's judgement; returns warnings."""
    top = result.offers[:RERANK_TOP]
    if len(top) < 2:
        return []
    candidates = [
        {
            "id": i,
            "title": o.offer.title,
            "brand": o.offer.brand or "",
            "price": str(o.offer.price) if o.offer.price else "",
            "shop": o.offer.shop,
            "about": o.offer.description or "",
        }
        for i, o in enumerate(top, 1)
    ]
    messages = [
        {"role": "system", "content": SYSTEM},
        {
            "role": "user",
            "content": "Request: " + quoted(result.request, 300) + "\nOffers: " + quoted(candidates, 160),
        },
    ]
    try:
        answer = client.structured(messages, RERANK_SCHEMA, name="rerank", purpose="rerank")
    except LLMError as exc:
        return [f"LLM re-rank not used ({exc})"]
    order = _valid_order(answer, len(top))
    if order is None:
        return ["LLM re-rank not used (its answer named unknown or repeated offers)"]
    ranked: list[RankedOffer] = []
    for index, reason in order:
        item = top[index - 1]
        if reason:
            item.reasons.insert(0, REASON_PREFIX + flat(reason, REASON_LIMIT))
        ranked.append(item)
    chosen = {id(r) for r in ranked}
    ranked.extend(r for r in top if id(r) not in chosen)  # offers the model skipped keep their place after
    result.offers[: len(top)] = ranked
    return []


def _valid_order(answer: dict[str, Any], count: int) -> list[tuple[int, str]] | None:
    items = answer.get("order")
    if not isinstance(items, list) or not items:
        return None
    seen: set[int] = set()
    order: list[tuple[int, str]] = []
    for item in items:
        if not isinstance(item, dict):
            return None
        index = item.get("id")
        if isinstance(index, bool) or not isinstance(index, int) or not 1 <= index <= count or index in seen:
            return None
        seen.add(index)
        reason = item.get("reason")
        order.append((index, reason if isinstance(reason, str) else ""))
    return order
