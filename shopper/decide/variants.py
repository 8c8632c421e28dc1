"""Which variant of an offer answers the request: the asked size and colour, known to be in stock."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from shopper.decide.textmatch import fold
from shopper.models import BUYABLE, Offer, Query, Variant
from shopper.understand.features import colour_of
from shopper.understand.sizes import canonical_size, kids_heights

# Option names shops use for size and colour before every format fills the canonical "size"/"colour".
_SIZE_KEYS = (
    "size", "maat", "grosse", "grose", "storrelse", "taille", "talla", "taglia", "tamanho", "storlek",
    "koko", "rozmiar", "velikost", "meret", "marime", "numero", "pointure", "str", "waist",
)  # fmt: skip
_COLOUR_KEYS = ("colour", "color", "farbe", "kleur", "couleur", "farve", "farge", "farg", "colore")
_TITLE_PARTS = re.compile(r"\s*(?:/|\||·|,|\s-\s)\s*")

# Score notes for what the variants say about the asked size.
SIZE_IN_STOCK = 3.0
SIZE_STOCK_UNSTATED = -2.0  # the size is listed but the shop states stock only for the whole product
SIZE_UNKNOWN = -8.0  # no size information: the page must be read before this offer can win


def is_size_key(key: str) -> bool:
    """Whether a variant option name means size (size, Maat, Größe, Størrelse, Taille, EU size, ...)."""
    k = fold(key)
    return any(s in k for s in _SIZE_KEYS)


def is_colour_key(key: str) -> bool:
    """Whether a variant option name means colour (colour, Color, Farbe, Kleur, ...)."""
    k = fold(key)
    return any(c in k for c in _COLOUR_KEYS)


def _canon(value: str) -> str:
    return canonical_size(value) or fold(value).strip()


def variant_size(v: Variant) -> str | None:
    """The variant's size in canonical form, from options["size"], a legacy option name or its title."""
    if "size" in v.options:
        return _canon(v.options["size"])
    for key, value in v.options.items():
        if is_size_key(key):
            return _canon(value)
    if v.title and not any(is_colour_key(k) for k in v.options):
        whole = canonical_size(v.title)
        if whole:
            return whole
        for part in _TITLE_PARTS.split(v.title):
            size = canonical_size(part)
            if size:
                return size
    return None


def variant_colour(v: Variant) -> str | None:
    """The variant's colour as a canonical English name (or the shop's word, lower-cased)."""
    for key, value in v.options.items():
        if key == "colour" or is_colour_key(key):
            return colour_of(value) or _first_colour(value) or fold(value).strip()
    if v.title:
        return _first_colour(v.title)
    return None


def _first_colour(text: str) -> str | None:
    return next((c for w in re.findall(r"[^\W\d_]+", text) if (c := colour_of(w))), None)


def size_matches(want: str, have: str, system: str | None) -> bool:
    """Whether a variant size is the asked one; a waist alone matches any length of that waist."""
    if want == have:
        return True
    if "/" in have and "/" not in want and system == "waist":
        return have.split("/", 1)[0] == want
    if system in ("kids_cm", "kids_years"):
        # a child's age and height name the same sizes: 6 years is 116 cm, and "110/116" holds both
        asked, offered = kids_heights(want), kids_heights(have)
        if asked and offered:
            return asked[0] <= offered[1] and offered[0] <= asked[1]
    return False


def in_stock(v: Variant) -> bool | None:
    """True/False when the variant's stock is known; None when only the product's stock is stated."""
    if v.availability is not None:
        return v.availability in BUYABLE
    return None


@dataclass
class Pick:
    """The variant chosen for a request, or why the offer cannot answer it."""

    variant: Variant | None = None
    why: str | None = None  # set when the offer is excluded
    kind: str = ""
    notes: list[tuple[float, str]] = field(default_factory=list)
    sizes_in_stock: list[str] = field(default_factory=list)
    size_unknown: bool = False
    colour_checked: bool = False  # the colour was judged on the variant, not on the product's text


def _price_of(v: Variant) -> Decimal:
    return v.price.amount if v.price is not None else Decimal("Infinity")


def sizes_in_stock(offer: Offer) -> list[str]:
    """The canonical sizes of the offer that are known to be in stock, in the shop's order."""
    out = [s for v in offer.variants if in_stock(v) and (s := variant_size(v))]
    return list(dict.fromkeys(out))


def pick_variant(offer: Offer, query: Query) -> Pick:
    """The variant matching the asked size (and colour), known in stock; else why not."""
    want_colours = set(query.colours)
    coloured = [v for v in offer.variants if variant_colour(v)]
    if not query.size:
        if want_colours and coloured:
            return _by_colour(offer, coloured, want_colours, None)
        return Pick()
    want = canonical_size(query.size) or fold(query.size)
    sized = [(v, s) for v in offer.variants if (s := variant_size(v))]
    if not sized:
        return Pick(notes=[(SIZE_UNKNOWN, f"− size {query.size} not known yet")], size_unknown=True)
    stocked = sizes_in_stock(offer)
    matching = [v for v, s in sized if size_matches(want, s, query.size_system)]
    if not matching:
        return Pick(why=f"no size {query.size}", kind="no_size", sizes_in_stock=stocked)
    # of the matching variants in stock, the cheapest is the one to show
    known = sorted((v for v in matching if in_stock(v)), key=_price_of)
    unstated = [v for v in matching if in_stock(v) is None]
    if not known and unstated and offer.availability in BUYABLE:
        note = (SIZE_STOCK_UNSTATED, f"− size {query.size} listed; stock per size not stated")
        if want_colours:
            return _by_colour(offer, unstated, want_colours, query.size, note)
        return Pick(variant=unstated[0], notes=[note], size_unknown=True)
    if not known:
        return Pick(why=f"size {query.size} sold out", kind="size_sold_out", sizes_in_stock=stocked)
    shown = variant_size(known[0])
    named = f"{query.size} ({shown})" if shown and shown != want else query.size  # "6Y (116)"
    note = (SIZE_IN_STOCK, f"+ size {named} available")
    if want_colours and any(variant_colour(v) for v in offer.variants):
        return _by_colour(offer, known, want_colours, query.size, note)
    return Pick(variant=known[0], notes=[note])


def _by_colour(
    offer: Offer,
    candidates: list[Variant],
    want: set[str],
    size: str | None,
    note: tuple[float, str] | None = None,
) -> Pick:
    notes = [note] if note else []
    unknown = bool(note and note[0] == SIZE_STOCK_UNSTATED)
    named = " / ".join(sorted(want))
    hits = sorted((v for v in candidates if variant_colour(v) in want), key=_price_of)
    stocked = [v for v in hits if in_stock(v) is not False]
    if stocked:
        return Pick(
            variant=stocked[0],
            notes=[*notes, (0.0, f"+ {named} in this variant")],
            colour_checked=True,
            size_unknown=unknown,
        )
    if not any(variant_colour(v) in want for v in offer.variants):
        if not any(variant_colour(v) for v in candidates):
            # the colour is not per variant
            return Pick(variant=candidates[0] if size else None, notes=notes, size_unknown=unknown)
        have = sorted({c for v in offer.variants if (c := variant_colour(v))})
        return Pick(why=f"comes in {', '.join(have[:4])}, not {named}", kind="no_colour")
    where = f" in size {size}" if size else ""
    return Pick(why=f"{named}{where} sold out", kind="colour_sold_out", sizes_in_stock=sizes_in_stock(offer))
