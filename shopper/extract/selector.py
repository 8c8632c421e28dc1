"""The size and colour pickers a product page shows (select, radio buttons, swatches), with sold-out options.

A sold-out mark inside a picker is about that size or colour, never about the product.
"""

from __future__ import annotations

import re
from collections import defaultdict

from selectolax.lexbor import LexborHTMLParser, LexborNode

from shopper.extract import stock
from shopper.extract.lexbor import attr, attrs_text, clean, visible_text
from shopper.models import BUYABLE, RawOffer, RawVariant
from shopper.normalize import normalize_availability
from shopper.options import option_key, option_value
from shopper.understand.sizes import canonical_size

_SIZE_WORD = re.compile(
    r"size|maat|größe|groesse|grösse|taille|talla|taglia|størrelse|storlek|str\b|pointure|schoenmaat|"
    r"skostørrelse|rozmiar",
    re.I,
)
_COLOUR_WORD = re.compile(r"colou?r|kleur|farbe|farge|färg|farve|couleur|colore|swatch-colou?r", re.I)
_PLACEHOLDER = re.compile(
    r"^\W*(?:choose|select|pick|kies|selecteer|wähle|wählen|bitte|velg|välj|vælg|choisi|sélection|elige|"
    r"seleccion|scegli|-+|\.\.\.)",
    re.I,
)
_SOLD_CLASS = re.compile(
    r"sold|unavailable|disabled|out-?of-?stock|oos\b|not-?available|crossed|strike|inactive|no-?stock|"
    r"ausverkauft|uitverkocht",
    re.I,
)
_NOTIFY = re.compile(
    r"notify me|e-?mail me|benachrichtig|houd me op de hoogte|mail me|varsle meg|meddela mig|"
    r"prévenez-moi|m'alerter|bevise|restock",
    re.I,
)
_NOT_PICKER = re.compile(
    r"(?<![a-z])(?:qty|quantit\w*|aantal|anzahl|menge|antall|antal|amount|country|land|sort\w*|order\w*|"
    r"per-?page|limit|currency|language|sprache|taal|rating|reviews?|delivery|shipping|filter\w*)(?![a-z])",
    re.I,
)
# A picker with more options than this is a list of something else (countries, quantities).
MAX_OPTIONS = 60
# Share of a group's labels that must read as sizes for an unlabelled group to count as a size picker.
SIZE_SHARE = 0.7


def _sold_out(node: LexborNode, text: str) -> bool:
    got = node.attributes
    if "disabled" in got or got.get("aria-disabled") == "true" or got.get("data-available") == "false":
        return True
    if _SOLD_CLASS.search(got.get("class") or "") or _SOLD_CLASS.search(got.get("data-stock") or ""):
        return True
    return bool(stock._OOS.search(text) or _NOTIFY.search(text))


def _label_text(text: str) -> str:
    # "44 - Uitverkocht", "M (sold out)", "42 – notify me": the option is what comes before the remark.
    cut = stock._OOS.search(text) or _NOTIFY.search(text)
    if cut:
        text = text[: cut.start()]
    return clean(text).strip(" -–—:()[]/|,")


def _kind(names: str, labels: list[str]) -> str | None:
    if _SIZE_WORD.search(names):
        return "size"
    if _COLOUR_WORD.search(names):
        return "colour"
    sizes = [t for t in labels if canonical_size(t)]
    if len(labels) >= 2 and len(sizes) >= SIZE_SHARE * len(labels):
        return "size"
    return None


def _names_of(node: LexborNode, tree: LexborHTMLParser) -> str:
    names = " ".join((attrs_text(node), attr(node, "name"), attr(node, "aria-label"), attr(node, "title")))
    if (ident := attr(node, "id")) and (label := tree.css_first(f"label[for='{ident}']")) is not None:
        names += " " + visible_text(label, limit=80)
    return names


def _from_selects(tree: LexborHTMLParser) -> list[tuple[str, list[tuple[str, bool]]]]:
    groups = []
    for select in tree.css("select"):
        entries = []
        for option in select.css("option"):
            raw = clean(option.text(deep=True))
            if not raw or not attr(option, "value").strip() or _PLACEHOLDER.match(raw):
                continue
            entries.append((_label_text(raw), _sold_out(option, raw)))
        names = _names_of(select, tree)
        if 0 < len(entries) <= MAX_OPTIONS and not _NOT_PICKER.search(names):
            kind = _kind(names, [t for t, _ in entries])
            if kind:
                groups.append((kind, entries))
    return groups


def _from_radios(tree: LexborHTMLParser) -> list[tuple[str, list[tuple[str, bool]]]]:
    by_name: dict[str, list[LexborNode]] = defaultdict(list)
    for radio in tree.css("input[type='radio'][name]"):
        by_name[attr(radio, "name")].append(radio)
    groups = []
    for name, radios in by_name.items():
        entries = []
        names = name
        for radio in radios:
            label = None
            if ident := attr(radio, "id"):
                label = tree.css_first(f"label[for='{ident}']")
            parent = radio.parent
            if label is None and parent is not None and parent.tag == "label":
                label = parent
            raw = clean(visible_text(label, limit=80)) if label is not None else ""
            raw = raw or attr(radio, "value") or attr(radio, "aria-label")
            if not raw:
                continue
            names += " " + attrs_text(radio)
            sold = _sold_out(radio, raw) or (label is not None and _sold_out(label, raw))
            entries.append((_label_text(raw), sold))
        if 1 < len(entries) <= MAX_OPTIONS and not _NOT_PICKER.search(names):
            kind = _kind(names, [t for t, _ in entries])
            if kind:
                groups.append((kind, entries))
    return groups


def _swatch_entries(box: LexborNode) -> list[tuple[str, bool]] | None:
    items = [c for c in box.iter() if c.tag in ("li", "button", "a", "span", "div", "label")]
    if not 1 < len(items) <= MAX_OPTIONS:
        return None
    entries = []
    for item in items:
        # A swatch is often a list item holding a button: the button's marks count too.
        inner = item.css_first("button, a, span, label") or item
        raw = visible_text(item, limit=60) or attr(inner, "data-value") or attr(inner, "aria-label")
        if not raw or len(raw) > 40:
            return None
        entries.append((_label_text(raw), _sold_out(item, raw) or _sold_out(inner, raw)))
    labels = [t for t, _ in entries]
    return entries if sum(1 for t in labels if canonical_size(t)) >= SIZE_SHARE * len(labels) else None


def _from_swatches(tree: LexborHTMLParser) -> list[tuple[str, list[tuple[str, bool]]]]:
    groups = []
    taken: set[int] = set()
    for box in tree.css("ul, ol, div, fieldset"):
        if (
            box.mem_id in taken
            or not _SIZE_WORD.search(attrs_text(box))
            or _NOT_PICKER.search(attrs_text(box))
        ):
            continue
        if box.css_first("select, input[type='radio']") is not None:
            continue
        # The options sit in the box itself or in a list inside it (after the picker's label).
        for inner in [box, *box.css("ul, ol, div")[:20]]:
            entries = _swatch_entries(inner)
            if entries:
                groups.append(("size", entries))
                taken.update(n.mem_id for n in box.css("ul, ol, div, fieldset"))
                break
    return groups


def picker_variants(tree: LexborHTMLParser) -> list[RawVariant]:
    """One variant per size (else colour) the page offers; OutOfStock where the picker marks it sold out."""
    groups = _from_selects(tree) + _from_radios(tree)
    if not any(kind == "size" for kind, _ in groups):
        groups += _from_swatches(tree)
    for wanted in ("size", "colour"):
        for kind, entries in groups:
            if kind != wanted:
                continue
            key = option_key(kind) or kind
            # Only a picker that marks some options sold out says anything about the others' stock.
            marks = any(sold for _, sold in entries)
            seen: set[str] = set()
            variants = []
            for text, sold in entries:
                if not text or text.lower() in seen:
                    continue
                seen.add(text.lower())
                state = "OutOfStock" if sold else ("InStock" if marks else None)
                variants.append(RawVariant(title=text, options={key: text}, availability=state))
            if len(variants) >= 2 or any(v.availability == "OutOfStock" for v in variants):
                return variants
    return []


def apply_pickers(merged: RawOffer, pickers: list[RawVariant]) -> bool:
    """The pickers' variants when the data has none (True), else only their sold-out marks (False)."""
    if not pickers:
        return False
    if not merged.variants:
        merged.variants = pickers
        sold = sum(1 for v in pickers if v.availability == "OutOfStock")
        merged.notes.append(f"{len(pickers)} variant(s) read from the page's picker ({sold} sold out)")
        return True
    marks = {_canon(v): v.availability for v in pickers if v.availability}
    for variant in merged.variants:
        if variant.availability is None and (state := marks.get(_canon(variant))):
            variant.availability = state
    return False


def _canon(variant: RawVariant) -> str:
    for name, value in variant.options.items():
        if option_key(name) == "size":
            return option_value("size", value)
    return option_value("size", variant.title or "")


def settle_availability(merged: RawOffer, from_pickers: bool) -> None:
    """In stock when any variant is; sold out when the picker marks every one of them sold out."""
    states = [normalize_availability(v.availability) for v in merged.variants]
    known = [s for s in states if s]
    if not known:
        return
    now = normalize_availability(merged.availability)
    if any(s in BUYABLE for s in known) and now is not None and now not in BUYABLE:
        in_stock = next(v for v in merged.variants if normalize_availability(v.availability) in BUYABLE)
        merged.availability = in_stock.availability
        merged.notes.append(
            f"in stock: variant {in_stock.title or in_stock.options} is ({now} was one variant's)"
        )
    elif (
        from_pickers and len(known) == len(states) and all(s not in BUYABLE for s in known) and now in BUYABLE
    ):
        merged.availability = "OutOfStock"
        merged.notes.append("every size the page offers is marked sold out")
