"""Phrasings of a request for a shop's own search, and their styles (word count, plural folding).

Shops' searches are weak: many need every word, match prefixes only, ignore words under three letters or
fold no plurals. Each phrasing carries a style so the styles a shop answers can be learned and tried first.
"""

from __future__ import annotations

import re

MIN_WORD = 3  # many shop searches reject or ignore shorter words
MAX_STYLE_WORDS = 3  # phrasings of three or more words share one style
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def singular(phrase: str) -> str:
    """Plural-looking words folded to a singular guess ("shoes" -> "shoe", "watches" -> "watch")."""
    out = []
    for word in phrase.split():
        low = word.lower()
        if len(low) >= 5 and low.endswith(("ches", "shes", "xes", "sses")):
            word = word[:-2]
        elif len(low) >= 5 and low.endswith("ies"):
            word = word[:-3] + "y"
        elif len(low) >= 4 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
            word = word[:-1]
        out.append(word)
    return " ".join(out)


def without_short_words(phrase: str) -> str:
    """The phrase without words shorter than MIN_WORD letters (numbers kept: a size or a capacity)."""
    kept = [w for w in phrase.split() if len(w) >= MIN_WORD or any(ch.isdigit() for ch in w)]
    return " ".join(kept)


def style_of(phrase: str, *, folded: bool) -> str:
    """A phrasing's style: how many words (1, 2, 3+) and whether plurals were folded."""
    words = min(len(_WORD.findall(phrase)), MAX_STYLE_WORDS)
    return f"{words}w" + ("+singular" if folded else "")


def phrasings(phrases: list[str]) -> list[tuple[str, str]]:
    """(phrase, style) per phrase, then its short-word-free and singular forms when they differ."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []

    def add(text: str, folded: bool) -> None:
        text = " ".join(text.split())
        if text and text.lower() not in seen:
            seen.add(text.lower())
            out.append((text, style_of(text, folded=folded)))

    for phrase in phrases:
        add(phrase, False)
        short_free = without_short_words(phrase)
        add(short_free, False)
        add(singular(short_free), True)
    return out


def learned_order(
    candidates: list[tuple[str, str]], rates: dict[str, tuple[int, int]]
) -> list[tuple[str, str]]:
    """Candidates whose styles found products at this shop first (stable: no history keeps the order)."""

    def score(item: tuple[int, tuple[str, str]]) -> tuple[float, int]:
        tries, hits = rates.get(item[1][1], (0, 0))
        # Laplace smoothing: an untried style counts as even odds, so one lucky try cannot dominate.
        return (-(hits + 1) / (tries + 2), item[0])

    return [c for _, c in sorted(enumerate(candidates), key=score)]
