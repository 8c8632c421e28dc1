"""Product and listing pages -> Offer: run every layer, pick the main product, merge most-specific-first."""

from __future__ import annotations

import re
from decimal import Decimal

from lxml.html import HtmlElement

from shopper.extract import ids, jsonld, lexbor, microdata, opengraph, selector, variations, visible
from shopper.extract.locale import currency_from_locale
from shopper.extract.structured import Structured, extract_structured, parse_html
from shopper.models import BUYABLE, Offer, RawOffer, RawVariant
from shopper.normalize import canonical_url, normalize, normalize_availability, parse_amount, to_currency_code

_STAND_IN = "https://saved-page.invalid/"
_FIELDS = (
    "title",
    "brand",
    "description",
    "category",
    "sku",
    "gtin",
    "mpn",
    "rating",
    "rating_count",
    "shipping",
)


def decode(html: str | bytes, encoding: str | None = None, content_type: str | None = None) -> str:
    """Bytes -> text, honouring a given encoding, the BOM and the page's meta charset."""
    if isinstance(html, str):
        return html
    from w3lib.encoding import html_to_unicode

    header = content_type or (f"text/html; charset={encoding}" if encoding else None)
    return html_to_unicode(header, html)[1]


def extract_product(
    html: str | bytes, url: str, *, currency_hint: str | None = None, encoding: str | None = None
) -> Offer | None:
    """The page's main product as an Offer (layers merged, conflicts noted); None if it shows no product."""
    text = decode(html, encoding)
    tree = parse_html(text)
    if tree is None:
        return None
    data = extract_structured(tree, url, text)
    page = lexbor.parse(text)
    pickers = selector.picker_variants(page)
    form = variations.form_variations(page, url if url.startswith(("http://", "https://")) else None)
    page.strip_tags(["script", "style", "noscript", "template"])
    raw = merge_layers(tree, url, data, pickers=pickers, codes=ids.labelled_ids(page), form=form)
    if raw is None:
        return None
    if raw.price and not raw.currency and not currency_hint:
        found = currency_from_locale(tree, url)
        if found:
            raw.currency = found[0]
            raw.notes.append(f"currency {found[0]} assumed from {found[1]}")
    # The address the page was fetched from; for a saved file (file://) the page's own canonical URL.
    if url.lower().startswith(("http://", "https://")) or not raw.url:
        raw.url = url
    if not raw.url.lower().startswith(("http://", "https://")):
        canonical = _canonical(tree, "")
        if canonical.startswith(("http://", "https://")):
            raw.url = canonical
        else:
            # normalize() only takes http(s) addresses: normalize under a stand-in, then restore the file's.
            offer = normalize(raw.model_copy(update={"url": _STAND_IN}), currency_hint=currency_hint)
            return offer.model_copy(update={"url": raw.url}) if offer is not None else None
    return normalize(raw, currency_hint=currency_hint)


def extract_listing(html: str | bytes, url: str, *, currency_hint: str | None = None) -> list[Offer]:
    """Products listed on a search or category page (structured items, else the visible product cards)."""
    from shopper.extract.listing import read_listing

    return read_listing(html, url, currency_hint=currency_hint).offers


def merge_layers(
    tree: HtmlElement,
    url: str,
    data: Structured,
    pickers: list[RawVariant] | None = None,
    codes: dict[str, str] | None = None,
    form: list[RawVariant] | None = None,
) -> RawOffer | None:
    """The merged RawOffer of the main product (most specific layer first, field by field)."""
    og_title = data.opengraph.get("og:title")
    h1 = visible.title_of(tree)
    canonical = _canonical(tree, url)
    layers: list[RawOffer] = []
    for found in (jsonld.products(data.jsonld, url), microdata.products(data.microdata, url)):
        main = choose_main(found, canonical, h1, og_title)
        if main is not None:
            layers.append(main)
    og = opengraph.to_raw(data.opengraph, url)
    if og is not None and opengraph.is_product(data.opengraph):
        layers.append(og)
    seen = visible.extract(tree, url, og_title=og_title)
    if not layers and not _visible_product(seen):
        return None
    placeholder = [layer for layer in layers if _drop_zero_price(layer)]
    if placeholder:
        # The page's own data says it has no price: a number on the page is not its price.
        seen.price = seen.list_price = None
    merged = RawOffer(source=(layers[0] if layers else seen).source, notes=list(data.notes))
    for name in _FIELDS:
        setattr(merged, name, next((getattr(x, name) for x in layers if getattr(x, name)), None))
    merged.title = merged.title or seen.title
    for name, value in (codes or {}).items():
        if not getattr(merged, name):
            # The page's own words when the structured data has no such code.
            setattr(merged, name, value)
            merged.notes.append(f"{name} {value} read from the page's text")
    merged.images = next((x.images for x in layers if x.images), [])
    merged.variants = next((x.variants for x in layers if x.variants), [])
    if form:
        # the add-to-cart form's own data: every size and colour with its stock
        merged.variants = variations.merge_form_variants(merged.variants, form)
        merged.notes.append(f"{len(form)} variation(s) read from the add-to-cart form")
    # the form lists every variation: when all of them are sold out, so is the product
    from_pickers = selector.apply_pickers(merged, pickers or []) or bool(form)
    _merge_price(merged, layers, seen)
    _merge_availability(merged, layers, seen)
    selector.settle_availability(merged, from_pickers)
    if merged.availability is None and merged.price:
        merged.availability = "InStock"
        merged.notes.append("availability InStock assumed: a price is shown and nothing says sold out")
    return merged


def choose_main(
    found: list[RawOffer], canonical: str, h1: str | None, og_title: str | None
) -> RawOffer | None:
    """The product the page is about: matching the canonical URL / h1 / og:title, and with offers."""
    if len(found) <= 1:
        return found[0] if found else None

    def score(raw: RawOffer) -> float:
        points = 0.0
        if raw.url and canonical_url(raw.url).rstrip("/") == canonical.rstrip("/"):
            points += 3
        title = _words(raw.title)
        for other, weight in ((h1, 2.0), (og_title, 1.0)):
            if (
                title
                and other
                and (title == _words(other) or title in _words(other) or _words(other) in title)
            ):
                points += weight
        points += 2 if raw.price else 0
        points += 1 if raw.availability else 0
        return points

    return max(found, key=score)


def _visible_product(seen: RawOffer) -> bool:
    # Without metadata, a page is a product when it shows a price or a stock verdict next to a title.
    return bool(seen.title and (seen.price or seen.availability))


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def _canonical(tree: HtmlElement, url: str) -> str:
    hrefs = tree.xpath('//link[translate(@rel,"CANONIL","canonil")="canonical"]/@href')
    return canonical_url(hrefs[0] if hrefs else url)


def _drop_zero_price(layer: RawOffer) -> bool:
    """Drop a zero / unreadable price, and the stock claim of that placeholder offer; True if dropped."""
    amount = parse_amount(layer.price) if layer.price else None
    if layer.price and (amount is None or amount == 0):
        layer.notes.append(f"{layer.source}: placeholder price {layer.price!r} and its availability ignored")
        layer.price = layer.availability = None
        return True
    return False


def _amount(text: str | None) -> Decimal | None:
    return parse_amount(text) if text else None


def _merge_price(merged: RawOffer, layers: list[RawOffer], seen: RawOffer) -> None:
    priced = [x for x in layers if x.price]
    if priced:
        amounts = [_amount(x.price) for x in priced]
        chosen = priced[0]
        if len(set(amounts)) > 1:
            # The metadata contradicts itself: the visible page decides between its values.
            shown = _amount(seen.price)
            agree = [x for x, a in zip(priced, amounts, strict=True) if shown is not None and a == shown]
            if agree:
                chosen = agree[0]
            merged.notes.append(
                f"layers disagree on the price ({', '.join(f'{x.source} {x.price}' for x in priced)}); "
                f"used {chosen.source}"
            )
        shown, struck = _amount(seen.price), _amount(seen.list_price)
        if shown is not None and struck is not None and _amount(chosen.price) == struck and shown < struck:
            merged.price, merged.list_price, merged.currency = seen.price, seen.list_price, seen.currency
            merged.currency = merged.currency or chosen.currency
            merged.source = "visible"
            merged.notes.append(
                f"{chosen.source} price {chosen.price} is the page's struck-through price; "
                f"used the shown {seen.price}"
            )
            return
        if _buy_box(merged, chosen, shown):
            return
        same = [x for x in priced if _amount(x.price) == _amount(chosen.price)]
        merged.price = chosen.price
        merged.source = chosen.source
        merged.currency = next((x.currency for x in same if _code(x.currency)), None)
        merged.currency = merged.currency or next((x.currency for x in layers if _code(x.currency)), None)
        merged.list_price = next((x.list_price for x in same if x.list_price), None)
        if not merged.currency and seen.currency:
            merged.currency = seen.currency
            merged.notes.extend(n for n in seen.notes if n.startswith("currency"))
        return
    if seen.price:
        merged.price, merged.list_price, merged.currency = seen.price, seen.list_price, seen.currency
        # normalize reads machine formats by source; this text is what the page shows.
        merged.source = "visible"
        if layers:
            merged.notes.append("price read from the visible page")
        merged.notes.extend(n for n in seen.notes if n.startswith("currency"))


def _buy_box(merged: RawOffer, chosen: RawOffer, shown: Decimal | None) -> bool:
    """Several unnamed offers (sellers) in the data: the one whose price the page shows by its buy button."""
    if shown is None or _amount(chosen.price) == shown or len(merged.variants) < 2:
        return False
    if any(v.options or v.title for v in merged.variants):
        return False  # named variants (sizes, packs): the page may show any one of them
    match = next((v for v in merged.variants if v.price and _amount(v.price) == shown), None)
    if match is None:
        return False
    merged.price, merged.currency = match.price, match.currency or chosen.currency
    merged.list_price = match.list_price
    merged.source = chosen.source
    merged.notes.append(
        f"{len(merged.variants)} offers on the page: used the one shown by the buy button ({match.price})"
    )
    return True


def _code(currency: str | None) -> str | None:
    return to_currency_code(currency) if currency else None


def _merge_availability(merged: RawOffer, layers: list[RawOffer], seen: RawOffer) -> None:
    meta = next((x for x in layers if normalize_availability(x.availability)), None)
    shown = seen.availability
    if meta is None:
        merged.availability = shown
        merged.notes.extend(n for n in seen.notes if n.startswith("availability"))
        return
    said = normalize_availability(meta.availability)
    merged.availability = meta.availability
    if shown == "OutOfStock" and said in BUYABLE and _strong(seen) and not _variant_explains(merged):
        merged.availability = "OutOfStock"
        why = next((n for n in seen.notes if n.startswith("availability")), "")
        merged.notes.append(f"page says sold out; metadata said {said} ({why})")


def _variant_explains(merged: RawOffer) -> bool:
    # Per-variant stock in the metadata with some sizes sold out and others not: a "sold out" on the
    # page is that size's label, not the product's.
    states = [normalize_availability(v.availability) for v in merged.variants]
    return any(s in BUYABLE for s in states) and any(s is not None and s not in BUYABLE for s in states)


def _strong(seen: RawOffer) -> bool:
    # A disabled button alone is weak evidence (variant pickers disable it until a size is chosen),
    # and a phrase far from the title may belong to another seller or widget.
    return "sold-out-near-product" in seen.tags
