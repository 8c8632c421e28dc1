"""Text features shared by grouping and ranking: words, stems, model numbers, specs, colours."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from shopper.understand.quantities import QTY, Need, fold, needs, num, superlative

__all__ = ["Need", "fold", "needs", "superlative"]


@lru_cache(maxsize=65536)  # pure, and called for every word of every offer's text
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
    out = set(map(stem, ws))  # map: long descriptions have thousands of words
    out.update(map(stem, [a + b for a, b in itertools.pairwise(ws) if len(a) <= 3 or len(b) <= 3]))
    return out


class StemIndex:
    """`x in StemIndex(text)` is `x in stems(text)`, without stemming the whole text: a long description
    is split into words only when one of the few spellings that stem to x is in it at all."""

    __slots__ = ("_folded", "_pairs", "_word_set")

    def __init__(self, text: str) -> None:
        self._folded = fold(text)
        self._word_set: frozenset[str] | None = None
        self._pairs: frozenset[tuple[str, str]] | None = None

    def __contains__(self, target: object) -> bool:
        if not isinstance(target, str) or not target:
            return False
        # stem() strips "s", "es" or "ies" (for "y"): these are all the words it maps to target
        spellings = {target, target + "s", target + "es"}
        if target.endswith("y"):
            spellings.add(target[:-1] + "ies")
        return any(stem(w) == target and (self._has(w) or self._joined(w)) for w in spellings)

    def _has(self, word: str) -> bool:
        # a word of the text is a substring of it: most texts lack it, and that needs no word list
        if word not in self._folded:
            return False
        if self._word_set is None:
            self._word_set = frozenset(_WORD.findall(self._folded))
        return word in self._word_set

    def _joined(self, word: str) -> bool:
        # stems() also joins two neighbouring words when one has at most three characters
        for cut in range(1, len(word)):
            a, b = word[:cut], word[cut:]
            both = (len(a) <= 3 or len(b) <= 3) and a in self._folded and b in self._folded
            if both and self._has(a) and self._has(b) and (a, b) in self._neighbours():
                return True
        return False

    def _neighbours(self) -> frozenset[tuple[str, str]]:
        """Each word with the word after it (only separators between them), as stems() pairs them."""
        if self._pairs is None:
            self._pairs = frozenset(itertools.pairwise(_WORD.findall(self._folded)))
        return self._pairs


def phrase_in(phrase: str, text_stems: set[str] | StemIndex) -> bool:
    """True when every word of the phrase (or its joined form) is among the text's stems."""
    read = _phrase_stems(phrase)
    if read is None:
        return False
    each, joined = read
    if all(s in text_stems for s in each):
        return True
    return joined in text_stems


@lru_cache(maxsize=4096)  # a request's few phrases are looked up in every offer's text
def _phrase_stems(phrase: str) -> tuple[tuple[str, ...], str] | None:
    """The stems of a phrase's words and the stem of the words joined, or None without words."""
    ws = words(phrase)
    if not ws:
        return None
    return tuple(stem(w) for w in ws), stem("".join(ws))


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


_DROP_SEPARATORS = str.maketrans("", "", "-._")
_UPPER = re.compile(r"[A-Z]")
_DIGIT = re.compile(r"\d")
_NUMBER_2_5 = re.compile(r"\d{2,5}")
_NUMBER_3_5 = re.compile(r"\d{3,5}")


@lru_cache(maxsize=65536)  # titles share most of their words: each is normalised once
def _norm_token(tok: str) -> str:
    return fold(tok).translate(_DROP_SEPARATORS).upper()


@lru_cache(maxsize=65536)
def _is_model(norm: str) -> bool:
    low = norm.lower()
    if len(norm) < 2 or not (_UPPER.search(norm) and _DIGIT.search(norm)):
        return False
    return not (_UNIT_TOKEN.match(low) or _SPEC_TOKEN.match(low))


def model_tokens(text: str) -> set[str]:
    """Model numbers in a text, "WH-1000XM5"→WH1000XM5, "RTX 4070 Ti"→RTX4070TI, "S24+"→S24PLUS."""
    return set(_model_tokens(text))


@lru_cache(maxsize=32768)  # ranking and grouping both read every title
def _model_tokens(text: str) -> frozenset[str]:
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
        if join and _NUMBER_2_5.fullmatch(nxt):
            norm = norm + nxt
            i += 1
            nxt = raw[i + 1] if i + 1 < len(raw) else ""
        elif _NUMBER_3_5.fullmatch(base) and fold(nxt) in QUALIFIERS:
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
    return frozenset(out)


@lru_cache(maxsize=8192)  # model conflicts compare the shapes of the same few model numbers again and again
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


# Where a number starts (a digit after no ASCII digit), and the patterns that can only match there: a
# lookbehind that rules out a digit, or a word boundary, before their first digit.
_NUMBER_START = re.compile(r"(?<![0-9])\d")
_CHARS_PER_TRY = 12  # one match() attempt costs about as much as scanning this many characters
_STARTS_AT_NUMBER = re.compile(r"^(?:\(\?<!\[(?!\^)[^\]]*(?:0-9|\\d|\\w)[^\]]*\]\)|\\b)\(?\\d")


@lru_cache(maxsize=256)
def _starts_at_number(pat: re.Pattern[str]) -> bool:
    return bool(_STARTS_AT_NUMBER.match(pat.pattern))


def matches(pat: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The same matches as pat.finditer(text); a pattern that starts at a number is tried only at `starts`
    (_NUMBER_START's), which is much cheaper on long descriptions than scanning every position."""
    # a text dense with numbers (a spec table) is scanned faster in one pass
    if len(starts) * _CHARS_PER_TRY > len(text) or not _starts_at_number(pat):
        return pat.finditer(text)
    return _tried_at(pat, text, starts)


def _tried_at(pat: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    end = 0
    for start in starts:
        if start >= end and (m := pat.match(text, start)):
            yield m
            end = m.end()  # never an empty match: it starts with a digit


@lru_cache(maxsize=32768)
def specs(text: str) -> Specs:
    """Parse the quantities and categorical specs in a text."""
    t = fold(text)
    out = Specs()
    starts = [m.start() for m in _NUMBER_START.finditer(t)]
    taken: list[tuple[int, int]] = []
    for pat, dim, mult in QTY:
        for m in matches(pat, t, starts):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            out.qty.setdefault(dim, set()).add(round(num(m.group(1)) * mult, 3))
    for m in matches(_RW_RATE, t, starts):  # "R/W 7400/6500 MB/s": the read rate comes first
        out.qty.setdefault("rate", set()).add(float(m.group(1)))
    for m in matches(_DDR_SPEED, t, starts):  # "DDR4 3200" / "DDR4-3200" is a clock in MHz
        out.qty.setdefault("freq", set()).add(float(m.group(1)))
    for m in matches(_PHONE_STORAGE, t, starts):
        out.qty.setdefault("storage", set()).add(float(m.group(1)))
    for pat, kind in _CAT:
        for m in matches(pat, t, starts):
            out.cat.setdefault(kind, set()).add(m.group(1).replace(" ", ""))
    return out


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


def is_colour_word(word: str) -> bool:
    """Whether one word as words() gives it (folded, alphanumeric) names a colour: colours_in(word)."""
    return word in _COLOUR_OF


def colours_in(text: str) -> set[str]:
    """Canonical English colour names mentioned in a text."""
    return {_COLOUR_OF[w] for w in words(text) if w in _COLOUR_OF}


def canon_colour(name: str) -> str:
    """The canonical English name of a colour word (unknown words pass through folded)."""
    f = fold(name).strip()
    return _COLOUR_OF.get(f, f)
