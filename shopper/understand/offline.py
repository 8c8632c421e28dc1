"""Offline request understanding: multilingual rules turn a shopping request into a Query, no LLM."""

from __future__ import annotations

import re

from shopper.errors import UsageError
from shopper.models import CompareItem, Profile, Query, SpecNeed
from shopper.understand.clauses import cut_ignored, detect_language, normalize_text, sentences
from shopper.understand.features import (
    take_attributes,
    take_brands,
    take_colours,
    take_negations,
    take_specs,
)
from shopper.understand.lexicon import AUDIENCE, NEW_WORDS, USED_WORDS
from shopper.understand.model_numbers import take_models
from shopper.understand.nouns import correct_typo
from shopper.understand.quantities import fold, needs, superlative
from shopper.understand.sizes import product_kind, take_size
from shopper.understand.spans import (
    KRONE_OF_LANGUAGE,
    Scan,
    take_bare_price,
    take_intent,
    take_prices,
    take_quantity,
    take_stock,
)
from shopper.understand.terms import Piece, clause_start, collect_terms, head_word, search_phrases, to_english

# Which profile size applies to which kind of product.
_PROFILE_SIZE_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "shoes": (("shoes_eu", "shoes_eu"), ("shoes", "shoes_eu")),
    "clothing": (("clothing", "clothing"),),
    "trousers": (("waist", "waist"), ("clothing", "clothing")),
}


def parse_request(text: str, profile: Profile | None = None) -> Query:
    """Understand a request (en/nl/de/nb/fr/sv/da) offline; raise UsageError only for an empty one."""
    if not isinstance(text, str) or not text.strip():
        raise UsageError("empty request")
    profile = profile or Profile()
    clean = normalize_text(text)
    rest, ignored = cut_ignored(clean)
    default_language = profile.languages[0] if profile.languages else "en"
    language = detect_language(rest or clean, default=default_language)
    currency = profile.currency
    extra_brands = tuple(dict.fromkeys([*profile.brands_liked, *profile.brands_avoided]))

    scan = Scan(rest)
    meta = [(start, end) for start, end, is_meta in sentences(rest) if is_meta]
    intent = take_intent(scan)
    include_out_of_stock = take_stock(scan)
    krone = KRONE_OF_LANGUAGE.get(language, "NOK")
    min_price, max_price = take_prices(scan, currency, krone)
    take_quantity(scan)
    exclude_brands, must_not = take_negations(scan, extra_brands)
    kind = product_kind(rest)
    kids = _audience([fold(w) for w in re.findall(r"[\w'-]+", rest)]) == "kids"
    before_size = scan.view
    size, size_system = take_size(scan, kind, kids)  # before specs: "size 128 cm" is a size, not a length
    # the size's words are no quantity either: "size 128 cm" asks for no length of 128 cm
    unsized = "".join(" " if b != a else c for b, a, c in zip(before_size, scan.view, rest, strict=True))
    specs = take_specs(scan)
    bare = take_bare_price(scan, currency, krone)
    if max_price is None and bare is not None and (min_price is None or bare.amount >= min_price.amount):
        max_price = bare
    attributes = take_attributes(scan)
    brand_hits = take_brands(scan, extra_brands)
    colours = take_colours(scan)
    model_hits = take_models(scan)

    found = collect_terms(scan.view, rest, meta)
    pieces = [_corrected(p) for p in found]
    # the text as meant, for the product noun; `rest` keeps its offsets for the brand and model spans
    meant = rest
    for typo, right in reversed([(a, b) for a, b in zip(found, pieces, strict=True) if a.text != b.text]):
        meant = meant[: typo.start] + right.text + meant[typo.start + len(typo.text) :]
    terms = list(dict.fromkeys(p.text.lower() for p in pieces))
    brands = [b for b in dict.fromkeys(name for _, _, name in brand_hits) if b not in exclude_brands]
    phrase_pieces = [
        *pieces,
        *(Piece(s, rest[s:e], "brand") for s, e, name in brand_hits if name in brands and _outside(s, meta)),
        *(Piece(s, forms[0], "model") for s, _, forms in model_hits if _outside(s, meta)),
    ]
    models = [forms for _, _, forms in model_hits]
    if size is None and kind:
        size, size_system = _profile_size(profile, kind)
    must = list(dict.fromkeys([*attributes, *specs]))
    search_part = _QUOTED.sub(" ", rest)
    reference = _reference(rest)
    folded = [fold(w) for w in re.findall(r"[\w'-]+", search_part)]
    items = _compare_items(rest, profile, intent) if intent == "compare" else []
    return Query(
        text=rest.strip() or clean,  # the search part only: ranking never reads an address or card number
        language=language,
        terms=terms,
        search_terms=search_phrases(phrase_pieces, models, language, clause_start(rest, pieces))
        if phrase_pieces
        else [],
        brands=brands,
        exclude_brands=exclude_brands,
        model_numbers=list(dict.fromkeys(f for forms in models for f in forms)),
        size=size,
        size_system=size_system,
        colours=colours,
        max_price=max_price,
        min_price=min_price,
        intent=intent,
        must=must,
        must_not=[m for m in dict.fromkeys(must_not) if m not in must],
        include_out_of_stock=include_out_of_stock,
        ignored=ignored,
        head=head_word(_QUOTED.sub(" ", meant), terms),
        audience=_audience(folded),
        condition=_condition(folded),
        needs=[
            SpecNeed(dim=n.dim, op=n.op, value=n.value, text=n.text, capability=n.capability)
            for n in needs(_QUOTED.sub(" ", unsized))
        ],
        superlative=superlative(search_part),
        reference=reference,
        items=items,
    )


_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|«[^»]*»")
# "A and B", "A vs B", "A en B", "A und B", "A og B", "A och B", "A et B"
_ITEM_SPLIT = re.compile(
    r"\s+(?:and|vs\.?|versus|en|und|og|och|et|with|met|mit|med|avec)\s+|\s*[,;/]\s*", re.I
)
_COMPARE_WORD = re.compile(
    r"^\s*(?:please\s+)?(?:compare|comparing|vergelijk\w*|vergleich\w*|sammenlign\w*|j[äa]mf[öo]r\w*"
    r"|compar(?:er|ez))\b\s*",
    re.I,
)


_AUDIENCE_PREFIXES = {
    "herren": "men", "heren": "men", "herre": "men", "herr": "men", "damen": "women", "dames": "women",
    "dame": "women", "dam": "women", "kinder": "kids", "barne": "kids",
}  # fmt: skip


_AUDIENCE_FOLDED = {fold(k): v for k, v in AUDIENCE.items()}


def _audience(words: list[str]) -> str | None:
    for w in words:
        if w in _AUDIENCE_FOLDED:
            return _AUDIENCE_FOLDED[w]
        # compounds: herrskor, damenschuhe, herenjas
        for prefix, who in _AUDIENCE_PREFIXES.items():
            if w.startswith(prefix) and len(w) > len(prefix) + 2 and to_english(w[len(prefix) :]):
                return who
    return None


def _condition(words: list[str]) -> str | None:
    if any(w in USED_WORDS for w in words):
        return "used"
    return "new" if NEW_WORDS & set(words) else None


def _reference(text: str) -> str | None:
    # a quoted product next to other words is a reference ("a case that fits "X""), not the wanted product
    quoted = _QUOTED.findall(text)
    if not quoted or not _QUOTED.sub(" ", text).strip():
        return None
    return quoted[0].strip('"“”„«» ')


def _compare_items(text: str, profile: Profile, intent: str) -> list[CompareItem]:
    """The products of "compare A and B" / "A vs B", each parsed on its own."""
    body = _COMPARE_WORD.sub("", text)
    body = re.sub(r"\s+(?:vs\.?|versus)\s+", " and ", body, flags=re.I)
    parts = [p.strip(" .?!") for p in _ITEM_SPLIT.split(body) if p and p.strip(" .?!")]
    if len(parts) < 2:
        return []
    items = []
    for part in parts[:4]:
        sub = parse_request(part, profile.model_copy(update={"sizes": {}}))
        if not (sub.terms or sub.brands or sub.model_numbers):
            return []  # "compare prices and stock": not a list of products
        items.append(
            CompareItem(
                text=part,
                terms=sub.terms,
                search_terms=sub.search_terms,
                brands=sub.brands,
                model_numbers=sub.model_numbers,
            )
        )
    return items


def _corrected(piece: Piece) -> Piece:
    """The piece with a mistyped product noun spelled right ("sweatr" -> "sweater")."""
    word = piece.text
    if word[1:] != word[1:].lower() or to_english(word):
        return piece  # names are written with capitals inside; known foreign words are no typos
    right = correct_typo(word)
    return Piece(piece.start, right, piece.kind) if right else piece


def _outside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return not any(s <= pos < e for s, e in spans)


def _profile_size(profile: Profile, kind: str) -> tuple[str | None, str | None]:
    for key, system in _PROFILE_SIZE_KEYS.get(kind, ()):
        value = profile.sizes.get(key)
        if value:
            return value, system
    return None, None
