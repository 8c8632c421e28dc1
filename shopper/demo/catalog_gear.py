"""The outdoor, running and electronics part of the demo catalogue (generated from catalog_data)."""

from __future__ import annotations

from shopper.demo import catalog_data as data
from shopper.demo.catalog_base import Builder, Master, ean13, product
from shopper.demo.shopdata import slugify

SHOE_SIZES = {"Men's": [str(s) for s in range(39, 48)], "Women's": [str(s) for s in range(36, 43)]}
_CLOTHING = {"rain": ("Rain Jacket", "Rain Jackets"), "hardshell": ("Hardshell Jacket", "Hardshell Jackets"),
             "insulated": ("Insulated Jacket", "Insulated Jackets"), "fleece": ("Fleece Jacket",
                 "Fleece Jackets"),
             "baselayer": ("Base Layer", "Base Layers"), "pants": ("", "Hiking Pants")}  # fmt: skip
HEROES = {"WH-1000XM5", "990 PRO 2TB", "WD_BLACK SN850X 2TB", "Speedgoat 5 GTX", "Torrentshell 3L",
           "Dual GeForce RTX 4070 OC", "501 Original Dark Stonewash", "Microlight", "Clifton 9"}  # fmt: skip


def shoes(b: Builder) -> None:
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
            p = product(brand, f"{brand} {mdl} {gender} {noun}", cat, desc, price + (20 if is_gtx else 0),
                sku,
                         tags=tags, gtin=ean13(b.rng) if b.rng.random() < 0.6 else None)  # fmt: skip
            hero = (f"{model} GTX" in HEROES and is_gtx) or (model in HEROES and gender == "Men's")
            b.add(Master(p, "shoe", terrain, mdl, noun, gender, colour, hero=hero),
                  [("Size", SHOE_SIZES[gender])])  # fmt: skip


def clothing(b: Builder) -> None:
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
            p = product(brand, title, cat, desc, price,
                f"{brand[:3].upper()}-{slugify(model).upper()}-{gender[0]}",
                         tags=tags, gtin=ean13(b.rng) if b.rng.random() < 0.4 else None)  # fmt: skip
            force = 3 if brand in data.NORWEGIAN_BRANDS and kind == "rain" else None
            b.add(Master(p, "clothing", kind, model, noun, gender,
                hero=model in HEROES and gender == "Men's",
                          force_shop=force),
                  [("Size", data.CLOTHING_SIZES), ("Color", colours)],
                  {"XXL": 10} if b.rng.random() < 0.3 else None)  # fmt: skip


def jeans(b: Builder) -> None:
    for brand, model, fit, price, gender in data.JEANS:
        for wash in b.rng.sample(data.WASHES, 2):
            fly = "button fly" if model.startswith("501") else "zip fly"
            desc = (f"{gender} {fit} fit jeans in {wash.lower()} denim. 99% cotton, 1% elastane; "
                    f"five-pocket styling, {fly}.\nWaist 28–38, length 30–34.")  # fmt: skip
            title = f"{brand} {model} Jeans {wash}"
            p = product(brand, title, "Jeans", desc, price,
                f"{brand[:3].upper()}-{slugify(model + wash).upper()}",
                         tags=["jeans", fit, "men" if gender == "Men's" else "women"],
                         gtin=ean13(b.rng) if b.rng.random() < 0.5 else None)  # fmt: skip
            b.add(Master(p, "jeans", "jeans", model, "Jeans", gender, wash,
                hero=f"{model} {wash}" in HEROES),
                  [("Size", [f"W{w} L{n}" for w in data.WAISTS for n in data.LENGTHS])])  # fmt: skip


def _elec(b: Builder, cat: str, brand: str, model: str, noun: str, spec: str, price: int, mpn: str,
    desc: str,
          tags: list[str], colours: list[str] | None = None, options: list[tuple[str,
              list[str]]] | None = None) -> None:  # fmt: skip
    title = " ".join(x for x in (brand, model, spec, noun) if x)
    p = product(brand, title, cat, desc, price, mpn.replace("/", "-").replace(" ", "-"), tags=tags,
                 mpn=mpn, gtin=ean13(b.rng))  # fmt: skip
    opts = options or ([("Color", colours)] if colours and len(colours) > 1 else [])
    single = colours[0] if colours and len(colours) == 1 else None
    hero = model in HEROES or f"{model} {spec}" in HEROES
    b.add(Master(p, "elec", cat, model, noun, colour=single, spec=spec, hero=hero), opts)


def electronics(b: Builder) -> None:
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
