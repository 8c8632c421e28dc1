"""WebMall dev tasks through `find`, offline: four local shops, each in a different format.

Serves ../shared/bench/webmall/products.jsonl.gz as four shops: WooCommerce Store API and Shopify storefront
JSON with shopper's own demo server code, and two shops written from other platforms' theme markup
(tests/platform_shops.py, not shopper's renderers): a Magento 2 Luma shop whose search results are cards
without structured data, product pages with OpenGraph tags only, reached through its plain search form; and
a PrestaShop classic shop with an OpenSearch description, visible-price-only cards and microdata product
pages. It points a profile at them with
platform "auto" (so detection runs too), runs every dev task's request through the find pipeline with no
LLM, and scores the answer set against the gold offers: task completion (set equality), precision,
recall, F1, top-1; by category and by basic/advanced, beside the published agents.

    python bench/webmall.py [--shared ../shared] [--sync] [--verbose]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gzip
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the platform test shops (tests/platform_shops.py)

FLAVORS = {1: "woocommerce", 2: "shopify"}
# Shops 3 and 4 are served from other platforms' theme markup: (platform, product page data, OpenSearch).
TEMPLATE_SHOPS = {3: ("magento", "og", False), 4: ("prestashop", "microdata", True)}


def load_products(path: Path) -> dict[int, list[dict[str, Any]]]:
    """Offers per shop id."""
    shops: dict[int, list[dict[str, Any]]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            shops[int(row["shop_id"])].append(row)
    return shops


def to_shop_products(rows: list[dict[str, Any]]) -> list[Any]:
    """WebMall offers as the demo server's products (no brand, sku or variants: WebMall has none)."""
    from shopper.demo.server import ShopProduct

    products = []
    for row in rows:
        # One offer in the data has no price. The shop still lists it; the demo server needs a number,
        # and 0.00 is what a shop shows for "no price" (shopper reads a zero price as none).
        price = Decimal(str(row["price"])) if row.get("price") is not None else Decimal("0.00")
        regular = Decimal(str(row["regular_price"])) if row.get("regular_price") else None
        products.append(
            ShopProduct(
                id=int(row["wc_id"]),
                slug=row["url_path"].rstrip("/").rsplit("/", 1)[-1],
                title=row["name"],
                brand="",
                category=" > ".join(row.get("categories") or []),
                description=(row.get("short_description") or "") + " " + (row.get("description") or ""),
                price=price,
                regular_price=regular if regular is not None and regular > price else None,
                in_stock=bool(row.get("in_stock", True)),
                sku="",
                gtin=None,
                mpn=None,
                images=[],
                tags=[],
                options=[],
                variants=[],
                rating=None,
                rating_count=None,
            )
        )
    return products


def to_items(rows: list[dict[str, Any]]) -> list[Any]:
    """WebMall offers as the platform test shops' items (the URL slug kept, so answers map back)."""
    from platform_shops import Item

    items = []
    for row in rows:
        price = Decimal(str(row["price"])) if row.get("price") is not None else Decimal("0.00")
        regular = Decimal(str(row["regular_price"])) if row.get("regular_price") else None
        items.append(
            Item(
                id=int(row["wc_id"]),
                title=row["name"],
                price=price,
                old_price=regular if regular is not None and regular > price else None,
                in_stock=bool(row.get("in_stock", True)),
                description=(row.get("short_description") or "") + " " + (row.get("description") or ""),
                handle=row["url_path"].rstrip("/").rsplit("/", 1)[-1],
            )
        )
    return items


def score(answer: set[str], gold: set[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 of one answer set."""
    hit = len(answer & gold)
    precision = hit / len(answer) if answer else 0.0
    recall = hit / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def published(shared: Path) -> list[str]:
    """Published completion rates to print beside ours."""
    lines = []
    path = shared / "bench" / "webmall" / "published_results" / "agentlab_v1.0_website.csv"
    with path.open() as fh:
        for row in csv.DictReader(fh):
            lines.append(
                f"  {row['model']:<16} {row['task_set']:<9} "
                f"axtree {float(row['axtree_completion_rate']) / 100:.2f}"
                f"  axtree+memory {float(row['axtree_memory_completion_rate']) / 100:.2f}"
            )
    return lines


async def run(args: argparse.Namespace) -> int:
    from shopper.models import Profile, ShopConfig
    from shopper.pipeline import find
    from shopper.shops.fetch import FetchSettings
    from shopper.store.db import connect

    shared = Path(args.shared).resolve()
    servers, url_to_offer, products = start_shops(shared)
    tasks = [json.loads(line) for line in (shared / "bench" / "webmall" / "tasks-dev.jsonl").open()]
    by_port = {urlsplit(s.url).port: shop_id for shop_id, s in servers.items()}
    slug_to_offer = {
        (row["shop_id"], row["url_path"].rstrip("/").rsplit("/", 1)[-1]): row["offer_id"]
        for rows in products.values()
        for row in rows
    }
    profile = Profile(
        name="webmall",
        currency="EUR",
        shops=[ShopConfig(name=s.name, url=s.url, platform="auto") for s in servers.values()],
    )
    settings = FetchSettings(cache_path=None, respect_robots=True)
    conn = connect(Path(os.environ["SHOPPER_HOME"]) / "shopper.db")
    if args.sync:
        from shopper.shops.manage import sync_shops

        started = time.perf_counter()
        synced = await sync_shops(profile)
        print(f"synced mirrors in {time.perf_counter() - started:.1f} s: {synced}")

    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    try:
        for task in tasks:
            result = await find(task["request_resolved"], profile, conn=conn, fetch_settings=settings)
            answer_ids = []
            for url in result.answer:
                parts = urlsplit(url)
                shop_id = by_port.get(parts.port)
                slug = parts.path.rstrip("/").rsplit("/", 1)[-1]
                offer_id = url_to_offer.get(url) or (slug_to_offer.get((shop_id, slug)) if shop_id else None)
                answer_ids.append(offer_id or url)
            gold = set(task["gold_offer_ids"])
            answer = set(answer_ids)
            precision, recall, f1 = score(answer, gold)
            rows.append(
                {
                    "task": task["task_id"],
                    "set": task["difficulty_set"],
                    "category": task["category"],
                    "complete": answer == gold,
                    "precision": precision,
                    "recall": recall,
                    "f1": f1,
                    "top1": bool(answer_ids) and answer_ids[0] in gold,
                }
            )
            if args.verbose and answer != gold:
                print(f"- {task['task_id']}: {task['request_resolved'][:100]}")
                print(
                    f"    query: terms={result.query.terms} models={result.query.model_numbers} "
                    f"must={result.query.must} intent={result.query.intent}"
                )
                print(f"    missing: {sorted(gold - answer)}  extra: {sorted(answer - gold)[:8]}")
    finally:
        conn.close()
        for server in servers.values():
            server.stop()
    seconds = time.perf_counter() - started

    def summary(label: str, subset: list[dict[str, Any]]) -> str:
        n = len(subset)
        mean = lambda k: sum(float(r[k]) for r in subset) / n  # noqa: E731
        return (
            f"{label:<28} n={n:<3} completion {mean('complete'):.2f}  precision {mean('precision'):.2f}  "
            f"recall {mean('recall'):.2f}  F1 {mean('f1'):.2f}  top-1 {mean('top1'):.2f}"
        )

    print(
        f"WebMall dev: {len(rows)} tasks in {seconds:.1f} s "
        f"(offline, no LLM{', mirrors synced' if args.sync else ''})"
    )
    for level in ("basic", "advanced"):
        print(summary(level, [r for r in rows if r["set"] == level]))
    print(summary("all", rows))
    print("by category:")
    for category in sorted({r["category"] for r in rows}):
        print("  " + summary(category, [r for r in rows if r["category"] == category]))
    print("published (completion, website agents, v1.0):")
    print("\n".join(published(shared)))
    print("targets: basic completion >= 0.80, advanced >= 0.40")
    return 0


def start_shops(shared: Path) -> tuple[dict[int, Any], dict[str, str], dict[int, list[dict[str, Any]]]]:
    """The four WebMall shops, started: (servers by shop id, product URL -> offer id, rows by shop id)."""
    from shopper.demo.server import ShopServer

    products = load_products(shared / "bench" / "webmall" / "products.jsonl.gz")
    servers: dict[int, Any] = {}
    url_to_offer: dict[str, str] = {}
    for shop_id, rows in sorted(products.items()):
        if shop_id in TEMPLATE_SHOPS:
            from platform_shops import PlatformShop

            platform, data, opensearch = TEMPLATE_SHOPS[shop_id]
            items = to_items(rows)
            server: Any = PlatformShop(
                platform, product_data=data, opensearch=opensearch, items=items, name=rows[0]["shop_name"]
            ).start()
            for item, row in zip(items, rows, strict=True):
                url_to_offer[server.product_url(item)] = row["offer_id"]
        else:
            server = ShopServer(
                to_shop_products(rows), FLAVORS[shop_id], name=rows[0]["shop_name"], currency="EUR"
            )
            server.start()
        servers[shop_id] = server
    return servers, url_to_offer, products


def serve(shared: Path) -> None:
    """Child process for other benchmarks: start the shops, print [name, url] pairs, serve until EOF."""
    servers, _, _ = start_shops(shared)
    print(json.dumps([[s.name, s.url] for s in servers.values()]), flush=True)
    sys.stdin.read()
    for server in servers.values():
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument(
        "--sync", action="store_true", help="mirror every shop's catalogue first (shops sync)"
    )
    parser.add_argument("--verbose", action="store_true", help="list the tasks not completed")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.shared).resolve())
        return 0
    with tempfile.TemporaryDirectory() as home:
        os.environ["SHOPPER_HOME"] = home
        return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
