"""Product codes a page shows in words ("SKU: 123", "Art.-Nr. 4711", "EAN 40063813") or keeps in fields."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from shopper.extract.lexbor import attr

_CODE = r"([A-Za-z0-9][A-Za-z0-9\-_./]{1,38}[A-Za-z0-9])"
_SKU_LABEL = (
    r"sku|art\.?\s?-?\s?nr\.?|artikel-?\s?nr\.?|artikelnummer|artikelnr\.?|art\.?\s?no\.?|varenummer|varenr\.?|"
    r"varunummer|réf\.?|référence|ref\.?|item\s?(?:number|no\.?|#|code)|"
    r"product\s?(?:code|number|no\.?|id)|"
    r"productcode|produktnummer|produktnr\.?|bestellnummer|best\.?-?nr\.?|código|codigo|cod\.|codice|"
    r"numer katalogowy|kod produktu|katalógové číslo|kód produktu|cikkszám|šifra|asin|"
    r"id produto|id do produto|"
    r"produkt-?id|item id"
)
_MPN_LABEL = (
    r"mpn|part\s?(?:number|no\.?)|herstellernummer|hersteller-?nr\.?|fabrikantcode|item model number|"
    r"model(?:\s?(?:number|no\.?))?"
)
_GTIN_LABEL = r"ean(?:-?13)?|gtin(?:-?1[34])?|upc|isbn(?:-?13)?|jan"
_LABELLED = {
    "sku": re.compile(rf"(?<![\w-])(?:{_SKU_LABEL})(?!\w)\s*[:#.]?\s*{_CODE}", re.I),
    "mpn": re.compile(rf"(?<![\w-])(?:{_MPN_LABEL})(?!\w)\s*[:#.]?\s*{_CODE}", re.I),
    "gtin": re.compile(rf"(?<![\w-])(?:{_GTIN_LABEL})(?!\w)\s*[:#.]?\s*(\d[\d -]{{6,16}}\d)(?!\d)", re.I),
}
# Field names that hold the product's own code in forms and data attributes.
_FIELD_NAMES = re.compile(
    r"^(?:data-)?(?:sku|product[-_]?sku|asin|product[-_]?id|productid|item[-_]?id|itemid|id[-_]?product|"
    r"products[-_]?id|article[-_]?(?:id|number)|artikel[-_]?(?:id|nummer))$",
    re.I,
)
_DIGIT = re.compile(r"\d")
# Page text beyond this is footers and recommendations, not the product's own data.
MAX_TEXT = 400_000


def labelled_ids(tree: LexborHTMLParser) -> dict[str, str]:
    """sku / mpn / gtin from labelled visible text, else from forms' hidden fields and data attributes."""
    out: dict[str, str] = {}
    body = tree.body
    if body is None:
        return out
    text = body.text(separator="\n", strip=True)[:MAX_TEXT]
    for key, pattern in _LABELLED.items():
        for match in pattern.finditer(text):
            value = match.group(1).strip(" -./")
            # A code has a digit; "Ref. Sofa" or "Model: Classic" is a name.
            if _DIGIT.search(value) and len(value) >= 3:
                out[key] = re.sub(r"[ -]", "", value) if key == "gtin" else value
                break
    if "sku" not in out:
        for node in tree.css("input[type='hidden'][name][value]"):
            if _FIELD_NAMES.match(attr(node, "name")) and _DIGIT.search(value := attr(node, "value").strip()):
                out["sku"] = value
                break
    return out
