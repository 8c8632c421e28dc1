"""Quantities with units and their comparators ("longer than 3 m", "2 To", "at least 16GB"), one reading for
requests and offers alike."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_FOLD_MAP = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "ł": "l"})
_FOLDED = frozenset(chr(c) for c in _FOLD_MAP)
_ASCII_BYTES = bytes(range(128))


def _non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of a text, found in C-speed passes (no per-character Python):
    UTF-8 writes every non-ASCII character with bytes >= 0x80 only, so deleting the ASCII bytes leaves
    exactly their encodings."""
    found = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(found.decode("utf-8", "surrogatepass"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free text (ß→ss, ø→o) so languages compare alike."""
    if text.isascii():  # nothing to translate, decompose or strip: the common case, and long descriptions
        return text.casefold()
    if not _FOLDED.isdisjoint(_non_ascii(text)):  # translate() looks up every character: only when needed
        text = text.translate(_FOLD_MAP)
    t = unicodedata.normalize("NFKD", text)
    # accents (combining marks) are never ASCII: each distinct mark is removed in one pass over the text
    for mark in _non_ascii(t):
        if unicodedata.combining(mark):
            t = t.replace(mark, "")
    return t.casefold()


# A number not glued to a preceding word ("B650M" is no length), though "2x16GB" still counts.
_N = r"(?<![a-wyz0-9.,])(\d+(?:[.,]\d+)?)"
QTY: list[tuple[re.Pattern[str], str, float]] = [
    (re.compile(_N + r"\s*(?:mb/s|mbps|mb/sek|mo/s)"), "rate", 1.0),
    (re.compile(_N + r"\s*(?:gb/s|gbps)"), "rate", 1000.0),
    (re.compile(_N + r"\s*(?:tb|to(?!\s*\d))\b"), "storage", 1000.0),  # French writes To / Go
    (re.compile(_N + r"\s*(?:gb|go(?!\s*\d))\b"), "storage", 1.0),
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


def num(s: str) -> float:
    """A decimal number written with a comma or a point."""
    return float(s.replace(",", "."))


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
    for pat, dim, mult in QTY:
        if dim == "weight":
            continue
        for m in pat.finditer(t):
            if any(n.text == m.group(0) for n in found):
                continue
            before = t[max(0, m.start() - 30) : m.start()].rstrip()
            op = "="
            cap = bool(re.search(r"\b(?:support|supports|supporting|fits?|room for|up to)\b[^,.;]*$", before))
            kit = re.search(r"(\d+)\s*x\s*$", before)
            value = num(m.group(1)) * (int(kit.group(1)) if kit and dim == "storage" else 1)
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
