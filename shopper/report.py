"""The machine-readable shape of results (`find --json`), kept in step with schemas/find.schema.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shopper.models import FindResult, Money

SCHEMA_PATH = Path(__file__).parent / "schemas" / "find.schema.json"


def _money(value: Money | None) -> dict[str, str] | None:
    return None if value is None else {"amount": str(value.amount), "currency": value.currency}


def find_json(result: FindResult) -> dict[str, Any]:
    """The one JSON object `find --json` prints: offers best first, the answer, exclusions, warnings."""
    return {
        "request": result.request,
        "query": result.query.model_dump(mode="json"),
        "offers": [
            {
                "title": r.offer.title,
                "shop": r.offer.shop,
                "url": r.offer.url,
                "price": _money(r.offer.price),
                "landed": _money(r.landed),
                "availability": r.offer.availability,
                "score": round(r.score, 4),
                "reasons": r.reasons,
                "group": r.group,
                "stale": r.offer.stale,
                "variant": None
                if r.matched_variant is None
                else {
                    "options": r.matched_variant.options,
                    "url": r.matched_variant.url,
                    "image": r.matched_variant.image,
                },
            }
            for r in result.offers
        ],
        "answer": result.answer,
        "excluded": [{"url": e.url, "title": e.title, "why": e.why} for e in result.excluded],
        "warnings": result.warnings,
        "demo": result.demo,
        "profile": result.profile,
    }
