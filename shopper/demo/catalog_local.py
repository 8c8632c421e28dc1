"""How each demo shop words the outdoor, running and electronics products: titles and intros per language."""

from __future__ import annotations

import random

from shopper.demo import catalog_data as data
from shopper.demo.catalog_base import Master

_GENDER_NL = {"Men's": "heren", "Women's": "dames"}
_GENDER_NB = {"Men's": "herre", "Women's": "dame"}
_NOUN_NL = {
    "road": "hardloopschoenen",
    "trail": "trailschoenen",
    "hiking": "wandelschoenen",
    "rain": "regenjas",
    "hardshell": "hardshell jas",
    "insulated": "isolatiejas",
    "fleece": "fleecevest",
    "baselayer": "thermoshirt",
    "pants": "",
    "Headphones": "koptelefoon",
}
_NOUN_NB = {
    "road": "løpesko",
    "trail": "terrengløpesko",
    "hiking": "tursko",
    "rain": "regnjakke",
    "hardshell": "skalljakke",
    "insulated": "isolert jakke",
    "fleece": "fleecejakke",
    "baselayer": "ullundertøy trøye",
    "pants": "turbukse",
    "Headphones": "hodetelefoner",
    "SSDs": "SSD",
    "Graphics Cards": "skjermkort",
    "Keyboards": "tastatur",
    "Monitors": "skjerm",
    "Smartphones": "mobiltelefon",
    "Cables": "kabel",
    "Mice": "mus",
}

CATEGORY_NB = {
    "Running Shoes": "Løpesko",
    "Trail Running Shoes": "Terrengløpesko",
    "Hiking Shoes": "Tursko",
    "Rain Jackets": "Regnjakker",
    "Hardshell Jackets": "Skalljakker",
    "Insulated Jackets": "Isolerte jakker",
    "Fleece Jackets": "Fleecejakker",
    "Base Layers": "Ullundertøy",
    "Hiking Pants": "Turbukser",
    "Jeans": "Jeans",
    "Headphones": "Hodetelefoner",
    "SSDs": "SSD",
    "Graphics Cards": "Skjermkort",
    "Keyboards": "Tastatur",
    "Monitors": "Skjermer",
    "Smartphones": "Mobiltelefoner",
    "Cables": "Kabler",
    "Mice": "Mus",
}
NORWEGIAN_INTRO = {
    "road": "Lette løpesko for asfalt med god demping.",
    "trail": "Terrengløpesko med godt grep på sti og fjell.",
    "hiking": "Solide tursko for fjellturen.",
    "rain": "Vanntett og pustende regnjakke.",
    "hardshell": "Vanntett skalljakke for fjellet.",
    "insulated": "Lett isolert jakke; vannavstøtende, men ikke vanntett.",
    "fleece": "Varm fleecejakke, ikke vanntett.",
    "baselayer": "Ullundertøy av merinoull.",
    "pants": "Slitesterk turbukse; vannavstøtende, ikke vanntett.",
    "jeans": "Jeans i kraftig denim.",
    "Headphones": "Trådløse hodetelefoner.",
    "SSDs": "Rask SSD-lagring.",
    "Graphics Cards": "Skjermkort for spill.",
    "Keyboards": "Tastatur.",
    "Monitors": "Skjerm.",
    "Smartphones": "Mobiltelefon.",
    "Cables": "Kabel.",
    "Mice": "Datamus.",
}
GERMAN_INTRO = {
    "road": "Leichte Laufschuhe für die Straße mit viel Dämpfung.",
    "trail": "Trailrunning-Schuhe mit Grip für Wald- und Bergwege.",
    "hiking": "Robuste Wanderschuhe für Bergpfade.",
    "rain": "Wasserdichte, atmungsaktive Regenjacke.",
    "hardshell": "Wasserdichte Hardshelljacke für die Berge.",
    "insulated": "Leichte Isolationsjacke; wasserabweisend, nicht wasserdicht.",
    "fleece": "Warme Fleecejacke, nicht wasserdicht.",
    "baselayer": "Funktionsshirt aus Merinowolle.",
    "pants": "Robuste Wanderhose; wasserabweisend, nicht wasserdicht.",
    "jeans": "Jeans aus festem Denim.",
    "Headphones": "Kabellose Kopfhörer.",
    "SSDs": "Schneller SSD-Speicher.",
    "Graphics Cards": "Grafikkarte für Gaming.",
    "Keyboards": "Tastatur.",
    "Monitors": "Monitor.",
    "Smartphones": "Smartphone.",
    "Cables": "Kabel.",
    "Mice": "Maus.",
}


def gear_title(m: Master, shop: int, rng: random.Random) -> str:
    """The title shop `shop` gives an outdoor, running or electronics product (shop 4 writes Norwegian)."""
    p, g = m.product, m.gender or ""
    b, mo, n, c, s = p.brand, m.model, m.noun, m.colour or "", m.spec
    short_g = g.removesuffix("'s")
    if m.group == "shoe":
        forms = [
            f"{b} {g} {mo}",
            f"{b} {mo} {n} {short_g} – {c}",
            f"{g} {b} {mo} {n[:-1]} in {c}",
            f"{b} {mo} {_NOUN_NL[m.kind]} {_GENDER_NL.get(g, '')}",
            f"{b} {mo} {_NOUN_NB[m.kind]} {_GENDER_NB.get(g, '')}",
        ]
    elif m.group == "clothing":
        nl = "Regnjakke" if b in data.NORWEGIAN_BRANDS and m.kind == "rain" else _NOUN_NL[m.kind]
        forms = [
            f"{b} {mo} {n} - {g}",
            f"{b} {g} {mo} {n}",
            f"{b} {mo} {n} ({g})",
            f"{b} {mo} {nl} {_GENDER_NL.get(g, '')}",
            f"{b} {mo} {_NOUN_NB[m.kind]} {_GENDER_NB.get(g, '')}",
        ]
    elif m.group == "jeans":
        forms = [
            f"{b} {mo} Jeans - {c}",
            f"{b} {g} {mo} Fit Jeans {c}",
            f"{c} {b} {mo} Jeans",
            f"{b} {mo} jeans {c.lower()} {_GENDER_NL.get(g, '')}",
            f"{b} {mo} jeans {c.lower()} {_GENDER_NB.get(g, '')}",
        ]
    else:
        compact = mo.replace("-", "") if m.kind == "Headphones" and rng.random() < 0.5 else mo
        nl_noun = _NOUN_NL.get(m.kind, n) if n else ""
        nb_noun = _NOUN_NB.get(m.kind, n) if n else ""
        forms = [
            f"{b} {mo} {s} {n}" + (f", {c}" if c else ""),
            f"{b} {n} {mo} {s}",
            f"{b} {mo} – {s} {n}" + (f" ({c})" if c else ""),
            f"{b} {compact} {s} {nl_noun}",
            f"{b} {mo} {s} {nb_noun}" + (f", {c}" if c else ""),
        ]
    title = " ".join(forms[shop].split())
    return title.rstrip(" –-,(")
