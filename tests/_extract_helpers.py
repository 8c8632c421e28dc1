"""Helpers shared by the extraction tests: run the structured layers on a page."""

from __future__ import annotations

from shopper.extract.structured import Structured, extract_structured, parse_html

BASE = "https://shop.example/p/1"


def structured_of(html: str, url: str = BASE) -> Structured:
    """The JSON-LD / microdata / OpenGraph layers' output for an HTML string."""
    tree = parse_html(html)
    assert tree is not None
    return extract_structured(tree, url, html)


def ld_page(*blocks: str) -> str:
    """A page holding the given JSON-LD script bodies."""
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return f"<html><head>{scripts}</head><body><h1>x</h1></body></html>"
