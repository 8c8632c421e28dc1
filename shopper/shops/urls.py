"""Small URL helpers shared by adapters and detection."""

from __future__ import annotations

from urllib.parse import quote_plus, urljoin, urlsplit


def join(base: str, path: str) -> str:
    """`path` resolved against the shop's root URL (keeps a sub-path shop root)."""
    root = base if base.endswith("/") else base + "/"
    return urljoin(root, path.lstrip("/"))


def query_template(template: str) -> str:
    """An OpenSearch template ({searchTerms}, optional {startPage?}) as shopper's {query} template."""
    url = template.replace("{searchTerms}", "{query}")
    for optional in ("{startPage?}", "{startIndex?}", "{count?}", "{language?}", "{inputEncoding?}"):
        url = url.replace(optional, "")
    return url.replace("{startPage}", "1").replace("{startIndex}", "0").replace("{count}", "24")


def fill_template(template: str, terms: str) -> str:
    """A search URL template ({query} or OpenSearch {searchTerms}) filled with URL-encoded terms."""
    return query_template(template).replace("{query}", quote_plus(terms))


def host(url: str) -> str:
    """The host (netloc) of a URL, lower-cased."""
    return urlsplit(url).netloc.lower()
