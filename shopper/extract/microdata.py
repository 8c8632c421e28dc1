"""schema.org microdata: read from the tree (W3C microdata) and turned into RawOffers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from shopper.extract import jsonld
from shopper.models import RawOffer


def products(items: list[dict[str, Any]], base_url: str) -> list[RawOffer]:
    """The product(s) the page's microdata describes; a lone Offer item counts as one."""
    found = jsonld.products(items, base_url, source="microdata")
    if found:
        return found
    out: list[RawOffer] = []
    for node in jsonld.walk(items):
        if not jsonld.types(node) & {"Offer", "AggregateOffer"}:
            continue
        fields = jsonld.offer_fields(node)
        if not fields["price"]:
            continue
        item = jsonld.get(node, "itemOffered")
        name = jsonld.text(item) if item else fields["name"]
        out.append(
            RawOffer(
                source="microdata",
                title=name,
                price=fields["price"],
                currency=fields["currency"],
                list_price=fields["list_price"],
                availability=fields["availability"],
                sku=fields["sku"],
                gtin=fields["gtin"],
                url=urljoin(base_url, fields["url"]) if fields["url"] else None,
            )
        )
    return out


def list_items(items: list[dict[str, Any]], base_url: str) -> list[RawOffer]:
    """Products of a listing page: an ItemList, else every top-level Product item."""
    listed = jsonld.list_items(items, base_url, source="microdata")
    if listed:
        return listed
    return [
        jsonld.to_raw(node, base_url, source="microdata")
        for node in items
        if isinstance(node, dict) and jsonld.types(node) & jsonld.PRODUCT_TYPES
    ]


# --- reading microdata from the tree (W3C microdata, the uniform form extruct also produces) ----------

# Real items nest a few levels (Product > Offer > PriceSpecification); deeper is hostile.
MAX_ITEM_DEPTH = 24
_URL_ATTR = {"audio": "src", "embed": "src", "iframe": "src", "img": "src", "source": "src", "track": "src",
             "video": "src", "a": "href", "area": "href", "link": "href", "object": "data"}  # fmt: skip
_PLAIN_ATTR = {"meta": "content", "data": "value", "meter": "value", "time": "datetime"}


def read_items(tree: HtmlElement, base_url: str) -> list[dict[str, Any]]:
    """Every top-level microdata item, in document order, as JSON-LD-like dicts (@context, @type, props)."""
    seen: set[HtmlElement] = set()  # the elements themselves: lxml reuses ids of freed proxies
    out = []
    for node in tree.iter():
        if isinstance(node.tag, str) and node.get("itemscope") is not None and node not in seen:
            out.append(_uniform(_item(node, base_url, seen, 0), add_context=True))
    return out


def _scoped_props(node: HtmlElement) -> list[HtmlElement]:
    """The itemprop elements that belong to this item (not to an item nested inside it)."""
    found = []
    stack = list(reversed([c for c in node if isinstance(c.tag, str)]))
    while stack:
        el = stack.pop()
        if el.get("itemprop") is not None:
            found.append(el)
        if el.get("itemscope") is None:
            stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
    return found


def _item(node: HtmlElement, base_url: str, seen: set[HtmlElement], depth: int) -> dict[str, Any]:
    seen.add(node)
    item: dict[str, Any] = {}
    types = (node.get("itemtype") or "").split()
    if types:
        item["type"] = types[0] if len(types) == 1 else types
    props: dict[str, list[Any]] = {}
    elements = _scoped_props(node)
    for ref in (node.get("itemref") or "").split():
        target = node.getroottree().getroot().get_element_by_id(ref, None)
        if target is not None:
            elements.extend([target] if target.get("itemprop") is not None else _scoped_props(target))
    for el in elements:
        if el.get("itemscope") is not None:
            if el in seen or depth >= MAX_ITEM_DEPTH:
                continue
            value: Any = _item(el, base_url, seen, depth + 1)
        else:
            value = _value(el, base_url)
        for name in (el.get("itemprop") or "").split():
            props.setdefault(name, []).append(value)
    if props:
        item["properties"] = {k: v[0] if len(v) == 1 else v for k, v in props.items()}
    else:
        item["value"] = _text_of(node)
    return item


def _value(el: HtmlElement, base_url: str) -> str:
    tag = el.tag
    if tag in _PLAIN_ATTR:
        return el.get(_PLAIN_ATTR[tag]) or ""
    if tag in _URL_ATTR:
        return urljoin(base_url, (el.get(_URL_ATTR[tag]) or "").strip())
    if el.get("content"):
        return el.get("content") or ""  # not W3C, but schema.org's own examples use it
    return _text_of(el)


def _text_of(el: HtmlElement) -> str:
    parts = el.xpath("descendant-or-self::*[not(self::script or self::style)]/text()")
    return " ".join(" ".join(parts).split())


def _uniform(item: dict[str, Any], *, add_context: bool) -> dict[str, Any]:
    typ = item.get("type")
    if not typ:
        return item
    out: dict[str, Any] = {}
    context = "http://schema.org"
    if isinstance(typ, list):
        out["@type"] = typ
    else:
        parts = urlsplit(typ)
        if parts.netloc and parts.path.strip("/"):
            context = f"{parts.scheme}://{parts.netloc}"
            if parts.fragment:
                context, typ = urljoin(context, parts.path), parts.fragment.strip("/")
            else:
                typ = parts.path.strip("/")
        out["@type"] = typ
    if add_context:
        out["@context"] = context
    for name, value in item.get("properties", {}).items():
        if isinstance(value, list):
            out[name] = [_uniform(v, add_context=False) if isinstance(v, dict) else v for v in value]
        else:
            out[name] = _uniform(value, add_context=False) if isinstance(value, dict) else value
    if "value" in item:
        out["value"] = item["value"]
    return out
