"""Span extractors for specs, attributes, negations, brands, colours and model numbers."""

from __future__ import annotations

import re
from functools import lru_cache

from shopper.understand.lexicon import AMBIGUOUS_BRANDS, BRANDS, COLOUR_OF, SHADE_PREFIXES, STOP_WORDS
from shopper.understand.spans import Scan

# --- numeric specs -----------------------------------------------------------------------------

_UNITS = {
    "mm": "mm",
    "cm": "cm",
    "km": "km",
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "mètre": "m",
    "mètres": "m",
    "metro": "m",
    "metros": "m",
    "gb": "gb",
    "tb": "tb",
    "mb": "mb",
    "mhz": "mhz",
    "ghz": "ghz",
    "hz": "hz",
    "w": "w",
    "watt": "w",
    "watts": "w",
    "mah": "mah",
    "wh": "wh",
    "inch": "in",
    "inches": "in",
    "zoll": "in",
    "tommer": "in",
    "pouce": "in",
    "pouces": "in",
    '"': "in",
    "''": "in",
    "kg": "kg",
    "g": "g",
    "gram": "g",
    "grams": "g",
    "l": "l",
    "liter": "l",
    "liters": "l",
    "litre": "l",
    "litres": "l",
    "v": "v",
    "volt": "v",
    "volts": "v",
    "rpm": "rpm",
    "dpi": "dpi",
    "mp": "mp",
    "megapixel": "mp",
    "megapixels": "mp",
    "fps": "fps",
    "ms": "ms",
}
_COMPARATOR = (
    r"(?:(?:longer|shorter|bigger|larger|smaller|greater|wider|higher|lower|more|less|langer|korter|groter"
    r"|kleiner|meer|minder|länger|kürzer|größer|mehr|weniger|lengre|kortere|større|mindre|mer|plus|moins)"
    r"\s+(?:than|dan|als|enn|que|de)\s+|(?:at\s+least|at\s+most|minimum|min\.?|maximum|(?<!pro\s)max\.?|over|above"
    r"|minstens|mindestens|minst|au\s+moins|up\s+to|tot|bis|opp\s+til)\s+)?"
)
_UNITS_CASED = {"To": "tb", "Go": "gb", "Mo": "mb"}  # French units, only as written (not "2 to 3")
_UNIT_SPEC = re.compile(
    _COMPARATOR
    + r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?)\s?(?P<u>(?-i:To|Go|Mo)|"
    + "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
    + r")(?![\w])",
    re.I,
)


def _unit(u: str) -> str:
    return _UNITS_CASED.get(u) or _UNITS[u.lower()]


_KIT = re.compile(r"(?<![\w])(?P<k>\d{1,2})\s?[x×]\s?(?P<n>\d{1,3})\s?(?P<u>gb|tb)(?![\w])", re.I)
_NAMED_SPECS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b80\s?(?:\+|plus)\s?(?P<x>bronze|silver|gold|platinum|titanium)\b", re.I), "80+ {x}"),
    (re.compile(r"\bddr\s?(?P<x>[2-6])\b", re.I), "ddr{x}"),
    (re.compile(r"\bpci-?e(?:xpress)?\s?(?:gen\s?)?(?P<x>[3-6])(?:\.0)?\b", re.I), "pcie{x}"),
    (re.compile(r"\bwi-?fi\s?(?P<x>[5-7]e?)\b", re.I), "wifi{x}"),
    (re.compile(r"(?<![\w.])(?P<x>[345])g\b", re.I), "{x}g"),
    (re.compile(r"\b(?P<x>4k|8k|1080p|1440p|2160p|full[\s-]?hd|uhd|qhd|wqhd|oled|hdr)\b", re.I), "{x}"),
    (re.compile(r"\b(?:usb[\s-]?c|type[\s-]?c)\b", re.I), "usb-c"),
    (re.compile(r"\bthunderbolt\s?(?P<x>[3-5])\b", re.I), "thunderbolt{x}"),
    (re.compile(r"(?<![\w])m\.2(?![\w])", re.I), "m.2"),
    (re.compile(r"\bnvme\b", re.I), "nvme"),
)

# --- word attributes: canonical English name -> pattern in en/nl/de/nb/fr ----------------------

ATTRIBUTES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.I))
    for name, pattern in (
        ("gore-tex", r"gore[\s-]?tex|goretex|gtx(?!\s*-?\d)"),
        (
            "waterproof",
            r"water[\s-]?proof|waterdicht\w*|wasserdicht\w*|vanntett\w*|vannt[ae]tt\w*"
            r"|imperm[ée]ables?|vattentät\w*|vattentat\w*|vandtæt\w*|vandtaet\w*",
        ),
        (
            "water-resistant",
            r"water[\s-]?(?:resistant|repellent)|waterafstotend\w*|wasserabweisend\w*"
            r"|vannavstøtende|vannavvisende|déperlant\w*|vattenavvisande|vandafvisende|vandskyende",
        ),
        ("windproof", r"wind[\s-]?proof|winddicht\w*|vindtett\w*|vindtät\w*|vindtæt\w*"),
        (
            "noise cancelling",
            r"(?:active\s+)?noise[\s-]?cancel+(?:ing|ation)?|anc|ruisonderdrukk\w*"
            r"|geräuschunterdrück\w*|störgeräuschunterdrück\w*|støydemp\w*"
            r"|réduction\s+de\s+bruit|brusreduc\w*|brusreducer\w*|støjreduc\w*|støjdæmp\w*",
        ),
        (
            "wireless",
            r"wireless|cordless|draadloo?s|draadloze|snoerloo?s|snoerloze|kabellos\w*|schnurlos\w*"
            r"|trådløs\w*|trådlös\w*|tradlos\w*|sans[\s-]fil",
        ),
        ("bluetooth", r"bluetooth"),
        ("rgb", r"rgb|argb"),
        ("mechanical", r"mechanical|mechanisch\w*|mekanisk\w*|mécaniques?"),
        (
            "breathable",
            r"breathable|ademend\w*|atmungsaktiv\w*|pustende|respirant\w*|andningsbar\w*|åndbar\w*",
        ),
        (
            "insulated",
            r"insulated|geïsoleerd\w*|isoliert\w*|isolert\w*|gefüttert\w*|gevoerd\w*|fôrée?s?|isolerad\w*"
            r"|fodrad\w*|isoleret|foret",
        ),
        ("vegan", r"vegan\w*|veganistisch\w*"),
        ("modular", r"(?:fully[\s-]|semi[\s-])?modular|modulair\w*|modulare?\w*"),
        ("fanless", r"fanless|passiv\s+gekühlt|passively\s+cooled"),
        ("hybrid", r"hybrid"),
        ("gps", r"gps"),
        ("usb-c", r"usb[\s-]?c"),
    )
)

# --- negation ----------------------------------------------------------------------------------

_NEG = re.compile(
    r"(?<![\w])(?P<neg>not|no|non|without|except|excluding|but\s+not|anything\s+but|other\s+than|geen|niet|zonder"
    r"|behalve|uitgezonderd|nicht|kein|keine|keinen|keiner|ohne|außer|ausser|ikke|ingen|uten|unntatt"
    r"|bortsett\s+fra|pas|sans|sauf|hormis|inte|utan|utom|förutom|uden|undtagen|bortset\s+fra)"
    # "som ikke er gul", "die nicht gelb ist": a copula may stand between the negation and the item
    r"(?:\s+(?:er|is|are|ist|sind|är|est|zijn|blir|wird))?"
    r"(?:\s+(?:from|by|made\s+by|of|van|von|fra|de|d'|the|de\s+la|des|från|av|af))?\s+",
    re.I,
)
_GENERIC_NEG = frozenset(
    {"without", "zonder", "ohne", "uten", "sans", "no", "geen", "kein", "keine", "keinen", "ingen"}
)
_LIST_SEP = re.compile(
    r"\s*(?:,|/|\bor\b|\bnor\b|\band\b|\bof\b|\boder\b|\bund\b|\beller\b|\bog\b|\bou\b|\bet\b|\bnoch\b|\ben\b)\s*"
    r"(?:(?:not|no|geen|niet|kein\w*|nicht|ikke|ingen|pas|ni)\s+)?",
    re.I,
)
_WORD_AT = re.compile(r"[^\W\d_][\w'-]{2,}", re.U)

# --- brands ------------------------------------------------------------------------------------

_ALIASES = {
    "arcteryx": "Arc'teryx",
    "fjallraven": "Fjällräven",
    "haglofs": "Haglöfs",
    "norrona": "Norrøna",
    "levis": "Levi's",
    "dr martens": "Dr. Martens",
    "gskill": "G.Skill",
    "team group": "TeamGroup",
    "be quiet": "be quiet!",
    "amazonbasics": "Amazon Basics",
    "bjorn borg": "Björn Borg",
    "de'longhi": "DeLonghi",
    "hoka one one": "Hoka",
    "north face": "The North Face",
    "b&o": "Bang & Olufsen",
}


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


@lru_cache(maxsize=32)
def _brand_regex(extra: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    names = {_key(n): n for n in BRANDS}
    names.update({_key(n): n.strip() for n in extra if n.strip()})
    canon = {k: _ALIASES.get(k, v) for k, v in names.items()}
    alts = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    return re.compile(r"(?<![\w&.'-])(?:" + body + r")(?![\w&'-]|\.\w)", re.I), canon


def brand_at(text: str, pos: int, extra: tuple[str, ...]) -> tuple[int, str] | None:
    """A brand starting exactly at pos: (end, display name), honouring capitalisation of ambiguous names."""
    pattern, canon = _brand_regex(extra)
    m = pattern.match(text, pos)
    if not m:
        return None
    key = _key(m.group(0))
    if key in AMBIGUOUS_BRANDS and not m.group(0)[:1].isupper():
        return None
    return m.end(), canon.get(key, m.group(0))


def take_brands(scan: Scan, extra: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Brand mentions (start, end, display name), consumed, in order."""
    pattern, _ = _brand_regex(extra)
    found: list[tuple[int, int, str]] = []
    for m in scan.find(pattern):
        hit = brand_at(scan.view, m.start(), extra)
        if hit:
            found.append((m.start(), hit[0], hit[1]))
            scan.take(m.start(), hit[0])
    return found


# --- colours -----------------------------------------------------------------------------------


def colour_of(word: str) -> str | None:
    """Canonical English colour for a colour word in any supported language ('donkerblauwe' -> 'blue')."""
    word = word.lower()
    if word in COLOUR_OF:
        return COLOUR_OF[word]
    for prefix in SHADE_PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :].lstrip("-") in COLOUR_OF:
            return COLOUR_OF[word[len(prefix) :].lstrip("-")]
    return None


_SHADE = re.compile(r"(?<![\w])(?:dark|light|pale|bright|donker|licht|dunkel|hell|mørk|lys)\s+$", re.I)


def take_colours(scan: Scan) -> list[str]:
    """Colour words, canonical English, consumed (with a shade word before them)."""
    colours: list[str] = []
    for m in scan.find(_WORD_AT):
        parts = [colour_of(p) for p in m.group(0).split("-")]
        if all(parts):
            start = m.start()
            shade = _SHADE.search(scan.view[max(0, start - 12) : start])
            if shade:
                start = max(0, start - 12) + shade.start()
            scan.take(start, m.end())
            colours.extend(p for p in parts if p)
    return list(dict.fromkeys(colours))


# --- specs, attributes and negations -------------------------------------------------------------


def _norm_number(raw: str) -> str:
    raw = raw.replace(",", ".")
    if "." in raw:
        raw = raw.rstrip("0").rstrip(".")
    return raw


def take_specs(scan: Scan) -> list[str]:
    """Numeric specs with units and named specs, normalized ('3 metres' -> '3m', 'PCIe 4.0' -> 'pcie4')."""
    specs: list[str] = []
    for m in scan.find(_KIT):
        specs.append(f"{m['k']}x{m['n']}{m['u'].lower()}")
        scan.take(m.start(), m.end())
    for m in scan.find(_UNIT_SPEC):
        specs.append(_norm_number(m["n"]) + _unit(m["u"]))
        scan.take(m.start(), m.end())
    for pattern, template in _NAMED_SPECS:
        for m in scan.find(pattern):
            x = (m.groupdict().get("x") or "").lower().replace(" ", "").replace("-", "")
            specs.append(template.format(x=x))
            scan.take(m.start(), m.end())
    return list(dict.fromkeys(specs))


def attribute_at(text: str, pos: int) -> tuple[int, str] | None:
    """A known attribute starting exactly at pos: (end, canonical name)."""
    for name, pattern in ATTRIBUTES:
        m = pattern.match(text, pos)
        if m:
            return m.end(), name
    return None


def take_attributes(scan: Scan) -> list[str]:
    """Attribute words ('waterproof', 'draadloos', 'RGB') as canonical names, consumed."""
    found: list[str] = []
    for name, pattern in ATTRIBUTES:
        for m in scan.find(pattern):
            found.append(name)
            scan.take(m.start(), m.end())
    return list(dict.fromkeys(found))


def take_negations(scan: Scan, extra: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Negated brands and attributes/colours/words: (exclude_brands, must_not), consumed."""
    brands: list[str] = []
    must_not: list[str] = []
    for m in scan.find(_NEG):
        if not scan.is_free(m.start(), m.end()) or attribute_at(scan.view, m.start()):
            continue  # "sans fil" is one word for wireless, not a negation of "fil"
        neg = m["neg"].lower()
        pos, taken = m.end(), False
        while True:
            item = _negated_item(scan.view, pos, extra, neg)
            if item is None:
                break
            end, kind, value = item
            (brands if kind == "brand" else must_not).append(value)
            taken, pos = True, end
            sep = _LIST_SEP.match(scan.view, pos)
            if not sep or _negated_item(scan.view, sep.end(), extra, neg, generic=False) is None:
                break
            pos = sep.end()
        if taken:
            scan.take(m.start(), pos)
    return list(dict.fromkeys(brands)), list(dict.fromkeys(must_not))


_MAKER = re.compile(r"(?:van|von|from|by|made\s+by|fra|de|av|af)\s+$", re.I)
_NAME = re.compile(r"[A-ZÄÖÜÅÆØ][\w&'-]+")  # one word: German writes every noun capitalised


def _negated_item(
    text: str, pos: int, extra: tuple[str, ...], neg: str, *, generic: bool = True
) -> tuple[int, str, str] | None:
    brand = brand_at(text, pos, extra)
    if brand:
        return brand[0], "brand", brand[1]
    name = _NAME.match(text, pos)
    if name and _MAKER.search(text[max(0, pos - 12) : pos]):
        return name.end(), "brand", name.group(0)  # "niet van Skagerrak": a maker we do not know yet
    attribute = attribute_at(text, pos)
    if attribute:
        return attribute[0], "attr", attribute[1]
    spec = _UNIT_SPEC.match(text, pos)
    if spec and spec.start() == pos:
        return spec.end(), "attr", _norm_number(spec["n"]) + _unit(spec["u"])
    word = _WORD_AT.match(text, pos)
    if word:
        colour = colour_of(word.group(0))
        if colour:
            return word.end(), "attr", colour
        lowered = word.group(0).lower()
        if generic and neg in _GENERIC_NEG and lowered not in STOP_WORDS:
            return word.end(), "attr", lowered
    return None
