"""Attributes an offer states (waterproof, wireless, ...) in the request lexicon, and those it denies."""

from __future__ import annotations

import re
from functools import lru_cache

from shopper.understand.features import ATTRIBUTES

# A negation right before an attribute ("not waterproof", "nicht wasserdicht", "ikke vanntett",
# "pas imperméable", "inte vattentät") turns a mention into a contradiction.
_NEGATED = re.compile(
    r"(?:\b(?:not|non|no|never|isn't|is\s+not|niet|geen|nicht|kein\w*|ikke|ingen|inte|ej|pas|ne\s+\w+\s+pas"
    r"|without|zonder|ohne|uten|utan|uden|sans)|\bnon-)\s*(?:\w+\s+){0,1}$",
    re.I,
)
_WINDOW = 24  # characters before a mention that may hold its negation


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str] | None:
    return next((p for n, p in ATTRIBUTES if n == name), None)


def known_attribute(name: str) -> bool:
    """Whether the lexicon knows how shops write this attribute."""
    return _pattern(name) is not None


def attribute_state(name: str, text: str) -> bool | None:
    """True when the text states the attribute, False when it only denies it, None when silent."""
    pattern = _pattern(name)
    if pattern is None or not text:
        return None
    said = denied = False
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - _WINDOW) : m.start()]
        if _NEGATED.search(before):
            denied = True
        else:
            said = True
    if said:
        return True
    return False if denied else None
