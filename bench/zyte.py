"""Zyte product-extraction benchmark: extract_product on each page, scored like the published metric.

Usage: python bench/zyte.py [--shared PATH] [--verbose]

Each page gets only its URL (as the base URL); no other per-page hint. Scoring follows the benchmark's
evaluate.py: per page one predicted value; TP when it is in the gold set (prices compared as Decimals),
FP when a prediction is wrong (also on pages without gold), FN when gold exists and the prediction is
missing or wrong; TP/FP/FN summed over pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shopper.extract.page import extract_product
from shopper.models import Offer

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
NOW = frozenset({"InStock", "LimitedAvailability", "OnlineOnly", "InStoreOnly"})
ATTRIBUTES = ("price", "availability", "InStock", "OutOfStock", "sku")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None


def match(gold: set[object], pred: object | None) -> tuple[int, int, int]:
    """(tp, fp, fn) for one page, as the benchmark's hard_matching."""
    if pred is None:
        return 0, 0, (1 if gold else 0)
    if pred in gold:
        return 1, 0, 0
    return 0, 1, (1 if gold else 0)


def scores(counts: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    """(precision, recall, f1) from summed counts, with the benchmark's edge cases."""
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    precision = 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))
    recall = 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def gold_and_pred(row: dict[str, Any], offer: Offer | None) -> dict[str, tuple[set[Any], Any]]:
    """For each attribute, the gold set and the prediction of one page."""
    price = offer.price if offer is not None else None
    avail = offer.availability if offer is not None else None
    # The benchmark has two classes: what can be bought now counts as InStock, the rest as OutOfStock.
    if avail is not None:
        avail = "InStock" if avail in NOW else "OutOfStock"
    gold_price = {d for d in (_decimal(str(p)) for p in row.get("gold_price") or []) if d is not None}
    gold_avail = row.get("gold_availability")
    out: dict[str, tuple[set[Any], Any]] = {
        "price": (gold_price, price.amount if price is not None else None),
        "availability": ({gold_avail} if gold_avail else set(), avail),
        "sku": (set(row.get("gold_sku") or []), offer.sku if offer is not None else None),
    }
    # Per-class scores: a page is positive when gold or prediction is that class.
    for cls in ("InStock", "OutOfStock"):
        out[cls] = ({cls} if gold_avail == cls else set(), cls if avail == cls else None)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    root = args.shared / "bench" / "zyte"
    rows = [json.loads(line) for line in (root / "pages-dev.jsonl").read_text().splitlines() if line.strip()]
    published = json.loads((root / "published-metrics.json").read_text())
    counts: dict[str, list[tuple[int, int, int]]] = {a: [] for a in ATTRIBUTES}
    misses: list[str] = []
    started = time.perf_counter()
    for row in rows:
        html = gzip.decompress((root / row["html_path"]).read_bytes())
        offer = extract_product(html, row["url"])
        for attribute, (gold, pred) in gold_and_pred(row, offer).items():
            c = match(gold, pred)
            counts[attribute].append(c)
            if (c[1] or c[2]) and attribute in ("price", "availability", "sku"):
                notes = "; ".join(offer.notes) if offer is not None else "no offer"
                misses.append(
                    f"{row['page_id'][:8]} {row['domain']:<28} {attribute:<12} gold={sorted(map(str, gold))} "
                    f"pred={pred!s} [{offer.source if offer is not None else '-'}] {notes}"
                )
    elapsed = time.perf_counter() - started
    print(f"Zyte product-extraction benchmark, {len(rows)} dev pages, {elapsed:.1f}s")
    print(f"{'attribute':<14}{'P':>7}{'R':>7}{'F1':>7}   published F1 (all 140 pages): Zyte / extruct")
    for attribute in ATTRIBUTES:
        p, r, f = scores(counts[attribute])
        ref = " / ".join(f"{published[s][attribute]['f1']:.3f}" for s in ("Zyte", "extruct"))
        print(f"{attribute:<14}{p:>7.3f}{r:>7.3f}{f:>7.3f}   {ref}")
    if args.verbose:
        print("\nmisses:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
