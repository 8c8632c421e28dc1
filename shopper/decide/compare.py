"""A side-by-side comparison of the answered products: price range, shared specifications, stock."""

from __future__ import annotations

from dataclasses import dataclass, field

from shopper.decide.landed import money_str
from shopper.decide.textmatch import specs
from shopper.decide.variants import sizes_in_stock
from shopper.models import FindResult, Money, RankedOffer

# How each measured dimension reads in a table row (values are in the parser's base units).
_DIMS: dict[str, tuple[str, str, float]] = {
    "storage": ("storage", "GB", 1.0),
    "freq": ("clock", "MHz", 1.0),
    "refresh": ("refresh rate", "Hz", 1.0),
    "length": ("length", "mm", 1.0),
    "inch": ("screen", "inch", 1.0),
    "power": ("power", "W", 1.0),
    "battery": ("battery", "mAh", 1.0),
    "latency": ("latency", "ms", 1.0),
    "weight": ("weight", "g", 1.0),
    "rate": ("speed", "MB/s", 1.0),
    "cores": ("cores", "", 1.0),
}


@dataclass
class Comparison:
    """Columns (one per compared product) and rows of (label, one cell per column)."""

    columns: list[RankedOffer] = field(default_factory=list)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


def _range(prices: list[Money]) -> str:
    if not prices:
        return "?"
    currency = prices[0].currency
    same = [p for p in prices if p.currency == currency]
    low, high = min(same, key=lambda p: p.amount), max(same, key=lambda p: p.amount)
    shops = f" ({len(prices)} offers)" if len(prices) > 1 else ""
    if low.amount == high.amount:
        return money_str(low) + shops
    return f"{money_str(low)} – {money_str(high)}{shops}"


def _fmt(value: float, unit: str) -> str:
    number = f"{value:g}"
    return f"{number} {unit}".strip()


def compare(result: FindResult) -> Comparison:
    """The answer's products side by side; only specifications every one of them states are rows."""
    found = [next((r for r in result.offers if r.offer.url == url), None) for url in result.answer]
    answer = [r for r in found if r is not None]
    out = Comparison(columns=answer)
    if len(answer) < 2:
        return out
    ranges = []
    for best in answer:
        same = [r for r in result.offers if r.item == best.item and r.group == best.group]
        prices = [p for r in same if (p := r.landed or r.price or r.offer.price) is not None]
        ranges.append(_range(prices))
    out.rows.append(("price", ranges))
    out.rows.append(("shop", [r.offer.shop for r in answer]))
    stated = [specs(" ".join(filter(None, [r.offer.title, r.offer.description]))).qty for r in answer]
    for dim, (label, unit, scale) in _DIMS.items():
        if all(dim in s for s in stated):
            out.rows.append((label, [_fmt(max(s[dim]) / scale, unit) for s in stated]))
    if result.query.size:
        cells = []
        for r in answer:
            if r.matched_variant is not None and r.size_known:
                cells.append(f"size {result.query.size} in stock")
            else:
                left = sizes_in_stock(r.offer)
                cells.append("in stock: " + ", ".join(left[:8]) if left else "size not known")
        out.rows.append(("size", cells))
    else:
        out.rows.append(("stock", [r.offer.availability or "unknown" for r in answer]))
    return out
