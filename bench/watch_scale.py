"""One watch run over 500 watches on 5 local shops with a per-host politeness limit.

Prints the run's wall time as a ratio to the politeness floor (the most requests any one host got,
divided by the allowed rate per host; target <= 1.2) and peak memory (target <= 150 MB), both for the
run inside this process (the shops live in a child process, so this process holds only the run) and
for a real `shopper watch run --all` process (whose time includes Python's start and imports).
Shops: three Shopify-format and two plain HTML shops (tests/watch_shops.py).

Usage: python bench/watch_scale.py [--watches 500] [--shops 5] [--rate 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve(count: int, per_shop: int) -> int:
    """Child process: start the shops, print their product URLs, answer 'hits' on stdin until EOF."""
    from tests.watch_shops import HtmlShop, Item, LocalShop, ShopifyShop

    shops: list[LocalShop] = []
    urls: list[list[str]] = []
    for s in range(count):
        items = [
            Item(f"item-{s}-{n}", f"Product {n} of shop {s}", "Maker", Decimal(20 + n), ["S", "M", "L"])
            for n in range(per_shop)
        ]
        shop: LocalShop = ShopifyShop(items) if s % 5 < 3 else HtmlShop(items)
        shop.start()
        prefix = "/products/" if isinstance(shop, ShopifyShop) else "/item/"
        shops.append(shop)
        urls.append([f"{shop.base}{prefix}{i.handle}" for i in items])
    print(json.dumps(urls), flush=True)
    for line in sys.stdin:
        if line.strip() == "hits":
            print(json.dumps({shop.base: len(shop.hits) for shop in shops}), flush=True)
            for shop in shops:
                shop.hits.clear()
    for shop in shops:
        shop.stop()
    return 0


class Shops:
    """The shops' child process."""

    def __init__(self, count: int, per_shop: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(count), str(per_shop)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.urls: list[list[str]] = json.loads(self.proc.stdout.readline())

    def hits(self) -> dict[str, int]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("hits\n")
        self.proc.stdin.flush()
        return dict(json.loads(self.proc.stdout.readline()))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def figures(label: str, seconds: float, hits: dict[str, int], rate: float, peak_mb: float) -> str:
    busiest = max(hits.values())
    floor = busiest / rate
    return (
        f"{label}: {seconds:.2f} s; busiest host {busiest} requests -> floor {floor:.2f} s; "
        f"ratio {seconds / floor:.2f}; peak memory {peak_mb:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watches", type=int, default=500)
    parser.add_argument("--shops", type=int, default=5)
    parser.add_argument("--rate", type=float, default=10.0, help="requests per second allowed per host")
    parser.add_argument("--serve", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(*args.serve)
    shops = Shops(args.shops, args.watches // args.shops)
    tmp = tempfile.TemporaryDirectory()
    os.environ["SHOPPER_HOME"] = tmp.name

    from shopper.store.db import connect
    from shopper.watch.models import Watch
    from shopper.watch.repo import WatchRepo
    from shopper.watch.runner import RunSettings, run_once, utc_now

    conn = connect()
    repo = WatchRepo(conn)
    for n, urls in enumerate(shops.urls):
        for m, url in enumerate(urls):
            repo.add(
                Watch(kind="product", target=url, size=("S", "M", "L")[(n + m) % 3], restock=True), utc_now()
            )
    print(f"{sum(map(len, shops.urls))} watches over {args.shops} shops, {args.rate:g} requests/s per host")
    settings = RunSettings(per_host_rate=args.rate)
    for label in ("in-process, first run (detects the shops)", "in-process, second run (shops known)"):
        start = time.perf_counter()
        report = asyncio.run(run_once(conn, everything=True, settings=settings))
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(figures(label, seconds, shops.hits(), args.rate, peak) + f"; {report.checked} checked")
    conn.close()

    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "shopper", "watch", "run", "--all", "--json", "--rate", str(args.rate)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"watch run failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    # Only finished children count, so this is the `shopper` process alone (the shops still run).
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    hits = shops.hits()
    print(figures("`shopper watch run --all` process", seconds, hits, args.rate, peak))
    own = re.search(r"checked in ([0-9.]+) s", done.stderr)
    if own:
        print(
            figures(
                "  the same run's own pass (without start and imports)", float(own[1]), hits, args.rate, peak
            )
        )
    conn = connect()
    errors = conn.execute("SELECT count(*) FROM watches WHERE errors > 0").fetchone()[0]
    observations = conn.execute("SELECT count(*) FROM observations").fetchone()[0]
    conn.close()
    print(f"watches whose last check failed: {errors}; observations recorded: {observations}")
    shops.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
