"""Product nouns: which request word names the product, and the spelling a mistyped noun meant."""

from __future__ import annotations

import functools

from shopper.understand.lexicon import (
    AUDIENCE,
    CLOTHING_HEADS,
    COLOUR_OF,
    COMPOUND_PREFIXES,
    LANGUAGE_WORDS,
    SHOE_HEADS,
    STOP_WORDS,
    TRANSLATIONS,
    TROUSER_HEADS,
    words,
)

# English product nouns: what a shop's title ends with. The translations' English nouns join them.
ENGLISH_NOUNS = words("""
shoes shoe sneakers sneaker trainers boots boot sandals slippers loafers jacket coat parka anorak raincoat
windbreaker fleece softshell hardshell vest gilet trousers pants jeans chinos joggers leggings shorts
skirt dress shirt blouse tshirt t-shirt tee top polo sweater jumper pullover cardigan hoodie sweatshirt
socks gloves mittens beanie cap hat scarf belt underwear swimsuit bikini backpack bag rucksack tent
headphones headset earbuds earphones speaker soundbar phone smartphone tablet laptop notebook case cover
charger cable adapter monitor display keyboard mouse processor cpu gpu motherboard mainboard memory ram
ssd drive disk cooler fan router printer camera lens watch smartwatch tracker console controller
television tv projector microphone webcam bottle helmet glasses sunglasses bike bicycle kettle toaster
blender vacuum cleaner machine card supply stick computer calculator jackets sweaters boat kayak
layer baselayer thermals mouse mice
""")
# Generic clothing words: "regntøy" is rain wear of any kind, so only its first part says what is wanted.
GENERIC_NOUNS = words("""
tøy tøj klær kläder kleding kleren kleidung bekleidung vêtements vetements wear gear clothing clothes
""")
_AUDIENCE_WORDS = frozenset(AUDIENCE) | frozenset(w.replace("'", "") for w in AUDIENCE)
# Words long enough that a single slip of the keyboard still leaves them recognisable.
MIN_TYPO_LENGTH = 5
LONG_WORD = 9  # from this length two slips are still one word
ENGLISH_AUDIENCE = words("""
men men's mens man male women women's womens woman female ladies lady kids kid's kids' children child
junior juniors boys girls unisex baby
""")


# Everyday English words near a noun's spelling that are no typo of it ("short" dress, not shorts).
COMMON_WORDS = words("""
short long light heavy small large big wide slim tight loose warm cold hot summer winter spring autumn
running hiking walking cycling gaming training climbing skiing wireless striped plain classic casual
formal sport sports outdoor indoor breathable organic cotton wool leather linen denim down travel
everyday office work baby women men girls boys ladies kids children waterproof insulated lined padded
hooded knitted quilted stretch regular straight skinny relaxed cropped oversized fitted thermal merino
""")
NOUNS = ENGLISH_NOUNS
_KNOWN = (
    NOUNS
    | frozenset(TRANSLATIONS)
    | SHOE_HEADS
    | CLOTHING_HEADS
    | TROUSER_HEADS
    | GENERIC_NOUNS
    | frozenset(COMPOUND_PREFIXES)
    | frozenset(COMPOUND_PREFIXES.values())
)
# Corrections go to English product nouns only: a foreign noun one letter away from an English word the
# lexicon does not know ("layer" -> Norwegian "lader") would turn a right word into a wrong product.
_VOCABULARY = sorted(w for w in NOUNS if w.isalpha())
_ALL_LANGUAGE_WORDS = frozenset().union(*LANGUAGE_WORDS.values())


def is_audience(word: str) -> bool:
    """Whether a word says who the product is for (men, dames, kinder, femme...)."""
    return word.lower().strip("'") in _AUDIENCE_WORDS


def is_noun(word: str, english: str | None = None) -> bool:
    """Whether a request word names a kind of product ('jacket', 'regnjakke', 'chaussures')."""
    lowered = word.lower()
    if is_audience(lowered) or lowered in COMPOUND_PREFIXES:
        return False
    if lowered in NOUNS or lowered in SHOE_HEADS or lowered in CLOTHING_HEADS or lowered in TROUSER_HEADS:
        return True
    if lowered.endswith("s") and lowered[:-1] in NOUNS:
        return True
    return english is not None and english.split()[-1] in NOUNS


@functools.lru_cache(maxsize=4096)
def correct_typo(word: str) -> str | None:
    """The product noun a mistyped word meant ('sweatr' -> 'sweater'), or None when it is not a typo."""
    lowered = word.lower()
    if len(lowered) < MIN_TYPO_LENGTH or not lowered.isalpha() or _known(lowered):
        return None
    from shopper.understand.confusables import confusable_words

    if lowered in confusable_words():
        return None  # a real word ("books", "tables"), not a slip on "boots" or "cables"
    allowed = 1 if len(lowered) < LONG_WORD else 2
    near = [
        (d, v)
        for v in _VOCABULARY
        if abs(len(v) - len(lowered)) <= allowed and (d := edit_distance(lowered, v, allowed)) <= allowed
    ]
    if not near:
        return None
    # two letters swapped is the commonest slip: a noun with the very same letters goes first
    ranked = sorted((d, sorted(v) != sorted(lowered), v) for d, v in near)
    if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
        return None  # two nouns equally near: better to search the word as written
    return ranked[0][2]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; limit + 1 once over the limit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def is_english(word: str) -> bool:
    """Whether a request word is an English product, audience or describing word."""
    lowered = word.lower()
    return (
        lowered in NOUNS
        or lowered in COMMON_WORDS
        or lowered in ENGLISH_AUDIENCE
        or (lowered.endswith("s") and lowered[:-1] in NOUNS)
    )


def _known(word: str) -> bool:
    if word in _KNOWN or word in STOP_WORDS or word in COLOUR_OF or word in _ALL_LANGUAGE_WORDS:
        return True
    if word in COMMON_WORDS:
        return True
    if is_audience(word):
        return True
    # plurals and inflections of known words ("jackets", "jakker", "hoodies")
    return any(word.endswith(e) and word[: -len(e)] in _KNOWN for e in ("s", "es", "er", "en", "e", "n"))
