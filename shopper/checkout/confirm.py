"""The confirmation policy: only an explicit yes places an order."""

from __future__ import annotations

import unicodedata

# Yes in the languages requests come in; anything else (no, an empty line, end of input) is a no.
YES_WORDS: frozenset[str] = frozenset({"y", "yes", "ja", "j", "oui", "sí"})
QUESTION = "Place this order? [y/N] "


def is_yes(answer: str | None) -> bool:
    """True only for an explicit yes word; None (end of input) and everything else is False."""
    if answer is None:
        return False
    text = unicodedata.normalize("NFC", answer).strip().casefold()
    return text in YES_WORDS
