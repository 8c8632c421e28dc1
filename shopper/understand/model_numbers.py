"""Model numbers in a request: 'RTX 4070' -> ['RTX 4070', 'RTX4070'], '5900X', 'WH-1000XM5'."""

from __future__ import annotations

import re

from shopper.understand.lexicon import STOP_WORDS
from shopper.understand.spans import Scan

_MODEL_TOKEN = re.compile(r"(?<![\w.-])(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[^\W_]+(?:-[^\W_]+)*(?![\w-])", re.U)
_SERIES = re.compile(
    r"(?<![\w.-])(?P<a>[A-Za-z]{2,4})[\s-](?P<b>\d{3,5}[A-Za-z]{0,3})(?:\s(?P<c>Ti|Super|XTX|XT))?(?![\w-])",
    re.I,
)
_PLAIN_NUMBER = re.compile(r"(?<![\w.,/-])(?P<n>\d{3,5})(?![\w.,/-])")
_NOT_MODEL = re.compile(
    r"\d{1,2}x|\d{1,2}(?:st|nd|rd|th|e|de|te|ste|er|k)|\d{2}s|\d{4}s|\d+(?:p|eu|uk|us|pcs|pk|pack|stuks?)"
    r"|\d[d]|\d-?in-?\d|x\d{1,2}|v\d{1,2}|gen\d|ddr\d|pcie\d|wifi\d|usb\d|hdmi\d?|[2-6]xl|[wl]\d{2}|mp\d|h\d{3}",
    re.I,
)
_SERIES_SKIP = frozenset(
    {
        "size",
        "maat",
        "gr",
        "str",
        "eu",
        "uk",
        "us",
        "usb",
        "ddr",
        "gen",
        "type",
        "hdmi",
        "nr",
        "no",
        "art",
        "ii",
        "iii",
        "iv",
    }
)


def _shape(token: str) -> str:
    return token.upper() if token == token.lower() else token


def take_models(scan: Scan) -> list[tuple[int, int, list[str]]]:
    """Model numbers as (start, end, forms): 'RTX 4070' -> ['RTX 4070', 'RTX4070']; '5900X'; 'WH-1000XM5'."""
    found: list[tuple[int, int, list[str]]] = []
    for m in scan.find(_SERIES):
        if m["a"].lower() in _SERIES_SKIP or m["a"].lower() in STOP_WORDS:
            continue
        a, b = _shape(m["a"]), _shape(m["b"])
        tail = f" {m['c']}" if m["c"] else ""
        found.append((m.start(), m.end(), [f"{a} {b}{tail}", f"{a}{b}{tail.replace(' ', '')}"]))
        scan.take(m.start(), m.end())
    for m in scan.find(_MODEL_TOKEN):
        token = m.group(0)
        if len(token) < 2 or _NOT_MODEL.fullmatch(token):
            continue
        forms = [_shape(token)]
        split = re.fullmatch(r"([A-Za-z]{2,4})(\d{3,5})", token)
        if split:
            forms.append(f"{_shape(split[1])} {split[2]}")
        found.append((m.start(), m.end(), forms))
        scan.take(m.start(), m.end())
    for m in scan.find(_PLAIN_NUMBER):
        number = int(m["n"])
        if not 1900 <= number <= 2039:
            found.append((m.start(), m.end(), [m["n"]]))
            scan.take(m.start(), m.end())
    return sorted(found)
