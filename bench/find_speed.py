"""`find` over 8 local shops that each answer with 300 ms latency.

Prints wall time as a ratio to one shop's latency (target <= 1.5; asking the shops one after another
would be 8 or more), cold (empty catalogue mirror and HTTP cache) and warm (second run), and peak memory.

    python bench/find_speed.py [--latency 0.3] [--request "..."]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PLATFORM = {"shopify": "shopify", "woocommerce": "woocommerce", "jsonld": "html", "microdata": "html"}


async def main_async(args: argparse.Namespace) -> int:
    from shopper.demo.catalog import shop_products
    from shopper.demo.server import ShopServer
    from shopper.models import Profile, ShopConfig
    from shopper.pipeline import find
    from shopper.store.db import connect

    flavors = ["shopify", "woocommerce", "jsonld", "microdata"] * 2
    servers = []
    for index, flavor in enumerate(flavors):
        server = ShopServer(shop_products(index % 4), flavor, name=f"shop{index + 1}", latency=args.latency)
        server.start()
        servers.append(server)
    profile = Profile(
        name="bench",
        currency="EUR",
        shops=[
            ShopConfig(name=s.name, url=s.url, platform=PLATFORM[f], currency="EUR")  # type: ignore[arg-type]
            for s, f in zip(servers, flavors, strict=True)
        ],
    )
    conn = connect()
    try:
        figures = []
        for label in ("cold", "warm"):
            started = time.perf_counter()
            result = await find(args.request, profile, conn=conn)
            wall = time.perf_counter() - started
            requests = sum(sum(s.requests.values()) for s in servers)
            figures.append((label, wall, len(result.offers), requests, len(result.warnings)))
            for server in servers:
                server.requests.clear()
    finally:
        conn.close()
        for server in servers:
            server.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"find over {len(servers)} shops, {args.latency * 1000:.0f} ms latency each: {args.request!r}")
    for label, wall, offers, requests, warnings in figures:
        print(
            f"  {label}: {wall:.2f} s = {wall / args.latency:.2f} x one shop's latency "
            f"(target <= 1.5; sequential >= {len(servers)})  "
            f"offers={offers} requests={requests} warnings={warnings}"
        )
    print(f"  peak memory (max RSS of this process): {peak_mb:.0f} MB")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--request", default="trail running shoes size 44 under 150 euro")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["SHOPPER_HOME"] = home
        return asyncio.run(main_async(args))


if __name__ == "__main__":
    raise SystemExit(main())
