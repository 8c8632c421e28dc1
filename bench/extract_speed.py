"""Speed of extract_product over the Zyte pages, against a bare lxml parse of the same pages (the floor).

Usage: python bench/extract_speed.py [--shared PATH] [--rounds N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import lxml.html
from selectolax.lexbor import LexborHTMLParser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shopper.extract.page import decode, extract_product

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the pages (best one counts)")
    args = parser.parse_args(argv)
    root = args.shared / "bench" / "zyte"
    rows = [json.loads(line) for line in (root / "pages-dev.jsonl").read_text().splitlines() if line.strip()]
    # Decompress and decode up front: both timings start from the page text a fetcher would hand over.
    pages = [(decode(gzip.decompress((root / r["html_path"]).read_bytes())), r["url"]) for r in rows]
    size = sum(len(text) for text, _ in pages)

    def best(fn: object) -> float:
        times = []
        for _ in range(max(1, args.rounds)):
            start = time.perf_counter()
            for text, url in pages:
                fn(text, url)  # type: ignore[operator]
            times.append(time.perf_counter() - start)
        return min(times)

    floor = best(lambda text, url: lxml.html.fromstring(text))
    lexbor = best(lambda text, url: LexborHTMLParser(text))
    full = best(lambda text, url: extract_product(text, url))
    n = len(pages)
    print(f"{n} pages, {size / 1e6:.1f} M characters, best of {args.rounds} rounds")
    print(f"lxml.html.fromstring only : {n / floor:8.1f} pages/s  ({floor / n * 1000:6.1f} ms/page)")
    print(f"selectolax lexbor parse   : {n / lexbor:8.1f} pages/s  ({lexbor / n * 1000:6.1f} ms/page)")
    print(f"extract_product (all)     : {n / full:8.1f} pages/s  ({full / n * 1000:6.1f} ms/page)")
    print(f"ratio (extract / parse)   : {full / floor:8.1f}x slower than the parse floor")
    print(f"speed vs one lxml parse   : {floor / full:8.2f}x  (target >= 0.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
