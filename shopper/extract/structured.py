"""Run extruct once per page: JSON-LD, microdata and OpenGraph from one parsed lxml tree."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

_JSONLD_XPATH = etree.XPath('//script[translate(@type, "JSONLDAPIC+", "jsonldapic+")="application/ld+json"]')
_HTML_COMMENT = re.compile(r"^\s*<!--|-->\s*$")
_CDATA = re.compile(r"^\s*(//\s*)?<!\[CDATA\[|(//\s*)?\]\]>\s*$")


@dataclass
class Structured:
    """What the metadata syntaxes of one page hold."""

    jsonld: list[Any] = field(default_factory=list)
    microdata: list[dict[str, Any]] = field(default_factory=list)
    opengraph: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """Parse an HTML string into an lxml tree (None for an empty or unparsable document)."""
    if not html or not html.strip():
        return None
    # lxml refuses str input that carries an XML encoding declaration.
    if html.lstrip().startswith("<?xml"):
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def extract_structured(tree: lxml.html.HtmlElement, base_url: str) -> Structured:
    """Extract JSON-LD blocks, uniform microdata items and flattened OpenGraph properties."""
    from extruct.jsonld import JsonLdExtractor
    from extruct.opengraph import OpenGraphExtractor
    from extruct.uniform import _umicrodata_microformat
    from extruct.w3cmicrodata import MicrodataExtractor

    out = Structured()
    jsonld = JsonLdExtractor()
    for script in _JSONLD_XPATH(tree):
        # One block at a time, so one broken block does not lose the others.
        try:
            items = jsonld.extract_items(script, base_url=base_url)
        except Exception:
            items = _tolerant_items(script.text_content() or "")
            if items:
                out.notes.append("recovered a malformed JSON-LD block")
        out.jsonld.extend(items)
    if tree.xpath("boolean(//*[@itemscope])"):
        try:
            raw = MicrodataExtractor().extract_items(tree, base_url)
            out.microdata = _umicrodata_microformat(raw, "http://schema.org")
        except Exception as exc:  # extruct raises on odd markup; the other layers still work
            out.notes.append(f"microdata extraction failed: {type(exc).__name__}")
    try:
        for block in OpenGraphExtractor().extract_items(tree, base_url=base_url):
            for prop, value in block["properties"]:
                if value and value.strip() and not out.opengraph.get(prop):
                    out.opengraph[prop] = value.strip()
    except Exception as exc:
        out.notes.append(f"opengraph extraction failed: {type(exc).__name__}")
    return out


def _tolerant_items(text: str) -> list[Any]:
    """Parse JSON that json and jstyleson reject: comments, trailing commas, blocks glued together."""
    text = _HTML_COMMENT.sub("", _CDATA.sub("", text.strip()))
    text = _strip_comments(text)
    text = re.sub(r",\s*([}\]])", r"\1", text)
    decoder = json.JSONDecoder(strict=False)
    items: list[Any] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,;":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except ValueError:
            break
        items.extend(value if isinstance(value, list) else [value])
    return [item for item in items if isinstance(item, dict)]


def _strip_comments(text: str) -> str:
    """Remove // and /* */ comments that sit outside JSON strings."""
    out: list[str] = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
