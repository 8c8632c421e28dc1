"""The machine-readable shape of results (`find --json`), kept in step with schemas/find.schema.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shopper.models import FindResult, Money

SCHEMA_PATH = Path(__file__).parent / "schemas" / "find.schema.json"


def _money(value: Money | None) -> dict[str, str] | None:
    return None if value is None else {"amount": str(value.amount), "currency": value.currency}


def find_json(result: FindResult, limit: int | None = None) -> dict[str, Any]:
    """The one JSON object `find --json` prints: offers best first (at most limit), the answer, exclusions."""
    shown = result.offers if limit is None else result.offers[:limit]
    # the answer's offers stay listed even past the limit, so every answer url has its offer
    shown += [r for r in result.offers[len(shown) :] if r.offer.url in set(result.answer)]
    return {
        "request": result.request,
        "query": result.query.model_dump(mode="json"),
        "offers": [
            {
                "title": r.offer.title,
                "shop": r.offer.shop,
                "url": r.offer.url,
                "link": r.url,
                "price": _money(r.price or r.offer.price),
                "landed": _money(r.landed),
                "availability": r.offer.availability,
                "variant": None
                if r.matched_variant is None
                else {
                    "options": r.matched_variant.options,
                    "availability": r.matched_variant.availability,
                    "url": r.matched_variant.url,
                    "image": r.matched_variant.image,
                },
                "size_known": r.size_known,
                "item": r.item,
                "score": round(r.score, 4),
                "reasons": r.reasons,
                "group": r.group,
                "stale": r.offer.stale,
            }
            for r in shown
        ],
        "answer": result.answer,
        "excluded": [
            {"url": e.url, "title": e.title, "why": e.why, "kind": e.kind, "sizes_in_stock": e.sizes_in_stock}
            for e in result.excluded
        ],
        "sold_out": None if result.sold_out is None else result.sold_out.model_dump(mode="json"),
        "hint": result.hint,
        "warnings": result.warnings,
        "demo": result.demo,
        "profile": result.profile,
    }
