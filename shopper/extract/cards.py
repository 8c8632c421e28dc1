"""Listing pages read the way a person reads them: repeated product cards with a link and a price.

The mechanism is shape, not platform: a card is one of many elements that sit at the same place in
the page (the same chain of tags from the root), each holding a link and a price-like text. The set
of cards is the place with the most distinct product links.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from shopper.extract import stock
from shopper.extract.lexbor import attr, attrs_text, clean, hidden, text_of, visible_text
from shopper.extract.locale import Signals, symbol_currency
from shopper.extract.visible import MONEY
from shopper.normalize import parse_price_parts, to_currency_code

# A price text longer than this is a sentence or a block, not a price.
MAX_PRICE_TEXT = 60
# How far up from a text with a digit a price element may be (the "$" often sits in a sibling span).
PRICE_CLIMB = 3
# How far up from a price a card may be.
CARD_CLIMB = 24
# A card set needs at least this many distinct product links.
MIN_CARDS = 2

_DIGIT = re.compile(r"\d")
_PRICE_ATTR = re.compile(r"price|prijs|preis|prix|precio|prezzo|pris|amount", re.I)
_BARE_NUMBER = re.compile(r"^\W{0,3}\d{1,3}(?:[.,'\u00a0\u202f ]?\d{3})*(?:[.,]\d{1,2})?(?:[.,]-)?\W{0,3}$")
# A saving, an instalment or a count: an amount on the card that is not what the product costs.
_NOT_PRICE_LABEL = re.compile(
    r"\b(?:save|saving|you save|spar\w*|du sparst|korting|rabatt|économisez|besparing|bespaar|sku|art\.?-?nr|"
    r"ean|id|per month|/mo|monthly|mtl|mnd|monatlich|par mois|ab|from|vanaf|à partir de|fra|från)\b",
    re.I,
)
_STRUCK_TAGS = frozenset({"del", "s", "strike"})
_STRUCK_ATTR = re.compile(
    r"old|was|strike|crossed|cross|compare|before|rrp|uvp|msrp|previous|original|instead|statt|"
    r"list-?price|a-text-price",
    re.I,
)
_OLD_LABEL = re.compile(
    r"(?:\bwas\b|\bstatt\b|\bvoorheen\b|\bvan\b|\bfør\b|\bførpris\b|\bavant\b|\bunser alter preis\b|"
    r"\balter preis\b|\buvp\b|\brrp\b|\bmsrp\b|\blist(?: price)?\b|\btidligere\b|\bvorher\b|"
    r"\bordinarie\b|\bnormalpris\b|\badviesprijs\b|\bprix barré\b|\bregular price\b|\bbefore\b)"
    r"\W{0,4}$",
    re.I,
)
_UNIT_AFTER = re.compile(r"^\s*(?:/|per\b|pro\b|je\b|par\b|\)\s*/)", re.I)
_NOT_A_LINK = re.compile(r"^(?:#|javascript:|mailto:|tel:|data:)", re.I)
_UTILITY_HREF = re.compile(
    r"cart|basket|signin|sign-in|/auth/|wishlist|wish-list|compare|login|account|checkout|review|share|facebook\.|twitter\.|"
    r"pinterest\.|whatsapp|add-?to|addto|warenkorb|winkelwagen|merkzettel|verlanglijst",
    re.I,
)
_GENERIC_TEXT = re.compile(
    r"^\W*(?:details?|detailseite|zur detailseite|more|mehr|view|bekijk|voir|ansehen|read more|"
    r"more info|info|zum produkt|to product|shop now|buy|kaufen|kopen|acheter|kjøp|köp|køb|"
    r"add to cart|in den warenkorb|in winkelwagen|ajouter au panier|quick ?view|select options|"
    r"see options|meer info|mehr erfahren|weiterlesen|\d+(?:[.,]\d+)? ?(?:out of|von|van|sur) ?\d.*)\W*$",
    re.I,
)
_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-lazy", "data-srcset", "srcset", "src")
_PLACEHOLDER_IMG = re.compile(r"^data:|spacer|blank\.|placeholder|pixel\.|loader|loading\.gif", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Price:
    """One price-like text inside a card."""

    amount: Decimal
    symbol: str | None
    text: str
    struck: bool
    unit: bool


@dataclass
class Card:
    """What one product card shows."""

    url: str
    title: str | None = None
    price: Price | None = None
    list_price: Price | None = None
    availability: str | None = None
    image: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class CardSet:
    """The cards of a page, the links they point to and what was seen while reading them."""

    cards: list[Card] = field(default_factory=list)
    seen: int = 0
    notes: list[str] = field(default_factory=list)


def _ancestors(node: LexborNode, stop: int) -> list[LexborNode]:
    out: list[LexborNode] = []
    cur = node.parent
    while cur is not None and len(out) < stop and cur.tag not in ("body", "html", "-document"):
        out.append(cur)
        cur = cur.parent
    return out


def _path(node: LexborNode, cache: dict[int, str]) -> str:
    """The chain of tags from the root to the node: cards of one list share it."""
    key = node.mem_id
    if key in cache:
        return cache[key]
    parent = node.parent
    own = node.tag or ""
    result = own if parent is None else f"{_path(parent, cache)}>{own}"
    cache[key] = result
    return result


def _price_of(text: str) -> tuple[Decimal, str | None] | None:
    if not _DIGIT.search(text) or len(text) > MAX_PRICE_TEXT:
        return None
    # Read the money itself when the text has more ("1 set 44.95 CHF"): a count is not the price.
    if m := MONEY.search(text):
        text = m.group(0)
    amount, symbol = parse_price_parts(text)
    if amount is None or amount <= 0:
        return None
    return amount, symbol


def find_prices(tree: LexborHTMLParser) -> list[LexborNode]:
    """The smallest elements whose text is a price (a number with a currency, or a number in a price slot)."""
    body = tree.body
    if body is None:
        return []
    found: dict[int, LexborNode] = {}
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        raw = node.text_content or ""
        if not _DIGIT.search(raw):
            continue
        cur = node.parent
        for _ in range(PRICE_CLIMB):
            if cur is None or cur.tag in ("body", "script", "style", "noscript", "template"):
                break
            text = text_of(cur)
            if len(text) > MAX_PRICE_TEXT:
                break
            if MONEY.search(text) or (_PRICE_ATTR.search(attrs_text(cur)) and _BARE_NUMBER.match(text)):
                found.setdefault(cur.mem_id, cur)
                break
            cur = cur.parent
    # Keep the innermost: an element whose price child was already taken adds nothing.
    outer = {a.mem_id for n in found.values() for a in _ancestors(n, PRICE_CLIMB)}
    return [node for node in found.values() if node.mem_id not in outer]


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


class LinkReader:
    """The links of a page's elements, each anchor resolved and judged once."""

    def __init__(self, base: str) -> None:
        self.base = base
        # A card of this shop links to this shop; a saved file (no web address) cannot tell.
        self.home = _host(base) if base.lower().startswith(("http://", "https://")) else None
        self._url: dict[int, str | None] = {}
        self._text: dict[int, int] = {}

    def _resolve(self, a: LexborNode) -> str | None:
        href = attr(a, "href").strip()
        if not href or _NOT_A_LINK.match(href):
            return None
        url = urljoin(self.base, href)
        if not url.lower().startswith(("http://", "https://")) or _UTILITY_HREF.search(urlsplit(url).path):
            return None
        if self.home and _host(url) != self.home:
            return None  # an ad or another site
        return url.split("#")[0]

    def links(self, member: LexborNode) -> list[tuple[str, LexborNode]]:
        """The member's links that could lead to a product page of this shop."""
        out = []
        for a in member.css("a[href]"):
            key = a.mem_id
            if key not in self._url:
                self._url[key] = self._resolve(a)
            if (url := self._url[key]) is not None:
                out.append((url, a))
        return out

    def main(self, links: list[tuple[str, LexborNode]]) -> str | None:
        """The link the card is about: the one its image and title both use, else the one with most text."""
        if not links:
            return None
        counts = Counter(url for url, _ in links)
        text = dict.fromkeys(counts, 0)
        for url, a in links:
            if a.mem_id not in self._text:
                self._text[a.mem_id] = len(visible_text(a, limit=300))
            text[url] = max(text[url], self._text[a.mem_id])
        order = {url: i for i, url in enumerate(counts)}
        return max(counts, key=lambda url: (counts[url], text[url], -order[url]))


def locate_cards(
    tree: LexborHTMLParser, base: str
) -> tuple[list[LexborNode], dict[int, list[LexborNode]], LinkReader]:
    """The card elements (document order) and the price elements inside each card."""
    prices = find_prices(tree)
    paths: dict[int, str] = {}
    members: dict[str, dict[int, LexborNode]] = defaultdict(dict)
    priced: dict[int, list[LexborNode]] = defaultdict(list)
    for price in prices:
        for level in [price, *_ancestors(price, CARD_CLIMB)]:
            members[_path(level, paths)][level.mem_id] = level
            priced[level.mem_id].append(price)
    best: tuple[int, int, int] | None = None
    chosen: list[LexborNode] = []
    reader = LinkReader(base)
    for path, group in sorted(members.items(), key=lambda item: -len(item[1])):
        if len(group) < MIN_CARDS or (best is not None and len(group) < best[0]):
            continue  # too few members to hold more products than the best place so far
        nodes = list(group.values())
        urls = set()
        linked = []
        for node in nodes:
            if len(priced[node.mem_id]) > 2 * len(prices) // max(len(nodes), 1) + 6:
                continue  # holds many cards' prices: a row or the whole grid
            main = reader.main(reader.links(node))
            if main:
                urls.add(main)
                linked.append(node)
        # Most distinct products; then the closest to one card per product; then the outermost.
        score = (len(urls), -abs(len(linked) - len(urls)), -path.count(">"))
        if len(urls) >= MIN_CARDS and (best is None or score > best):
            best, chosen = score, linked
    return chosen, {n.mem_id: priced[n.mem_id] for n in chosen}, reader


def _struck(price: LexborNode, card: LexborNode) -> bool:
    cur: LexborNode | None = price
    while cur is not None and cur.mem_id != card.mem_id:
        if cur.tag in _STRUCK_TAGS or _STRUCK_ATTR.search(attrs_text(cur)):
            return True
        if attr(cur, "data-a-strike") == "true":
            return True
        cur = cur.parent
    return False


def _context(price: LexborNode, text: str) -> tuple[str, str]:
    """The words just before and after the price inside its parent (labels like 'statt', units like '/kg')."""
    parent = price.parent
    whole = text_of(parent) if parent is not None else text
    at = whole.find(text)
    if at < 0:
        return "", ""
    return whole[max(0, at - 30) : at], whole[at + len(text) : at + len(text) + 12]


def read_price(node: LexborNode, card: LexborNode) -> Price | None:
    """A card's price element read: amount, symbol, struck-through or labelled old, per-unit."""
    text = text_of(node)
    got = _price_of(text)
    if got is None:
        return None
    before, after = _context(node, text)
    money = MONEY.search(text)
    own_label = text[: money.start()] if money else ""
    # The label is what stands between the previous number and this price.
    label = re.split(r"\d", before)[-1] + " " + own_label
    if _NOT_PRICE_LABEL.search(label):
        return None
    struck = _struck(node, card) or bool(_OLD_LABEL.search(label.strip()))
    return Price(amount=got[0], symbol=got[1], text=text, struck=struck, unit=bool(_UNIT_AFTER.match(after)))


def choose_prices(prices: list[Price]) -> tuple[Price | None, Price | None, str | None]:
    """(price, list price, note): the current price is the one not struck through or labelled old."""
    usable = [p for p in prices if not p.unit]
    now = [p for p in usable if not p.struck]
    old = [p for p in usable if p.struck]
    if not now:
        return None, None, ("only a struck-through price is shown" if old else None)
    amounts = sorted({p.amount for p in now})
    if old:
        price = now[0]
        higher = [p for p in old if p.amount > price.amount]
        return price, (max(higher, key=lambda p: p.amount) if higher else None), None
    if len(amounts) == 2:
        # Two unmarked prices: the lower one is what it costs now, the other what it cost before.
        low = next(p for p in now if p.amount == amounts[0])
        high = next(p for p in now if p.amount == amounts[1])
        return low, high, f"two prices shown ({low.text} and {high.text}): the lower is the price"
    return now[0], None, None


def _title(card: LexborNode, url: str, links: list[tuple[str, LexborNode]]) -> str | None:
    mine = [a for u, a in links if u == url]
    for a in mine:
        # A heading inside the product link, or the link inside a heading: the card's name.
        heading = a.css_first(",".join(_HEADINGS))
        if heading is None and _in_heading(a, card):
            heading = a
        if heading is not None and _good_title(text := visible_text(heading, limit=400)):
            return text
    good = [t for t in (visible_text(a, limit=400) for a in mine) if _good_title(t)]
    if good:
        return max(good, key=len)
    for tag in _HEADINGS:
        for heading in card.css(tag):
            text = visible_text(heading, limit=400)
            if _good_title(text) and not _hidden_within(heading, card):
                return text
    for a in mine:
        for img in a.css("img[alt]"):
            if _good_title(alt := clean(attr(img, "alt"))):
                return alt
        if _good_title(title := clean(attr(a, "title"))):
            return title
    last = card.css_first("img[alt]")
    return (clean(attr(last, "alt")) or None) if last is not None else None


def _good_title(text: str) -> bool:
    # Not a label ("List:"), not a button ("Details"), not a price, not a rating.
    if len(text) < 3 or text.endswith(":") or _GENERIC_TEXT.match(text) or _BARE_NUMBER.match(text):
        return False
    money = MONEY.search(text)
    return money is None or len(money.group(0)) < len(text) / 2


def _hidden_within(node: LexborNode, card: LexborNode) -> bool:
    cur: LexborNode | None = node
    while cur is not None and cur.mem_id != card.mem_id:
        if hidden(cur):
            return True
        cur = cur.parent
    return False


def _in_heading(node: LexborNode, card: LexborNode) -> bool:
    cur = node.parent
    while cur is not None and cur.mem_id != card.mem_id:
        if cur.tag in _HEADINGS:
            return True
        cur = cur.parent
    return False


def _image(card: LexborNode, base: str) -> str | None:
    for img in card.css("img"):
        for name in _LAZY_ATTRS:
            value = attr(img, name).strip()
            if name.endswith("srcset") and value:
                value = value.split(",")[0].strip().split(" ")[0]
            if value and not _PLACEHOLDER_IMG.search(value):
                return urljoin(base, value)
    return None


def _availability(card: LexborNode) -> str | None:
    text = visible_text(card, limit=1500)
    found = stock._phrase(text)
    return found[0] if found else None


def read_cards(tree: LexborHTMLParser, base: str) -> CardSet:
    """Every product card on the page, read: link, title, price and old price, stock phrase, image."""
    nodes, prices, reader = locate_cards(tree, base)
    out = CardSet(seen=len(nodes))
    by_url: dict[str, Card] = {}
    for node in nodes:
        links = reader.links(node)
        url = reader.main(links)
        if url is None:
            continue
        read = [p for p in (read_price(el, node) for el in prices[node.mem_id]) if p is not None]
        price, list_price, note = choose_prices(read)
        card = Card(
            url=url,
            title=_title(node, url, links),
            price=price,
            list_price=list_price,
            availability=_availability(node),
            image=_image(node, base),
        )
        if note:
            card.notes.append(note)
        if url in by_url:
            # The same product twice (a hover copy of the card): fill what the first copy lacked.
            first = by_url[url]
            for name in ("title", "price", "list_price", "availability", "image"):
                if getattr(first, name) is None:
                    setattr(first, name, getattr(card, name))
            continue
        by_url[url] = card
        out.cards.append(card)
    out.seen = len(by_url)
    return out


def currency_of(price: Price, signals: Signals, url: str, hint: str | None) -> tuple[str | None, str | None]:
    """(ISO code, why) for a card price: its own symbol read with the page locale, else the hint."""
    if price.symbol:
        if hint and to_currency_code(price.symbol, hint=hint) == hint:
            return hint, f"the symbol {price.symbol} and the shop's currency"
        found = symbol_currency(price.symbol, signals, url)
        if found:
            return found
    return (hint, "the shop's currency") if hint else (None, None)
