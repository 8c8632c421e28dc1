"""The `watch add` line find offers when the asked size is sold out everywhere."""

from __future__ import annotations

import shlex

from shopper.models import FindResult


def restock_line(result: FindResult) -> str | None:
    """`shopper watch add URL --restock --size S` for the best sold-out offer, when none is buyable."""
    size = result.query.size
    if not size or result.answer:
        return None
    sold_out = [
        e for e in result.excluded if e.why.lower().endswith("sold out") and size.lower() in e.why.lower()
    ]
    if not sold_out:
        return None
    parts = [
        "shopper",
        "watch",
        "add",
        shlex.quote(sold_out[0].url),
        "--restock",
        "--size",
        shlex.quote(size),
    ]
    if result.profile != "default":
        parts += ["--profile", shlex.quote(result.profile)]
    return " ".join(parts)
