"""Size extraction: shoe sizes, letter sizes, waist/length, plus the product kind that decides the system."""

from __future__ import annotations

import functools
import re

from shopper.understand.lexicon import CLOTHING_HEADS, SHOE_HEADS, TROUSER_HEADS
from shopper.understand.spans import SIZE_WORD, Scan
from shopper.understand.terms import split_compound

_LETTERS = r"XXXXL|XXXL|XXL|XL|XXXS|XXS|XS|[2-6]XL|[2-6]X|S|M|L"
_WORD_SIZES = {
    "small": "S",
    "medium": "M",
    "large": "L",
    "x-large": "XL",
    "extra large": "XL",
    "extra-large": "XL",
    "xx-large": "XXL",
    "x-small": "XS",
    "extra small": "XS",
    "2xl": "XXL",
    "3xl": "XXXL",
    "2x": "XXL",
    "3x": "XXXL",
    "4xl": "XXXXL",
}
_KEYWORD = SIZE_WORD
_UNITISH = r"(?!\s*(?:[.,]\d|\d|%|mm|cm|m\b|gb|tb|kg|w\b|hz|inch|\"|€|\$|£|eur|euro|kr|nok|usd|dollar|x\b))"
_NUM_SIZE = r"\d{1,2}(?:[.,]5|\s?½|\s1/2|\s[12]/3)?"
_WAIST = r"W\s?(?P<w>\d{2})\s*/?\s*L\s?(?P<l>\d{2})"
_SLASH = r"(?P<sw>\d{2})\s*/\s*(?P<sl>\d{2})"

_KIDS_CM = r"(?P<cm>1[0-7]\d|[5-9]\d)(?:\s?cm)?(?![\w.,])"  # children's sizes are heights: 50-176 cm
_AGE_UNIT = r"(?:y|yr|yrs|years?(?:\s+old)?|jaar|jahre?|år|ans?|anos|años)"
_KIDS_YEARS = re.compile(
    rf"(?<![\w.,/])(?P<y>1[0-6]|[1-9])(?:\s*[-/–]\s*(?P<y2>1[0-6]|[1-9]))?\s*{_AGE_UNIT}(?![\w])"
    r"|(?<![\w])(?:age|aged|alder|leeftijd|alter|âge|ålder)\s+(?P<ya>1[0-6]|[1-9])(?![\w.,])",
    re.I,
)
# The European convention for children's clothing: the height (cm) a size is made for, by age in years.
HEIGHT_BY_AGE = dict(zip(range(1, 17), (80, 92, 98, *range(104, 177, 6)), strict=True))
_KEYED = re.compile(
    rf"(?<![\w]){_KEYWORD}\s*:?\s*(?:(?P<sys>eu|uk|us)\s*)?(?:{_WAIST}|{_SLASH}"
    r"|(?P<kcm>1[0-7]\d)(?:\s?cm)?(?![\w.,])"
    rf"|(?P<num>{_NUM_SIZE}){_UNITISH}|(?P<letter>{_LETTERS}|extra[\s-]large|x+-large|extra[\s-]small|x-small"
    rf"|small|medium|large)(?![\w-]))",
    re.I,
)
_SYSTEM_FIRST = re.compile(rf"(?<![\w])(?P<sys>eu|uk|us)\s?(?P<num>{_NUM_SIZE}){_UNITISH}(?![\w])", re.I)
_SYSTEM_AFTER = re.compile(rf"(?<![\w.,])(?P<num>{_NUM_SIZE})\s?(?P<sys>eu|uk|us)(?![\w])", re.I)
_BARE_WAIST = re.compile(rf"(?<![\w/]){_WAIST}(?![\w/])|(?<![\w/.,]){_SLASH}(?![\w/])", re.I)
_W_ONLY = re.compile(r"(?<![\w])W\s?(?P<w>\d{2})(?![\w/])")
_IN_SIZE = re.compile(rf"(?<![\w])(?:in|i|en)\s+(?P<num>{_NUM_SIZE}){_UNITISH}(?![\w])", re.I)
_BARE_SHOE = re.compile(rf"(?<![\w.,/])(?P<num>(?:3[5-9]|4[0-8])(?:[.,]5|½)?){_UNITISH}(?![\w.,/])", re.I)
_BARE_KIDS = re.compile(rf"(?<![\w.,/]){_KIDS_CM}", re.I)
_BARE_LETTER = re.compile(rf"(?<![\w-])(?P<letter>{_LETTERS})(?![\w-])")
_MULTI_LETTER = frozenset({"XS", "XXS", "XXXS", "XL", "XXL", "XXXL", "XXXXL"})

_WORD = re.compile(r"[^\W\d_]+", re.U)
_COMPOUND_SHOE = ("schoenen", "schuhe", "sko", "stiefel", "laarzen", "støvler", "sneakers", "shoes", "boots")
_COMPOUND_CLOTHING = ("jas", "jacke", "jakke", "jacket", "shirt", "trui", "genser", "pullover", "mantel")
_COMPOUND_TROUSERS = ("broek", "hose", "bukse", "pants", "jeans")


def product_kind(text: str) -> str | None:
    """'shoes', 'trousers', 'clothing' or None, from the product words in the request."""
    words = [w.lower() for w in _WORD.findall(text)]
    kinds = (
        ("shoes", SHOE_HEADS, _COMPOUND_SHOE),
        ("trousers", TROUSER_HEADS, _COMPOUND_TROUSERS),
        ("clothing", CLOTHING_HEADS, _COMPOUND_CLOTHING),
    )
    for kind, heads, endings in kinds:
        for word in words:
            if word in heads or any(word.endswith(e) and len(word) >= len(e) + 3 for e in endings):
                return kind
            parts = split_compound(word)  # "fleecetröja", "vandringskängor": the compound's own head
            if parts is not None and parts[1] in heads:
                return kind
    return None


def _norm_num(raw: str) -> str:
    raw = raw.replace(",", ".").replace(" ½", ".5").replace("½", ".5").replace(" 1/2", ".5")
    return re.sub(r"\s+", " ", raw).strip()


def _numeric_system(value: str, kind: str | None, sys: str | None) -> str | None:
    if sys:
        if sys.lower() == "eu":
            return "clothing_eu" if kind in {"clothing", "trousers"} else "shoes_eu"
        return "shoes_uk" if sys.lower() == "uk" else "shoes_us"
    try:
        number = float(value.split()[0])
    except ValueError:
        return None
    if kind == "shoes":
        return "shoes_eu" if 30 <= number <= 50 else None
    if kind == "trousers" and 24 <= number <= 40:
        return "waist"
    if kind in {"clothing", "trousers"}:
        return "clothing_eu"
    return None


def _from_match(m: re.Match[str], kind: str | None) -> tuple[str, str | None]:
    groups = m.groupdict()
    if groups.get("kcm") or groups.get("cm"):
        return groups.get("kcm") or m["cm"], "kids_cm"
    if groups.get("w"):
        return f"{m['w']}/{m['l']}", "waist"
    if groups.get("sw"):
        return f"{m['sw']}/{m['sl']}", "waist"
    if groups.get("letter"):
        raw = re.sub(r"[\s-]+", " ", m["letter"].lower())
        word = _WORD_SIZES.get(raw) or _WORD_SIZES.get(raw.replace(" ", "-"))
        letter = word or m["letter"].upper()
        letter = _WORD_SIZES.get(letter.lower(), letter)
        return letter, "clothing"
    value = _norm_num(m["num"])
    return value, _numeric_system(value, kind, groups.get("sys"))


def take_size(scan: Scan, kind: str | None, kids: bool = False) -> tuple[str | None, str | None]:
    """(size, size_system) from the request; the first size found wins, later ones are consumed too."""
    found: tuple[str, str | None] | None = None
    if kids or kind in ("clothing", "trousers"):
        for m in scan.find(_KIDS_YEARS):  # "6 år", "5-6 years", "age 6": before "str 6" reads as a size 6
            first = m["y"] or m["ya"]
            found = found or ((f"{first}-{m['y2']}Y" if m["y2"] else f"{first}Y"), "kids_years")
            scan.take(m.start(), m.end())
    patterns: list[re.Pattern[str]] = [_KEYED, _SYSTEM_FIRST, _SYSTEM_AFTER]
    if kids and kind in ("clothing", "trousers", None):
        patterns.append(_BARE_KIDS)  # "rain jacket for kids 116"
    if kind == "trousers":
        patterns.append(_BARE_WAIST)
        patterns.append(_W_ONLY)
    else:
        patterns.append(re.compile(r"(?<![\w/])" + _WAIST + r"(?![\w/])", re.I))
    if kind == "shoes":
        patterns.append(_IN_SIZE)
        patterns.append(_BARE_SHOE)  # "trail shoes 45": a bare 35-48 next to shoes is the size
    for pattern in patterns:
        for m in scan.find(pattern):
            if pattern is _W_ONLY:
                value: tuple[str, str | None] = (m["w"], "waist")
            else:
                value = _from_match(m, kind)
            scan.take(m.start(), m.end())
            found = found or value
    for m in scan.find(_BARE_LETTER):
        letter = m["letter"]
        if letter in _MULTI_LETTER or re.fullmatch(r"[2-6]XL", letter) or kind in {"clothing", "trousers"}:
            scan.take(m.start(), m.end())
            found = found or (_WORD_SIZES.get(letter.lower(), letter), "clothing")
    return found if found else (None, None)


# --- one canonical form for sizes, shared by the request parser and the variant readers --------------

_LABEL = re.compile(
    r"^(?:size|sizes|sz|maat|mt|größe|groesse|grösse|gr|str|størrelse|storlek|stl|taille|pointure|talla"
    r"|taglia|koko|rozmiar)\s*[.:]?\s*",
    re.I,
)
_FRACTIONS = {"½": ".5", "1/2": ".5", "⅓": ".33", "1/3": ".33", "⅔": ".67", "2/3": ".67"}
_EU_FIRST = re.compile(r"(?<![a-z])eu\s*[.:]?\s*(\d{2}(?:[.,]\d{1,2})?(?:\s?(?:½|⅓|⅔|[12]/3|1/2))?)", re.I)
_WL = re.compile(r"^w\s?(\d{2})\s*(?:[/x×,-]|\s)\s*l\s?(\d{2})$|^(\d{2})\s*[/x×]\s*(\d{2})$", re.I)
_W = re.compile(r"^w\s?(\d{2})$", re.I)
_YEARS = re.compile(
    r"^(\d{1,2})(?:\s*[-/–]\s*(\d{1,2}))?\s*(?:y|yr|yrs|years?|jaar|jahre?|år|ans?|anos|años)$", re.I
)
_CM = re.compile(r"^(\d{2,3})\s*(?:cm)?$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})(?:[.,](\d{1,2}))?\s*(½|⅓|⅔|1/2|1/3|2/3)?$")
_ONE_SIZE = re.compile(
    r"^(?:one[\s-]?size|onesize|os|einheitsgr(?:ö|oe)(?:ss|ß)e|taille\s+unique|one\s+size\s+fits\s+all)$",
    re.I,
)


# shops write a few dozen size labels, read again for every variant of every offer at every ranking
SIZE_FORMS_CACHED = 4096


@functools.lru_cache(maxsize=SIZE_FORMS_CACHED)
def canonical_size(text: str | None) -> str | None:
    """One form for a size as shops and requests write it ('Maat 44' -> '44', 'W32 L34' -> '32/34')."""
    # 'EU 44 / UK 9.5' -> '44', 'Medium' -> 'M', '2XL' -> 'XXL', '4-5 jaar' -> '4-5Y'; None if no size
    if not text:
        return None
    raw = re.sub(r"\s+", " ", text.strip())
    eu = _EU_FIRST.search(raw)
    if eu:
        raw = eu.group(1)
    else:
        # "US 10 / UK 9": no EU size given; keep the first system's number
        raw = re.split(r"\s*[|]\s*|\s+/\s+", raw)[0]
        raw = re.sub(r"^(?:us|uk|fr|it)\s*[.:]?\s*", "", raw, flags=re.I)
    raw = _LABEL.sub("", raw).strip(" .:-")
    if not raw:
        return None
    if _ONE_SIZE.match(raw):
        return "ONESIZE"
    m = _WL.match(raw)
    if m:
        return f"{m[1] or m[3]}/{m[2] or m[4]}"
    m = _W.match(raw)
    if m:
        return m[1]
    m = _YEARS.match(raw)
    if m:
        return f"{m[1]}-{m[2]}Y" if m[2] else f"{m[1]}Y"
    low = raw.lower()
    word = _WORD_SIZES.get(low) or _WORD_SIZES.get(low.replace(" ", "-"))
    if word:
        return word
    if re.fullmatch(_LETTERS, raw.upper()):
        letter = raw.upper()
        return _WORD_SIZES.get(letter.lower(), letter)
    m = _NUMERIC.match(raw)
    if m:
        whole, dec, frac = m[1], m[2], m[3]
        if frac:
            return whole + _FRACTIONS[frac]
        if dec:
            dec = dec.rstrip("0")
            return f"{whole}.{dec}" if dec else whole
        return whole
    m = _CM.match(raw)
    if m:
        return m[1]
    return None


def kids_heights(size: str) -> tuple[int, int] | None:
    """The heights (cm) a children's size is made for: '116' -> (116, 116), '5-6Y' -> (110, 116)."""
    m = re.fullmatch(r"(\d{1,2})(?:-(\d{1,2}))?Y", size)
    if m:
        low, high = HEIGHT_BY_AGE.get(int(m[1])), HEIGHT_BY_AGE.get(int(m[2] or m[1]))
        return (low, high) if low and high else None
    m = re.fullmatch(r"(\d{2,3})(?:\s*[/-]\s*(\d{2,3}))?(?:\s?cm)?", size.strip(), re.I)
    if m and 50 <= int(m[1]) <= 176:
        return int(m[1]), int(m[2] or m[1])
    return None
