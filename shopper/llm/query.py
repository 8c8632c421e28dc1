"""The LLM reading of a request: structured output -> Query, validated; the offline parser otherwise."""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from shopper.errors import LLMError
from shopper.llm.client import LLMClient
from shopper.llm.untrusted import DATA_RULE, quoted
from shopper.models import Money, Profile, Query

MAX_PRICE = Decimal("10000000")  # above this a parsed price is a misreading, not a budget
MAX_LIST = 8  # items kept per list field
MAX_WORD = 60  # characters per list item
INTENTS = ("best", "cheapest", "all", "compare")
_WORD = re.compile(r"[^\W_][\w'-]*", re.UNICODE)

_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
QUERY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "product": {"type": "string", "description": "what the product is, few words, request's language"},
        "search_terms": {**_STRINGS, "description": "1-3 phrases to type into a shop's search box"},
        "brands": _STRINGS,
        "exclude_brands": _STRINGS,
        "size": {"type": ["string", "null"]},
        "colours": {**_STRINGS, "description": "English colour names"},
        "max_price": {"type": ["number", "null"]},
        "min_price": {"type": ["number", "null"]},
        "currency": {"type": ["string", "null"], "description": "ISO 4217 code"},
        "intent": {"type": "string", "enum": list(INTENTS)},
        "must": {**_STRINGS, "description": "features the product must have"},
        "must_not": _STRINGS,
        "include_out_of_stock": {"type": "boolean"},
        "vague": {"type": "boolean", "description": "true when the request names a need, not a product"},
    },
    "required": [
        "product",
        "search_terms",
        "brands",
        "exclude_brands",
        "size",
        "colours",
        "max_price",
        "min_price",
        "currency",
        "intent",
        "must",
        "must_not",
        "include_out_of_stock",
        "vague",
    ],
}
SYSTEM = (
    "You turn one shopping request into search fields for web shops. "
    + DATA_RULE
    + " Prices are plain numbers; currency defaults to {currency}. Use [] or null when the request "
    "does not say. Keep product words in the request's language."
)


class BadAnswer(ValueError):
    """The model's answer is not a usable Query."""


@dataclass
class Understood:
    """The Query find will use, whether the LLM made it, and what went wrong on the way."""

    query: Query
    by_llm: bool = False
    vague: bool = False
    warnings: list[str] = field(default_factory=list)


def understand(
    text: str, profile: Profile, client: LLMClient | None, *, offline: Query | None = None
) -> Understood:
    """The LLM's Query for `text` when a client is given and its answer holds up; else the offline one."""
    from shopper.understand.offline import parse_request

    base = offline or parse_request(text, profile)
    if client is None:
        return Understood(query=base)
    # The offline reading has already cut addresses and card numbers: only the search part goes out.
    messages = [
        {"role": "system", "content": SYSTEM.format(currency=profile.currency)},
        {"role": "user", "content": "Request: " + quoted(base.text, 500)},
    ]
    try:
        answer = client.structured(messages, QUERY_SCHEMA, name="query", purpose="find")
        query, vague = query_from_answer(answer, base, profile.currency)
    except (LLMError, BadAnswer) as exc:
        return Understood(query=base, warnings=[f"LLM reading not used ({exc}); using the offline reading"])
    return Understood(query=query, by_llm=True, vague=vague)


def query_from_answer(answer: dict[str, Any], base: Query, currency: str) -> tuple[Query, bool]:
    """Validate the model's fields and build a Query; BadAnswer for missing, mistyped or absurd ones."""
    missing = [k for k in QUERY_SCHEMA["required"] if k not in answer]
    if missing:
        raise BadAnswer(f"the model left out {', '.join(missing)}")
    product = _text(answer["product"], "product")
    search_terms = _strings(answer["search_terms"], "search_terms")
    terms = list(dict.fromkeys(w.lower() for w in _WORD.findall(product)))
    if not terms and not search_terms:
        raise BadAnswer("the model named no product")
    code = answer["currency"]
    if code is None:
        code = currency
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{3}", code.strip()):
        raise BadAnswer(f"currency {code!r} is not an ISO code")
    code = code.strip().upper()
    max_price = _money(answer["max_price"], code, "max_price")
    min_price = _money(answer["min_price"], code, "min_price")
    if max_price and min_price and min_price.amount > max_price.amount:
        raise BadAnswer("min_price is above max_price")
    intent = answer["intent"]
    if intent not in INTENTS:
        raise BadAnswer(f"intent {intent!r} is unknown")
    size = _size(answer["size"])
    stock = answer["include_out_of_stock"]
    vague = answer["vague"]
    if not isinstance(stock, bool) or not isinstance(vague, bool):
        raise BadAnswer("include_out_of_stock and vague must be true or false")
    exclude = _strings(answer["exclude_brands"], "exclude_brands")
    query = Query(
        text=base.text,
        language=base.language,
        terms=terms or [w.lower() for s in search_terms for w in _WORD.findall(s)][:MAX_LIST],
        search_terms=search_terms or [" ".join(terms)],
        brands=[b for b in _strings(answer["brands"], "brands") if b not in exclude],
        exclude_brands=exclude,
        model_numbers=base.model_numbers,
        size=size,
        size_system=base.size_system if size is not None and size == base.size else None,
        colours=_colours(_strings(answer["colours"], "colours")),
        max_price=max_price,
        min_price=min_price,
        intent=intent,
        must=_strings(answer["must"], "must"),
        must_not=_strings(answer["must_not"], "must_not"),
        include_out_of_stock=stock,
        ignored=base.ignored,
    )
    return query, vague


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise BadAnswer(f"{name} is not text")
    return value.strip()[:200]


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadAnswer(f"{name} is not a list of text")
    kept = [" ".join(v.split())[:MAX_WORD] for v in value if v.strip()]
    return list(dict.fromkeys(kept))[:MAX_LIST]


def _money(value: Any, currency: str, name: str) -> Money | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise BadAnswer(f"{name} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadAnswer(f"{name} is not finite")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise BadAnswer(f"{name} {value!r} is not a number") from None
    if not amount.is_finite() or amount <= 0 or amount > MAX_PRICE:
        raise BadAnswer(f"{name} {value!r} is not a believable price")
    return Money(amount=amount.quantize(Decimal("0.01")), currency=currency)


def _size(value: Any) -> str | None:
    from shopper.understand.sizes import canonical_size

    if value is None:
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise BadAnswer("size is not text")
    raw = str(value).strip()
    if not raw:
        return None
    return canonical_size(raw) or raw[:20]


def _colours(values: list[str]) -> list[str]:
    from shopper.understand.features import colour_of

    return list(dict.fromkeys(colour_of(v) or v.lower() for v in values))


def client_for(conn: sqlite3.Connection | None, *, enabled: bool = True) -> LLMClient | None:
    """The configured LLM client, or None (no LLM configured, or switched off)."""
    from shopper.llm.config import llm_settings

    settings = llm_settings() if enabled else None
    return LLMClient(settings, conn) if settings is not None else None
