"""HTTP and HTML building blocks shared by the demo shop flavors."""

from __future__ import annotations

import hashlib
import html
import json
import re
import struct
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from shopper.demo.shopdata import Catalogue, ShopProduct, money_text, plain


@dataclass
class Response:
    """What a flavor answers to one request."""

    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Shop:
    """Everything a renderer needs to know about the shop it is rendering."""

    name: str
    base_url: str
    currency: str
    lang: str
    catalogue: Catalogue
    shipping: Decimal | None = None  # flat shipping cost the shop states, None: not stated
    free_shipping_over: Decimal | None = None

    def shipping_for(self, price: Decimal) -> Decimal | None:
        """What shipping costs for an order of `price` (0 over the free-shipping threshold)."""
        if self.shipping is None:
            return None
        free = self.free_shipping_over is not None and price >= self.free_shipping_over
        return Decimal(0) if free else self.shipping

    def abs(self, path: str) -> str:
        """An absolute URL on this shop."""
        if path.startswith(("http://", "https://")):
            return path
        if path.startswith("//"):
            return "http:" + path
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def image(self, p: ShopProduct) -> str:
        """The product's first image as an absolute URL (a placeholder when it has none)."""
        return self.abs(p.images[0]) if p.images else self.abs(f"/img/{p.slug}.png")


@dataclass(frozen=True)
class Request:
    """A parsed GET request."""

    path: str
    params: dict[str, str]

    def int_param(self, name: str, default: int) -> int | None:
        """An integer parameter; None when present but not an integer."""
        raw = self.params.get(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError:
            return None


# --- responses ------------------------------------------------------------------------------


def html_response(text: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A UTF-8 HTML response."""
    return Response(status, text.encode("utf-8"), "text/html; charset=utf-8", dict(headers or {}))


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A UTF-8 JSON response."""
    return Response(
        status, dumps(obj).encode("utf-8"), "application/json; charset=utf-8", dict(headers or {})
    )


def text_response(text: str, status: int = 200) -> Response:
    """A plain-text response."""
    return Response(status, text.encode("utf-8"), "text/plain; charset=utf-8")


def xml_response(text: str, content_type: str = "application/xml; charset=utf-8") -> Response:
    """An XML response."""
    return Response(200, text.encode("utf-8"), content_type)


def redirect(location: str, status: int = 302) -> Response:
    """A redirect."""
    return Response(status, b"", "text/html; charset=utf-8", {"Location": location})


# --- JSON -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A Decimal to be written as a bare JSON number (json cannot do that without floats)."""

    value: Decimal


def _default(o: object) -> object:
    if isinstance(o, Num):
        return f"\0num:{o.value}\0"
    if isinstance(o, Decimal):
        return str(o)
    raise TypeError(f"not JSON serializable: {type(o).__name__}")


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON text; Num values become bare numbers."""
    text = json.dumps(obj, ensure_ascii=False, default=_default, indent=indent)
    return re.sub(r'"\\u0000num:(-?[0-9.]+)\\u0000"', r"\1", text)


def jsonld(obj: Any) -> str:
    """A JSON-LD script element; <, > and & are escaped so no text can close the script."""
    text = dumps(obj, indent=1).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


# --- HTML -----------------------------------------------------------------------------------

esc = html.escape

UI: dict[str, dict[str, str]] = {
    "en": {
        "search": "Search",
        "in_stock": "In stock",
        "sold_out": "Sold out",
        "add": "Add to cart",
        "next": "Next",
        "prev": "Previous",
        "results": "results for",
        "was": "Regular price",
        "none": "No products found",
        "Size": "Size",
        "Color": "Color",
        "home": "Home",
        "all": "All products",
    },
    "de": {
        "search": "Suche",
        "in_stock": "Vorrätig",
        "sold_out": "Ausverkauft",
        "add": "In den Warenkorb",
        "next": "Weiter",
        "prev": "Zurück",
        "results": "Ergebnisse für",
        "was": "UVP",
        "none": "Keine Produkte gefunden",
        "Size": "Größe",
        "Color": "Farbe",
        "home": "Startseite",
        "all": "Alle Produkte",
    },
    "nl": {
        "search": "Zoeken",
        "in_stock": "Op voorraad",
        "sold_out": "Uitverkocht",
        "add": "In winkelwagen",
        "next": "Volgende",
        "prev": "Vorige",
        "results": "resultaten voor",
        "was": "Adviesprijs",
        "none": "Geen producten gevonden",
        "Size": "Maat",
        "Color": "Kleur",
        "home": "Home",
        "all": "Alle producten",
    },
    "nb": {
        "search": "Søk",
        "in_stock": "På lager",
        "sold_out": "Utsolgt",
        "add": "Legg i handlekurv",
        "next": "Neste",
        "prev": "Forrige",
        "results": "treff for",
        "was": "Veil. pris",
        "none": "Ingen produkter funnet",
        "Size": "Størrelse",
        "Color": "Farge",
        "home": "Hjem",
        "all": "Alle produkter",
    },
}


def ui(shop: Shop, key: str) -> str:
    """A UI string in the shop's language (option names fall back to themselves)."""
    return UI.get(shop.lang, UI["en"]).get(key, key)


def page(
    shop: Shop,
    *,
    title: str,
    body: str,
    url: str,
    image: str | None = None,
    description: str = "",
    og_type: str = "website",
    head: str = "",
) -> str:
    """A complete, well-formed HTML document with charset, lang, canonical and OpenGraph tags."""
    img = image or shop.abs("/img/logo.png")
    desc = f'<meta name="description" content="{esc(description)}" />\n' if description else ""
    og_desc = f'<meta property="og:description" content="{esc(description)}" />\n' if description else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(shop.lang)}">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{esc(title)} – {esc(shop.name)}</title>\n{desc}"
        f'<link rel="canonical" href="{esc(url)}" />\n'
        f'<meta property="og:site_name" content="{esc(shop.name)}" />\n'
        f'<meta property="og:title" content="{esc(title)}" />\n'
        f'<meta property="og:type" content="{esc(og_type)}" />\n'
        f'<meta property="og:url" content="{esc(url)}" />\n'
        f'<meta property="og:image" content="{esc(img)}" />\n{og_desc}{head}'
        "</head>\n<body>\n"
        f'<header class="site-header"><a class="logo" href="{esc(shop.abs("/"))}">{esc(shop.name)}</a>'
        f"</header>\n"
        f'<main id="main">\n{body}\n</main>\n'
        f'<footer class="site-footer"><p>© {esc(shop.name)}</p></footer>\n'
        "</body>\n</html>\n"
    )


def product_document(
    shop: Shop, p: ShopProduct, *, body: str, url: str, image: str | None = None, head: str = ""
) -> str:
    """A product detail page: the page shell with the product's title, image and description as OpenGraph."""
    return page(
        shop,
        title=p.title,
        body=body,
        url=url,
        image=image or shop.image(p),
        description=p.description[:160],
        og_type="product",
        head=head,
    )


def paragraphs(text: str) -> str:
    """Plain text as escaped <p> paragraphs."""
    parts = [t.strip() for t in text.split("\n") if t.strip()]
    return "".join(f"<p>{esc(t)}</p>" for t in parts)


def with_query(path: str, **params: object) -> str:
    """A path with a query string (parameters set to None are left out)."""
    qs = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{path}?{qs}" if qs else path


# --- shipping -------------------------------------------------------------------------------

_SHIPPING_TEXT = {
    "en": ("Shipping {cost}", ", free over {over}"),
    "de": ("Versand {cost}", ", versandkostenfrei ab {over}"),
    "nl": ("Verzendkosten {cost}", ", gratis verzending vanaf {over}"),
    "nb": ("Frakt {cost}", ", fri frakt over {over}"),
}
_COUNTRY = {"en": "IE", "de": "DE", "nl": "NL", "nb": "NO"}


def shipping_text(shop: Shop) -> str:
    """The shop's shipping terms as its pages print them ("Shipping €4.95, free over €75.00"), or ""."""
    if shop.shipping is None:
        return ""
    cost, over = _SHIPPING_TEXT.get(shop.lang, _SHIPPING_TEXT["en"])
    text = cost.format(cost=money_text(shop.shipping, shop.currency, shop.lang))
    if shop.free_shipping_over is not None:
        text += over.format(over=money_text(shop.free_shipping_over, shop.currency, shop.lang))
    return text


def shipping_html(shop: Shop) -> str:
    """A visible shipping line for product pages."""
    text = shipping_text(shop)
    return f'<p class="shipping-note">{esc(text)}</p>' if text else ""


def shipping_details(shop: Shop, price: Decimal) -> dict[str, Any] | None:
    """schema.org OfferShippingDetails for an offer at `price` (rate 0 above the free-shipping threshold)."""
    rate = shop.shipping_for(price)
    if rate is None:
        return None
    details: dict[str, Any] = {
        "@type": "OfferShippingDetails",
        "shippingRate": {"@type": "MonetaryAmount", "value": plain(rate), "currency": shop.currency},
        "shippingDestination": {"@type": "DefinedRegion", "addressCountry": _COUNTRY.get(shop.lang, "DE")},
    }
    if shop.free_shipping_over is not None:
        details["description"] = shipping_text(shop)
    return details


def shipping_microdata(shop: Shop, price: Decimal) -> str:
    """OfferShippingDetails as microdata inside an Offer."""
    rate = shop.shipping_for(price)
    if rate is None:
        return ""
    schema = "https://schema.org/"
    return (
        f'<div itemprop="shippingDetails" itemscope="itemscope" itemtype="{schema}OfferShippingDetails">'
        f'<div itemprop="shippingRate" itemscope="itemscope" itemtype="{schema}MonetaryAmount">'
        f'<meta itemprop="value" content="{plain(rate)}" />'
        f'<meta itemprop="currency" content="{esc(shop.currency)}" />'
        f"</div></div>"
    )


# --- site files -----------------------------------------------------------------------------


def robots(disallow: list[str], sitemap: str, allow: tuple[str, ...] = ()) -> str:
    """A robots.txt body."""
    lines = ["User-agent: *", *(f"Disallow: {d}" for d in disallow), *(f"Allow: {a}" for a in allow)]
    return "\n".join([*lines, "", f"Sitemap: {sitemap}", ""])


def urlset(urls: list[str]) -> str:
    """A sitemap <urlset>."""
    items = "".join(f"<url><loc>{esc(u)}</loc></url>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}</urlset>\n'
    )


def sitemap_index(urls: list[str]) -> str:
    """A <sitemapindex>."""
    items = "".join(f"<sitemap><loc>{esc(u)}</loc></sitemap>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}</sitemapindex>\n'
    )


# --- placeholder images ---------------------------------------------------------------------

COLOURS: dict[str, tuple[int, int, int]] = {
    "black": (20, 20, 22),
    "white": (245, 245, 245),
    "grey": (128, 128, 128),
    "gray": (128, 128, 128),
    "silver": (192, 192, 196),
    "red": (200, 30, 40),
    "blue": (30, 70, 190),
    "navy": (20, 30, 80),
    "green": (40, 140, 60),
    "olive": (110, 110, 50),
    "yellow": (240, 200, 30),
    "orange": (240, 120, 20),
    "pink": (240, 130, 170),
    "purple": (110, 50, 150),
    "brown": (120, 80, 40),
    "beige": (220, 200, 160),
    "indigo": (50, 60, 120),
    "stonewash": (110, 140, 180),
    "rinse": (30, 40, 70),
    "khaki": (170, 160, 110),
}


def png(name: str) -> bytes:
    """A small solid PNG whose colour is the first colour word in the name (else a stable hash colour)."""
    low = name.lower()
    hits = sorted((low.find(w), c) for w, c in COLOURS.items() if w in low)
    rgb = hits[0][1] if hits else None
    if rgb is None:
        h = hashlib.sha256(name.encode()).digest()
        rgb = (h[0], h[1], h[2])
    w = h_ = 32
    row = b"\x00" + bytes(rgb) * w
    raw = zlib.compress(row * h_)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", w, h_, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
