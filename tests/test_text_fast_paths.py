"""The text-matching fast paths give exactly what the plain versions give."""

from __future__ import annotations

import itertools
import random
import re
import unicodedata

import pytest

from shopper.decide import textmatch
from shopper.understand import quantities, terms
from shopper.understand.lexicon import TRANSLATIONS


def _plain_fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.translate(quantities._FOLD_MAP))
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()


def test_fold_fast_path_is_the_plain_fold_for_every_character_in_use() -> None:
    for cp in range(0x20000):  # the basic and supplementary multilingual planes
        if 0xD800 <= cp < 0xE000:  # surrogates are no text
            continue
        text = f"A{chr(cp)}b"
        assert quantities.fold.__wrapped__(text) == _plain_fold(text), hex(cp)


def test_fold_fast_path_on_mixed_text() -> None:
    rnd = random.Random(7)
    pool = "aZ 9-ßøØæÆœłéÈçñüÅ\u0301\u0327ﬁ½²İǅ–®™"
    for _ in range(5000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randrange(0, 16)))
        assert quantities.fold.__wrapped__(text) == _plain_fold(text), repr(text)


def _spec_patterns() -> list[re.Pattern[str]]:
    pats = [p for p, _, _ in quantities.QTY] + [p for p, _ in textmatch._CAT]
    return [*pats, textmatch._RW_RATE, textmatch._DDR_SPEED, textmatch._PHONE_STORAGE]


def _texts() -> list[str]:
    rnd = random.Random(11)
    chars = "0123456789 ..,,-/xXgbmhzGBtTo\"'kwW٣²½abcdefms"
    phrases = [
        "2x16gb", "ddr4 3200", "ddr5-6000", "16 gb", "1tb", "2 to 3", "7400/6500 mb/s", "12 cores", "am4",
        "5g", "pcie 4.0", "4k", "2 x ddr5", "3.5mm", "10,5 cm", "٣5gb", "x5 gb", "a5 gb", "1.5m", "60hz",
        "4 dimm", "lga 1700", "nvme gen 4", "8/256 gb", "27\"", "65w", "5000 mah", "1 ms", "1,2 kg",
    ]  # fmt: skip
    out = ["".join(rnd.choice(chars) for _ in range(rnd.randrange(0, 30))) for _ in range(4000)]
    out += [" ".join(rnd.choice(phrases) for _ in range(rnd.randrange(1, 40))) for _ in range(1500)]
    return out


@pytest.mark.parametrize("dense", [False, True], ids=["tried-at-numbers", "scanned"])
def test_spec_matches_are_finditer(dense: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # both ways matches() can go (trying numbers' starts, or one scan for number-dense text) agree
    monkeypatch.setattr(textmatch, "_CHARS_PER_TRY", 10**9 if dense else 0)
    patterns = _spec_patterns()
    assert sum(bool(textmatch._STARTS_AT_NUMBER.match(p.pattern)) for p in patterns) >= 15
    for text in _texts():
        starts = [m.start() for m in textmatch._NUMBER_START.finditer(text)]
        for pat in patterns:
            got = [m.span() for m in textmatch.matches(pat, text, starts)]
            assert got == [m.span() for m in pat.finditer(text)], (pat.pattern, text)


def _pairwise_stems(text: str) -> set[str]:
    ws = textmatch.words(text)
    out = {textmatch.stem(w) for w in ws}
    out.update(textmatch.stem(a + b) for a, b in itertools.pairwise(ws) if len(a) <= 3 or len(b) <= 3)
    return out


def test_stems_joins_the_same_neighbouring_words_as_a_pairwise_walk() -> None:
    rnd = random.Random(5)
    pool = ["ab", "cde", "fghij", "12", "345", "-", "_", ".", " ", "ÄÖ", "ß", "é", "ı", "Ω", "x", "S-Pen"]
    for _ in range(5000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randrange(0, 20)))
        assert textmatch.stems(text) == _pairwise_stems(text), repr(text)
    assert {"spen", "s", "pen"} <= textmatch.stems("the S-Pen")


def test_model_tokens_hands_out_a_set_of_its_own() -> None:
    first = textmatch.model_tokens("Sony WH-1000XM5")
    first.add("CHANGED")
    assert textmatch.model_tokens("Sony WH-1000XM5") == {"WH1000XM5"}


def _plain_split(word: str) -> tuple[str, str] | None:
    word = word.lower()
    for head in sorted(terms._HEADS, key=len, reverse=True):  # product nouns and generic clothing words
        if (
            (len(head) >= 4 or head in terms._SHORT_HEADS)
            and word.endswith(head)
            and len(word) >= len(head) + 2
        ):
            return word[: -len(head)].rstrip("-"), head
    return None


def test_split_compound_is_the_longest_first_scan() -> None:
    words = [p + h for p in ("hardloop", "x", "trail-", "xx", "", "a") for h in TRANSLATIONS]
    words += ["q", "koptelefoons", "løpesko", "regenjassen", "schoenen"]
    for word in words:
        assert terms.split_compound(word) == _plain_split(word), word


def test_stem_index_answers_membership_as_the_stems_set() -> None:
    rnd = random.Random(9)
    pool = ["a", "ab", "abc", "abcd", "cable", "cables", "battery", "batteries", "box", "boxes", "bus", "is"]
    pool += ["s", "es", "ies", "y", "-", " ", ", ", "usb c", "s pen", "x", "Größe", "café"]
    for _ in range(3000):
        text = " ".join(rnd.choice(pool) for _ in range(rnd.randrange(0, 12)))
        index, full = textmatch.StemIndex(text), textmatch.stems(text)
        ws = textmatch.words(text)
        asked = (
            full
            | set(ws)
            | {w + "s" for w in ws}
            | {w[:-1] for w in ws}
            | {a + b for a, b in itertools.pairwise(ws)}
        )
        asked |= {rnd.choice(pool) for _ in range(4)} | {"", "y", "ies", "spen", "usbc"}
        for word in asked:
            assert (word in index) == (word in full), (text, word)


def test_is_colour_word_is_colours_in_for_one_word() -> None:
    words = textmatch.words("Donker-Blauwe NAVY grün Grau rot red 4K Größe sort svart iceblue " * 2)
    words += [w for syns in textmatch.COLOURS.values() for w in syns]
    for word in words:
        assert textmatch.is_colour_word(word) == bool(textmatch.colours_in(word)), word
