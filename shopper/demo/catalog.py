"""The demo catalogue, generated deterministically in code and split over four shops with overlap."""

from __future__ import annotations

import copy
import functools
import random
from dataclasses import dataclass
from decimal import Decimal

from shopper.demo import catalog_data as data
from shopper.demo.shopdata import ShopProduct, ShopVariant, slugify

SEED = 20240301
N_SHOPS = 4
_SHOE_SIZES = {"Men's": [str(s) for s in range(39, 48)], "Women's": [str(s) for s in range(36, 43)]}
_GENDER_NL = {"Men's": "heren", "Women's": "dames"}
_NOUN_NL = {"road": "hardloopschoenen", "trail": "trailschoenen", "hiking": "wandelschoenen",
    "rain": "regenjas",
            "hardshell": "hardshell jas", "insulated": "isolatiejas", "fleece": "fleecevest",
                "baselayer": "thermoshirt",
            "pants": "", "Headphones": "koptelefoon"}  # fmt: skip
_CLOTHING = {"rain": ("Rain Jacket", "Rain Jackets"), "hardshell": ("Hardshell Jacket", "Hardshell Jackets"),
             "insulated": ("Insulated Jacket", "Insulated Jackets"), "fleece": ("Fleece Jacket",
                 "Fleece Jackets"),
             "baselayer": ("Base Layer", "Base Layers"), "pants": ("", "Hiking Pants")}  # fmt: skip
_AFFINITY = {"shoe": (5, 2, 3, 3), "clothing": (5, 1, 3, 4), "jeans": (4, 2, 4, 2), "elec": (1, 5, 3, 3)}
_HEROES = {"WH-1000XM5", "990 PRO 2TB", "WD_BLACK SN850X 2TB", "Speedgoat 5 GTX", "Torrentshell 3L",
           "Dual GeForce RTX 4070 OC", "501 Original Dark Stonewash", "Microlight", "Clifton 9"}  # fmt: skip
_ENDINGS = [("0.95", "0.00"), ("0.90", "0.99"), ("0.99",), ("0.95", "0.00")]


@dataclass
class _Master:
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


def ean13(rng: random.Random) -> str:
    """A random EAN-13 with a valid check digit."""
    body = rng.choice(["40", "50", "87", "45", "88", "69", "00", "76"]) + "".join(
        rng.choice("0123456789") for _ in range(10)
    )
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _round(x: Decimal, endings: tuple[str, ...], rng: random.Random) -> Decimal:
    """A shop-like price: 139.95, 59.99, 1149.00."""
    if x < 20:
        return Decimal(int(x)) + Decimal("0.99")
    base = Decimal(int(x / 10) * 10) if x >= 100 else Decimal(int(x))
    return base + Decimal(rng.choice(endings)) + (Decimal(9) if x >= 100 else Decimal(0))


class _Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.masters: list[_Master] = []

    def add(
        self, m: _Master, options: list[tuple[str, list[str]]], extra_var: dict[str, int] | None = None
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


def _product(
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


def _shoes(b: _Builder) -> None:
    for brand, model, terrain, price, gtx in data.SHOES:
        noun = {"road": "Running Shoes", "trail": "Trail Running Shoes", "hiking": "Hiking Shoes"}[terrain]
        cat = noun
        versions = [(g, False) for g in ("Men's", "Women's")]
        if gtx:
            versions.append((b.rng.choice(["Men's", "Women's"]), True))
        for gender, is_gtx in versions:
            mdl = model + (
                " GORE-TEX" if is_gtx and brand in ("Nike", "Adidas") else " GTX" if is_gtx else ""
            )
            colour = b.rng.choice(data.SHOE_COLOURS)
            drop, weight = b.rng.choice([0, 4, 5, 6, 8, 10, 12]), b.rng.randint(220, 340)
            where = "trails and mountain paths" if terrain != "road" else "road running"
            feel = b.rng.choice(["responsive", "plush", "balanced", "max"])
            desc = (f"{gender} {noun.lower()} for {where}. The {brand} {mdl} has {feel} cushioning, "
                    f"a {drop} mm drop and weighs about {weight} g (EU 42).")  # fmt: skip
            if is_gtx:
                desc += " Waterproof Gore-Tex upper keeps your feet dry in rain and puddles."
            if terrain == "road":
                desc += " Breathable engineered mesh upper for road runs and daily training."
            else:
                desc += f" Lugged outsole ({b.rng.choice([3, 4, 5])} mm lugs) grips on mud, rock and roots."
            desc += f"\nColour: {colour}."
            tags = [
                terrain,
                "men" if gender == "Men's" else "women",
                *(["gore-tex", "waterproof"] if is_gtx else []),
            ]
            sku = f"{brand[:3].upper()}-{slugify(mdl).upper()}-{gender[0]}"
            p = _product(brand, f"{brand} {mdl} {gender} {noun}", cat, desc, price + (20 if is_gtx else 0),
                sku,
                         tags=tags, gtin=ean13(b.rng) if b.rng.random() < 0.6 else None)  # fmt: skip
            hero = (f"{model} GTX" in _HEROES and is_gtx) or (model in _HEROES and gender == "Men's")
            b.add(_Master(p, "shoe", terrain, mdl, noun, gender, colour, hero=hero),
                  [("Size", _SHOE_SIZES[gender])])  # fmt: skip


def _clothing(b: _Builder) -> None:
    for brand, model, kind, price, tech in data.CLOTHING:
        noun, cat = _CLOTHING[kind]
        for gender in ("Men's", "Women's"):
            colours = b.rng.sample(data.CLOTHING_COLOURS, b.rng.randint(2, 3))
            desc = {
                "rain": f"Waterproof, breathable {tech} rain jacket with adjustable hood, taped seams "
                "and pit zips; packs into its own pocket.",
                "hardshell": f"Waterproof 3-layer {tech} hardshell jacket for alpine climbing and ski "
                "touring, helmet-compatible hood.",
                "insulated": f"Lightweight insulated jacket with {tech} synthetic insulation and a DWR "
                "finish; water-resistant, not waterproof.",
                "fleece": f"Warm fleece jacket made of {tech}; full zip, not waterproof.",
                "baselayer": f"Long-sleeve base layer made of {tech}; odour resistant and quick drying.",
                "pants": f"Durable hiking trousers in {tech} fabric; water-resistant, with many pockets.",
            }[kind] + f"\n{gender} fit. Sizes XS–XXL."  # fmt: skip
            tags = [kind, "men" if gender == "Men's" else "women"]
            if kind in ("rain", "hardshell"):
                tags.append("waterproof")
            if "Gore" in tech:
                tags.append("gore-tex")
            title = f"{brand} {model} {noun} {gender}".replace("  ", " ")
            p = _product(brand, title, cat, desc, price,
                f"{brand[:3].upper()}-{slugify(model).upper()}-{gender[0]}",
                         tags=tags, gtin=ean13(b.rng) if b.rng.random() < 0.4 else None)  # fmt: skip
            force = 3 if brand in data.NORWEGIAN_BRANDS and kind == "rain" else None
            b.add(_Master(p, "clothing", kind, model, noun, gender,
                hero=model in _HEROES and gender == "Men's",
                          force_shop=force),
                  [("Size", data.CLOTHING_SIZES), ("Color", colours)],
                  {"XXL": 10} if b.rng.random() < 0.3 else None)  # fmt: skip


def _jeans(b: _Builder) -> None:
    for brand, model, fit, price, gender in data.JEANS:
        for wash in b.rng.sample(data.WASHES, 2):
            fly = "button fly" if model.startswith("501") else "zip fly"
            desc = (f"{gender} {fit} fit jeans in {wash.lower()} denim. 99% cotton, 1% elastane; "
                    f"five-pocket styling, {fly}.\nWaist 28–38, length 30–34.")  # fmt: skip
            title = f"{brand} {model} Jeans {wash}"
            p = _product(brand, title, "Jeans", desc, price,
                f"{brand[:3].upper()}-{slugify(model + wash).upper()}",
                         tags=["jeans", fit, "men" if gender == "Men's" else "women"],
                         gtin=ean13(b.rng) if b.rng.random() < 0.5 else None)  # fmt: skip
            b.add(_Master(p, "jeans", "jeans", model, "Jeans", gender, wash,
                hero=f"{model} {wash}" in _HEROES),
                  [("Waist", data.WAISTS), ("Length", data.LENGTHS)])  # fmt: skip


def _elec(b: _Builder, cat: str, brand: str, model: str, noun: str, spec: str, price: int, mpn: str,
    desc: str,
          tags: list[str], colours: list[str] | None = None, options: list[tuple[str,
              list[str]]] | None = None) -> None:  # fmt: skip
    title = " ".join(x for x in (brand, model, spec, noun) if x)
    p = _product(brand, title, cat, desc, price, mpn.replace("/", "-").replace(" ", "-"), tags=tags,
                 mpn=mpn, gtin=ean13(b.rng))  # fmt: skip
    opts = options or ([("Color", colours)] if colours and len(colours) > 1 else [])
    single = colours[0] if colours and len(colours) == 1 else None
    hero = model in _HEROES or f"{model} {spec}" in _HEROES
    b.add(_Master(p, "elec", cat, model, noun, colour=single, spec=spec, hero=hero), opts)


def _electronics(b: _Builder) -> None:
    for brand, model, mpn, noun, price, colours, feat in data.HEADPHONES:
        tags = [t for t in ("wireless", "noise cancelling") if t in noun.lower() or t in feat.lower()]
        anc = (
            " Active noise cancelling (ANC) blocks out trains and planes."
            if "noise cancelling" in tags
            else ""
        )
        _elec(
            b,
            "Headphones",
            brand,
            model,
            noun,
            "",
            price,
            mpn,
            f"{noun} from {brand}: {feat}.{anc}",
            tags,
            colours,
        )
    for brand, model, noun, caps in data.SSDS:
        speed = (
            "12,400"
            if "5.0" in noun
            else "560"
            if "SATA" in noun
            else "1,050"
            if "Portable" in noun
            else "7,000"
        )
        for cap, mpn, price in caps:
            desc = f"{brand} {model} {noun} with {cap} capacity; up to {speed} MB/s sequential read."
            _elec(b, "SSDs", brand, model, noun, cap, price, mpn, desc, ["ssd", cap.lower()])
    for brand, model, mpn, price, mem in data.GPUS:
        desc = (f"{model} graphics card with {mem}, PCIe 4.0, ray tracing, upscaling (DLSS / FSR), "
                "3x DisplayPort 1.4a and 1x HDMI 2.1.")  # fmt: skip
        _elec(b, "Graphics Cards", brand, model, "Graphics Card", mem, price, mpn, desc, ["gpu"])
    for brand, model, mpn, price, rgb, wireless, keys, layouts in data.KEYBOARDS:
        noun = ("Wireless " if wireless else "Wired ") + ("RGB " if rgb else "") + "Keyboard"
        desc = f"{noun} with {keys}." + (" Per-key RGB lighting." if rgb else "")
        tags = [t for t, on in (("wireless", wireless), ("rgb", rgb), ("mechanical", "switch" in keys)) if on]
        _elec(b, "Keyboards", brand, model, noun, "", price, mpn, desc, tags, options=[("Layout", layouts)])
    for brand, model, mpn, price, desc in data.MONITORS:
        _elec(b, "Monitors", brand, model, "Monitor", "", price, mpn,
              desc + ", height-adjustable stand, HDMI and DisplayPort.", ["monitor"])  # fmt: skip
    for brand, model, storages, colours in data.PHONES:
        for storage, mpn, price in storages:
            desc = f"{brand} {model} smartphone with {storage} storage, 5G, dual SIM (nano + eSIM), USB-C."
            _elec(b, "Smartphones", brand, model, "Smartphone", storage, price, mpn, desc, ["5g"], colours)
    for cat, brand, model, mpn, price, desc in data.ACCESSORIES:
        tags = [t for t in ("wireless", "rgb", "usb-c", "hdmi") if t in (model + desc).lower()]
        _elec(b, cat, brand, model, "", "", price, mpn, desc[0].upper() + desc[1:] + ".", tags)


@functools.lru_cache(maxsize=1)
def _masters() -> tuple[_Master, ...]:
    b = _Builder()
    _shoes(b)
    _clothing(b)
    _jeans(b)
    _electronics(b)
    for m in b.masters:
        weights = list(_AFFINITY[m.group])
        k = N_SHOPS if m.hero else b.rng.choices([1, 2, 3, 4], [30, 30, 22, 18])[0]
        chosen: list[int] = [] if m.force_shop is None else [m.force_shop]
        while len(chosen) < k:
            pick = b.rng.choices(range(N_SHOPS), weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        m.shops = tuple(sorted(chosen))
    return tuple(b.masters)


def demo_catalog() -> list[ShopProduct]:
    """Every product of the demo catalogue, in its canonical form (fresh copies)."""
    return copy.deepcopy([m.product for m in _masters()])


def _title(m: _Master, shop: int, rng: random.Random) -> str:
    p, g = m.product, m.gender or ""
    b, mo, n, c, s = p.brand, m.model, m.noun, m.colour or "", m.spec
    short_g = g.removesuffix("'s")
    if m.group == "shoe":
        forms = [f"{b} {g} {mo}", f"{b} {mo} {n} {short_g} – {c}",
                 f"{g} {b} {mo} {n[:-1]} in {c}",
                     f"{b} {mo} {_NOUN_NL[m.kind]} {_GENDER_NL.get(g, '')}"]  # fmt: skip
    elif m.group == "clothing":
        nl = "Regnjakke" if b in data.NORWEGIAN_BRANDS and m.kind == "rain" else _NOUN_NL[m.kind]
        forms = [f"{b} {mo} {n} - {g}", f"{b} {g} {mo} {n}", f"{b} {mo} {n} ({g})",
                 f"{b} {mo} {nl} {_GENDER_NL.get(g, '')}"]  # fmt: skip
    elif m.group == "jeans":
        forms = [f"{b} {mo} Jeans - {c}", f"{b} {g} {mo} Fit Jeans {c}", f"{c} {b} {mo} Jeans",
                 f"{b} {mo} jeans {c.lower()} {_GENDER_NL.get(g, '')}"]  # fmt: skip
    else:
        compact = mo.replace("-", "") if m.kind == "Headphones" and rng.random() < 0.5 else mo
        nl_noun = _NOUN_NL.get(m.kind, n) if n else ""
        forms = [f"{b} {mo} {s} {n}" + (f", {c}" if c else ""), f"{b} {n} {mo} {s}",
                 f"{b} {mo} – {s} {n}" + (f" ({c})" if c else ""),
                     f"{b} {compact} {s} {nl_noun}"]  # fmt: skip
    title = " ".join(forms[shop].split())
    return title.rstrip(" –-,(")


def _listing(m: _Master, shop: int, pid: int) -> ShopProduct:
    rng = random.Random(f"{SEED}:{shop}:{m.product.id}")
    src = m.product
    p = copy.deepcopy(src)
    p.id = pid
    p.title = _title(m, shop, rng)
    p.slug = slugify(p.title)
    factor = Decimal(rng.randint(92, 108)) / 100
    price = _round(src.price * factor, _ENDINGS[shop], rng)
    regular = None
    if rng.random() < 0.2:
        regular, price = price, _round(price * Decimal(rng.randint(70, 90)) / 100, _ENDINGS[shop], rng)
    all_out = rng.random() < 0.06
    for i, v in enumerate(p.variants):
        extra = v.price - src.price
        v.id = pid * 100 + i + 1
        v.price = price + extra
        v.regular_price = regular + extra if regular is not None else None
        v.in_stock = not all_out and rng.random() < 0.82
        v.sku = v.sku if shop == 0 else f"{'ABCD'[shop]}{pid}-{i + 1}"
    p.price, p.regular_price = price, regular
    p.in_stock = any(v.in_stock for v in p.variants) if p.variants else not all_out and rng.random() < 0.92
    p.sku = src.sku if shop == 0 else f"{'ABCD'[shop]}{pid}"
    p.gtin = None if shop == 0 else src.gtin
    if shop == 3:
        p.category = data.CATEGORY_NL.get(src.category, src.category)
        intro = data.DUTCH_INTRO.get(m.kind, "")
        if "gore-tex" in src.tags:
            intro += " Waterdicht dankzij Gore-Tex."
        p.description = f"{intro}\n{src.description}".strip()
    colour = m.colour or (p.options[1][1][0] if len(p.options) > 1 and p.options[1][0] == "Color" else "")
    p.images = [
        f"/img/{p.slug}{'-' + slugify(colour) if colour and slugify(colour) not in p.slug else ''}.png"
    ]
    if shop in (1, 3) and rng.random() < 0.5:
        p.rating, p.rating_count = None, None
    return p


@functools.lru_cache(maxsize=N_SHOPS)
def _shop_listings(shop: int) -> tuple[ShopProduct, ...]:
    masters = [m for m in _masters() if shop in m.shops]
    out = [_listing(m, shop, (shop + 1) * 1000 + m.product.id) for m in masters]
    seen: set[str] = set()
    for p in out:
        while p.slug in seen:
            p.slug += "-2"
        seen.add(p.slug)
    random.Random(f"{SEED}:order:{shop}").shuffle(out)
    return tuple(out)


def shop_products(shop_index: int) -> list[ShopProduct]:
    """The products demo shop `shop_index` (0-3) sells: overlapping, retitled and repriced (fresh copies)."""
    if not 0 <= shop_index < N_SHOPS:
        raise IndexError(f"demo shop index must be 0-{N_SHOPS - 1}, not {shop_index}")
    return copy.deepcopy(list(_shop_listings(shop_index)))


def master_id(product: ShopProduct) -> int:
    """The canonical catalogue id behind a shop listing (for tests that check grouping)."""
    return product.id % 1000
