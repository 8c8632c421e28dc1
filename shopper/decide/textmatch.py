"""Text features shared by grouping and ranking: words, stems, model numbers, specs, colours."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_FOLD_MAP = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "ł": "l"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free text (ß→ss, ø→o) so languages compare alike."""
    t = unicodedata.normalize("NFKD", text.translate(_FOLD_MAP))
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """A light plural stripper: cables→cable, batteries→battery, boxes→box."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Folded alphanumeric words of a text."""
    return _WORD.findall(fold(text))


def stems(text: str) -> set[str]:
    """Stemmed words, plus hyphen/space-joined pairs so "S-Pen", "S Pen" and "spen" meet."""
    ws = words(text)
    out = {stem(w) for w in ws}
    out.update(stem(a + b) for a, b in itertools.pairwise(ws) if len(a) <= 3 or len(b) <= 3)
    return out


def phrase_in(phrase: str, text_stems: set[str]) -> bool:
    """True when every word of the phrase (or its joined form) is among the text's stems."""
    ws = words(phrase)
    if not ws:
        return False
    if all(stem(w) in text_stems for w in ws):
        return True
    return stem("".join(ws)) in text_stems


# --- model numbers ------------------------------------------------------------------------

# Words after a model number that make it a different product ("RTX 4070 Ti", "S24+").
QUALIFIERS = frozenset(
    {"ti", "super", "plus", "ultra", "pro", "max", "mini", "lite", "xt", "xtx", "fe", "se", "compact", "xl"}
)
_UNIT_TOKEN = re.compile(
    r"^(?:\d+(?:[.,]\d+)?(?:tb|gb|mb|kb|ghz|mhz|khz|hz|mm|cm|m|km|ms|mah|wh|w|kw|v|a|kg|g|fps|nm|in|"
    r"ft|th|st|nd|rd|gen|mbps|gbps|mp|db|l|ml)|\d{1,2}[xk]|\d{3,4}p)$"
)
_SPEC_TOKEN = re.compile(
    r"^(?:g?ddr\d+x?|lpddr\d+x?|pcie?\d*|gen\d|usb\d*|hdmi\d*|wifi\d*e?|m2|am\d\+?|lga\d+|\d+g|\d+k|"
    r"dp\d*|cl\d+|pc\d+|\d+e|bt\d*|\d+x\d+)$"
)
_SPLIT = re.compile(r"[\s,;:()\[\]{}/|\"'!?®™*]+")
_ROMAN = frozenset({"ii", "iii", "iv", "v", "vi"})


def _norm_token(tok: str) -> str:
    return re.sub(r"[-._]", "", fold(tok)).upper()


def _is_model(norm: str) -> bool:
    low = norm.lower()
    if len(norm) < 2 or not (re.search(r"[A-Z]", norm) and re.search(r"\d", norm)):
        return False
    return not (_UNIT_TOKEN.match(low) or _SPEC_TOKEN.match(low))


def model_tokens(text: str) -> set[str]:
    """Model numbers in a text, "WH-1000XM5"→WH1000XM5, "RTX 4070 Ti"→RTX4070TI, "S24+"→S24PLUS."""
    raw = [t.strip(".-") for t in _SPLIT.split(text) if t.strip(".-")]
    out: set[str] = set()
    i = 0
    while i < len(raw):
        tok = raw[i]
        plus = tok.endswith("+")
        base = tok.rstrip("+")
        norm = _norm_token(base)
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        # "RTX 4070": a short upper-case prefix and a bare number form one model number.
        join = base.isalpha() and base.isupper() and 2 <= len(base) <= 4 and fold(base) not in _ROMAN
        if join and re.fullmatch(r"\d{2,5}", nxt):
            norm = norm + nxt
            i += 1
            nxt = raw[i + 1] if i + 1 < len(raw) else ""
        elif re.fullmatch(r"\d{3,5}", base) and fold(nxt) in QUALIFIERS:
            pass  # "4070 Ti" without a prefix still names a product
        elif not _is_model(norm):
            i += 1
            continue
        if plus:
            norm += "PLUS"
        elif nxt.endswith("+") and nxt.rstrip("+") == "":
            norm += "PLUS"
            i += 1
        elif fold(nxt) in QUALIFIERS:
            norm += fold(nxt).upper()
            i += 1
        out.add(norm)
        i += 1
    return out


def shape(token: str) -> str:
    """Letter/digit pattern of a model number: 5900X→DDDDA, A25→ADD."""
    return re.sub(r"[A-Z]", "A", re.sub(r"\d", "D", token))


def model_match(q: str, o: str) -> bool:
    """Whether offer model number o is the requested q ("4070TI" matches "RTX4070TI")."""
    if q == o:
        return True
    for short, long_ in ((q, o), (o, q)):
        if (
            len(short) >= 3
            and long_.endswith(short)
            and short[0].isdigit()
            and long_[: -len(short)].isalpha()
        ):
            return True
    return False


def model_conflict(a: str, b: str) -> bool:
    """Two different model numbers of the same kind (5900X vs 5950X, RTX4070 vs RTX4070TI)."""
    if model_match(a, b):
        return False
    if shape(a) == shape(b):
        return True
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and long_[len(short) :].lower() in QUALIFIERS | {"plus"}


def qualifiers(text: str) -> set[str]:
    """Variant words in a title (mini, pro, ultra, ...) that separate otherwise alike products."""
    return {w for w in words(text) if w in QUALIFIERS} | {"plus" for _ in re.findall(r"\w\+", text)}


# --- numeric and categorical specs --------------------------------------------------------

# A number not glued to a preceding word ("B650M" is no length), though "2x16GB" still counts.
_N = r"(?<![a-wyz0-9.,])(\d+(?:[.,]\d+)?)"
_QTY: list[tuple[re.Pattern[str], str, float]] = [
    (re.compile(_N + r"\s*(?:mb/s|mbps|mb/sek|mo/s)"), "rate", 1.0),
    (re.compile(_N + r"\s*(?:gb/s|gbps)"), "rate", 1000.0),
    (re.compile(_N + r"\s*tb\b"), "storage", 1000.0),
    (re.compile(_N + r"\s*gb\b"), "storage", 1.0),
    (re.compile(_N + r"\s*ghz\b"), "freq", 1000.0),
    (re.compile(_N + r"\s*mhz\b"), "freq", 1.0),
    (re.compile(_N + r"\s*hz\b"), "refresh", 1.0),
    (re.compile(_N + r"\s*mm\b"), "length", 1.0),
    (re.compile(_N + r"\s*cm\b"), "length", 10.0),
    (re.compile(_N + r"\s*(?:m|mtr|metres?|meters?|metros?|metri|metro)\b"), "length", 1000.0),
    (re.compile(_N + r"\s*(?:ft|feet|foot)\b"), "length", 304.8),
    (re.compile(_N + r"\s*(?:\"|''|inch(?:es)?|zoll|tommer|pouces?)"), "inch", 1.0),
    (re.compile(_N + r"\s*(?:w|watts?)\b"), "power", 1.0),
    (re.compile(_N + r"\s*mah\b"), "battery", 1.0),
    (re.compile(_N + r"\s*ms\b"), "latency", 1.0),
    (re.compile(_N + r"\s*kg\b"), "weight", 1000.0),
    (re.compile(_N + r"\s*grams?\b"), "weight", 1.0),
    (re.compile(r"(?<![a-z0-9])(\d+)[\s-]*cores?\b"), "cores", 1.0),
    (re.compile(r"(?<![\w.,/])(\d)\s*(?:x\s*)?(?:ddr\d|dimm)\b(?!\s*-?\d)"), "slots", 1.0),
]
_CAT: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![a-z])ddr\s?(\d)(?![\dx])"), "ddr"),
    (re.compile(r"\bpci[\s-]?e(?:xpress)?\s*(?:gen\s*)?(\d)(?:\.\d)?\b"), "pcie"),
    (re.compile(r"\bnvme\s+gen\s?(\d)\b"), "pcie"),
    (re.compile(r"(?<![\d.])([345])g\b(?!\s*(?:lan|ethernet))"), "net"),
    (re.compile(r"\b(am[2-5]\+?|lga\s?\d{3,4}|tr4|strx4|str5)\b"), "socket"),
    (re.compile(r"\b(\d)k\b(?!\s*iops)"), "res"),
]
_RW_RATE = re.compile(r"(?<![\w.])(\d{2,5})\s*/\s*\d{2,5}\s*(?:mb/s|mbps)")
_DDR_SPEED = re.compile(r"\bddr\d\s?[-(\s]\s?(\d{4})\b(?!\s*(?:mb|gb|x))")
_PHONE_STORAGE = re.compile(r"\b\d{1,2}\s*/\s*(\d{2,4})\s*gb\b")


@dataclass
class Specs:
    """Numbers with units (mm, GB, MHz, ...) and categorical specs (DDR5, PCIe 4, 5G, AM4) of a text."""

    qty: dict[str, set[float]] = field(default_factory=dict)
    cat: dict[str, set[str]] = field(default_factory=dict)

    def merge(self, other: Specs) -> None:
        """Add other's values to these."""
        for k, v in other.qty.items():
            self.qty.setdefault(k, set()).update(v)
        for k, c in other.cat.items():
            self.cat.setdefault(k, set()).update(c)


def _num(s: str) -> float:
    return float(s.replace(",", "."))


@lru_cache(maxsize=32768)
def specs(text: str) -> Specs:
    """Parse the quantities and categorical specs in a text."""
    t = fold(text)
    out = Specs()
    taken: list[tuple[int, int]] = []
    for pat, dim, mult in _QTY:
        for m in pat.finditer(t):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            out.qty.setdefault(dim, set()).add(round(_num(m.group(1)) * mult, 3))
    for m in _RW_RATE.finditer(t):  # "R/W 7400/6500 MB/s": the read rate comes first
        out.qty.setdefault("rate", set()).add(float(m.group(1)))
    for m in _DDR_SPEED.finditer(t):  # "DDR4 3200" / "DDR4-3200" is a clock in MHz
        out.qty.setdefault("freq", set()).add(float(m.group(1)))
    for m in _PHONE_STORAGE.finditer(t):
        out.qty.setdefault("storage", set()).add(float(m.group(1)))
    for pat, kind in _CAT:
        for m in pat.finditer(t):
            out.cat.setdefault(kind, set()).add(m.group(1).replace(" ", ""))
    return out


_GT = (
    r"(?:more than|greater than|higher than|longer than|larger than|bigger than|faster than|over|above|>|"
    r"mehr als|langer als|hoher als|uber|meer dan|langer dan|hoger dan|plus de|plus long que|mas de|"
    r"mere end|laengere end|over end)"
)
_GE = r"(?:at least|minimum|min\.?|>=|from|mindestens|minstens|au moins|al menos|mindst|vanaf|ab)"
_LT = (
    r"(?:less than|shorter than|smaller than|lower than|under|below|<|weniger als|kurzer als|unter|"
    r"minder dan|korter dan|moins de|menos de|mindre end|kortere end)"
)
_LE = r"(?:at most|maximum|max\.?|up to|<=|hochstens|maximaal|tot|au plus|como maximo|hojst|bis)"


@dataclass(frozen=True)
class Need:
    """A numeric requirement: dimension, comparison and value in base units."""

    dim: str
    op: str  # "=", ">", ">=", "<", "<="
    value: float
    text: str  # as the user wrote it, for reasons
    capability: bool = False  # "supports 240mm radiators": any stated value may satisfy it

    def holds(self, values: set[float]) -> bool:
        """Whether any of the offer's values satisfies it."""
        tol = max(0.01, abs(self.value) * 0.01)
        if self.op == "=" and self.dim == "storage":
            values = {max(values)}  # "16GB" is the total, not one stick of a 2 x 8GB kit
        ops = {
            "=": lambda v: abs(v - self.value) <= tol,
            ">": lambda v: v > self.value + tol,
            ">=": lambda v: v >= self.value - tol,
            "<": lambda v: v < self.value - tol,
            "<=": lambda v: v <= self.value + tol,
        }
        return any(ops[self.op](v) for v in values)


def needs(text: str) -> list[Need]:
    """Numeric requirements in a request: "longer than 3 metres" → length > 3000 mm; "16GB" → = 16 GB."""
    t = fold(text)
    found: list[Need] = []
    for pat, dim, mult in _QTY:
        if dim == "weight":
            continue
        for m in pat.finditer(t):
            if any(n.text == m.group(0) for n in found):
                continue
            before = t[max(0, m.start() - 30) : m.start()].rstrip()
            op = "="
            cap = bool(re.search(r"\b(?:support|supports|supporting|fits?|room for|up to)\b[^,.;]*$", before))
            kit = re.search(r"(\d+)\s*x\s*$", before)
            value = _num(m.group(1)) * (int(kit.group(1)) if kit and dim == "storage" else 1)
            for pattern, sym in ((_GE, ">="), (_LE, "<="), (_GT, ">"), (_LT, "<")):
                if re.search(pattern + r"(?:\s+(?:a|an|the|of))*\s*$", before):
                    op = sym
                    break
            if cap and op == "=":
                op = ">="
            text_ = (kit.group(0) if kit else "") + m.group(0).strip()
            found.append(Need(dim, op, round(value * mult, 3), text_, capability=cap))
    # the same span can parse twice (e.g. "3 m" inside "3 mm" cannot, but "16gb" once per pattern)
    uniq: dict[tuple[str, str, float], Need] = {}
    for n in found:
        uniq.setdefault((n.dim, n.op, n.value), n)
    return list(uniq.values())


_SUPERLATIVES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:fastest|quickest|highest\s+(?:\w+\s+){0,3}(?:speed|rate))\b"), "rate"),
    (re.compile(r"\b(?:largest|biggest|most\s+storage|highest\s+capacity|largest\s+capacity)\b"), "storage"),
    (re.compile(r"\blongest\b"), "length"),
    (re.compile(r"\bhighest\s+refresh"), "refresh"),
]


def superlative(text: str) -> str | None:
    """The dimension a request wants at its maximum: "the largest MX500" → storage."""
    t = fold(text)
    return next((dim for pat, dim in _SUPERLATIVES if pat.search(t)), None)


# --- colours ------------------------------------------------------------------------------

COLOURS: dict[str, tuple[str, ...]] = {
    "black": (
        "black",
        "schwarz",
        "zwart",
        "noir",
        "noire",
        "negro",
        "negra",
        "nero",
        "nera",
        "sort",
        "svart",
    ),
    "white": (
        "white",
        "weiss",
        "wit",
        "blanc",
        "blanche",
        "blanco",
        "blanca",
        "bianco",
        "hvid",
        "hvit",
        "vit",
    ),
    "red": ("red", "rot", "rood", "rouge", "rojo", "roja", "rosso", "rod"),
    "blue": ("blue", "blau", "blauw", "bleu", "azul", "blu", "navy", "iceblue"),
    "green": ("green", "grun", "groen", "vert", "verte", "verde", "gron"),
    "yellow": ("yellow", "gelb", "geel", "jaune", "amarillo", "giallo", "gul"),
    "orange": ("orange", "oranje", "naranja", "arancione"),
    "grey": ("grey", "gray", "grau", "grijs", "gris", "grigio", "gra", "graphite", "titanium"),
    "pink": ("pink", "rosa", "roze"),
    "purple": ("purple", "violet", "lila", "paars", "morado", "viola", "lilac"),
    "brown": ("brown", "braun", "bruin", "marron", "brun", "marrone"),
    "beige": ("beige", "sand", "cream", "creme"),
    "silver": ("silver", "silber", "zilver", "argent", "plata", "argento", "solv"),
    "gold": ("gold", "goud", "oro", "guld", "dore"),
}
_COLOUR_OF = {syn: canon for canon, syns in COLOURS.items() for syn in syns}


def colours_in(text: str) -> set[str]:
    """Canonical English colour names mentioned in a text."""
    return {_COLOUR_OF[w] for w in words(text) if w in _COLOUR_OF}


def canon_colour(name: str) -> str:
    """The canonical English name of a colour word (unknown words pass through folded)."""
    f = fold(name).strip()
    return _COLOUR_OF.get(f, f)
