"""Variant options in one form for every format: keys "size" and "colour", values as requests write them.

The contract shared with the request side: the size value is canonical_size() of what the shop shows
(else the shop's text), the colour value is colour_of()'s English name (else the text lower-cased), and
other option names are lower-cased as they come.
"""

from __future__ import annotations

import re

from shopper.understand.features import colour_of
from shopper.understand.sizes import canonical_size

_SIZE_NAMES = frozenset(
    {
        "size", "sizes", "maat", "maten", "größe", "größen", "groesse", "grösse", "størrelse", "storlek",
        "taille", "tailles", "talla", "taglia", "tamanho", "rozmiar", "koko", "velikost", "méret", "mărime",
        "schuhgröße", "skostørrelse", "skostorlek", "schoenmaat", "pointure", "str", "str.", "gr", "gr.",
        "shoe size", "eu size", "us size", "uk size", "clothing size", "konfektionsgröße",
    }
)  # fmt: skip
_COLOUR_NAMES = frozenset(
    {
        "color", "colour", "colors", "colours", "kleur", "kleuren", "farbe", "farben", "farge", "farger",
        "färg", "färger", "farve", "farver", "couleur", "couleurs", "cor", "colore", "kolor", "väri", "barva",
        "szín", "culoare", "colorway",
    }
)  # fmt: skip
# Shopify's placeholder option of products without options.
_PLACEHOLDERS = frozenset({"title", "default title", "default"})
_PARTS = re.compile(r"\s+[/|–—-]\s+|\s*[,;]\s*|\s*\|\s*")
_WORD = re.compile(r"[^\W\d_]+")


def option_key(name: str) -> str | None:
    """The canonical key of an option name ("Maat" -> "size", "Farbe" -> "colour"); None for a placeholder."""
    key = " ".join(name.lower().replace("_", " ").split()).strip(" :")
    key = key.removeprefix("pa ").removeprefix("attribute ")  # WooCommerce taxonomy names: pa_size
    if key in _SIZE_NAMES:
        return "size"
    if key in _COLOUR_NAMES:
        return "colour"
    return None if key in _PLACEHOLDERS or not key else key


def colour_value(text: str) -> str | None:
    """The English colour a shop's colour text names ('Donkerblauw' -> 'blue'), None if none is known."""
    low = text.lower().strip()
    if found := colour_of(low):
        return found
    # "Navy Blue", "Rood/Wit": the last colour word decides the family.
    for word in reversed(_WORD.findall(low)):
        if found := colour_of(word):
            return found
    return None


def option_value(key: str, value: str) -> str:
    """A value in the shared form: canonical size, English colour, else the shop's text."""
    text = " ".join(value.split())
    if key == "size":
        return canonical_size(text) or text
    if key == "colour":
        return colour_value(text) or text.lower()
    return text


def canonical_options(options: dict[str, str]) -> dict[str, str]:
    """A variant's options with canonical keys and values; placeholder options dropped."""
    out: dict[str, str] = {}
    for name, value in options.items():
        key = option_key(name)
        if key is None or not value or not value.strip() or value.strip().lower() in _PLACEHOLDERS:
            continue
        out.setdefault(key, option_value(key, value))
    return out


def options_from_title(title: str | None, product_title: str | None = None) -> dict[str, str]:
    """Size and colour read from a variant's name ('Maat 44', 'Rood / M', 'Product - EU 44 / UK 9.5')."""
    if not title:
        return {}
    text = " ".join(title.split())
    if product_title and text.lower().startswith(product_title.lower()) and len(text) > len(product_title):
        text = text[len(product_title) :].strip(" -–—/|,:")
    out: dict[str, str] = {}
    whole = canonical_size(text)
    if whole is not None:
        return {"size": whole}
    for part in _PARTS.split(text):
        part = part.strip(" ()[]")
        if not part:
            continue
        if "size" not in out and (size := canonical_size(part)) is not None:
            out["size"] = size
        elif "colour" not in out and len(part) <= 30 and (colour := colour_value(part)) is not None:
            out["colour"] = colour
    return out
