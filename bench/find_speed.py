"""`find` over 8 local shops that each answer with 300 ms latency.

Prints wall time as a ratio to one shop's latency (target <= 1.5; asking the shops one after another
would be 8 or more) for: first contact (empty data dir, HTML shops' search not yet known), cold (the
shops as `shopper shops add` saves them, with an empty catalogue mirror and HTTP cache), warm (the same
request again), and another request on the warm state (mirrors fresh, robots.txt known, but new search
pages and product pages); and peak memory. The shops run in
a separate process, as real shops would, so their rendering does not compete with shopper for the
interpreter.

    python bench/find_speed.py [--latency 0.3] [--request "..."] [--other "..."]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FLAVORS = ["shopify", "woocommerce", "jsonld", "microdata"] * 2
PLATFORM = {"shopify": "shopify", "woocommerce": "woocommerce", "jsonld": "html", "microdata": "html"}


def serve(latency: float) -> None:
    """Child process: start the 8 shops, print their URLs as JSON, serve until stdin closes."""
    from shopper.demo.catalog import shop_products
    from shopper.demo.server import ShopServer

    servers = []
    for index, flavor in enumerate(FLAVORS):
        server = ShopServer(shop_products(index % 4), flavor, name=f"shop{index + 1}", latency=latency)
        server.start()
        servers.append(server)
    print(json.dumps([[s.name, s.url, s.flavor] for s in servers]), flush=True)
    sys.stdin.read()
    for server in servers:
        server.stop()


async def measure(args: argparse.Namespace, shops: list[list[str]]) -> list[tuple[str, float, int, int]]:
    from shopper.models import Profile, ShopConfig
    from shopper.pipeline import find
    from shopper.shops.detect import detect_shop
    from shopper.shops.fetch import Fetcher, FetchSettings
    from shopper.store.db import connect

    bare = [
        ShopConfig(name=name, url=url, platform=PLATFORM[flavor], currency="EUR")  # type: ignore[arg-type]
        for name, url, flavor in shops
    ]
    # What `shopper shops add` would have saved: each HTML shop's search template (found without a cache).
    async with Fetcher(FetchSettings(cache_path=None)) as fetcher:
        found = [await detect_shop(fetcher, s.url) for s in bare]
    added = [
        s.model_copy(update={"search_url": d.search_url if s.platform == "html" else None})
        for s, d in zip(bare, found, strict=True)
    ]
    figures = []
    phases = (
        ("first contact", bare, args.request, True),
        ("cold", added, args.request, True),
        ("warm", added, args.request, False),
        ("other request", added, args.other, False),
    )
    home = Path(os.environ["SHOPPER_HOME"])
    for label, shop_list, request, fresh in phases:
        if fresh:  # an empty data dir: no catalogue mirror, no HTTP cache, nothing remembered
            for item in home.iterdir():
                shutil.rmtree(item) if item.is_dir() else item.unlink()
        conn = connect()
        try:
            started = time.perf_counter()
            result = await find(request, Profile(name="bench", currency="EUR", shops=shop_list), conn=conn)
            figures.append((label, time.perf_counter() - started, len(result.offers), len(result.warnings)))
        finally:
            conn.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--request", default="trail running shoes size 44 under 150 euro")
    parser.add_argument("--other", default="noise cancelling headphones under 300 euro")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.latency)
        return 0
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--latency", str(args.latency)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        shops = json.loads(child.stdout.readline())
        with tempfile.TemporaryDirectory() as home:
            os.environ["SHOPPER_HOME"] = home
            figures = asyncio.run(measure(args, shops))
    finally:
        if child.stdin is not None:
            child.stdin.close()
        child.wait(timeout=30)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"find over {len(shops)} shops, {args.latency * 1000:.0f} ms latency each: {args.request!r}, "
        f"then {args.other!r}"
    )
    for label, wall, offers, warnings in figures:
        print(
            f"  {label:<14}: {wall:.2f} s = {wall / args.latency:.2f} x one shop's latency "
            f"(target <= 1.5; one shop after another >= {len(shops)})  offers={offers} warnings={warnings}"
        )
    print(f"  peak memory of the shopper process (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
