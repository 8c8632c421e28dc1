"""Reading the navigational parts of shop pages: next-page links, search forms, OpenSearch, sitemaps."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode, urljoin

from lxml import etree, html

if TYPE_CHECKING:
    from shopper.shops.fetch import Fetcher

_SEARCH_NAMES = ("q", "s", "search", "query", "keywords", "term", "k", "zoekterm", "suche", "sok", "søk")


def _tree(text: str) -> html.HtmlElement | None:
    try:
        return html.fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError):
        return None


def next_page_url(text: str, base_url: str) -> str | None:
    """The rel=next link of a listing page, absolute; None on the last page."""
    tree = _tree(text)
    if tree is None:
        return None
    for href in tree.xpath(
        '//link[@rel="next"]/@href | //a[contains(concat(" ", @rel, " "), " next ")]/@href'
    ):
        if str(href).strip():
            return urljoin(base_url, str(href).strip())
    return None


def opensearch_href(text: str, base_url: str) -> str | None:
    """The OpenSearch description document a page links to."""
    tree = _tree(text)
    if tree is None:
        return None
    for href in tree.xpath('//link[@rel="search"][contains(@type, "opensearchdescription")]/@href'):
        return urljoin(base_url, str(href).strip())
    return None


def opensearch_template(xml_text: str | bytes, base_url: str) -> str | None:
    """The text/html URL template of an OpenSearch description ({searchTerms} kept)."""
    try:
        root = etree.fromstring(xml_text.encode() if isinstance(xml_text, str) else xml_text)
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


def search_form_template(text: str, base_url: str) -> str | None:
    """A GET search form's URL as a template with {query} in place of its text input."""
    tree = _tree(text)
    if tree is None:
        return None
    forms = tree.xpath('//form[@role="search"] | //form[.//input[@type="search"]] | //form')
    for form in forms:
        if (form.get("method") or "get").lower() != "get":
            continue
        inputs = form.xpath('.//input[not(@type) or @type="text" or @type="search"]')
        named = [i for i in inputs if i.get("name")]
        target = next((i for i in named if i.get("name", "").lower() in _SEARCH_NAMES), None)
        if target is None and form.get("role") == "search" and named:
            target = named[0]
        if target is None:
            continue
        params = []
        for hidden in form.xpath('.//input[@type="hidden"][@name]'):
            params.append((hidden.get("name"), hidden.get("value") or ""))
        action = urljoin(base_url, form.get("action") or base_url)
        query = urlencode(params)
        sep = "&" if "?" in action else "?"
        tail = f"{target.get('name')}={{query}}"
        return f"{action}{sep}{query + '&' if query else ''}{tail}"
    return None


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
    """Page URLs from a sitemap, following sitemap indexes a couple of levels deep."""
    page = await fetcher.get(url, quiet_404=True)
    if page is None:
        return []
    pages, children = parse_sitemap(page.content)
    for child in children:
        if len(pages) >= limit or depth <= 0:
            break
        pages.extend(await sitemap_urls(fetcher, child, limit=limit - len(pages), depth=depth - 1))
    return pages[:limit]
