"""Listing pages written by others: are the product cards found, with the right title, link and price?

Usage: python bench/listings.py [--shared PATH] [--verbose]

Gold (shared/fixtures/listings/MANIFEST.md): each page's hand-counted number of cards, and title, price
and link of its first three cards. Figures:
- recall: labelled cards found (by their link) / labelled cards;
- precision: cards read that are cards, estimated from the counts: min(read, gold count) / read,
  summed over pages (only three cards per page are labelled one by one);
- count recall: min(read, gold count) / gold count, summed over pages;
- price accuracy: labelled cards found with the gold price (as a Decimal) / labelled cards found;
- title accuracy: labelled cards found whose title holds the gold title's words;
- cards read with a price: of all cards read, those with a price (any price, unchecked).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shopper.extract.listing import read_listing
from shopper.normalize import canonical_url, parse_amount

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
FALLBACK_BASE = "https://listing.example/results"


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def gold(manifest: Path) -> list[tuple[str, int, list[tuple[str, str, str]]]]:
    """(file, card count, [(title, price text, link)]) per page."""
    out = []
    for section in manifest.read_text(encoding="utf-8").split("\n## ")[1:]:
        name = section.split("\n", 1)[0].strip()
        count = re.search(r"cards: (\d+)", section)
        if not name.endswith(".html") or count is None:
            continue
        cards = re.findall(r"- card \d: title `(.*?)`, price `(.*?)`, link `(.*?)`", section)
        out.append((name, int(count.group(1)), cards))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    root = args.shared / "fixtures" / "listings"
    labelled = found = priced = titled = 0
    read_total = gold_total = matched_total = with_price = 0
    elapsed = 0.0
    print(f"{'page':58} {'gold':>4} {'read':>4} {'found':>5} {'price':>5} {'ms':>6}")
    for name, count, cards in gold(root / "MANIFEST.md"):
        base = next((link for _, _, link in cards if link.startswith("http")), FALLBACK_BASE)
        html = (root / name).read_bytes()
        start = time.perf_counter()
        listing = read_listing(html, base)
        took = time.perf_counter() - start
        elapsed += took
        by_url = {o.url: o for o in listing.offers}
        page_found = page_priced = 0
        for title, price, link in cards:
            labelled += 1
            offer = by_url.get(canonical_url(urljoin(base, link)))
            if offer is None:
                if args.verbose:
                    print(f"  missed: {title[:60]!r}")
                continue
            page_found += 1
            want = parse_amount(price)
            if offer.price is not None and offer.price.amount == want:
                page_priced += 1
            elif args.verbose:
                print(f"  price: {title[:40]!r} read {offer.price} want {price}")
            if _words(title) in _words(offer.title):
                titled += 1
            elif args.verbose:
                print(f"  title: read {offer.title[:50]!r} want {title[:50]!r}")
        found += page_found
        priced += page_priced
        read = len(listing.offers)
        with_price += sum(o.price is not None for o in listing.offers)
        read_total += read
        gold_total += count
        matched_total += min(read, count)
        print(f"{name[:58]:58} {count:4} {read:4} {page_found:3}/{len(cards)} {page_priced:3}/{len(cards)} "
              f"{took * 1000:6.0f}")  # fmt: skip
    print()
    print(f"recall (labelled cards found)       : {found}/{labelled} = {found / max(labelled, 1):.3f}")
    print(f"precision (by counts)               : {matched_total}/{read_total} = "
          f"{matched_total / max(read_total, 1):.3f}")  # fmt: skip
    print(f"count recall (by counts)            : {matched_total}/{gold_total} = "
          f"{matched_total / max(gold_total, 1):.3f}")  # fmt: skip
    print(f"price accuracy (of found labelled)  : {priced}/{found} = {priced / max(found, 1):.3f}")
    print(f"cards read with a price             : {with_price}/{read_total} = "
          f"{with_price / max(read_total, 1):.3f}")  # fmt: skip
    print(f"title accuracy (of found labelled)  : {titled}/{found} = {titled / max(found, 1):.3f}")
    print(f"time                                : {elapsed * 1000:.0f} ms for all pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
