"""Search and category pages -> Listing: the structured items, else the product cards a person sees."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from pydantic import BaseModel, Field
from selectolax.lexbor import LexborHTMLParser

from shopper.extract import cards as card_layer
from shopper.extract import jsonld, microdata, paging
from shopper.extract.lexbor import locale_signals, parse
from shopper.extract.locale import currency_from_locale
from shopper.models import Offer, RawOffer
from shopper.normalize import normalize


class Listing(BaseModel):
    """What a listing page offers: its products, the next page, and links to product pages."""

    offers: list[Offer] = Field(default_factory=list)
    next_url: str | None = None
    product_links: list[str] = Field(default_factory=list)  # product pages, even when cards were unreadable
    cards_seen: int = 0  # product cards (or structured items) on the page
    notes: list[str] = Field(default_factory=list)


def _structured(html: str, url: str) -> list[RawOffer]:
    """ItemList JSON-LD or microdata items: what the shop itself says it lists."""
    from shopper.extract.structured import extract_structured, parse_html

    tree = parse_html(html)
    if tree is None:
        return []
    data = extract_structured(tree, url)
    raws = jsonld.list_items(data.jsonld, url) or microdata.list_items(data.microdata, url)
    if not raws:
        found = jsonld.products(data.jsonld, url) + microdata.products(data.microdata, url)
        raws = found if len(found) > 1 else []
    return [raw for raw in raws if raw.url]


def _card_raw(card: card_layer.Card, signals: list[tuple[str, str]], url: str, hint: str | None) -> RawOffer:
    raw = RawOffer(source="listing", title=card.title, url=card.url, availability=card.availability)
    raw.notes.extend(card.notes)
    if card.price is not None:
        code, why = card_layer.currency_of(card.price, signals, url, hint)
        raw.price, raw.currency = str(card.price.amount), code
        if code and why and why != "the shop's currency" and not card.price.symbol:
            raw.notes.append(f"currency {code} assumed from {why}")
        if card.list_price is not None:
            raw.list_price = str(card.list_price.amount)
    if card.image:
        raw.images = [card.image]
    return raw


def _own_address(tree: LexborHTMLParser) -> str | None:
    for selector, name in (("link[rel='canonical']", "href"), ("meta[property='og:url']", "content")):
        node = tree.css_first(selector)
        value = (node.attributes.get(name) or "").strip() if node is not None else ""
        if value.lower().startswith(("http://", "https://")):
            return value
    hosts = Counter(
        urlsplit(href).hostname
        for a in tree.css("a[href^='http']")
        if (href := a.attributes.get("href") or "") and urlsplit(href).hostname
    )
    return f"https://{hosts.most_common(1)[0][0]}/" if hosts else None


def read_listing(
    html: str | bytes, url: str, *, currency_hint: str | None = None, encoding: str | None = None
) -> Listing:
    """The offers of a search or category page: structured items first, then the visible product cards."""
    from shopper.extract.page import decode

    text = decode(html, encoding)
    tree = parse(text)
    signals = locale_signals(tree)
    # A saved file has no web address: its own canonical address tells the shop's country.
    where = url if url.lower().startswith(("http://", "https://")) else (_own_address(tree) or url)
    hint = currency_hint
    if hint is None and (found := currency_from_locale(signals, where)):
        hint = found[0]
    listing = Listing()
    structured = _structured(text, url)
    read = card_layer.read_cards(tree, where)
    cards = [_card_raw(c, signals, where, hint) for c in read.cards]
    if len(structured) >= len(cards):
        primary, secondary, layer = structured, cards, "structured data"
    else:
        primary, secondary, layer = cards, structured, "product cards"
    by_url = {raw.url: raw for raw in secondary}
    seen: set[str] = set()
    unpriced = 0
    for raw in primary:
        other = by_url.get(raw.url)
        if other is not None:
            # The other layer fills what this one lacks (a price the items leave out, say).
            for name in ("title", "price", "currency", "list_price", "availability"):
                if not getattr(raw, name) and getattr(other, name):
                    setattr(raw, name, getattr(other, name))
            raw.images = raw.images or other.images
        offer = normalize(raw, currency_hint=hint)
        if offer is None or offer.url in seen:
            continue
        seen.add(offer.url)
        unpriced += offer.price is None
        listing.offers.append(offer)
    listing.cards_seen = max(len(structured), read.seen)
    listing.next_url = paging.next_url(tree, where)
    listing.product_links = paging.product_links(tree, where, [o.url for o in listing.offers])
    if listing.offers:
        listing.notes.append(f"{len(listing.offers)} offer(s) read from {layer}")
    if unpriced:
        listing.notes.append(f"{unpriced} of {len(listing.offers)} offer(s) show no readable price")
    if not listing.offers and not where.lower().startswith(("http://", "https://")):
        listing.notes.append("the page's web address is unknown, so its relative links cannot be followed")
    if not listing.offers and listing.product_links:
        listing.notes.append(
            f"no product cards could be read; the page links to {len(listing.product_links)} product page(s)"
        )
    return listing
