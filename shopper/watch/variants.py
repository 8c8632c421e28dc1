"""Variant keys and matching: a watched size and colour against what a shop offers."""

from __future__ import annotations

from shopper.models import BUYABLE, Offer, Variant

# Option names shops use for size and colour before the extraction layer names them canonically.
SIZE_NAMES = frozenset(
    {"size", "maat", "größe", "grösse", "groesse", "taille", "storlek", "størrelse", "str"}
)
COLOUR_NAMES = frozenset({"colour", "color", "kleur", "farbe", "couleur", "färg", "farge", "farve"})


def canonical_options(options: dict[str, str]) -> dict[str, str]:
    """Options with size and colour under their canonical keys and values (the variant contract)."""
    from shopper.understand.features import colour_of
    from shopper.understand.sizes import canonical_size

    out: dict[str, str] = {}
    for name, value in options.items():
        key = name.strip().lower()
        if key in SIZE_NAMES:
            out["size"] = canonical_size(value) or value.strip()
        elif key in COLOUR_NAMES:
            words = value.strip().lower().split()
            known = next((c for c in (colour_of(w) for w in words) if c), None)
            out["colour"] = known or value.strip().lower()
        else:
            out[key] = value.strip()
    return out


def variant_key(options: dict[str, str]) -> str:
    """A stable text key for a variant ('colour=red;size=44'); '' for the product itself."""
    canon = canonical_options(options)
    return ";".join(f"{k}={canon[k]}" for k in sorted(canon))


def wanted_size(size: str | None) -> str | None:
    """The watched size in canonical form."""
    if not size:
        return None
    from shopper.understand.sizes import canonical_size

    return canonical_size(size) or size.strip()


def wanted_colour(colour: str | None) -> str | None:
    """The watched colour in canonical form."""
    if not colour:
        return None
    from shopper.understand.features import colour_of

    return colour_of(colour.strip()) or colour.strip().lower()


def matching_variants(offer: Offer, size: str | None, colour: str | None) -> list[Variant]:
    """The offer's variants in the watched size and colour (every variant when neither is named)."""
    want_size, want_colour = wanted_size(size), wanted_colour(colour)
    found = []
    for variant in offer.variants:
        canon = canonical_options(variant.options)
        if want_size and canon.get("size", "").lower() != want_size.lower():
            continue
        if want_colour and want_colour not in canon.get("colour", "").lower():
            continue
        found.append(variant)
    return found


def is_buyable(availability: str | None) -> bool | None:
    """True when one can order it, False when not, None when the shop did not say."""
    if availability is None:
        return None
    return availability in BUYABLE
