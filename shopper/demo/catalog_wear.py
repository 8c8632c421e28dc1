"""Everyday wear in the demo catalogue: knitwear, T-shirts, trousers, dresses, kids' clothes, rain gear.

Each product is written in every demo shop language (en, de, nl, nb) the way shops there write it.
"""

from __future__ import annotations

from shopper.demo.catalog_base import Builder, Master, ean13, product
from shopper.demo.catalog_wear_text import (
    CATEGORY,
    FIT,
    GENDER,
    KIDS,
    MATERIALS,
    MEN,
    NO_WOOL,
    NOT_LINED,
    NOT_WATERPROOF,
    NOUN,
    PATTERN,
    SIZES_LINE,
    WATERPROOF,
    WHAT,
    WOMEN,
    WOOL,
)
from shopper.demo.shopdata import slugify

LANGS = ("en", "de", "nl", "nb")

ADULT_SIZES = {WOMEN: ["XS", "S", "M", "L", "XL"], MEN: ["S", "M", "L", "XL", "XXL"]}
KIDS_SIZES = [str(cm) for cm in range(98, 165, 6)]  # 98, 104, ... 164 cm
WAIST_LENGTH = [f"W{w} L{n}" for w in (28, 29, 30, 31, 32, 33, 34, 36, 38) for n in (30, 32, 34)]
WOMEN_TROUSERS = ["34", "36", "38", "40", "42", "44"]
SHOE_SIZES = {WOMEN: [str(s) for s in range(36, 43)], MEN: [str(s) for s in range(39, 48)]}

# (brand, model, kind, gender, EUR price, material, colours, pattern)
WEAR: list[tuple[str, str, str, str, int, str, list[str], str]] = [
    ("Nordkyst", "Fisherman Rib", "sweater", MEN, 79, "wool", ["navy", "grey", "red", "beige"], "plain"),
    ("Nordkyst", "Fisherman Rib", "sweater", WOMEN, 79, "wool", ["red", "white", "green"], "plain"),
    ("Linnea", "Everyday Crew", "sweater", WOMEN, 29, "cotton", ["red", "blue", "grey", "pink"], "plain"),
    ("Linnea", "Everyday Crew", "sweater", MEN, 29, "cotton", ["navy", "black", "grey", "green"], "plain"),
    ("Hollow Pine", "Breton", "sweater", WOMEN, 49, "cotton", ["navy", "red"], "striped"),
    ("Fjellgarn", "Lofoten", "sweater", MEN, 139, "merino", ["grey", "navy", "brown"], "plain"),
    ("Kettle & Crane", "Lambswool V-Neck", "sweater", MEN, 59, "lambswool", ["red", "grey", "navy"], "plain"),
    (
        "Kettle & Crane",
        "Cable Knit",
        "cardigan",
        WOMEN,
        69,
        "woolblend",
        ["beige", "black", "green"],
        "plain",
    ),
    ("Linnea", "Soft Button", "cardigan", WOMEN, 35, "cotton", ["pink", "grey", "navy"], "plain"),
    ("Nordkyst", "Shawl Collar", "cardigan", MEN, 89, "wool", ["grey", "brown"], "plain"),
    ("Basecamp", "Classic", "hoodie", MEN, 39, "sweat", ["black", "grey", "navy", "green"], "plain"),
    ("Basecamp", "Classic", "hoodie", WOMEN, 39, "sweat", ["pink", "grey", "black"], "plain"),
    ("Trailwise", "Full-Zip", "hoodie", WOMEN, 55, "sweat", ["blue", "grey"], "plain"),
    ("Basecamp", "Organic", "tshirt", MEN, 15, "cotton", ["white", "black", "navy", "red", "green"], "plain"),
    ("Basecamp", "Organic", "tshirt", WOMEN, 15, "cotton", ["white", "black", "pink", "blue"], "plain"),
    ("Hollow Pine", "Striped", "tshirt", WOMEN, 22, "cotton", ["navy", "red"], "striped"),
    ("Trailwise", "Merino 150", "tshirt", MEN, 59, "merino", ["black", "grey", "blue"], "plain"),
    ("Trailwise", "Quick-Dry Running", "tshirt", WOMEN, 25, "polyester", ["pink", "blue", "yellow"], "plain"),
    ("Kettle & Crane", "Slim", "chinos", MEN, 49, "twill", ["beige", "navy"], "plain"),
    ("Kettle & Crane", "Regular", "chinos", MEN, 59, "twill", ["green", "black"], "plain"),
    ("Linnea", "Wide Leg", "trousers", WOMEN, 45, "twill", ["black", "beige", "navy"], "plain"),
    ("Basecamp", "Straight", "jeans", MEN, 39, "denim", ["blue", "black"], "plain"),
    ("Basecamp", "Everyday", "joggers", MEN, 25, "sweat", ["grey", "black", "navy"], "plain"),
    ("Linnea", "Jersey Midi", "dress", WOMEN, 39, "jersey", ["black", "navy", "green"], "plain"),
    ("Hollow Pine", "Gingham Summer", "dress", WOMEN, 55, "cotton", ["red", "blue"], "checked"),
    ("Kettle & Crane", "Knitted", "dress", WOMEN, 89, "woolblend", ["grey", "beige"], "plain"),
    ("Linnea", "Striped Shirt", "dress", WOMEN, 29, "cotton", ["blue", "white"], "striped"),
    ("Puddle & Co", "Splash", "rainjacket", KIDS, 35, "pu", ["yellow", "red", "blue", "pink"], "plain"),
    ("Puddle & Co", "Splash", "raintrousers", KIDS, 25, "pu", ["navy", "yellow", "green"], "plain"),
    ("Basecamp", "Mini Crew", "sweater", KIDS, 19, "cotton", ["red", "navy", "green"], "plain"),
    ("Hollow Pine", "Mini Stripe", "tshirt", KIDS, 9, "cotton", ["navy", "red"], "striped"),
    ("Basecamp", "Mini Straight", "jeans", KIDS, 25, "denim", ["blue"], "plain"),
    ("Basecamp", "Mini Zip", "hoodie", KIDS, 22, "sweat", ["grey", "pink", "blue"], "plain"),
    ("Hollow Pine", "Mini Gingham", "dress", KIDS, 24, "cotton", ["red", "blue"], "checked"),
    ("Skagerrak", "Classic", "rainjacket", WOMEN, 89, "pu", ["yellow", "black", "green", "navy"], "plain"),
    ("Skagerrak", "Classic", "rainjacket", MEN, 89, "pu", ["yellow", "black", "navy"], "plain"),
    ("Skagerrak", "Classic", "raintrousers", MEN, 45, "pu", ["black", "navy"], "plain"),
    ("Basecamp", "Packable", "rainjacket", MEN, 29, "nylon", ["red", "blue", "black"], "plain"),
    ("Basecamp", "Packable", "rainjacket", WOMEN, 29, "nylon", ["red", "yellow", "navy"], "plain"),
    ("Basecamp", "City", "windjacket", MEN, 35, "nylon", ["black", "green", "red"], "plain"),
    ("Trailwise", "Hybrid", "softshell", WOMEN, 79, "softshell", ["black", "red", "blue"], "plain"),
    ("Trailwise", "Hybrid", "softshell", MEN, 79, "softshell", ["black", "grey"], "plain"),
    ("Skagerrak", "Rubber", "rainboots", WOMEN, 39, "rubber", ["black", "green", "yellow"], "plain"),
    ("Skagerrak", "Rubber", "rainboots", MEN, 45, "rubber", ["black", "green"], "plain"),
    ("Basecamp", "Canvas", "sneakers", WOMEN, 35, "canvas", ["white", "black", "red"], "plain"),
    ("Basecamp", "Canvas", "sneakers", MEN, 35, "canvas", ["white", "black", "navy"], "plain"),
]


def _sizes(kind: str, gender: str) -> list[str]:
    if gender == KIDS:
        return KIDS_SIZES
    if kind in ("rainboots", "sneakers"):
        return SHOE_SIZES[gender]
    if kind in ("chinos", "jeans") and gender == MEN:
        return WAIST_LENGTH
    if kind == "trousers":
        return WOMEN_TROUSERS
    return ADULT_SIZES[gender]


def _sizes_line(kind: str, gender: str, lang: str) -> str:
    sizes = _sizes(kind, gender)
    if gender == KIDS:
        return SIZES_LINE["kids"][lang]
    if sizes is WAIST_LENGTH:
        return SIZES_LINE["waist"][lang]
    key = "eu" if sizes[0].isdigit() else "letters"
    return SIZES_LINE[key][lang].format(a=sizes[0], b=sizes[-1])


def description(m: Master, lang: str) -> str:
    """The product description in lang, with what it is, what it is not, fit and sizes."""
    kind, gender = m.kind, m.gender or MEN
    parts = [WHAT[kind][lang].format(m=MATERIALS[m.material][lang])]
    if m.pattern in PATTERN:
        parts.append(f"{PATTERN[m.pattern][lang].capitalize()}.")
    if kind in ("rainjacket", "raintrousers"):
        parts.append(WATERPROOF[lang])
    if kind in ("windjacket", "softshell"):
        parts.append(NOT_WATERPROOF[lang])
    if kind in ("sweater", "cardigan") and m.material in ("cotton", "sweat"):
        parts.append(NO_WOOL[lang])
    if m.material in ("wool", "merino", "lambswool"):
        parts.append(WOOL[lang])
    if kind == "rainboots":
        parts.append(WATERPROOF[lang].split(",")[0] + ". " + NOT_LINED[lang])
    return " ".join(parts) + "\n" + FIT[gender][lang] + " " + _sizes_line(kind, gender, lang)


def title(m: Master, lang: str, form: int) -> str:
    """A shop title in lang; `form` picks one of the ways shops order brand, model, noun and gender."""
    p, gender = m.product, GENDER[m.gender or MEN][lang]
    noun = NOUN[m.kind][lang]
    if lang == "en":
        pattern = f"{PATTERN[m.pattern]['en']} " if m.pattern in PATTERN and "Strip" not in m.model else ""
        if form == 0:
            return f"{p.brand} {m.model} {pattern}{noun} - {gender}"
        return f"{gender} {p.brand} {m.model} {pattern}{noun}"
    if lang == "de":
        return f"{p.brand} {m.model} {noun} {gender}"
    return f"{p.brand} {m.model} {noun.lower()} {gender}"


def wear(b: Builder) -> None:
    """Add the everyday wear masters (after the others, so earlier products keep their ids)."""
    for brand, model, kind, gender, price, material, colours, pattern in WEAR:
        noun = NOUN[kind]["en"]
        tags = [kind, {MEN: "men", WOMEN: "women", KIDS: "kids"}[gender]]
        if kind in ("rainjacket", "raintrousers", "rainboots"):
            tags.append("waterproof")
        sku = f"{brand[:3].upper()}-{slugify(model + ' ' + kind).upper()}-{gender[0]}"
        p = product(
            brand,
            f"{brand} {model} {noun} {gender}",
            CATEGORY[kind]["en"],
            "",
            price,
            sku,
            tags=tags,
            gtin=ean13(b.rng) if b.rng.random() < 0.5 else None,
        )
        m = Master(p, "wear", kind, model, noun, gender, pattern=pattern, material=material)
        m.colours = {c: c for c in colours}
        p.description = description(m, "en")
        options = [("Size", _sizes(kind, gender))]
        if len(colours) > 1:
            options.append(("Color", colours))
        else:
            m.colour = colours[0]
        b.add(m, options)
