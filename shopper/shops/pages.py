"""Reading the navigational parts of shop pages: next-page links, search forms, OpenSearch, sitemaps."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree, html

if TYPE_CHECKING:
    from shopper.shops.fetch import Fetcher

_SEARCH_NAMES = frozenset(
    [
        "q",
        "s",
        "search",
        "query",
        "keywords",
        "keyword",
        "term",
        "k",
        "text",
        "ssearch",
        "searchterm",
        "zoekterm",
        "suche",
        "sok",
        "søk",
        "sök",
        "recherche",
        "w",
        "qs",
        "phrase",
        "search_query",
        "filter_name",
    ]
)
# Words that mark a search in a form's action path or a field's placeholder, label, id or class.
_SEARCH_WORDS = re.compile(
    r"search|zoek|such|recherch|s[oø]k|sök|cerca|busca|pesquis|szuk|hled|find|query", re.IGNORECASE
)
_PRODUCT_SITEMAP = re.compile(r"product|produkt|produit|artikel|item", re.IGNORECASE)
_TEXT_TYPES = frozenset(("", "text", "search"))
# Points for what makes a form the shop's product search rather than a newsletter or login form.
ROLE_SEARCH_POINTS = 5
TYPE_SEARCH_POINTS = 4
ACTION_WORD_POINTS = 3
KNOWN_NAME_POINTS = 2
HINT_WORD_POINTS = 2
PRIVATE_FIELD_PENALTY = 10  # a password or e-mail field: a login or newsletter form

_NEXT_WORDS = frozenset(
    (
        "next",
        "next page",
        "nächste",
        "nächste seite",
        "weiter",
        "volgende",
        "volgende pagina",
        "suivant",
        "page suivante",
        "neste",
        "neste side",
        "nästa",
        "nästa sida",
        "næste",
        "næste side",
        "siguiente",
        "successivo",
        "avanti",
        "seguinte",
        "następna",
        "›",
        "»",
        ">",
        "→",
        "›› ",
        "»»",
        ">>",
    )
)
_PAGE_PARAMS = ("page", "p", "pg", "paged", "pagina", "seite", "side", "sida")
_PAGE_IN_PATH = re.compile(r"/page/(\d+)/?")


def _tree(text: str) -> html.HtmlElement | None:
    try:
        return html.fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError):
        return None


def current_page(url: str) -> int:
    """The page number a listing URL asks for (?page=N, ?p=N, /page/N/), 1 when it names none."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            return max(1, int(value))
    found = _PAGE_IN_PATH.search(parts.path)
    return int(found.group(1)) if found else 1


def with_page(url: str, key: str, number: int) -> str:
    """`url` with its query parameter `key` set to `number`."""
    parts = urlsplit(url)
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != key]
    pairs.append((key, str(number)))
    return urlunsplit(parts._replace(query=urlencode(pairs)))


def _link_text(a: html.HtmlElement) -> str:
    words = " ".join(a.text_content().split()).strip().lower()
    return words or (a.get("aria-label") or a.get("title") or "").strip().lower()


def next_page_url(text: str, base_url: str) -> str | None:
    """The next page of a listing: rel=next, a "next" link in several languages, or a pager's page inputs."""
    tree = _tree(text)
    if tree is None:
        return None
    for href in tree.xpath(
        '//link[@rel="next"]/@href | //a[contains(concat(" ", normalize-space(@rel), " "), " next ")]/@href'
    ):
        if str(href).strip():
            return urljoin(base_url, str(href).strip())
    here = current_page(base_url)
    for a in tree.xpath("//a[@href]"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        classes = f" {(a.get('class') or '').lower()} "
        label = (a.get("aria-label") or a.get("title") or "").strip().lower()
        if _link_text(a) in _NEXT_WORDS or label in _NEXT_WORDS or " next " in classes:
            target = urljoin(base_url, href)
            if target != base_url and current_page(target) != here:
                return target
    # Pagers built of inputs (the page number set by script): name p/page, value = the next page.
    for el in tree.xpath("//input[@name][@value]"):
        name = (el.get("name") or "").lower()
        if name in _PAGE_PARAMS and (el.get("value") or "").strip() == str(here + 1):
            return with_page(base_url, el.get("name") or name, here + 1)
    return None


def opensearch_href(text: str, base_url: str) -> str | None:
    """The OpenSearch description document a page links to."""
    tree = _tree(text)
    if tree is None:
        return None
    xpath = '//link[contains(@rel, "search")][contains(@type, "opensearchdescription")]/@href'
    for href in tree.xpath(xpath):
        return urljoin(base_url, str(href).strip())
    return None


def opensearch_template(xml_text: str | bytes, base_url: str) -> str | None:
    """The text/html URL template of an OpenSearch description ({searchTerms} kept)."""
    try:
        root = etree.fromstring(
            xml_text.encode() if isinstance(xml_text, str) else xml_text,
            parser=etree.XMLParser(resolve_entities=False, no_network=True),
        )
    except etree.XMLSyntaxError:
        return None
    templates = []
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == "Url" and el.get("template"):
            templates.append((el.get("type") or "", el.get("template") or ""))
    for kind, template in templates:
        if kind.startswith("text/html") and "{searchTerms}" in template:
            return urljoin(base_url, template)
    return None


def _hints(el: html.HtmlElement) -> str:
    return " ".join(el.get(a) or "" for a in ("placeholder", "aria-label", "title", "id", "class"))


def _score_form(form: html.HtmlElement, target: html.HtmlElement, action: str) -> int:
    score = 0
    if form.xpath('ancestor-or-self::*[@role="search"]'):
        score += ROLE_SEARCH_POINTS
    if (target.get("type") or "").lower() == "search":
        score += TYPE_SEARCH_POINTS
    if _SEARCH_WORDS.search(urlsplit(action).path + " " + urlsplit(action).query):
        score += ACTION_WORD_POINTS
    if (target.get("name") or "").lower() in _SEARCH_NAMES:
        score += KNOWN_NAME_POINTS
    if _SEARCH_WORDS.search(_hints(target) + " " + _hints(form)):
        score += HINT_WORD_POINTS
    if form.xpath('.//input[@type="password" or @type="email"]'):
        score -= PRIVATE_FIELD_PENALTY
    return score


def _target_input(inputs: list[html.HtmlElement]) -> html.HtmlElement:
    for test in (
        lambda i: (i.get("type") or "").lower() == "search",
        lambda i: (i.get("name") or "").lower() in _SEARCH_NAMES,
        lambda i: bool(_SEARCH_WORDS.search(_hints(i))),
    ):
        for el in inputs:
            if test(el):
                return el
    return inputs[0]


def search_forms(text: str, base_url: str) -> list[str]:
    """Every GET form with a text field, as URL templates ({query} for the field), most search-like first."""
    tree = _tree(text)
    if tree is None:
        return []
    ranked: list[tuple[int, int, str]] = []
    for order, form in enumerate(tree.xpath("//form")):
        if (form.get("method") or "get").strip().lower() != "get":
            continue
        inputs = [
            i for i in form.xpath(".//input[@name]") if (i.get("type") or "").strip().lower() in _TEXT_TYPES
        ]
        if not inputs:
            continue
        target = _target_input(inputs)
        # A browser submitting a GET form replaces the action's query string with the form's fields.
        action = urljoin(base_url, (form.get("action") or "").strip() or base_url)
        # Fields go in document order, as a browser sends them: hidden ones with their values, the text
        # field as {query}.
        fields = []
        for el in form.xpath(".//input[@name]"):
            if el is target:
                fields.append(f"{quote(el.get('name') or '', safe='')}={{query}}")
            elif (el.get("type") or "").strip().lower() == "hidden":
                fields.append(urlencode([(el.get("name") or "", el.get("value") or "")]))
        template = urlunsplit(urlsplit(action)._replace(query="&".join(fields), fragment=""))
        ranked.append((-_score_form(form, target, action), order, template))
    return [t for _, _, t in sorted(ranked)]


def search_form_template(text: str, base_url: str) -> str | None:
    """The most search-like GET form's URL as a template with {query} in place of its text input."""
    forms = search_forms(text, base_url)
    return forms[0] if forms else None


def robots_sitemaps(robots_text: str) -> list[str]:
    """The Sitemap: lines of a robots.txt."""
    found = []
    for line in robots_text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(value.strip())
    return found


def parse_sitemap(xml_text: bytes | str) -> tuple[list[str], list[str]]:
    """(page urls, child sitemap urls) of a sitemap or sitemap index."""
    data = xml_text.encode() if isinstance(xml_text, str) else xml_text
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return [], []
    pages: list[str] = []
    children: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag.rsplit("}", 1)[-1] != "loc" or not el.text:
            continue
        parent = el.getparent()
        kind = parent.tag.rsplit("}", 1)[-1] if parent is not None and isinstance(parent.tag, str) else ""
        (children if kind == "sitemap" else pages).append(el.text.strip())
    return pages, children


async def sitemap_urls(fetcher: Fetcher, url: str, *, limit: int = 5_000, depth: int = 2) -> list[str]:
    """Page URLs from a sitemap, following indexes a couple of levels deep (product sitemaps first)."""
    page = await fetcher.get(url, quiet_404=True)
    if page is None:
        return []
    pages, children = parse_sitemap(page.content)
    # An index often splits products from posts and pages; when it names product sitemaps, only those count.
    products = [c for c in children if _PRODUCT_SITEMAP.search(urlsplit(c).path)]
    for child in products or children:
        if len(pages) >= limit or depth <= 0:
            break
        pages.extend(await sitemap_urls(fetcher, child, limit=limit - len(pages), depth=depth - 1))
    return pages[:limit]


async def shop_sitemap_urls(fetcher: Fetcher, root_url: str, *, limit: int = 5_000) -> list[str]:
    """Product page URLs from the sitemaps robots.txt names, else from /sitemap.xml."""
    from shopper.shops.urls import join

    robots = await fetcher.get(join(root_url, "/robots.txt"), quiet_404=True)
    listed = robots_sitemaps(robots.text) if robots is not None else []
    found: list[str] = []
    for sitemap in listed or [join(root_url, "/sitemap.xml")]:
        if len(found) >= limit:
            break
        found.extend(await sitemap_urls(fetcher, sitemap, limit=limit - len(found)))
    return found[:limit]


MIN_CARDS = 2  # fewer repeated links than this is not a list of products
_SKIP_LINK = re.compile(r"add-to-cart|add_to_cart|/cart|/checkout|/login|/account|wishlist|compare", re.I)


def _signature(el: html.HtmlElement) -> tuple[str, str]:
    # Cards of one list share a tag and their first class; later ones vary per card (post-12, instock).
    classes = [c for c in (el.get("class") or "").split() if not any(ch.isdigit() for ch in c)]
    return (str(el.tag), classes[0] if classes else "")


def _card_of(link: html.HtmlElement) -> html.HtmlElement | None:
    """The nearest ancestor that has at least two siblings of its own shape (a card among cards)."""
    el = link
    while el is not None and el.tag not in ("body", "html"):
        parent = el.getparent()
        if parent is None:
            return None
        shape = _signature(el)
        same = sum(1 for sib in parent if isinstance(sib.tag, str) and _signature(sib) == shape)
        if same >= MIN_CARDS + 1:
            return el
        el = parent
    return None


def product_links(text: str, base_url: str) -> list[str]:
    """The links of a results page's repeated cards, one per card (navigation, header and footer left out)."""
    tree = _tree(text)
    if tree is None:
        return []
    host = urlsplit(base_url).netloc
    groups: dict[int, tuple[list[html.HtmlElement], list[str]]] = {}
    for a in tree.xpath("//body//a[@href][not(ancestor::nav or ancestor::header or ancestor::footer)]"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")) or a.get("rel") == "nofollow":
            continue
        target = urljoin(base_url, href)
        if urlsplit(target).netloc != host or _SKIP_LINK.search(target) or target.split("#")[0] == base_url:
            continue
        card = _card_of(a)
        if card is None:
            continue
        parent = card.getparent()
        key = id(parent)
        cards, links = groups.setdefault(key, ([], []))
        if card not in cards:
            cards.append(card)
            links.append(target.split("#")[0])
    best: list[str] = []
    for _cards, links in groups.values():
        unique = list(dict.fromkeys(links))
        if len(unique) >= MIN_CARDS and len(unique) > len(best):
            best = unique
    return best or _lone_card_links(tree, base_url)


def _lone_card_links(tree: html.HtmlElement, base_url: str) -> list[str]:
    # A results page with a single card has no repetition to find; its card still links the product
    # twice, once around the picture and once on the title (every platform's card does).
    host = urlsplit(base_url).netloc
    counts: dict[str, int] = {}
    pictured: set[str] = set()
    for a in tree.xpath("//body//a[@href][not(ancestor::nav or ancestor::header or ancestor::footer)]"):
        target = urljoin(base_url, (a.get("href") or "").strip()).split("#")[0]
        if urlsplit(target).netloc != host or target == base_url or _SKIP_LINK.search(target):
            continue
        counts[target] = counts.get(target, 0) + 1
        if a.xpath(".//img"):
            pictured.add(target)
    return [url for url, n in counts.items() if n >= 2 and url in pictured]
