"""The words of the everyday-wear catalogue in each demo shop language (en, de, nl, nb)."""

from __future__ import annotations

MEN, WOMEN, KIDS = "Men's", "Women's", "Kids'"

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
WATERPROOF = {
    "en": "Waterproof, with taped seams (10,000 mm).",
    "de": "Wasserdicht, mit verschweißten Nähten (10.000 mm Wassersäule).",
    "nl": "Waterdicht, met getapete naden (10.000 mm waterkolom).",
    "nb": "Vanntett, med tapede sømmer (10 000 mm vannsøyle).",
}
NOT_WATERPROOF = {
    "en": "Water-repellent but not waterproof: for wind and light showers.",
    "de": "Wasserabweisend, aber nicht wasserdicht: für Wind und leichte Schauer.",
    "nl": "Waterafstotend, maar niet waterdicht: voor wind en lichte buien.",
    "nb": "Vannavstøtende, men ikke vanntett: for vind og lette byger.",
}
NO_WOOL = {
    "en": "Contains no wool, so it does not itch.",
    "de": "Enthält keine Wolle und kratzt nicht.",
    "nl": "Bevat geen wol en kriebelt niet.",
    "nb": "Inneholder ikke ull og klør ikke.",
}
WOOL = {
    "en": "Warm and breathable; hand wash only.",
    "de": "Warm und atmungsaktiv; nur Handwäsche.",
    "nl": "Warm en ademend; alleen handwas.",
    "nb": "Varm og pustende; kun håndvask.",
}
NOT_LINED = {
    "en": "Not lined and not insulated: for autumn and spring, not for snow.",
    "de": "Nicht gefüttert: für Herbst und Frühling, nicht für Schnee.",
    "nl": "Niet gevoerd: voor herfst en lente, niet voor sneeuw.",
    "nb": "Ikke fôret: for høst og vår, ikke for snø.",
}
PATTERN = {
    "striped": {"en": "Striped", "de": "gestreift", "nl": "gestreept", "nb": "stripete"},
    "checked": {"en": "Checked", "de": "kariert", "nl": "geruit", "nb": "rutete"},
}
SIZES_LINE = {
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
FIT = {
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
