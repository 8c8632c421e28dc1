"""Small URL helpers shared by adapters and detection."""

from __future__ import annotations

from urllib.parse import quote_plus, urljoin, urlsplit


def join(base: str, path: str) -> str:
    """`path` resolved against the shop's root URL (keeps a sub-path shop root)."""
    root = base if base.endswith("/") else base + "/"
    return urljoin(root, path.lstrip("/"))


def fill_template(template: str, terms: str) -> str:
    """A search URL template ({query} or OpenSearch {searchTerms}) filled with URL-encoded terms."""
    encoded = quote_plus(terms)
    url = template.replace("{query}", encoded).replace("{searchTerms}", encoded)
    # Optional OpenSearch parameters we don't use get their defaults.
    for optional in ("{startPage?}", "{startIndex?}", "{count?}", "{language?}", "{inputEncoding?}"):
        url = url.replace(optional, "")
    return url.replace("{startPage}", "1").replace("{startIndex}", "0").replace("{count}", "24")


def host(url: str) -> str:
    """The host (netloc) of a URL, lower-cased."""
    return urlsplit(url).netloc.lower()
