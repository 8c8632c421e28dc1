"""Building blocks of the demo catalogue: the master product record, the seeded builder, prices, EANs."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from shopper.demo.shopdata import ShopProduct, ShopVariant, slugify

SEED = 20240301


@dataclass
class Master:
    """A product as the catalogue defines it, before each shop retitles and reprices it."""

    product: ShopProduct
    group: str  # shoe / clothing / jeans / elec
    kind: str  # terrain, clothing kind, "jeans", or the electronics category
    model: str
    noun: str
    gender: str | None = None
    colour: str | None = None  # colourway or wash that is part of the title
    spec: str = ""  # capacity, memory, storage
    hero: bool = False
    force_shop: int | None = None
    shops: tuple[int, ...] = ()
    pattern: str = "plain"  # plain / striped / checked (drawn on the product image)
    material: str = ""  # a key of catalog_wear.MATERIALS for everyday wear
    colours: dict[str, str] = field(default_factory=dict)  # option value -> English colour (images)


def ean13(rng: random.Random) -> str:
    """A random EAN-13 with a valid check digit."""
    body = rng.choice(["40", "50", "87", "45", "88", "69", "00", "76"]) + "".join(
        rng.choice("0123456789") for _ in range(10)
    )
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def price_round(x: Decimal, endings: tuple[str, ...], rng: random.Random) -> Decimal:
    """A shop-like price: 139.95, 59.99, 1149.00."""
    if x < 20:
        return Decimal(int(x)) + Decimal("0.99")
    base = Decimal(int(x / 10) * 10) if x >= 100 else Decimal(int(x))
    return base + Decimal(rng.choice(endings)) + (Decimal(9) if x >= 100 else Decimal(0))


class Builder:
    """Adds master products with seeded variants, stock and ratings."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.masters: list[Master] = []

    def add(
        self, m: Master, options: list[tuple[str, list[str]]], extra_var: dict[str, int] | None = None
    ) -> None:
        rng, p = self.rng, m.product
        p.id = len(self.masters) + 1
        p.options = options
        combos: list[dict[str, str]] = [{}]
        for name, values in options:
            combos = [{**c, name: v} for c in combos for v in values]
        if options:
            p.variants = [
                ShopVariant(p.id * 100 + i + 1, c, p.price + sum(
                    Decimal((extra_var or {}).get(val, 0)) for val in c.values()), None, rng.random() < 0.85,
                    f"{p.sku}-{'-'.join(slugify(v).upper() for v in c.values())}")
                for i, c in enumerate(combos)
            ]  # fmt: skip
        p.in_stock = any(v.in_stock for v in p.variants) if p.variants else rng.random() < 0.92
        if rng.random() < 0.75:
            p.rating = Decimal(rng.randint(35, 49)) / 10
            p.rating_count = rng.randint(3, 900)
        self.masters.append(m)


def product(
    brand: str,
    title: str,
    category: str,
    desc: str,
    price: int,
    sku: str,
    *,
    tags: list[str],
    gtin: str | None = None,
    mpn: str | None = None,
) -> ShopProduct:
    slug = slugify(title)
    return ShopProduct(
        0, slug, title, brand, category, desc, Decimal(price), sku=sku, tags=tags, gtin=gtin, mpn=mpn
    )
