"""The demo catalogue, generated deterministically in code and split over five shops with overlap."""

from __future__ import annotations

import copy
import functools
import random
from decimal import Decimal

from shopper.demo import catalog_data as data
from shopper.demo.catalog_base import SEED, Builder, Master, price_round
from shopper.demo.catalog_gear import clothing, electronics, jeans, shoes
from shopper.demo.catalog_local import CATEGORY_NB, GERMAN_INTRO, NORWEGIAN_INTRO, gear_title
from shopper.demo.catalog_wear import description as wear_description
from shopper.demo.catalog_wear import title as wear_title
from shopper.demo.catalog_wear import wear
from shopper.demo.catalog_wear_text import CATEGORY, COLOUR, SHAPES
from shopper.demo.shopdata import ShopProduct, ShopVariant, slugify

N_SHOPS = 5
SHOP_LANGS = ("en", "de", "en", "nl", "nb")
NOK_SHOP = 4  # prices in Norwegian kroner
EUR_NOK = Decimal("11.5")  # how the Norwegian shop sets its prices from the catalogue's euro prices
_AFFINITY = {
    "shoe": (5, 2, 3, 3),
    "clothing": (5, 1, 3, 4),
    "jeans": (4, 2, 4, 2),
    "elec": (1, 5, 3, 3),
    "wear": (4, 3, 3, 4),
}
_NB_SHARE = {"shoe": 0.5, "clothing": 0.6, "jeans": 0.35, "elec": 0.35, "wear": 0.6}
_ENDINGS = [("0.95", "0.00"), ("0.90", "0.99"), ("0.99",), ("0.95", "0.00"), ("0.00",)]
_GEAR_SHAPES = {
    "shoe": "shoe",
    "jeans": "trousers",
    "rain": "jacket",
    "hardshell": "jacket",
    "insulated": "jacket",
    "fleece": "jacket",
    "baselayer": "shirt",
    "pants": "trousers",
    "Headphones": "headphones",
}


def _assign(masters: list[Master], rng: random.Random, choices: list[int], weights: list[int]) -> None:
    for m in masters:
        weights_m = list(_AFFINITY[m.group])
        k = 4 if m.hero else rng.choices(choices, weights)[0]
        chosen: list[int] = [] if m.force_shop is None else [m.force_shop]
        while len(chosen) < k:
            pick = rng.choices(range(4), weights_m)[0]
            if pick not in chosen:
                chosen.append(pick)
        m.shops = tuple(sorted(chosen))


@functools.lru_cache(maxsize=1)
def _masters() -> tuple[Master, ...]:
    b = Builder()
    shoes(b)
    clothing(b)
    jeans(b)
    electronics(b)
    gear = list(b.masters)
    _assign(gear, b.rng, [1, 2, 3, 4], [30, 30, 22, 18])
    # Everyday wear draws from its own streams, so the products above keep their shops and stock.
    b.rng = random.Random(f"{SEED}:wear")
    wear(b)
    _assign(b.masters[len(gear) :], random.Random(f"{SEED}:wear-shops"), [2, 3, 4], [40, 35, 25])
    for m in b.masters:
        rng = random.Random(f"{SEED}:nb:{m.product.id}")
        if m.hero or rng.random() < _NB_SHARE[m.group]:
            m.shops = (*m.shops, NOK_SHOP)
    return tuple(b.masters)


def demo_catalog() -> list[ShopProduct]:
    """Every product of the demo catalogue, in its canonical form (fresh copies)."""
    return copy.deepcopy([m.product for m in _masters()])


def _nok(eur: Decimal) -> Decimal:
    """A Norwegian shop price for a euro price: whole kroner ending in 9 (149, 1 499)."""
    kr = eur * EUR_NOK
    step = 50 if kr >= 100 else 10
    return max(Decimal(step * round(kr / step) - 1), Decimal(9))


def _local_colour(value: str, lang: str) -> str:
    names = COLOUR.get(value.lower())
    return names[lang] if names else value


def _localise(m: Master, p: ShopProduct, shop: int) -> None:
    lang = SHOP_LANGS[shop]
    if m.group == "wear":
        p.category = CATEGORY[m.kind][lang]
        p.description = wear_description(m, lang)
    elif shop == 1:
        p.description = f"{GERMAN_INTRO.get(m.kind, '')}\n{p.description}".strip()
    elif shop == 3:
        p.category = data.CATEGORY_NL.get(p.category, p.category)
        intro = data.DUTCH_INTRO.get(m.kind, "")
        if "gore-tex" in p.tags:
            intro += " Waterdicht dankzij Gore-Tex."
        p.description = f"{intro}\n{p.description}".strip()
    elif shop == NOK_SHOP:
        p.category = CATEGORY_NB.get(p.category, p.category)
        intro = NORWEGIAN_INTRO.get(m.kind, "")
        if "gore-tex" in p.tags:
            intro += " Vanntett med Gore-Tex."
        p.description = f"{intro}\n{p.description}".strip()
    if m.group not in ("wear", "clothing"):
        return
    p.options = [
        (n, [_local_colour(v, lang) for v in vals] if n == "Color" else vals) for n, vals in p.options
    ]
    for v in p.variants:
        if "Color" in v.options:
            v.options["Color"] = _local_colour(v.options["Color"], lang)


def _images(m: Master, p: ShopProduct) -> None:
    """One image per colour: variant.image, product.images and how each is drawn (product.art)."""
    shape = SHAPES.get(m.kind) if m.group == "wear" else _GEAR_SHAPES.get(m.group) or _GEAR_SHAPES.get(m.kind)
    colour_opt = next((vals for n, vals in m.product.options if n == "Color"), None)
    base = (m.colour or "").split("/")[0].strip().lower()
    paths: dict[str, str] = {}
    pairs: list[tuple[ShopVariant | None, ShopVariant | None]] = list(
        zip(m.product.variants, p.variants, strict=True)
    ) or [(None, None)]
    for master_v, v in pairs:
        colour = master_v.options.get("Color", base).lower() if master_v and colour_opt else base
        colour = m.colours.get(colour, colour)
        path = f"/img/{p.slug}-{slugify(colour)}.png" if colour else f"/img/{p.slug}.png"
        paths.setdefault(colour, path)
        p.art[path] = (shape or "box", colour, m.pattern)
        if v is not None:
            v.image = path
    p.images = list(dict.fromkeys(paths.values()))


def _listing(m: Master, shop: int, pid: int) -> ShopProduct:
    rng = random.Random(f"{SEED}:{shop}:{m.product.id}")
    src = m.product
    p = copy.deepcopy(src)
    p.id = pid
    lang = SHOP_LANGS[shop]
    if m.group == "wear":
        p.title = wear_title(m, lang, 0 if shop == 0 else 1)
    else:
        p.title = gear_title(m, shop, rng)
    p.slug = slugify(p.title)
    factor = Decimal(rng.randint(92, 108)) / 100
    price = price_round(src.price * factor, _ENDINGS[shop], rng)
    regular = None
    if rng.random() < 0.2:
        regular, price = price, price_round(price * Decimal(rng.randint(70, 90)) / 100, _ENDINGS[shop], rng)
    all_out = rng.random() < 0.06
    if shop == NOK_SHOP:
        price, regular = _nok(price), (_nok(regular) if regular is not None else None)
        regular = regular if regular is not None and regular > price else None
    for i, v in enumerate(p.variants):
        extra = v.price - src.price
        if shop == NOK_SHOP:
            extra = Decimal(10 * round(extra * EUR_NOK / 10))
        v.id = pid * 100 + i + 1
        v.price = price + extra
        v.regular_price = regular + extra if regular is not None else None
        v.in_stock = not all_out and rng.random() < 0.82
        v.sku = v.sku if shop == 0 else f"{'ABCDE'[shop]}{pid}-{i + 1}"
    p.price, p.regular_price = price, regular
    p.in_stock = any(v.in_stock for v in p.variants) if p.variants else not all_out and rng.random() < 0.92
    p.sku = src.sku if shop == 0 else f"{'ABCDE'[shop]}{pid}"
    p.gtin = None if shop == 0 else src.gtin
    _localise(m, p, shop)
    if shop in (1, 3) and rng.random() < 0.5:
        p.rating, p.rating_count = None, None
    return p


@functools.lru_cache(maxsize=N_SHOPS)
def _shop_listings(shop: int) -> tuple[ShopProduct, ...]:
    masters = [m for m in _masters() if shop in m.shops]
    out = [_listing(m, shop, (shop + 1) * 1000 + m.product.id) for m in masters]
    seen: set[str] = set()
    for m, p in zip(masters, out, strict=True):
        while p.slug in seen:
            p.slug += "-2"
        seen.add(p.slug)
        _images(m, p)
    random.Random(f"{SEED}:order:{shop}").shuffle(out)
    return tuple(out)


def shop_products(shop_index: int) -> list[ShopProduct]:
    """The products demo shop `shop_index` (0-4) sells: overlapping, retitled and repriced (fresh copies)."""
    if not 0 <= shop_index < N_SHOPS:
        raise IndexError(f"demo shop index must be 0-{N_SHOPS - 1}, not {shop_index}")
    return copy.deepcopy(list(_shop_listings(shop_index)))


def master_id(product: ShopProduct) -> int:
    """The canonical catalogue id behind a shop listing (for tests that check grouping)."""
    return product.id % 1000
