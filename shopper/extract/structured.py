"""The metadata of a page: JSON-LD blocks (read from the text, depth-checked), microdata, OpenGraph."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

_JSONLD_XPATH = etree.XPath('//script[translate(@type, "JSONLDAPIC+", "jsonldapic+")="application/ld+json"]')
# JSON-LD blocks straight from the page text: no tree needed to find them.
_JSONLD_BLOCK = re.compile(
    r"<script\b[^>]*?\btype\s*=\s*[\"']?\s*application/ld\+json\s*[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S
)
_OG_XPATH = etree.XPath("//meta[@property or @name][@content]")
# Real JSON-LD nests a few levels deep; far deeper is hostile and would exhaust the recursion limit.
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKETS = re.compile(r"[\[\]{}]")
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


def json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep brackets nest in a JSON text (strings skipped); stops counting past `limit`."""
    depth = deepest = 0
    for bracket in _JSON_BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def load_jsonld(text: str) -> tuple[list[Any], str | None]:
    """The items of one JSON-LD block and a note when it needed repair or was refused."""
    body = _HTML_COMMENT.sub("", _CDATA.sub("", text.strip()))
    if not body:
        return [], None
    if json_depth(body) > MAX_JSON_DEPTH:
        return [], f"a JSON-LD block nested deeper than {MAX_JSON_DEPTH} levels was ignored"
    try:
        data = json.loads(body, strict=False)
    except ValueError:
        items = _tolerant_items(body)
        return items, ("recovered a malformed JSON-LD block" if items else None)
    return (data if isinstance(data, list) else [data]), None


def jsonld_texts(html: str) -> list[str]:
    """The bodies of the page's JSON-LD script blocks, found in the text."""
    return _JSONLD_BLOCK.findall(html)


def opengraph_of(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """OpenGraph and product: properties (first value of each), from meta property= or name= tags."""
    out: dict[str, str] = {}
    for meta in _OG_XPATH(tree):
        prop = (meta.get("property") or meta.get("name") or "").strip()
        value = (meta.get("content") or "").strip()
        if ":" in prop and value and prop not in out:
            out[prop] = value
    return out


def extract_structured(tree: lxml.html.HtmlElement, base_url: str, html: str | None = None) -> Structured:
    """JSON-LD blocks (from the page text when given), uniform microdata items and OpenGraph properties."""
    out = Structured()
    texts = jsonld_texts(html) if html is not None else [s.text_content() or "" for s in _JSONLD_XPATH(tree)]
    for text in texts:
        # One block at a time, so one broken block does not lose the others.
        items, note = load_jsonld(text)
        out.jsonld.extend(items)
        if note:
            out.notes.append(note)
    if tree.xpath("boolean(//*[@itemscope])"):
        out.microdata, note = microdata_items(tree, base_url)
        if note:
            out.notes.append(note)
    out.opengraph = opengraph_of(tree)
    return out


def microdata_items(tree: lxml.html.HtmlElement, base_url: str) -> tuple[list[dict[str, Any]], str | None]:
    """schema.org microdata items in the uniform (JSON-LD-like) form."""
    from extruct.uniform import _umicrodata_microformat
    from extruct.w3cmicrodata import MicrodataExtractor

    try:
        raw = MicrodataExtractor().extract_items(tree, base_url)
        return _umicrodata_microformat(raw, "http://schema.org"), None
    except RecursionError:
        return [], "microdata nested too deep to read"
    except Exception as exc:  # extruct raises on odd markup; the other layers still work
        return [], f"microdata extraction failed: {type(exc).__name__}"


def _tolerant_items(text: str) -> list[Any]:
    """Parse JSON that json and jstyleson reject: comments, trailing commas, blocks glued together."""
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
