"""Everyday wear in the demo catalogue: knitwear, T-shirts, trousers, dresses, kids' clothes, rain gear.

Each product is written in every demo shop language (en, de, nl, nb) the way shops there write it.
"""

from __future__ import annotations

from shopper.demo.catalog_base import Builder, Master, ean13, product
from shopper.demo.shopdata import slugify

LANGS = ("en", "de", "nl", "nb")
MEN, WOMEN, KIDS = "Men's", "Women's", "Kids'"

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
    ("Basecamp", "Kids", "sweater", KIDS, 19, "cotton", ["red", "navy", "green"], "plain"),
    ("Hollow Pine", "Kids Striped", "tshirt", KIDS, 9, "cotton", ["navy", "red"], "striped"),
    ("Basecamp", "Kids", "jeans", KIDS, 25, "denim", ["blue"], "plain"),
    ("Basecamp", "Kids Zip", "hoodie", KIDS, 22, "sweat", ["grey", "pink", "blue"], "plain"),
    ("Hollow Pine", "Kids Check", "dress", KIDS, 24, "cotton", ["red", "blue"], "checked"),
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

NOUN: dict[str, dict[str, str]] = {
    "sweater": {"en": "Sweater", "de": "Pullover", "nl": "Trui", "nb": "Genser"},
    "cardigan": {"en": "Cardigan", "de": "Strickjacke", "nl": "Vest", "nb": "Strikkejakke"},
    "hoodie": {"en": "Hoodie", "de": "Kapuzenpullover", "nl": "Hoodie", "nb": "Hettegenser"},
    "tshirt": {"en": "T-Shirt", "de": "T-Shirt", "nl": "T-shirt", "nb": "T-skjorte"},
    "chinos": {"en": "Chinos", "de": "Chinohose", "nl": "Chino broek", "nb": "Chinos"},
    "trousers": {"en": "Trousers", "de": "Hose", "nl": "Broek", "nb": "Bukse"},
    "jeans": {"en": "Jeans", "de": "Jeans", "nl": "Jeans", "nb": "Jeans"},
    "joggers": {"en": "Joggers", "de": "Jogginghose", "nl": "Joggingbroek", "nb": "Joggebukse"},
    "dress": {"en": "Dress", "de": "Kleid", "nl": "Jurk", "nb": "Kjole"},
    "rainjacket": {"en": "Rain Jacket", "de": "Regenjacke", "nl": "Regenjas", "nb": "Regnjakke"},
    "raintrousers": {"en": "Rain Trousers", "de": "Regenhose", "nl": "Regenbroek", "nb": "Regnbukse"},
    "windjacket": {"en": "Windbreaker", "de": "Windjacke", "nl": "Windjack", "nb": "Vindjakke"},
    "softshell": {
        "en": "Softshell Jacket",
        "de": "Softshelljacke",
        "nl": "Softshell jas",
        "nb": "Softshelljakke",
    },
    "rainboots": {"en": "Rain Boots", "de": "Gummistiefel", "nl": "Regenlaarzen", "nb": "Gummistøvler"},
    "sneakers": {"en": "Sneakers", "de": "Sneaker", "nl": "Sneakers", "nb": "Sneakers"},
}
CATEGORY: dict[str, dict[str, str]] = {
    "sweater": {"en": "Knitwear", "de": "Strickwaren", "nl": "Truien", "nb": "Gensere"},
    "cardigan": {"en": "Knitwear", "de": "Strickwaren", "nl": "Vesten", "nb": "Gensere"},
    "hoodie": {"en": "Hoodies & Sweatshirts", "de": "Hoodies", "nl": "Hoodies", "nb": "Hettegensere"},
    "tshirt": {"en": "T-Shirts", "de": "T-Shirts", "nl": "T-shirts", "nb": "T-skjorter"},
    "chinos": {"en": "Trousers", "de": "Hosen", "nl": "Broeken", "nb": "Bukser"},
    "trousers": {"en": "Trousers", "de": "Hosen", "nl": "Broeken", "nb": "Bukser"},
    "jeans": {"en": "Jeans", "de": "Jeans", "nl": "Jeans", "nb": "Jeans"},
    "joggers": {"en": "Trousers", "de": "Hosen", "nl": "Broeken", "nb": "Bukser"},
    "dress": {"en": "Dresses", "de": "Kleider", "nl": "Jurken", "nb": "Kjoler"},
    "rainjacket": {"en": "Rain Gear", "de": "Regenbekleidung", "nl": "Regenkleding", "nb": "Regntøy"},
    "raintrousers": {"en": "Rain Gear", "de": "Regenbekleidung", "nl": "Regenkleding", "nb": "Regntøy"},
    "windjacket": {"en": "Jackets", "de": "Jacken", "nl": "Jassen", "nb": "Jakker"},
    "softshell": {"en": "Jackets", "de": "Jacken", "nl": "Jassen", "nb": "Jakker"},
    "rainboots": {"en": "Shoes", "de": "Schuhe", "nl": "Schoenen", "nb": "Sko"},
    "sneakers": {"en": "Shoes", "de": "Schuhe", "nl": "Schoenen", "nb": "Sko"},
}
GENDER = {
    MEN: {"en": "Men's", "de": "Herren", "nl": "heren", "nb": "herre"},
    WOMEN: {"en": "Women's", "de": "Damen", "nl": "dames", "nb": "dame"},
    KIDS: {"en": "Kids'", "de": "Kinder", "nl": "kinderen", "nb": "barn"},
}
COLOUR = {
    "red": {"en": "Red", "de": "Rot", "nl": "Rood", "nb": "Rød"},
    "blue": {"en": "Blue", "de": "Blau", "nl": "Blauw", "nb": "Blå"},
    "navy": {"en": "Navy", "de": "Marineblau", "nl": "Navy", "nb": "Marineblå"},
    "black": {"en": "Black", "de": "Schwarz", "nl": "Zwart", "nb": "Svart"},
    "white": {"en": "White", "de": "Weiß", "nl": "Wit", "nb": "Hvit"},
    "grey": {"en": "Grey", "de": "Grau", "nl": "Grijs", "nb": "Grå"},
    "green": {"en": "Green", "de": "Grün", "nl": "Groen", "nb": "Grønn"},
    "yellow": {"en": "Yellow", "de": "Gelb", "nl": "Geel", "nb": "Gul"},
    "pink": {"en": "Pink", "de": "Rosa", "nl": "Roze", "nb": "Rosa"},
    "beige": {"en": "Beige", "de": "Beige", "nl": "Beige", "nb": "Beige"},
    "brown": {"en": "Brown", "de": "Braun", "nl": "Bruin", "nb": "Brun"},
}
MATERIALS = {
    "wool": {"en": "pure new wool", "de": "reiner Schurwolle", "nl": "zuivere scheerwol", "nb": "ren ull"},
    "merino": {"en": "merino wool", "de": "Merinowolle", "nl": "merinowol", "nb": "merinoull"},
    "lambswool": {"en": "lambswool", "de": "Lammwolle", "nl": "lamswol", "nb": "lammeull"},
    "woolblend": {
        "en": "a wool blend (50% wool)",
        "de": "Wollmischung (50 % Wolle)",
        "nl": "wolmix (50% wol)",
        "nb": "ullblanding (50 % ull)",
    },
    "cotton": {
        "en": "organic cotton",
        "de": "Bio-Baumwolle",
        "nl": "biologisch katoen",
        "nb": "økologisk bomull",
    },
    "sweat": {
        "en": "brushed cotton sweat",
        "de": "angerauter Baumwoll-Sweat",
        "nl": "geruwde katoenen sweatstof",
        "nb": "børstet bomullsfleece",
    },
    "polyester": {
        "en": "recycled polyester",
        "de": "recyceltem Polyester",
        "nl": "gerecycled polyester",
        "nb": "resirkulert polyester",
    },
    "twill": {
        "en": "stretch cotton twill",
        "de": "Stretch-Baumwolltwill",
        "nl": "stretch katoen twill",
        "nb": "stretch bomullstwill",
    },
    "denim": {"en": "cotton denim", "de": "Baumwolldenim", "nl": "katoenen denim", "nb": "bomullsdenim"},
    "jersey": {"en": "viscose jersey", "de": "Viskosejersey", "nl": "viscose jersey", "nb": "viskosejersey"},
    "pu": {
        "en": "PU-coated polyester",
        "de": "PU-beschichtetem Polyester",
        "nl": "PU-gecoat polyester",
        "nb": "PU-belagt polyester",
    },
    "nylon": {"en": "ripstop nylon", "de": "Ripstop-Nylon", "nl": "ripstop nylon", "nb": "ripstop-nylon"},
    "softshell": {
        "en": "stretch softshell",
        "de": "Stretch-Softshell",
        "nl": "stretch softshell",
        "nb": "stretch softshell",
    },
    "rubber": {"en": "natural rubber", "de": "Naturkautschuk", "nl": "natuurrubber", "nb": "naturgummi"},
    "canvas": {"en": "cotton canvas", "de": "Baumwollcanvas", "nl": "katoenen canvas", "nb": "bomullscanvas"},
}

# What a kind is, in a sentence per language ({m} is the material).
WHAT = {
    "sweater": {
        "en": "Knitted sweater in {m} with ribbed cuffs and hem.",
        "de": "Strickpullover aus {m} mit Rippbündchen.",
        "nl": "Gebreide trui van {m} met geribde boorden.",
        "nb": "Strikket genser i {m} med ribbestrikkede mansjetter.",
    },
    "cardigan": {
        "en": "Button-through knitted cardigan in {m}.",
        "de": "Strickjacke mit Knopfleiste aus {m}.",
        "nl": "Gebreid vest met knoopsluiting van {m}.",
        "nb": "Strikkejakke med knapper i {m}.",
    },
    "hoodie": {
        "en": "Hoodie in {m} with a kangaroo pocket and drawstring hood.",
        "de": "Kapuzenpullover aus {m} mit Kängurutasche.",
        "nl": "Hoodie van {m} met buidelzak en capuchon met koord.",
        "nb": "Hettegenser i {m} med kengurulomme.",
    },
    "tshirt": {
        "en": "Short-sleeve crew-neck T-shirt in {m}.",
        "de": "Kurzarm-T-Shirt mit Rundhalsausschnitt aus {m}.",
        "nl": "T-shirt met korte mouwen en ronde hals van {m}.",
        "nb": "Kortermet T-skjorte med rund hals i {m}.",
    },
    "chinos": {
        "en": "Chino trousers in {m} with slanted pockets.",
        "de": "Chinohose aus {m} mit schrägen Eingrifftaschen.",
        "nl": "Chino broek van {m} met schuine steekzakken.",
        "nb": "Chinobukse i {m} med skrå lommer.",
    },
    "trousers": {
        "en": "High-waisted wide-leg trousers in {m}.",
        "de": "Hose mit hohem Bund und weitem Bein aus {m}.",
        "nl": "Broek met hoge taille en wijde pijpen van {m}.",
        "nb": "Bukse med høyt liv og vide ben i {m}.",
    },
    "jeans": {
        "en": "Five-pocket jeans in {m}.",
        "de": "Five-Pocket-Jeans aus {m}.",
        "nl": "Five-pocket jeans van {m}.",
        "nb": "Femlommers jeans i {m}.",
    },
    "joggers": {
        "en": "Joggers in {m} with an elastic waist and cuffs.",
        "de": "Jogginghose aus {m} mit Gummibund.",
        "nl": "Joggingbroek van {m} met elastische taille.",
        "nb": "Joggebukse i {m} med strikk i livet.",
    },
    "dress": {
        "en": "Dress in {m}, knee to midi length.",
        "de": "Kleid aus {m}, knie- bis midilang.",
        "nl": "Jurk van {m}, knie- tot midilengte.",
        "nb": "Kjole i {m}, kne- til midilengde.",
    },
    "rainjacket": {
        "en": "Rain jacket in {m} with a hood.",
        "de": "Regenjacke aus {m} mit Kapuze.",
        "nl": "Regenjas van {m} met capuchon.",
        "nb": "Regnjakke i {m} med hette.",
    },
    "raintrousers": {
        "en": "Rain trousers in {m} with an elastic waist.",
        "de": "Regenhose aus {m} mit Gummizug.",
        "nl": "Regenbroek van {m} met elastische band.",
        "nb": "Regnbukse i {m} med strikk i livet.",
    },
    "windjacket": {
        "en": "Light windbreaker in {m}.",
        "de": "Leichte Windjacke aus {m}.",
        "nl": "Lichte windjas van {m}.",
        "nb": "Lett vindjakke i {m}.",
    },
    "softshell": {
        "en": "Softshell jacket in {m}.",
        "de": "Softshelljacke aus {m}.",
        "nl": "Softshell jas van {m}.",
        "nb": "Softshelljakke i {m}.",
    },
    "rainboots": {
        "en": "Rain boots in {m}.",
        "de": "Gummistiefel aus {m}.",
        "nl": "Regenlaarzen van {m}.",
        "nb": "Gummistøvler i {m}.",
    },
    "sneakers": {
        "en": "Low-top sneakers in {m}.",
        "de": "Sneaker aus {m}.",
        "nl": "Lage sneakers van {m}.",
        "nb": "Lave sneakers i {m}.",
    },
}
_WATERPROOF = {
    "en": "Waterproof, with taped seams (10,000 mm).",
    "de": "Wasserdicht, mit verschweißten Nähten (10.000 mm Wassersäule).",
    "nl": "Waterdicht, met getapete naden (10.000 mm waterkolom).",
    "nb": "Vanntett, med tapede sømmer (10 000 mm vannsøyle).",
}
_NOT_WATERPROOF = {
    "en": "Water-repellent but not waterproof: for wind and light showers.",
    "de": "Wasserabweisend, aber nicht wasserdicht: für Wind und leichte Schauer.",
    "nl": "Waterafstotend, maar niet waterdicht: voor wind en lichte buien.",
    "nb": "Vannavstøtende, men ikke vanntett: for vind og lette byger.",
}
_NO_WOOL = {
    "en": "Contains no wool, so it does not itch.",
    "de": "Enthält keine Wolle und kratzt nicht.",
    "nl": "Bevat geen wol en kriebelt niet.",
    "nb": "Inneholder ikke ull og klør ikke.",
}
_WOOL = {
    "en": "Warm and breathable; hand wash only.",
    "de": "Warm und atmungsaktiv; nur Handwäsche.",
    "nl": "Warm en ademend; alleen handwas.",
    "nb": "Varm og pustende; kun håndvask.",
}
_NOT_LINED = {
    "en": "Not lined and not insulated: for autumn and spring, not for snow.",
    "de": "Nicht gefüttert: für Herbst und Frühling, nicht für Schnee.",
    "nl": "Niet gevoerd: voor herfst en lente, niet voor sneeuw.",
    "nb": "Ikke fôret: for høst og vår, ikke for snø.",
}
PATTERN = {
    "striped": {"en": "Striped", "de": "gestreift", "nl": "gestreept", "nb": "stripete"},
    "checked": {"en": "Checked", "de": "kariert", "nl": "geruit", "nb": "rutete"},
}
_SIZES_LINE = {
    "letters": {
        "en": "Sizes {a}–{b}.",
        "de": "Größen {a}–{b}.",
        "nl": "Maten {a}–{b}.",
        "nb": "Størrelser {a}–{b}.",
    },
    "kids": {
        "en": "Kids' sizes 98–164 cm (about 2 to 14 years).",
        "de": "Kindergrößen 98–164 (ca. 2 bis 14 Jahre).",
        "nl": "Kindermaten 98–164 (ca. 2 tot 14 jaar).",
        "nb": "Barnestørrelser 98–164 cm (ca. 2 til 14 år).",
    },
    "waist": {
        "en": "Waist W28–W38, leg length L30–L34.",
        "de": "Bundweite W28–W38, Länge L30–L34.",
        "nl": "Taille W28–W38, lengte L30–L34.",
        "nb": "Livvidde W28–W38, lengde L30–L34.",
    },
    "eu": {
        "en": "EU sizes {a}–{b}.",
        "de": "Größen {a}–{b}.",
        "nl": "Maten {a}–{b}.",
        "nb": "Størrelser {a}–{b}.",
    },
}
_FIT = {
    MEN: {"en": "Men's fit.", "de": "Herrenschnitt.", "nl": "Herenmodel.", "nb": "Herremodell."},
    WOMEN: {"en": "Women's fit.", "de": "Damenschnitt.", "nl": "Damesmodel.", "nb": "Damemodell."},
    KIDS: {"en": "For kids.", "de": "Für Kinder.", "nl": "Voor kinderen.", "nb": "For barn."},
}
SHAPES = {
    "sweater": "sweater",
    "cardigan": "sweater",
    "hoodie": "sweater",
    "tshirt": "shirt",
    "dress": "dress",
    "chinos": "trousers",
    "trousers": "trousers",
    "jeans": "trousers",
    "joggers": "trousers",
    "raintrousers": "trousers",
    "rainjacket": "jacket",
    "windjacket": "jacket",
    "softshell": "jacket",
    "rainboots": "shoe",
    "sneakers": "shoe",
}


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
        return _SIZES_LINE["kids"][lang]
    if sizes is WAIST_LENGTH:
        return _SIZES_LINE["waist"][lang]
    key = "eu" if sizes[0].isdigit() else "letters"
    return _SIZES_LINE[key][lang].format(a=sizes[0], b=sizes[-1])


def description(m: Master, lang: str) -> str:
    """The product description in lang, with what it is, what it is not, fit and sizes."""
    kind, gender = m.kind, m.gender or MEN
    parts = [WHAT[kind][lang].format(m=MATERIALS[m.material][lang])]
    if m.pattern in PATTERN:
        parts.append(f"{PATTERN[m.pattern][lang].capitalize()}.")
    if kind in ("rainjacket", "raintrousers"):
        parts.append(_WATERPROOF[lang])
    if kind in ("windjacket", "softshell"):
        parts.append(_NOT_WATERPROOF[lang])
    if kind in ("sweater", "cardigan") and m.material in ("cotton", "sweat"):
        parts.append(_NO_WOOL[lang])
    if m.material in ("wool", "merino", "lambswool"):
        parts.append(_WOOL[lang])
    if kind == "rainboots":
        parts.append(_WATERPROOF[lang].split(",")[0] + ". " + _NOT_LINED[lang])
    return " ".join(parts) + "\n" + _FIT[gender][lang] + " " + _sizes_line(kind, gender, lang)


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
