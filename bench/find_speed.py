"""`find` over 8 local shops that each answer with 300 ms latency.

Prints wall time as a ratio to one shop's latency (target <= 1.5; asking the shops one after another
would be 8 or more) for: first contact (empty data dir, HTML shops' search not yet known), cold (the
shops as `shopper shops add` saves them, with an empty catalogue mirror and HTTP cache), warm (the same
request again), and another request on the warm state (mirrors fresh, robots.txt known, but new search
pages and product pages); and peak memory. The shops run in
a separate process, as real shops would, so their rendering does not compete with shopper for the
interpreter.

Then the warm `shopper find --json` as a user runs it (a new process each time, data dir and shops warm),
as a ratio to `shopper --help` run alternately with it (a busy spell on a shared machine slows both): on
the demo shops (already running in another process) and on the WebMall bench's four shops (4,423 offers,
bench/webmall.py), with each find process's own peak memory (targets: demo <= 3x, bench shops <= 4x,
peak <= 120 MB). Before these timings the shopper package is byte-compiled once (compileall), as
`pip install .` does at install: with an editable install and PYTHONDONTWRITEBYTECODE set, every run
would otherwise compile every module from source, a cost no installed user pays. Python reads the
`__pycache__` files even with that variable set.

    python bench/find_speed.py [--latency 0.3] [--request "..."] [--other "..."] [--runs 5] [--no-cli]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import socket
import statistics
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


# Starts one `shopper` process and prints its wall time and peak RSS. It runs in a small process of its
# own: Linux counts the memory of the process a child was started from (before its exec) in the child's
# max RSS, so started from this benchmark (which holds the in-process find's memory) every child would
# show at least that.
_TIMER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - started
print(json.dumps([wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)]))
"""


def _cli(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MB) of one `shopper ...` process."""
    timer = subprocess.run(
        [sys.executable, "-c", _TIMER, sys.executable, "-m", "shopper", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall, peak, code = json.loads(timer.stdout)
    if code != 0:
        raise SystemExit(f"shopper {' '.join(argv)} failed with exit code {code}")
    return wall, peak


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _paired(argv: list[str], env: dict[str, str], runs: int) -> tuple[list[tuple[float, float]], float]:
    """`runs` timed runs of argv, each next to a `--help` run: (the runs, the median --help).

    Alternating keeps the ratio fair on a shared machine: a busy spell slows both."""
    found: list[tuple[float, float]] = []
    helps: list[float] = []
    for _ in range(runs):
        helps.append(_cli(["--help"], env)[0])
        found.append(_cli(argv, env))
    return found, _median(helps)


def _free_block(size: int = 8) -> int:
    for _ in range(200):
        base = random.randrange(20000, 27000)
        try:
            for port in range(base, base + size):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise SystemExit("no free port block for the demo shops")


def _server(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    child = subprocess.Popen(
        [sys.executable, *argv], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    return child, child.stdout.readline()


def byte_compile(package: Path) -> None:
    """Write the package's bytecode to __pycache__, as `pip install .` does (a user never compiles at run)."""
    import compileall

    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"byte-compiling {package} failed")


def cli_warm(args: argparse.Namespace) -> list[str]:
    """Warm `find --json` processes on the demo and on the WebMall shops, against `--help`."""
    repo = Path(__file__).resolve().parents[1]
    byte_compile(repo / "shopper")
    lines = ["  (shopper byte-compiled first, as an installed package is)"]
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SHOPPER_HOME": home, "SHOPPER_DEMO_PORT": str(_free_block()), "COLUMNS": "120"}
        env["PYTHONPATH"] = str(repo) + os.pathsep + env.get("PYTHONPATH", "")
        helps = [_cli(["--help"], env)[0] for _ in range(args.runs)]
        lines.append(f"  shopper --help: median {_median(helps):.2f} s over {args.runs} runs")
        # The demo shops already running (another shopper process started them), as after a first request.
        demo, _ = _server(
            [
                "-c",
                "from shopper.demo import ensure_demo_shops; ensure_demo_shops(); print('up', flush=True); "
                "import sys; sys.stdin.read()",
            ],
            env,
        )
        try:
            _cli(["find", args.other, "--json"], env)  # fills the mirror, the HTTP cache, the recent answers
            runs, base = _paired(["find", args.other, "--json"], env, args.runs)
        finally:
            assert demo.stdin is not None
            demo.stdin.close()
            demo.wait(timeout=30)
        wall = _median([r[0] for r in runs])
        lines.append(
            f"  warm find on the demo: median {wall:.2f} s = {wall / base:.1f} x --help ({base:.2f} s, "
            f"run alternately) (target <= 3)  peak {max(r[1] for r in runs):.0f} MB"
        )
        shared = Path(args.shared)
        tasks = shared / "bench" / "webmall" / "tasks-dev.jsonl"
        if not tasks.exists():
            lines.append(f"  bench shops: skipped ({tasks} not found)")
            return lines
        request = args.bench_request or json.loads(tasks.open().readline())["request_resolved"]
        bench, first = _server([str(repo / "bench" / "webmall.py"), "--serve", "--shared", str(shared)], env)
        try:
            shops = json.loads(first)
            profile = Path(home) / "bench.toml"
            profile.write_text(
                'name = "bench"\ncurrency = "EUR"\n'
                + "".join(f'[[shops]]\nname = "{n}"\nurl = "{u}"\nplatform = "auto"\n' for n, u in shops)
            )
            argv = ["find", request, "--json", "--profile", str(profile)]
            cold = _cli(argv, env)
            runs, base = _paired(argv, env, args.runs)
        finally:
            assert bench.stdin is not None
            bench.stdin.close()
            bench.wait(timeout=60)
        wall = _median([r[0] for r in runs])
        lines.append(
            f"  first find on the bench shops (detection, mirrors filled): {cold[0]:.2f} s, "
            f"peak {cold[1]:.0f} MB"
        )
        lines.append(
            f"  warm find on the bench shops: median {wall:.2f} s = {wall / base:.1f} x --help "
            f"({base:.2f} s, run alternately) (target <= 4)  peak {max(r[1] for r in runs):.0f} MB "
            "(target <= 120)"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--request", default="trail running shoes size 44 under 150 euro")
    parser.add_argument("--other", default="noise cancelling headphones under 300 euro")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per CLI figure (median)")
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument(
        "--bench-request", default=None, help="request for the bench shops (default: first task)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the warm CLI figures")
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
    if not args.no_cli:
        print("warm `shopper find --json`, a new process each time:")
        for line in cli_warm(args):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
