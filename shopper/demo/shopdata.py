"""What a demo shop sells: product dataclasses, a thread-safe catalogue, search matching, price text."""

from __future__ import annotations

import dataclasses
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class ShopVariant:
    """One buyable variant (a size, a colour, a waist/length) of a shop product."""

    id: int
    options: dict[str, str]
    price: Decimal
    regular_price: Decimal | None = None  # list price when on sale
    in_stock: bool = True
    sku: str = ""
    image: str | None = None  # path of this variant's own image (one per colour)


@dataclass
class ShopProduct:
    """A product as a shop sells it; `description` is plain text (renderers escape it)."""

    id: int
    slug: str
    title: str
    brand: str
    category: str
    description: str
    price: Decimal
    regular_price: Decimal | None = None
    in_stock: bool = True
    sku: str = ""
    gtin: str | None = None
    mpn: str | None = None
    images: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    options: list[tuple[str, list[str]]] = field(default_factory=list)
    variants: list[ShopVariant] = field(default_factory=list)
    rating: Decimal | None = None
    rating_count: int | None = None
    # How the demo draws each image path: (shape, English colour name, pattern).
    art: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def variants_of(p: ShopProduct) -> list[ShopVariant]:
    """The product's variants, or one default variant built from the product fields."""
    if p.variants:
        return p.variants
    return [ShopVariant(p.id * 100, {}, p.price, p.regular_price, p.in_stock, p.sku)]


def on_sale(price: Decimal, regular: Decimal | None) -> bool:
    """True when a list price is above the selling price."""
    return regular is not None and regular > price


def price_bounds(p: ShopProduct) -> tuple[Decimal, Decimal]:
    """Lowest and highest variant price."""
    prices = [v.price for v in variants_of(p)]
    return min(prices), max(prices)


def available(p: ShopProduct) -> bool:
    """Whether anything of the product can be bought."""
    return any(v.in_stock for v in variants_of(p)) if p.variants else p.in_stock


def lowest_offer(p: ShopProduct) -> ShopVariant:
    """The cheapest variant, preferring ones in stock."""
    vs = variants_of(p)
    return min(vs, key=lambda v: (not v.in_stock, v.price))


def variant_title(p: ShopProduct, v: ShopVariant) -> str:
    """Option values joined Shopify-style ("Black / 42"), empty for a default variant."""
    return " / ".join(v.options[name] for name, _ in p.options if name in v.options)


# --- search ---------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case and strip accents, as shop search collations do."""
    norm = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in norm if not unicodedata.combining(c)).replace("ø", "o").replace("æ", "ae")


def slugify(text: str) -> str:
    """A WordPress-style slug."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def words(text: str) -> list[str]:
    """Folded alphanumeric words."""
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]


# WordPress core's search stopwords (wp_get_search_stopwords).
_WP_STOPWORDS = frozenset(
    [
        "about",
        "an",
        "are",
        "as",
        "at",
        "be",
        "by",
        "com",
        "for",
        "from",
        "how",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "who",
        "will",
        "with",
        "www",
    ]
)


def wp_terms(q: str) -> tuple[list[str], list[str]]:
    """Split a WordPress search into (required, excluded) terms the way WP_Query::parse_search does."""
    required: list[str] = []
    excluded: list[str] = []
    for m in re.finditer(r'"[^"]*"?|[^\t ",+]+', q):
        term = m.group(0).strip('"').strip()
        neg = term.startswith("-")
        term = fold(term.lstrip("-")) if neg else fold(term)
        if not term or (len(term) == 1 and re.fullmatch(r"[a-z-]", term)) or term in _WP_STOPWORDS:
            continue
        (excluded if neg else required).append(term)
    return required, excluded


@dataclass(frozen=True)
class _Index:
    text: str  # folded title + brand + category + description
    wp_text: str  # folded title + content (WordPress searches title, excerpt, content)
    title: str
    prefix_words: frozenset[str]  # Shopify predictive search fields
    title_words: frozenset[str]


def _index(p: ShopProduct) -> _Index:
    tag_text = " ".join(p.tags)
    return _Index(
        text=" ".join(words(f"{p.title} {p.brand} {p.category} {p.description}")),
        wp_text=fold(f"{p.title} {p.description}"),
        title=fold(p.title),
        prefix_words=frozenset(words(f"{p.title} {p.brand} {p.category} {tag_text}")),
        title_words=frozenset(words(p.title)),
    )


def _prefix_hit(q: list[str], ws: frozenset[str]) -> bool:
    return all(any(w.startswith(t) for w in ws) for t in q)


class Catalogue:
    """The products one server sells; copy-on-write so readers never see a half-updated product."""

    def __init__(self, products: list[ShopProduct]) -> None:
        self._lock = threading.Lock()
        self._index = {p.id: _index(p) for p in products}
        self._set(list(products))

    def _set(self, products: list[ShopProduct]) -> None:
        by_variant: dict[int, tuple[ShopProduct, ShopVariant]] = {}
        art: dict[str, tuple[str, str, str]] = {}
        for p in products:
            art.update(p.art)
            for v in p.variants:
                by_variant[v.id] = (p, v)
        # One tuple swap is atomic, so a request sees either the old or the new state.
        self._state = (
            products,
            {p.slug: p for p in products},
            {p.id: p for p in products},
            by_variant,
            art,
        )

    def products(self) -> list[ShopProduct]:
        """All products in catalogue order."""
        return self._state[0]

    def by_slug(self, slug: str) -> ShopProduct | None:
        """The product with this slug / handle."""
        return self._state[1].get(slug)

    def by_id(self, pid: int) -> ShopProduct | None:
        """The product with this id."""
        return self._state[2].get(pid)

    def by_variant_id(self, vid: int) -> tuple[ShopProduct, ShopVariant] | None:
        """The product and variant for a variant id."""
        return self._state[3].get(vid)

    def art(self, path: str) -> tuple[str, str, str] | None:
        """How to draw the image at path: (shape, colour, pattern), or None when no product shows it."""
        return self._state[4].get(path)

    def _update(self, pid: int, change: dict[str, object], vchange: dict[str, object]) -> None:
        with self._lock:
            products = list(self._state[0])
            for i, p in enumerate(products):
                if p.id == pid:
                    vs = [dataclasses.replace(v, **vchange) for v in p.variants]  # type: ignore[arg-type]
                    products[i] = dataclasses.replace(p, variants=vs, **change)  # type: ignore[arg-type]
                    self._set(products)
                    return
        raise KeyError(f"no product with id {pid}")

    def set_price(self, pid: int, price: Decimal) -> None:
        """Set the price of a product and all its variants; a list price at or below it is dropped."""
        p = self.by_id(pid)
        if p is None:
            raise KeyError(f"no product with id {pid}")
        reg = p.regular_price if on_sale(price, p.regular_price) else None
        vchange: dict[str, object] = {"price": price}
        if not p.variants or all(not on_sale(price, v.regular_price) for v in p.variants):
            vchange["regular_price"] = None
        self._update(pid, {"price": price, "regular_price": reg}, vchange)

    def set_stock(self, pid: int, in_stock: bool) -> None:
        """Mark a product and all its variants in or out of stock."""
        self._update(pid, {"in_stock": in_stock}, {"in_stock": in_stock})

    def search(self, q: str, how: str) -> list[ShopProduct]:
        """Products matching q: how = "all" (all words in title/brand/category/description),
        "prefix" (Shopify: every word prefixes a word of title/vendor/type/tags), "wp" (WordPress)."""
        out: list[tuple[int, int, ShopProduct]] = []
        if how == "wp":
            req, exc = wp_terms(q)
            if not req and not exc:
                return []
        else:
            req, exc = words(q), []
            if not req:
                return []
        for pos, p in enumerate(self.products()):
            ix = self._index.get(p.id) or _index(p)
            if how == "wp":
                hit = all(t in ix.wp_text for t in req) and not any(t in ix.wp_text for t in exc)
                in_title = all(t in ix.title for t in req)
            elif how == "prefix":
                hit = _prefix_hit(req, ix.prefix_words)
                in_title = _prefix_hit(req, ix.title_words)
            else:
                hit = all(t in ix.text for t in req)
                in_title = all(t in ix.title for t in req)
            if hit:
                out.append((0 if in_title else 1, pos, p))
        # Shops rank title hits first; otherwise keep catalogue order so pages are stable.
        return [p for _, _, p in sorted(out, key=lambda t: (t[0], t[1]))]


# --- price text -----------------------------------------------------------------------------

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "NOK": "kr", "SEK": "kr", "DKK": "kr", "CHF": "CHF"}


def number_text(amount: Decimal, lang: str) -> str:
    """An amount formatted in the shop's locale: "1,299.00" (en) or "1.299,00" (de/nl/nb)."""
    text = f"{amount:,.2f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def money_text(amount: Decimal, currency: str, lang: str) -> str:
    """Visible price text the way shops in that locale print it."""
    num = number_text(amount, lang)
    sym = SYMBOLS.get(currency, currency)
    if currency in ("NOK", "SEK", "DKK"):
        if amount == amount.to_integral_value():
            num = num[:-3] + ",-"
        return f"{sym} {num}"
    if lang == "en":
        return f"{sym}{num}" if len(sym) == 1 else f"{sym} {num}"
    if lang == "nl":
        return f"{sym} {num}"
    return f"{num} {sym}"


def plain(amount: Decimal) -> str:
    """Dot-decimal text with two places ("1299.00"), as machine-readable fields carry it."""
    return f"{amount:.2f}"


def minor_units(amount: Decimal) -> int:
    """Integer cents."""
    return int((amount * 100).to_integral_value())
