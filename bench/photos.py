"""Precision@5 of `find --like PHOTO` on a labelled local shop, with and without the visual score.

The shop (tests/photo_shop.py, Shopify storefront format) sells sweaters in known colours and patterns
whose names never say the colour. For each photo (a drawn sweater of one colour and pattern), the
relevant offers are those of the same colour and pattern. Also prints the time `find` takes with the
photo as a ratio to the same `find` without it (target <= 1.5), and precision@5 (target >= 0.9).

    python bench/photos.py
"""

from __future__ import annotations

import asyncio
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

STYLES = ["Aran", "Cable", "Waffle", "Ribbed", "Fisherman", "Merino", "Lambswool", "Cashmere-blend"]
LOOKS = [(c, p) for c in ("red", "blue", "green", "yellow", "black", "pink") for p in ("plain", "striped")]
PER_LOOK = 6  # more than 5, so a perfect ranking scores precision@5 = 1
NAMES = ["Ember", "Fjord", "Moss", "Sol", "Night", "Blossom"]


def catalogue() -> tuple[list[dict[str, object]], dict[str, tuple[str, str]]]:
    """Six sweaters per look, named by style and number only; handle -> (colour, pattern)."""
    products: list[dict[str, object]] = []
    truth: dict[str, tuple[str, str]] = {}
    n = 0
    for colour, pattern in LOOKS:
        for _ in range(PER_LOOK):
            n += 1
            style = STYLES[n % len(STYLES)]
            handle = f"{style.lower()}-sweater-{n}"
            name = NAMES[("red", "blue", "green", "yellow", "black", "pink").index(colour)]
            products.append(
                {
                    "title": f"{style} Sweater No. {n}",
                    "handle": handle,
                    "price": f"{40 + n % 30}.00",
                    "looks": [(name, colour, pattern)],
                }
            )
            truth[handle] = (colour, pattern)
    return products, truth


async def run() -> None:
    from photo_shop import PhotoShop, picture
    from PIL import Image

    from shopper.looks import load_photos
    from shopper.models import Profile, ShopConfig
    from shopper.pipeline import find
    from shopper.store.db import connect

    products, truth = catalogue()
    with tempfile.TemporaryDirectory() as home, PhotoShop(products) as shop:
        import os

        os.environ["SHOPPER_HOME"] = home
        profile = Profile(
            name="bench", shops=[ShopConfig(name="Knit", url=shop.url, platform="shopify", currency="EUR")]
        )
        conn = connect()
        await find("sweater", profile, conn=conn)  # fill the mirror: both timings below are warm
        with_hits = without_hits = 0
        with_time = without_time = 0.0
        for colour, pattern in LOOKS:
            path = Path(home) / f"{colour}-{pattern}.jpg"
            Image.open(io.BytesIO(picture(colour, pattern))).convert("RGB").save(path, "JPEG", quality=88)
            photos = load_photos([str(path)])
            start = time.perf_counter()
            plain = await find("sweater", profile, conn=conn)
            without_time += time.perf_counter() - start
            start = time.perf_counter()
            liked = await find("sweater", profile, conn=conn, photos=photos)
            with_time += time.perf_counter() - start
            for result, bucket in ((plain, "without"), (liked, "with")):
                top = [r.offer.url.split("/products/")[1].split("?")[0] for r in result.offers[:5]]
                hits = sum(1 for h in top if truth.get(h) == (colour, pattern))
                if bucket == "with" and "-v" in sys.argv:
                    print(colour, pattern, hits, [truth.get(h) for h in top])
                if bucket == "with":
                    with_hits += hits
                else:
                    without_hits += hits
        conn.close()
    queries = len(LOOKS)
    print(f"labelled set: {len(products)} sweaters in {queries} looks (colour x pattern), {queries} photos")
    print(f"precision@5 with the visual score:    {with_hits / (5 * queries):.3f}  (target >= 0.9)")
    print(f"precision@5 without the visual score: {without_hits / (5 * queries):.3f}")
    print(
        f"find time with a photo / without: {with_time:.2f} s / {without_time:.2f} s = "
        f"{with_time / without_time:.2f}x  (target <= 1.5x)"
    )


if __name__ == "__main__":
    asyncio.run(run())
