"""The visible page (lxml): title, the price near the title / buy button, currency and stock phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from shopper.extract import stock
from shopper.extract.locale import currency_from_locale, symbol_currency
from shopper.models import RawOffer

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "title", "iframe", "select", "option"}
)
_BLOCK_TAGS = frozenset(
    {
        "div",
        "p",
        "br",
        "li",
        "ul",
        "ol",
        "td",
        "th",
        "tr",
        "table",
        "section",
        "h1",
        "h2",
        "h3",
        "h4",
        "dd",
        "dt",
    }
)
_CUR = (
    r"(?:US\$|C\$|A\$|NZ\$|R\$|HK\$|S\$|NT\$|CHF|EUR|USD|GBP|SEK|NOK|DKK|PLN|CZK|HUF|RON|INR|JPY|CAD|AUD|"
    r"[$€£¥₹₽₩₪₺฿₴₸₫]|zł|Kč|kr\.?|Ft|Lei|lei|Rs\.?|руб\.?|р\.|тг\.?|грн|TL|RM|Rp|S/|원|円|元)"
)
_NUM = r"(?:\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:[.,](?:-|–))?"
MONEY = re.compile(rf"(?P<c1>{_CUR})\s?(?P<n1>{_NUM})|(?P<n2>{_NUM})\s?(?P<c2>{_CUR})(?![A-Za-z])")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\D")
_BARE_NUM = re.compile(rf"^\s*{_NUM}\s*$")
_PRICEISH = re.compile(r"price|prijs|preis|prix|prezzo|precio|preco|cena|hinta|amount|cost", re.I)
_NOT_PRICE_ATTR = re.compile(
    r"unit|per-?kg|shipping|delivery|install|month|tax|filter|range|slider|instal|save|saving|discount|"
    r"percent|vat-?note|label|title|total|cart|bundle|coupon",
    re.I,
)
_STRUCK_ATTR = re.compile(
    r"old|was|compare|strike|before|crossed|original|rrp|uvp|msrp|list-?price|previous", re.I
)
_REGULAR_ATTR = re.compile(r"regular|standard", re.I)
_NOISE_ATTR = re.compile(
    r"recommend|related|similar|carousel|upsell|cross-?sell|also|sponsor|footer|header|\bnav|menu|"
    r"minicart|mini-cart|basket-flyout|breadcrumb|reviews?-list|accessor|bundle|compare-table|recently",
    re.I,
)
_UNIT_TEXT = re.compile(
    r"/\s?(kg|g|l|ml|m²|m2|m|st|stk|pc|pcs|unit|100\s?g|100\s?ml)\b|per\s+(kg|unit|litre|liter|100)|"
    r"\bpro\s+(kg|liter|stück)|/\s?(mo|month|mes|monat|mois)\b|\bx\s?\d|\d\s?x\b|shipping|delivery|versand|"
    r"livraison|verzend|frakt|save|spar|économ|you save|\d\s?%|excl|ex\.? vat|ohne mwst|zzgl|hors tax|\bHT\b|"
    r"brez ddv|bez dph|netto|without vat|sans tva",
    re.I,
)
_PRICE_LABEL = re.compile(r"^\s*(price|preis|prix|prezzo|precio|preço|prijs|pris|cena|hinta)\b", re.I)
_WAS_WORD = re.compile(
    r"\b(was|before|regular|reg\.|statt|uvp|rrp|msrp|avant|prima|era|antes|voor|tidligere|list|original)\b",
    re.I,
)
_NOW_WORD = re.compile(r"\b(now|nu|jetzt|maintenant|ora|ahora|nå|sale|only|nur|seulement)\b", re.I)


# How many tree steps from the title / buy button a sold-out phrase may be to overrule the metadata.
NEAR = 10
# Below this a candidate is too far from the product, or too unlike a price, to be the price.
MIN_SCORE = -5.0


@dataclass
class _Candidate:
    el: HtmlElement
    text: str
    money: str
    symbol: str | None
    struck: bool
    score: float


def title_of(tree: HtmlElement, og_title: str | None = None) -> str | None:
    """The product title: the first non-empty h1, else og:title, else <title>."""
    for h1 in tree.iter("h1"):
        value = _clean(h1.text_content())
        if value and len(value) < 400:
            return value
    if og_title:
        return og_title
    titles = tree.xpath("//title/text()")
    return _clean(titles[0]) if titles else None


def extract(tree: HtmlElement, base_url: str, *, og_title: str | None = None) -> RawOffer:
    """Price, list price, currency, availability and title as the visible page shows them."""
    raw = RawOffer(source="visible", url=base_url)
    raw.title = title_of(tree, og_title)
    body = tree.find("body")
    root = body if body is not None else tree
    order = {el: i for i, el in enumerate(root.iter())}
    anchors = [el for el in (stock.buy_button(root), _first_h1(root)) if el is not None]
    cands = _soften(_repeated(_candidates(root, anchors, order)))
    current = [c for c in cands if not c.struck and c.score > MIN_SCORE]
    if current:
        best = max(current, key=lambda c: c.score)
        raw.price, raw.list_price = _split_was_now(best.text, best.money)
        symbol = best.symbol
        struck = [c for c in cands if c.struck and _dom_distance(c.el, best.el) <= 8]
        if struck and not raw.list_price:
            raw.list_price = struck[0].money
        if not struck and not raw.list_price and (pair := _unmarked_pair(best, current)):
            # Two prices side by side, neither marked: the lower is what it costs now.
            raw.price, raw.list_price = pair
            raw.notes.append(f"two prices shown ({pair[0]}, {pair[1]}): the lower is the price")
        if symbol:
            code = symbol_currency(symbol, tree, base_url)
            if code:
                raw.currency = code[0]
                raw.notes.append(f"currency {code[0]} from {code[1]}")
    if raw.price and not raw.currency:
        found = currency_from_locale(tree, base_url)
        if found:
            raw.currency = found[0]
            raw.notes.append(f"currency {found[0]} assumed from {found[1]}")
    availability, note, dist = stock.availability(root, anchors)
    raw.availability = availability
    if note:
        raw.notes.append(note)
    if availability == "OutOfStock" and dist <= NEAR:
        raw.tags.append("sold-out-near-product")
    return raw


def _first_h1(root: HtmlElement) -> HtmlElement | None:
    for h1 in root.iter("h1"):
        if _clean(h1.text_content()):
            return h1
    return None


def _clean(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def _attrs(el: HtmlElement) -> str:
    return " ".join(
        v for k, v in el.attrib.items() if k in ("class", "id", "itemprop") or k.startswith("data-")
    )


def _hidden(el: HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None or el.get("aria-hidden") == "true"


def own_text(el: HtmlElement, *, unstruck: bool = False) -> str:
    """The element's text without script/style contents; inline pieces glued ('$87' '.11' -> '$87.11').

    With unstruck, struck-through descendants (<del>, <s>, class=old-price...) are left out.
    """
    parts: list[str] = []

    def visit(node: HtmlElement) -> None:
        if unstruck and node is not el and _struck(node):
            return
        block = node.tag in _BLOCK_TAGS
        if block:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
                visit(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" ")

    visit(el)
    return _clean("".join(parts))


def _struck(el: HtmlElement) -> bool:
    return el.tag in ("del", "s", "strike") or bool(_STRUCK_ATTR.search(_attrs(el)))


def _seeds(root: HtmlElement) -> list[HtmlElement]:
    """Elements that may hold a price: price-ish attributes, or text with a digit (and two parents up)."""
    seen: set[HtmlElement] = set()
    out: list[HtmlElement] = []

    def add(el: HtmlElement | None, levels: int) -> None:
        while el is not None and levels >= 0:
            if el not in seen:
                seen.add(el)
                out.append(el)
            el = el.getparent()
            levels -= 1

    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        if _PRICEISH.search(_attrs(el)):
            add(el, 0)
        if el.text and _DIGIT.search(el.text):
            add(el, 2)
        if el.tail and _DIGIT.search(el.tail):
            add(el.getparent(), 2)
    return out


def _candidates(
    root: HtmlElement, anchors: list[HtmlElement], order: dict[HtmlElement, int]
) -> list[_Candidate]:
    out: list[_Candidate] = []
    # Order is measured from the title when there is one (the buy button may sit anywhere).
    first = order.get(anchors[-1], 0) if anchors else 0
    keep = stock.title_ancestors(root)
    noisy: dict[HtmlElement, bool] = {}
    for el in root.iter():
        parent = el.getparent()
        noisy[el] = noisy.get(parent, False) if parent is not None else False
        if (
            not noisy[el]
            and isinstance(el.tag, str)
            and id(el) not in keep
            and _NOISE_ATTR.search(_attrs(el))
        ):
            noisy[el] = True
    for el in _seeds(root):
        attrs = _attrs(el)
        priceish = bool(_PRICEISH.search(attrs))
        rough = el.text_content()
        if len(rough) > 400 or not (priceish or MONEY.search(rough)):
            continue
        full = own_text(el)
        if not full or len(full) > 80:
            continue
        text = own_text(el, unstruck=True) if MONEY.search(full) else full
        match = MONEY.search(text)
        data_value = _data_price(el) if priceish else None
        if priceish and not data_value and _BARE_NUM.match(text) and len(_DIGITS.sub("", text)) >= 2:
            data_value = text  # a bare amount in a price element; the currency comes from elsewhere
        if not match and not data_value:
            continue
        ancestry = [el, *el.iterancestors()]
        if any(a.tag in _SKIP_TAGS for a in ancestry):
            continue
        near = ancestry[:4]
        struck = any(a.tag in ("del", "s", "strike") for a in near) or any(
            _STRUCK_ATTR.search(_attrs(a)) for a in near
        )
        score = 0.0
        score += 3 if priceish else 0
        score += 2 if match else 0
        score -= 4 if _NOT_PRICE_ATTR.search(attrs) else 0
        score -= 3 if _UNIT_TEXT.search(text) else 0
        score -= 6 if noisy.get(el) else 0
        score -= 2 if any(_hidden(a) for a in near) and "offscreen" not in attrs else 0
        score -= 1 if any(_REGULAR_ATTR.search(_attrs(a)) for a in near) else 0
        score += 1 if _PRICEISH.search(el.get("id") or "") else 0
        score += 1 if _PRICE_LABEL.search(text) else 0
        if anchors:
            score -= min(min(_dom_distance(el, a) for a in anchors), 30) * 0.35
            delta = order.get(el, 0) - first
            # Prices follow the title; what comes before it is header, menu or breadcrumbs.
            score -= min(delta if delta >= 0 else -3 * delta, 3000) / 300
        money = match.group(0) if match else (data_value or "")
        symbol = (match.group("c1") or match.group("c2")) if match else None
        out.append(_Candidate(el, text, money.strip(), symbol, struck, score))
    return out


def _repeated(cands: list[_Candidate]) -> list[_Candidate]:
    """Lower prices that are one of a row of look-alikes (quantity tiers, option lists, product tiles)."""
    groups: dict[tuple[str, str], set[str]] = {}
    for c in cands:
        groups.setdefault((c.el.tag, c.el.get("class") or ""), set()).add(c.money)
    for c in cands:
        if len(groups[(c.el.tag, c.el.get("class") or "")]) >= 3:
            c.score -= 1.5
    return cands


def _soften(cands: list[_Candidate]) -> list[_Candidate]:
    """A class-named 'old' price with no plausible current price beside it is the price itself."""
    for c in cands:
        if (
            not c.struck
            or c.el.tag in ("del", "s", "strike")
            or any(a.tag in ("del", "s", "strike") for a in c.el.iterancestors())
        ):
            continue
        rivals = [
            d
            for d in cands
            if not d.struck
            and d.money != c.money
            and d.score >= c.score - 1.5
            and not _UNIT_TEXT.search(d.text)
            and _dom_distance(c.el, d.el) <= 6
        ]
        if not rivals:
            c.struck = False
    return cands


# How close (tree steps) an unmarked second price must sit to be the first one's other half.
PAIR_DISTANCE = 3


def _unmarked_pair(best: _Candidate, current: list[_Candidate]) -> tuple[str, str] | None:
    """(lower, higher) when exactly one other unmarked price sits right beside the chosen one."""
    from shopper.normalize import parse_amount

    rivals = {
        c.money: c
        for c in current
        if c.money != best.money
        and c.score >= best.score - 1.5
        and not _UNIT_TEXT.search(c.text)
        and _dom_distance(c.el, best.el) <= PAIR_DISTANCE
    }
    if len(rivals) != 1:
        return None
    other = next(iter(rivals.values()))
    a, b = parse_amount(best.money), parse_amount(other.money)
    if a is None or b is None or a == b:
        return None
    return (best.money, other.money) if a < b else (other.money, best.money)


def _data_price(el: HtmlElement) -> str | None:
    for key in ("data-price-amount", "data-price", "content", "data-value", "value"):
        value = el.get(key)
        if value and _BARE_NUM.match(value) and any(ch != "0" for ch in value if ch.isdigit()):
            return value.strip()
    return None


def _split_was_now(text: str, money: str) -> tuple[str, str | None]:
    """'Was $30 Now $20' -> ('$20', '$30'); a single amount -> (amount, None)."""
    found = list(MONEY.finditer(text))
    if len(found) < 2:
        return money, None
    was = now = None
    for m in found:
        before = text[max(0, m.start() - 14) : m.start()]
        if _WAS_WORD.search(before) and was is None:
            was = m.group(0)
        elif _NOW_WORD.search(before) and now is None:
            now = m.group(0)
    if was and not now:
        now = next(m.group(0) for m in found if m.group(0) != was)
    if now:
        return now.strip(), (was.strip() if was else None)
    return money, None


def _dom_distance(a: HtmlElement, b: HtmlElement) -> int:
    """Tree steps from a to b through their lowest common ancestor."""
    up_a = [a, *a.iterancestors()]
    depth = {id(el): i for i, el in enumerate(up_a)}
    for j, el in enumerate([b, *b.iterancestors()]):
        if id(el) in depth:
            return depth[id(el)] + j
    return 99


def is_element(node: object) -> bool:
    """True for real elements (not comments or processing instructions)."""
    return isinstance(node, etree.ElementBase) and isinstance(node.tag, str)
