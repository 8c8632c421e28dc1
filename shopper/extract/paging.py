"""A listing page's way on: the next page's address, and links that look like product pages."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from shopper.extract.lexbor import attr, attrs_text, visible_text

_NEXT_WORDS = re.compile(
    r"^\W*(?:next|next page|volgende|volgende pagina|weiter|nächste|nächste seite|vor|suivant|suivante|"
    r"page suivante|neste|neste side|nästa|nästa sida|næste|næste side|siguiente|successivo|seguinte|"
    r"następna|dalej|›|»|>|→)\W*$",
    re.I,
)
_NEXT_ATTR = re.compile(r"(^|[\s_-])(next|pagination-next|pager-next|nextpage|next-page)([\s_-]|$)", re.I)
_PAGE_PARAMS = ("page", "p", "pg", "pagina", "seite", "side", "sida")
_PAGE_PATH = re.compile(r"/(?:page|seite|pagina|side|sida)/(\d+)/?", re.I)
_SKIP_HREF = re.compile(r"^(?:#|javascript:|mailto:|tel:)", re.I)
_PRODUCT_PATH = re.compile(
    r"/(?:p|dp|product|products|produkt|produit|producto|prodotto|artikel|item|items|tuote|vare)/|"
    r"-p-\d+|[?&](?:product_id|productid|pid|products_id|id_product)=|/\d{4,}[/-]|-\d{5,}(?:\.html?)?$|"
    r"\.html?$",
    re.I,
)
_NOT_PRODUCT_PATH = re.compile(
    r"cart|basket|checkout|login|account|wishlist|compare|contact|about|impressum|privacy|terms|faq|"
    r"help|blog|news|agb|datenschutz|shipping|versand|search|catalogsearch|categor|kategorie|collections?/[^/]+/?$",
    re.I,
)


def _page_number(url: str) -> tuple[str, int] | None:
    parts = urlsplit(url)
    for name, value in parse_qsl(parts.query):
        if name.lower() in _PAGE_PARAMS and value.isdigit():
            return f"q:{name.lower()}", int(value)
    if m := _PAGE_PATH.search(parts.path):
        return "path", int(m.group(1))
    return None


def _same_site(a: str, b: str) -> bool:
    return (urlsplit(a).hostname or "").removeprefix("www.") == (urlsplit(b).hostname or "").removeprefix(
        "www."
    )


def next_url(tree: LexborHTMLParser, url: str) -> str | None:
    """The next results page: rel=next, a "next" link (several languages), else the following page number."""
    for node in tree.css("link[rel][href], a[rel][href]"):
        if "next" in attr(node, "rel").lower().split():
            href = attr(node, "href").strip()
            if href and not _SKIP_HREF.match(href):
                return urljoin(url, href)
    here = _page_number(url)
    current = here[1] if here else 1
    by_word: str | None = None
    by_number: str | None = None
    for a in tree.css("a[href]"):
        href = attr(a, "href").strip()
        if not href or _SKIP_HREF.match(href):
            continue
        target = urljoin(url, href)
        if target.split("#")[0] == url.split("#")[0] or not _same_site(target, url):
            continue
        label = visible_text(a, limit=60) or attr(a, "aria-label") or attr(a, "title")
        numbered = _page_number(target)
        says_next = (
            _NEXT_WORDS.match(label)
            or _NEXT_WORDS.match(attr(a, "aria-label"))
            or _NEXT_ATTR.search(attrs_text(a))
        )
        if by_word is None and says_next and (numbered is None or numbered[1] > current):
            by_word = target
        if by_number is None and numbered and numbered[1] == current + 1:
            by_number = target
    return by_word or by_number


def product_links(tree: LexborHTMLParser, url: str, known: list[str]) -> list[str]:
    """Links that look like product pages: the cards' links first, then same-site product-like addresses."""
    out = list(dict.fromkeys(known))
    seen = set(out)
    for a in tree.css("a[href]"):
        href = attr(a, "href").strip()
        if not href or _SKIP_HREF.match(href):
            continue
        target = urljoin(url, href).split("#")[0]
        if target in seen or not _same_site(target, url) or not target.startswith(("http://", "https://")):
            continue
        path = urlsplit(target)
        where = path.path + ("?" + path.query if path.query else "")
        if not _PRODUCT_PATH.search(where) or _NOT_PRODUCT_PATH.search(where):
            continue
        # A product link shows the product: a picture or a name of a few words.
        if a.css_first("img") is None and len(visible_text(a, limit=200)) < 8:
            continue
        seen.add(target)
        out.append(target)
    return out
