"""Real words one slip away from a product noun ('books' near 'boots'): never corrected as typos.

The list is built from pyspellchecker's word-frequency dictionaries (English, German, French, Dutch) and
shipped as package data, so a request is checked against it without loading any dictionary:

    python -m shopper.understand.confusables     # rewrites shopper/data/confusable-words.txt
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

LANGUAGES = ("en", "de", "fr", "nl")
MIN_FREQUENCY = 50  # rarer entries of the dictionaries are mostly misspellings themselves
_FILE = "confusable-words.txt"


@functools.cache
def confusable_words() -> frozenset[str]:
    """The shipped list: real words near a product noun, which a typo correction must leave alone."""
    text = resources.files("shopper").joinpath("data", _FILE).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def build() -> list[str]:
    """The list from the dictionaries (needs pyspellchecker, a test dependency)."""
    import gzip
    import json

    import spellchecker
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from shopper.understand.nouns import LONG_WORD, MIN_TYPO_LENGTH, NOUNS

    base = Path(spellchecker.__file__).parent / "resources"
    known: set[str] = set()
    for language in LANGUAGES:
        with gzip.open(base / f"{language}.json.gz", "rt", encoding="utf-8") as fh:
            counts = json.load(fh)
        known.update(
            w for w, n in counts.items() if n >= MIN_FREQUENCY and w.isalpha() and len(w) >= MIN_TYPO_LENGTH
        )
    nouns = sorted(w for w in NOUNS if w.isalpha())
    words = sorted(known - set(nouns))
    distances = process.cdist(words, nouns, scorer=OSA.distance, score_cutoff=2, workers=1)
    return [
        w for w, row in zip(words, distances, strict=True) if row.min() <= (1 if len(w) < LONG_WORD else 2)
    ]


def main() -> None:
    """Write the list into the package's data folder."""
    import spellchecker

    target = Path(__file__).resolve().parent.parent / "data" / _FILE
    header = (
        "# Built by `python -m shopper.understand.confusables` from pyspellchecker"
        f" {spellchecker.__version__} ({', '.join(LANGUAGES)}; MIT licence, word frequencies"
        f" >= {MIN_FREQUENCY}).\n"
    )
    target.write_text(header + "\n".join(build()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
