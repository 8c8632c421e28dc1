"""Small readers over selectolax's lexbor tree: visible text, attributes, locale markers, hidden nodes."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from shopper.extract.locale import Signals

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "iframe"})
_HIDDEN_CLASS = re.compile(
    r"(^|\s)(hidden|hide|d-none|is-hidden|visually-hidden|sr-only|screen-reader-text|a-offscreen|"
    r"display-none|invisible)(\s|$)",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"\s+")


def parse(html: str) -> LexborHTMLParser:
    """The page's lexbor tree (HTML5 parsing rules; never raises on broken markup)."""
    return LexborHTMLParser(html)


def attr(node: LexborNode, name: str) -> str:
    """An attribute's value, '' when absent or valueless."""
    return node.attributes.get(name) or ""


def attrs_text(node: LexborNode) -> str:
    """class, id, itemprop and data-* names joined: what the markup calls this element."""
    parts = [attr(node, "class"), attr(node, "id"), attr(node, "itemprop")]
    parts.extend(k for k in node.attributes if k.startswith("data-"))
    return " ".join(p for p in parts if p)


def hidden(node: LexborNode) -> bool:
    """Hidden by the hidden attribute, aria-hidden, an inline style or a usual hiding class."""
    got = node.attributes
    if "hidden" in got or got.get("aria-hidden") == "true" or got.get("type") == "hidden":
        return True
    return bool(_HIDDEN_CLASS.search(got.get("class") or "") or _HIDDEN_STYLE.search(got.get("style") or ""))


def clean(text: str | None) -> str:
    """Whitespace collapsed and trimmed."""
    return _SPACE.sub(" ", text or "").strip()


def text_of(node: LexborNode) -> str:
    """All text under the node (hidden parts included), whitespace collapsed."""
    return clean(node.text(deep=True, separator=" ", strip=False))


def visible_text(node: LexborNode, *, limit: int = 2000) -> str:
    """The text a reader sees under the node: hidden elements, scripts and styles left out."""
    out: list[str] = []
    size = 0
    stack = [node.child]
    while stack and size < limit:
        cur = stack.pop()
        while cur is not None and size < limit:
            tag = cur.tag
            if tag == "-text":
                piece = cur.text_content or ""
                out.append(piece)
                size += len(piece)
            elif (
                tag
                and not tag.startswith("-")
                and tag not in SKIP_TAGS
                and not hidden(cur)
                and cur.child is not None
            ):
                stack.append(cur.next)
                cur = cur.child
                continue
            cur = cur.next
    return clean(" ".join(out))


def locale_signals(tree: LexborHTMLParser) -> Signals:
    """(value, signal) of the page's locale markers: html lang, og:locale, content-language."""
    out: Signals = []
    root = tree.root
    if root is not None and (lang := attr(root, "lang") or attr(root, "xml:lang")):
        out.append((lang, "html lang"))
    for meta in tree.css("meta[property='og:locale']"):
        if value := attr(meta, "content"):
            out.append((value, "og:locale"))
    for meta in tree.css("meta[http-equiv]"):
        if attr(meta, "http-equiv").lower() == "content-language" and (value := attr(meta, "content")):
            out.append((value, "content-language"))
    return out
